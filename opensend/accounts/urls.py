from django.urls import path

from opensend.accounts import one_login_views, sign_in_link_views, user_admin, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    # Families: a one-time link by email (accounts.sign_in_links).
    path("sign-in/email/", sign_in_link_views.sign_in_link_request, name="sign_in_link_request"),
    path("sign-in/email/sent/", sign_in_link_views.sign_in_link_sent, name="sign_in_link_sent"),
    path("sign-in/link/<str:token>/", sign_in_link_views.sign_in_link_use, name="sign_in_link_use"),
    # Families: GOV.UK One Login, when configured (accounts.one_login).
    path("sign-in/one-login/", one_login_views.one_login_start, name="one_login_start"),
    path("sign-in/one-login/done/", one_login_views.one_login_callback, name="one_login_callback"),
    path("security-code/set-up/", views.mfa_setup, name="mfa_setup"),
    path("security-code/", views.mfa_verify, name="mfa_verify"),
    path("security-code/recovery-code/", views.mfa_recovery, name="mfa_recovery"),
    path("confirm-password/", views.confirm_password, name="confirm_password"),
    path("security/", views.security, name="security"),
    path(
        "security/recovery-codes/new/",
        views.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("security/recovery-codes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("session/", views.session_status, name="session_status"),
    path("session/extend/", views.session_extend, name="session_extend"),
    path("session/ended/", views.session_ended, name="session_ended"),
    path("users/", user_admin.user_list, name="user_list"),
    path("users/invite/", user_admin.user_invite, name="user_invite"),
    path("users/<int:pk>/", user_admin.user_detail, name="user_detail"),
    path(
        "users/<int:pk>/invitation/resend/", user_admin.invitation_resend, name="invitation_resend"
    ),
    path(
        "users/<int:pk>/invitation/cancel/", user_admin.invitation_cancel, name="invitation_cancel"
    ),
    path("users/<int:pk>/roles/add/", user_admin.membership_add, name="membership_add"),
    path(
        "users/<int:pk>/roles/<int:membership_pk>/end/",
        user_admin.membership_end,
        name="membership_end",
    ),
    path("users/<int:pk>/deactivate/", user_admin.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", user_admin.user_reactivate, name="user_reactivate"),
    path(
        "users/<int:pk>/one-login/unlink/",
        user_admin.user_one_login_unlink,
        name="user_one_login_unlink",
    ),
    path("invitation/<str:token>/", user_admin.invitation_accept, name="invitation_accept"),
    path(
        "users/<int:pk>/second-factor/reset/",
        user_admin.user_second_factor_reset,
        name="user_second_factor_reset",
    ),
]

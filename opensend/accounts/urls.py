from django.urls import path

from opensend.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("security-code/set-up/", views.mfa_setup, name="mfa_setup"),
    path("security-code/", views.mfa_verify, name="mfa_verify"),
]

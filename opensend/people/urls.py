from django.urls import path

from opensend.people import family_views, views

# The child's page (`people:child_detail`) needs the journey apps: portal.child_page serves it,
# joined to these under the `people` namespace in opensend/urls.py.
app_name = "people"
urlpatterns = [
    path("children/", views.child_list, name="child_list"),
    path("children/new/", views.child_create, name="child_create"),
    path("children/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:child_id>/close/", views.child_close, name="child_close"),
    path("children/<int:child_id>/family/new/", views.family_member_add, name="family_member_add"),
    path("children/<int:child_id>/merge/", views.child_merge_start, name="child_merge_start"),
    path(
        "children/<int:child_id>/merge/<int:other_id>/",
        views.child_merge_compare,
        name="child_merge_compare",
    ),
    path("children/<int:child_id>/capacity/", family_views.child_capacity, name="child_capacity"),
    path(
        "corrections/<int:correction_id>/done/",
        family_views.correction_close,
        name="correction_close",
    ),
    path("merges/<int:merge_id>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:merge_id>/reverse/", views.merge_reverse, name="merge_reverse"),
    path("settings/", views.setting_list, name="setting_list"),
    path("settings/new/", views.setting_create, name="setting_create"),
    path("settings/<int:setting_id>/", views.setting_detail, name="setting_detail"),
    path("settings/<int:setting_id>/edit/", views.setting_edit, name="setting_edit"),
    path("settings/<int:setting_id>/about/", views.setting_public, name="setting_public"),
]

from django.urls import path

from opensend.people import api

urlpatterns = [
    path("children/", api.ChildListApi.as_view(), name="child-list"),
    path("children/<int:child_id>/", api.ChildDetailApi.as_view(), name="child-detail"),
    path(
        "children/<int:child_id>/family-members/",
        api.ChildFamilyApi.as_view(),
        name="child-family-members",
    ),
    path("settings/", api.SettingListApi.as_view(), name="setting-list"),
    path("settings/<int:setting_id>/", api.SettingDetailApi.as_view(), name="setting-detail"),
]

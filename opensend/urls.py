"""Top-level URLs: one include per app, the API under /api/v1/, schema and docs."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from opensend.core.api_docs import api_docs
from opensend.people.urls import urlpatterns as people_pages
from opensend.plans.urls import urlpatterns as plan_pages
from opensend.portal.child_page import child_urlpatterns as child_pages
from opensend.reviews.plan_pages import plan_urlpatterns as living_plan_pages

api_v1 = [
    path("", include("opensend.people.api_urls")),
    path("", include("opensend.disputes.api_urls")),
    path("", include("opensend.casework.api_urls")),
    path("", include("opensend.plans.api_urls")),
    path("", include("opensend.reviews.api_urls")),
]

urlpatterns = [
    path("", include("opensend.portal.urls")),
    path("", include("opensend.core.urls")),
    path("account/", include("opensend.accounts.urls")),
    path("audit/", include("opensend.portal.audit_urls")),
    path("disputes/", include("opensend.disputes.urls")),
    # The child's page needs every journey app, so portal serves it under people's name.
    path("people/", include((people_pages + child_pages, "people"))),
    path("casework/", include("opensend.casework.urls")),
    # One URL space for a plan: the plans app's pages and those that need reviews (journey order).
    path("plans/", include((plan_pages + living_plan_pages, "plans"))),
    path("reviews/", include("opensend.reviews.urls")),
    path("notify/", include("opensend.notify.urls")),
    path("messages/", include("opensend.messaging.urls")),
    path("feedback/", include("opensend.feedback.urls")),
    path("insights/", include("opensend.insights.urls")),
    path("improvement/", include("opensend.improvement.urls")),
    path("local-offer/", include("opensend.directory.urls")),
    path("openreferral/", include("opensend.directory.api_urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("django-admin/", admin.site.urls),
]

handler400 = "opensend.core.views.bad_request"
handler403 = "opensend.core.views.permission_denied"
handler404 = "opensend.core.views.page_not_found"
handler500 = "opensend.core.views.server_error"

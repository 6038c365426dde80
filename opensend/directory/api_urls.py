"""The Open Referral UK API under /openreferral/ (docs/local-offer.md). The profile's paths have
no trailing slash; the same paths with one also answer (left out of the OpenAPI document)."""

from typing import Any

from django.urls import path, re_path

from opensend.directory import api

app_name = "openreferral"


def _also_with_slash(route: str, view: Any, name: str) -> list[Any]:
    hidden: Any = type(f"{view.__name__}Slash", (view,), {"schema": None})
    return [path(route, view.as_view(), name=name), path(f"{route}/", hidden.as_view())]


urlpatterns = [
    path("", api.ApiDetails.as_view(), name="details"),
    *_also_with_slash("services", api.ServiceList, "services"),
    *_also_with_slash("services/<str:service_id>", api.ServiceDetail, "service"),
    *_also_with_slash("taxonomies", api.TaxonomyList, "taxonomies"),
    *_also_with_slash("taxonomies/<str:taxonomy_id>", api.TaxonomyDetail, "taxonomy"),
    *_also_with_slash("taxonomy_terms", api.TaxonomyTermList, "taxonomy_terms"),
    *_also_with_slash("taxonomy_terms/<str:term_id>", api.TaxonomyTermDetail, "taxonomy_term"),
    *_also_with_slash("service_at_locations", api.ServiceAtLocationList, "service_at_locations"),
    *_also_with_slash(
        "service_at_locations/<str:sal_id>", api.ServiceAtLocationDetail, "service_at_location"
    ),
    *_also_with_slash("organizations", api.OrganizationList, "organizations"),
    *_also_with_slash(
        "organizations/<str:organization_id>", api.OrganizationDetail, "organization"
    ),
    re_path(r"^(?P<path>.*)$", api.not_found),
]

"""The child's page, with where the child is at the top (`portal.child_record`).

Served at the people app's address and name (`people:child_detail`, joined in opensend/urls.py)
because the summary needs every journey app, and `people` comes before them all."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from opensend.accounts.decorators import require_capability
from opensend.accounts.permissions import Capability
from opensend.people.views import child_page_context
from opensend.portal.child_documents import child_documents, child_messages
from opensend.portal.child_record import child_where_now


@require_capability(Capability.VIEW_CHILDREN)
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    context = child_page_context(request, child_id)
    child = context["child"]
    context["where_now"] = child_where_now(child, user=request.user)
    context["documents"] = child_documents(child, user=request.user)
    context["recent_messages"] = child_messages(child, user=request.user)
    return render(request, "people/child_detail.html", context)


# Joined to people.urls.urlpatterns under the `people` namespace in opensend/urls.py.
child_urlpatterns = [path("children/<int:child_id>/", child_detail, name="child_detail")]

"""An area's page with its evidence library ("show me the impact for weakness 7"): the actions
and recommendations that answer it and their evidence, gathered read-only; managers say which
ones answer it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.core.views_helpers import form_data
from opensend.improvement import selectors, services
from opensend.improvement.forms import AreaLinksForm
from opensend.improvement.views import MANAGE, VIEW, _form_page


@require_capability(VIEW)
@require_GET
def area_detail(request: HttpRequest, area_id: int) -> HttpResponse:
    area = selectors.area_get(area_id=area_id)
    return render(
        request,
        "improvement/area_detail.html",
        {
            "area": area,
            "history": area.sign_off_changes.select_related("recorded_by"),
            **selectors.area_library(area),
        },
    )


@require_capability(MANAGE)
@require_http_methods(["GET", "POST"])
def area_links(request: HttpRequest, area_id: int) -> HttpResponse:
    area = selectors.area_get(area_id=area_id)
    initial = {
        "actions": list(area.actions.all()),
        "recommendations": list(area.recommendations.all()),
    }
    return _form_page(
        request,
        AreaLinksForm(form_data(request), initial=initial),
        lambda data: services.area_links(actor=request.user, area=area, **data),
        success=f"What answers {area} saved",
        done=lambda _: redirect("improvement:area_detail", area_id=area.pk),
        context={
            "heading": f"What answers area {area.number}",
            "caption": area.source.title,
            "source": area.source,
            "quote": area.text,
            "intro": "Choose the actions and recommendations that answer this area: the area's "
            "evidence library gathers their evidence.",
        },
    )

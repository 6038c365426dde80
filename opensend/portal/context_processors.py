"""Values every page template needs: the council's name and the navigation for this user."""

from django.conf import settings
from django.http import HttpRequest

from opensend.portal.navigation import nav_items_for


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "council_name": settings.OPENSEND_COUNCIL_NAME,
        "nav_items": nav_items_for(request),
        "phase_banner_text": "This is a new service. It holds synthetic demo data only.",
    }

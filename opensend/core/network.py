"""The address a request came from, through a known number of trusted reverse proxies."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, as seen by the outermost proxy we trust.

    `OPENSEND_TRUSTED_PROXY_COUNT` says how many reverse proxies (load balancer, the council's
    gateway...) stand in front of the application. With 0 (the default) it is `REMOTE_ADDR` and
    `X-Forwarded-For` is ignored, because anyone can send that header. With N, each trusted
    proxy appended the address it saw to `X-Forwarded-For`, so the client is the Nth entry from
    the right; entries further left were written by the client and are not believed. A header
    shorter than that (a request that did not pass every proxy) gives its leftmost entry.
    """
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    count = int(getattr(settings, "OPENSEND_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in header.split(",") if hop.strip()]
    if not hops:
        return remote
    chosen = hops[-count] if len(hops) >= count else hops[0]
    return _valid(chosen) or remote

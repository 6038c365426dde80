"""Checks for the audited document downloads (`core.downloads`): the headers that keep a download
from being run or kept by the browser, and who may download a document about the caseload child."""

from opensend.audit.models import Action, AuditEvent
from testsupport.roles import SEE_THE_CHILD

# Every download: not sniffed into another type, run in a sandbox if opened, never cached.
SAFE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "no-store, private",
}


def assert_safe_headers(response):
    """The response carries every one of SAFE_HEADERS."""
    for header, value in SAFE_HEADERS.items():
        assert response[header] == value, header


def assert_download(response, content):
    """A 200 that streams exactly `content` as an attachment, with the safe headers."""
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert_safe_headers(response)


def assert_who_may_download(world, role, url, *, record, object_type, content):
    """GET `url` (a document of `record`, about the caseload child) as `role`. Those who may see the
    child get `content` and one export in the audit trail (theirs, of the child and `record`);
    anyone else gets a 404 and no export. The response, for further checks."""
    exports = AuditEvent.objects.filter(action=Action.EXPORT)
    before = exports.count()
    response = world.client_for(role).get(url)
    if role not in SEE_THE_CHILD:
        assert response.status_code == 404
        assert exports.count() == before
        return response
    assert_download(response, content)
    event = exports.first()
    assert (event.actor, event.child_id) == (world.users[role], world.caseload_child.pk)
    assert (event.object_type, event.object_id) == (object_type, str(record.pk))
    return response

"""The one response for every stored document a person downloads (advice, review documents,
letters). Views check who may see the record and write the audit event; this only answers.

Always an attachment (never shown inside our pages), with the type we detected at upload,
`nosniff` so the browser does not guess another, a sandboxing Content-Security-Policy in case it
is opened anyway, and no caching anywhere.
"""

from typing import Any
from urllib.parse import quote

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from opensend.core.uploads import clean_filename

DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "no-store, private",
    "Pragma": "no-cache",
}


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the real name as RFC 6266 / 5987 `filename*`."""
    name = clean_filename(filename)
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\%' else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _finish(response: HttpResponse | FileResponse, filename: str) -> Any:
    response["Content-Disposition"] = content_disposition(filename)
    for header, value in DOWNLOAD_HEADERS.items():
        response[header] = value
    return response


def document_response(
    field_file: FieldFile, *, filename: str, content_type: str = ""
) -> FileResponse:
    """Stream a stored file as a download. 404 if the record has no file or storage lost it."""
    if not field_file or not field_file.name:
        raise Http404("No document")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("No document") from exc
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    return _finish(response, filename or field_file.name.rsplit("/", 1)[-1])


def bytes_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download made in memory (for example a letter rendered as PDF)."""
    return _finish(HttpResponse(content, content_type=content_type), filename)

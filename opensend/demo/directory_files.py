"""The demo area's Local Offer files: the showcase entry's logo and leaflet (public, added by the
council's Local Offer officer) and a provider's new leaflet for another entry, waiting for
approval. Each is a small made-up PDF or PNG, stored through core.uploads like any upload."""

import struct
import zlib

from django.core.files.base import ContentFile

from opensend.accounts.models import User
from opensend.accounts.roles import OrganisationKind, Role
from opensend.core.uploads import check_upload
from opensend.directory.models import Service
from opensend.directory.services import service_document_upload


def leaflet_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines of text (Helvetica), xref offsets computed."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = [f"BT /F1 20 Tf 72 760 Td ({escape(title)}) Tj ET"]
    text += [
        f"BT /F1 12 Tf 72 {720 - 20 * n} Td ({escape(line)}) Tj ET" for n, line in enumerate(lines)
    ]
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def logo_png(size: int = 48) -> bytes:
    """A made-up logo: a blue square with a white wave across it, as an RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = bytearray()
    for y in range(size):
        rows.append(0)  # no filter
        for x in range(size):
            wave = abs(y - size // 2 - round(4 * ((x % 16) - 8) / 8)) < 3
            rows += b"\xff\xff\xff" if wave else b"\x1d\x70\xb8"
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def _editor(kind: str) -> User | None:
    return (
        User.objects.filter(
            memberships__role=Role.LOCAL_OFFER_EDITOR, memberships__organisation__kind=kind
        )
        .order_by("pk")
        .first()
    )


def _add_leaflet(actor: User, service: Service, filename: str, lines: list[str]) -> None:
    upload = ContentFile(leaflet_pdf(service.name, lines), name=filename)
    service_document_upload(
        actor=actor, service=service, kind="leaflet", checked=check_upload(upload)
    )


def build_demo_directory_files() -> int:
    """Add the demo logo and leaflets; returns how many (none if the area has no Local Offer
    editors)."""
    council_editor = _editor(OrganisationKind.COUNCIL)
    showcase = Service.objects.filter(name="Autism-friendly Saturday Swimming").first()
    if council_editor is None or showcase is None:
        return 0
    _add_leaflet(
        council_editor,
        showcase,
        "Saturday swimming leaflet.pdf",
        [
            "Saturdays, 10am to 12pm, for autistic children aged 5 to 16.",
            "Lights and music down, small groups, a coach in the water.",
            "Your first session is a visit: phone or email to book.",
        ],
    )
    service_document_upload(
        actor=council_editor,
        service=showcase,
        kind="logo",
        checked=check_upload(ContentFile(logo_png(), name="Swimming club logo.png")),
        alt_text=f"{showcase.organization.name} logo: a white wave on blue",
    )
    provider_editor = _editor(OrganisationKind.PROVIDER)
    if provider_editor is None:
        return 2
    theirs = (
        Service.objects.filter(
            organization__owner__memberships__user=provider_editor, setting__isnull=True
        )
        .order_by("name")
        .first()
    )
    if theirs is None:
        return 2
    _add_leaflet(
        provider_editor, theirs, f"{theirs.name} leaflet.pdf", ["What we offer and how to book."]
    )
    return 3

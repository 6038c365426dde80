"""Small files of every kind, made here (no fixtures on disk), and a fake clamd for the scanner.

`FakeClamd` is a real TCP (or unix socket) server on 127.0.0.1 speaking clamd's INSTREAM
protocol: it answers "stream: Eicar-Test-Signature FOUND" for anything containing the EICAR test
string and "stream: OK" otherwise. Nothing leaves the machine.
"""

import io
import socket
import socketserver
import struct
import threading
import zipfile

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
DOC_BYTES = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\x00" * 504
    + "WordDocument".encode("utf-16-le")
    + b"\x00" * 64
)
XLS_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\0\0"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(1)</script>Advice</body></html>"
TEXT_BYTES = b"Advice for Jo: speech and language therapy, 30 minutes a week.\n"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def docx_bytes(*, main_type: str = "wordprocessingml.document.main+xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.{main_type}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", EXE_BYTES)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    """A file as the browser sends it (the content type is the browser's claim, never trusted)."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def _read_instream(rfile: io.BufferedIOBase) -> bytes:
    command = b""
    while not command.endswith(b"\0"):
        byte = rfile.read(1)
        if not byte:
            break
        command += byte
    assert command == b"zINSTREAM\0", command
    data = b""
    while True:
        (length,) = struct.unpack("!L", rfile.read(4))
        if length == 0:
            return data
        data += rfile.read(length)


class _ClamdHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        data = _read_instream(self.rfile)
        self.server.received.append(data)  # type: ignore[attr-defined]
        reply = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0"
        self.wfile.write(reply)


class FakeClamd:
    """`with FakeClamd() as clamd:` then settings OPENSEND_CLAMD_HOST/PORT = clamd.host/port."""

    def __init__(self, unix_path: str | None = None) -> None:
        if unix_path:
            self.server: socketserver.BaseServer = socketserver.ThreadingUnixStreamServer(
                unix_path, _ClamdHandler
            )
        else:
            self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _ClamdHandler)
        self.server.received = []  # type: ignore[attr-defined]
        self.unix_path = unix_path

    @property
    def host(self) -> str:
        return "127.0.0.1"

    @property
    def port(self) -> int:
        return self.server.server_address[1]  # type: ignore[index]

    @property
    def received(self) -> list[bytes]:
        return self.server.received  # type: ignore[attr-defined]

    def __enter__(self) -> "FakeClamd":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stored_files(folder: str = "advice") -> set[str]:
    """Every file under `folder` in storage, however deep."""

    def walk(path: str) -> set[str]:
        if not default_storage.exists(path):
            return set()
        dirs, files = default_storage.listdir(path)
        found = {f"{path}/{f}" for f in files}
        for d in dirs:
            found |= walk(f"{path}/{d}")
        return found

    return walk(folder)

"""Test helpers for notify: a stub GOV.UK Notify API on 127.0.0.1, and reading inside a PDF."""

import json
import re
import threading
import uuid
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def fake_notify_api_key() -> tuple[str, str, str]:
    """A key shaped like Notify's: {key_name}-{service_id}-{secret_key}.

    Returns (key, service, secret).
    """
    service_id, secret = str(uuid.uuid4()), str(uuid.uuid4())
    return f"opensend_test-{service_id}-{secret}", service_id, secret


@dataclass
class StubNotify:
    """Records each request; answers with `status` and a Notify-shaped JSON body."""

    status: int = 201
    requests: list[dict[str, Any]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def response_for(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if self.status >= 400:
            return {
                "status_code": self.status,
                "errors": [{"error": "BadRequestError", "message": "Can't send to this recipient"}],
            }
        notification_id = str(uuid.uuid4())
        response: dict[str, Any] = {
            "id": notification_id,
            "reference": body.get("reference"),
            "uri": f"{self.url}/v2/notifications/{notification_id}",
        }
        if "template_id" in body:
            response["template"] = {"id": body["template_id"], "version": 1, "uri": ""}
            response["content"] = {"subject": "Subject", "body": "Body", "from_email": "x@x"}
        else:
            response["postage"] = "second"
        return response


def start_stub_notify(stub: StubNotify) -> StubNotify:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            stub.requests.append({"path": self.path, "headers": dict(self.headers), "json": body})
            payload = json.dumps(stub.response_for(self.path, body)).encode()
            self.send_response(stub.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    stub.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=stub.server.serve_forever, daemon=True).start()
    return stub


def pdf_inflated(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated, so tags and XMP metadata can be searched."""
    out = bytearray()
    # Keep a trailing "\r" in the data: it may be the stream's own last byte. decompressobj
    # ignores whatever follows the end of the compressed data.
    for match in re.finditer(rb"stream\r?\n(.*?)\nendstream", pdf, re.S):
        try:
            out += zlib.decompressobj().decompress(match.group(1))
        except zlib.error:
            out += match.group(1)
    return bytes(out)

"""A stand-in for GOV.UK One Login, served on this machine's loopback address (never the
internet), for the tests of accounts.one_login.

It is a real OpenID Connect provider, small: discovery, /authorize (which signs in whoever the
test chose with `stub.person(...)` at once and sends them back with a code), /token (which checks
our `private_key_jwt` client assertion and the code, once only), /userinfo, the JWKS and
/logout. Its ID tokens are ES256, signed by a key made for each test. A test can spoil what it
sends (`id_token_changes`, `sign_with_another_key`, `userinfo_changes`) to check that we refuse
it, and reads what it received (`authorize_requests`, `token_requests`, `logouts`).

Use the `one_login` fixture: it starts the stub and turns One Login on in the settings.
"""

import json
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.core.cache import cache

CLIENT_ID = "opensend-test-client"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _pem(key: Any) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass
class StubOneLogin:
    """The provider's state. `issuer` is set once it is serving."""

    issuer: str = ""
    client_key: Any = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    signing_key: Any = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    kid: str = field(default_factory=lambda: secrets.token_hex(8))
    claims: dict[str, Any] = field(default_factory=dict)
    id_token_changes: dict[str, Any] = field(default_factory=dict)
    userinfo_changes: dict[str, Any] = field(default_factory=dict)
    sign_with_another_key: bool = False
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    authorize_requests: list[dict[str, str]] = field(default_factory=list)
    token_requests: list[dict[str, str]] = field(default_factory=list)
    logouts: list[dict[str, str]] = field(default_factory=list)

    def person(self, sub: str, email: str, *, email_verified: bool = True) -> None:
        """Who signs in at the next /authorize."""
        self.claims = {"sub": sub, "email": email, "email_verified": email_verified}

    @property
    def client_private_key_pem(self) -> str:
        return _pem(self.client_key)

    def url(self, path: str) -> str:
        return self.issuer + path.lstrip("/")

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.url("authorize"),
            "token_endpoint": self.url("token"),
            "userinfo_endpoint": self.url("userinfo"),
            "jwks_uri": self.url(".well-known/jwks.json"),
            "end_session_endpoint": self.url("logout"),
            "id_token_signing_alg_values_supported": ["ES256", "RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "scopes_supported": ["openid", "email", "phone"],
            "ui_locales_supported": ["en", "cy"],
        }

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.signing_key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "ES256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.authorize_requests.append(query)
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"unknown client or response type"
        if "openid" not in query.get("scope", "").split() or not self.claims:
            return 400, {}, b"no openid scope, or nobody to sign in"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query.get("nonce"),
            "redirect_uri": redirect_uri,
            "claims": dict(self.claims),
            "vtr": json.loads(query.get("vtr", '["Cl.Cm"]')),
        }
        back = redirect_uri + "?" + urlencode({"code": code, "state": query.get("state", "")})
        return 302, {"Location": back}, b""

    def _client_error(self, form: dict[str, str]) -> str:
        if "client_secret" in form:
            return "a client secret was sent"
        if form.get("client_assertion_type") != ASSERTION_TYPE:
            return "no client assertion"
        try:
            assertion = jwt.decode(
                form.get("client_assertion", ""),
                self.client_key.public_key(),
                algorithms=["RS256"],
                audience=self.url("token"),
                options={"require": ["exp", "iat", "jti", "iss", "sub", "aud"]},
            )
        except jwt.PyJWTError as exc:
            return f"bad client assertion: {exc}"
        if assertion["iss"] != CLIENT_ID or assertion["sub"] != CLIENT_ID:
            return "client assertion for another client"
        return ""

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": grant["claims"]["sub"],
            "nonce": grant["nonce"],
            "iat": now,
            "exp": now + 120,
            "vot": grant["vtr"][0],
            "vtm": self.url("trustmark"),
            "sid": secrets.token_hex(8),
        }
        claims.update(self.id_token_changes)
        claims = {k: v for k, v in claims.items() if v is not None}
        key = ec.generate_private_key(ec.SECP256R1()) if self.sign_with_another_key else None
        return jwt.encode(
            claims, key or self.signing_key, algorithm="ES256", headers={"kid": self.kid}
        )

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        problem = self._client_error(form)
        if problem:
            return 401, {"error": "invalid_client", "error_description": problem}
        grant = self.codes.pop(form.get("code", ""), None)
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant["redirect_uri"] != form.get("redirect_uri")
        ):
            return 400, {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe(16)
        self.access_tokens[access_token] = grant
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 180,
            "id_token": self.id_token(grant),
        }

    def userinfo(self, authorization: str) -> tuple[int, dict[str, Any]]:
        grant = self.access_tokens.get(authorization.removeprefix("Bearer ").strip())
        if grant is None:
            return 401, {"error": "invalid_token"}
        return 200, {**grant["claims"], **self.userinfo_changes}

    def logout(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        self.logouts.append(query)
        back = query.get("post_logout_redirect_uri", "")
        if not back:
            return 200, {}, b"Signed out of the stub"
        return 302, {"Location": back + "?" + urlencode({"state": query.get("state", "")})}, b""


def _handler(stub: StubOneLogin) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, headers: dict[str, str], body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, body: dict[str, Any]) -> None:
            self._send(status, {}, json.dumps(body).encode(), "application/json")

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            documents = {
                "/.well-known/openid-configuration": stub.discovery,
                "/.well-known/jwks.json": stub.jwks,
            }
            pages = {"/authorize": stub.authorize, "/logout": stub.logout}
            if parts.path in documents:
                self._json(200, documents[parts.path]())
            elif parts.path in pages:
                self._send(*pages[parts.path](query), "text/plain")
            elif parts.path == "/userinfo":
                self._json(*stub.userinfo(self.headers.get("Authorization", "")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path == "/token":
                self._json(*stub.token(form))
            else:
                self._json(404, {"error": "not_found"})

    return Handler


@pytest.fixture
def one_login(settings: Any) -> Iterator[StubOneLogin]:
    """A stub One Login on loopback, with One Login turned on in the settings to use it."""
    stub = StubOneLogin()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.issuer = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.OPENSEND_ONE_LOGIN_ISSUER = stub.issuer
    settings.OPENSEND_ONE_LOGIN_CLIENT_ID = CLIENT_ID
    settings.OPENSEND_ONE_LOGIN_PRIVATE_KEY = stub.client_private_key_pem
    settings.OPENSEND_ONE_LOGIN_VTR = '["Cl.Cm"]'
    settings.OPENSEND_ONE_LOGIN_TIMEOUT = 5
    cache.clear()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        cache.clear()

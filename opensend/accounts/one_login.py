"""Signing families in with GOV.UK One Login (OpenID Connect), when it is configured.

Off unless `OPENSEND_ONE_LOGIN_ISSUER`, `OPENSEND_ONE_LOGIN_CLIENT_ID` and
`OPENSEND_ONE_LOGIN_PRIVATE_KEY` are all set (docs/security.md); while it is off, no page offers
it and its addresses answer 404.

The flow is One Login's "authenticate your user" integration, built on mozilla-django-oidc:
- the endpoints come from the issuer's discovery document (`/.well-known/openid-configuration`,
  whose `issuer` must be the one configured), kept for an hour;
- the authorisation request is the authorisation code flow with `scope=openid email`, a random
  `state` and `nonce` kept in the session, `vtr` (`OPENSEND_ONE_LOGIN_VTR`, default
  `["Cl.Cm"]`, medium authentication: a password and a second factor) and `ui_locales` (`cy`
  when the page is in Welsh, else `en`);
- the token request authenticates this service with `private_key_jwt`: a JWT signed with our
  private key (RS256 or ES256, from the key's type), `iss` and `sub` our client id, `aud` the
  token endpoint, a fresh `jti`, five minutes to live. No client secret exists;
- the ID token must be signed (ES256 or RS256, never `none` or a shared secret) by a key in the
  issuer's JWKS, with `iss` the issuer, `aud` our client id, `exp` and `iat` present and
  `exp` in the future, the `nonce` we sent, and `vot` the level we asked for;
- the userinfo answer must name the same `sub` as the ID token. Which account that signs in is
  `accounts.one_login_accounts`' decision.
"""

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

ID_TOKEN_ALGORITHMS = ("ES256", "RS256")
SCOPES = "openid email"
ID_TOKEN_SESSION_KEY = "opensend_one_login_id_token"  # noqa: S105  (a session key's name)
_DISCOVERY_SECONDS = 60 * 60
_ASSERTION_SECONDS = 5 * 60
# How long someone may take at One Login before the state we keep for them stops working.
STATE_SECONDS = 30 * 60
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ProviderUnavailableError(Exception):
    """One Login could not be reached, or answered with something unusable."""


class _RejectedError(Exception):
    """Something in One Login's answers did not check out (raised past the library)."""


def _setting(name: str) -> str:
    return str(getattr(settings, name, "") or "").strip()


def issuer() -> str:
    return _setting("OPENSEND_ONE_LOGIN_ISSUER").rstrip("/") + "/"


def client_id() -> str:
    return _setting("OPENSEND_ONE_LOGIN_CLIENT_ID")


def enabled() -> bool:
    return bool(
        _setting("OPENSEND_ONE_LOGIN_ISSUER")
        and client_id()
        and _setting("OPENSEND_ONE_LOGIN_PRIVATE_KEY")
    )


def vtr() -> list[str]:
    """The vectors of trust to ask for, e.g. ["Cl.Cm"] (a JSON list, or one value)."""
    raw = _setting("OPENSEND_ONE_LOGIN_VTR") or '["Cl.Cm"]'
    try:
        value = json.loads(raw)
    except ValueError:
        value = [raw]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ImproperlyConfigured('OPENSEND_ONE_LOGIN_VTR must be like ["Cl.Cm"].')
    return value


def _timeout() -> float:
    return float(getattr(settings, "OPENSEND_ONE_LOGIN_TIMEOUT", 10))


def _check_address(url: str, what: str) -> str:
    """HTTPS only, except to this machine itself (the test suite's stub provider)."""
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        return url
    raise ProviderUnavailableError(f"One Login's {what} is not an https address: {url!r}")


@dataclass(frozen=True)
class Provider:
    """The parts of One Login's discovery document this service uses."""

    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    end_session_endpoint: str


def provider() -> Provider:
    """One Login's endpoints, from its discovery document (kept for an hour)."""
    key = "opensend.one_login.discovery:" + issuer()
    found = cache.get(key)
    if isinstance(found, Provider):
        return found
    url = _check_address(issuer() + ".well-known/openid-configuration", "issuer")
    try:
        response = requests.get(url, timeout=_timeout())
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailableError(f"One Login's discovery document: {exc}") from exc
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") + "/" != issuer():
        raise ProviderUnavailableError("One Login's discovery document names another issuer")
    try:
        found = Provider(
            authorization_endpoint=_check_address(document["authorization_endpoint"], "authorize"),
            token_endpoint=_check_address(document["token_endpoint"], "token endpoint"),
            userinfo_endpoint=_check_address(document["userinfo_endpoint"], "userinfo"),
            jwks_uri=_check_address(document["jwks_uri"], "JWKS"),
            end_session_endpoint=_check_address(
                document.get("end_session_endpoint") or "", "logout"
            )
            if document.get("end_session_endpoint")
            else "",
        )
    except (KeyError, TypeError) as exc:
        raise ProviderUnavailableError(f"One Login's discovery document lacks {exc}") from exc
    cache.set(key, found, _DISCOVERY_SECONDS)
    return found


def _private_key() -> Any:
    pem = _setting("OPENSEND_ONE_LOGIN_PRIVATE_KEY").replace("\\n", "\n")
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except ValueError as exc:
        raise ImproperlyConfigured(
            "OPENSEND_ONE_LOGIN_PRIVATE_KEY is not a PEM private key"
        ) from exc
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ImproperlyConfigured("OPENSEND_ONE_LOGIN_PRIVATE_KEY must be an RSA or EC key")
    return key


def client_assertion(audience: str) -> str:
    """The `private_key_jwt` that proves to One Login's token endpoint that we are us."""
    key = _private_key()
    now = int(time.time())
    claims = {
        "iss": client_id(),
        "sub": client_id(),
        "aud": audience,
        "jti": secrets.token_urlsafe(24),
        "iat": now,
        "exp": now + _ASSERTION_SECONDS,
    }
    algorithm = "RS256" if isinstance(key, rsa.RSAPrivateKey) else "ES256"
    return jwt.encode(claims, key, algorithm=algorithm)


def _library_settings() -> dict[str, Any]:
    found = provider()
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": found.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": found.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": found.jwks_uri,
        "OIDC_RP_CLIENT_ID": client_id(),
        "OIDC_RP_CLIENT_SECRET": "",  # never sent: private_key_jwt instead (get_token)
        "OIDC_RP_SIGN_ALGO": ID_TOKEN_ALGORITHMS[0],
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": SCOPES,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": False,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "accounts:one_login_callback",
        "OIDC_REDIRECT_FIELD_NAME": "next",
        "OIDC_TIMEOUT": _timeout(),
        "OIDC_VERIFY_SSL": True,
        "OIDC_VERIFY_KID": True,
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
    }


def _library_setting(name: str, *default: Any) -> Any:
    """mozilla-django-oidc reads its settings through this: ours come from the OPENSEND_
    settings and the discovery document, not from OIDC_ names in the settings module."""
    ours = _library_settings()
    if name in ours:
        return ours[name]
    return import_from_settings(name, *default)


class AuthorisationRequest(OIDCAuthenticationRequestView):
    """Send the person to One Login, with state and nonce kept in their session."""

    get_settings = staticmethod(_library_setting)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        language = (get_language() or "en").lower()
        return {
            "vtr": json.dumps(vtr(), separators=(",", ":")),
            "ui_locales": "cy" if language.startswith("cy") else "en",
        }


@dataclass(frozen=True)
class Person:
    """What One Login told us about who signed in."""

    sub: str
    email: str
    email_verified: bool
    id_token: str


class Backend(OIDCAuthenticationBackend):
    """The library's code flow, with private_key_jwt and a stricter ID token check. Not in
    AUTHENTICATION_BACKENDS: only the One Login callback uses it (`person`)."""

    get_settings = staticmethod(_library_setting)

    def person(self, request: HttpRequest, *, nonce: str) -> Person:
        """Swap the code in this callback request for the person's details. Raises
        SuspiciousOperation when anything does not check out, ProviderUnavailableError when One
        Login cannot be reached."""
        self._id_token = ""
        try:
            found = self.authenticate(request, nonce=nonce, code_verifier=None)
        except requests.HTTPError as exc:
            # The token endpoint refused the code (used, expired, or not ours).
            raise SuspiciousOperation(f"One Login refused the code: {exc}") from exc
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailableError(str(exc)) from exc
        if not isinstance(found, Person):
            raise SuspiciousOperation("One Login sent no usable answer")
        return found

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        payload.pop("client_secret", None)
        payload["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        payload["client_assertion"] = client_assertion(self.OIDC_OP_TOKEN_ENDPOINT)
        answer = super().get_token(payload)
        if not isinstance(answer, dict) or not answer.get("id_token"):
            raise SuspiciousOperation("One Login's token answer has no ID token")
        return answer

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(payload)
            algorithm = header.get("alg")
            if algorithm not in ID_TOKEN_ALGORITHMS:
                raise SuspiciousOperation(f"ID token signed with {algorithm!r}")
            claims = jwt.decode(
                payload,
                key,
                algorithms=[algorithm],
                audience=client_id(),
                issuer=issuer(),
                options={"require": ["exp", "iat", "iss", "aud", "sub", "nonce"]},
                leeway=30,
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token rejected: {exc}") from exc
        if vtr() and claims.get("vot") not in vtr():
            raise SuspiciousOperation(f"ID token for level {claims.get('vot')!r}")
        return dict(claims)

    def retrieve_matching_jwk(self, token: Any) -> Any:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token unreadable: {exc}") from exc
        if header.get("alg") not in ID_TOKEN_ALGORITHMS or not header.get("kid"):
            raise SuspiciousOperation("ID token names no usable key")
        try:
            return super().retrieve_matching_jwk(token)
        except (KeyError, jwt.PyJWTError) as exc:
            raise SuspiciousOperation(f"One Login's keys: {exc}") from exc

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get("sub"):
            raise _RejectedError("userinfo names another subject")
        email = userinfo.get("email")
        return Person(
            sub=str(payload["sub"]),
            email=email.strip() if isinstance(email, str) else "",
            email_verified=userinfo.get("email_verified") is True,
            id_token=id_token,
        )

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        try:
            return super().authenticate(request, **kwargs)
        except _RejectedError as exc:
            # The library turns SuspiciousOperation from get_or_create_user into None.
            raise SuspiciousOperation(str(exc)) from exc


def end_session_origin() -> str:
    """The scheme and host of One Login's sign-out address, or "" (see
    `middleware.OneLoginSignOutCSPMiddleware`)."""
    try:
        endpoint = provider().end_session_endpoint
    except ProviderUnavailableError:
        return ""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}" if endpoint else ""


def end_session_url(id_token: str, post_logout_redirect_uri: str) -> str:
    """One Login's sign-out address for this ID token, or "" when it has none."""
    try:
        endpoint = provider().end_session_endpoint
    except ProviderUnavailableError:
        return ""
    if not endpoint:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_redirect_uri,
            "state": secrets.token_urlsafe(16),
        }
    )
    return f"{endpoint}?{query}"

"""Lockout: per account and address, per address, and the address through trusted proxies."""

import pytest
from django.test import Client, RequestFactory, override_settings

from opensend.core.network import client_ip
from testsupport.factories import PASSWORD

pytestmark = pytest.mark.django_db
SIGN_IN = "/account/sign-in/"
EMAIL = "caseworker@test.opensend.test"


def attempt(password, *, email=EMAIL, address="203.0.113.10", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(**extra).post(SIGN_IN, {"username": email, "password": password})


def test_locking_someone_out_from_one_address_does_not_lock_them_out_from_another(world):
    for _ in range(4):
        assert attempt("nope", address="203.0.113.10").status_code == 400
    assert attempt("nope", address="203.0.113.10").status_code == 429  # the fifth locks
    assert attempt(PASSWORD, address="203.0.113.10").status_code == 429
    assert attempt(PASSWORD, address="198.51.100.7").status_code == 302


@override_settings(OPENSEND_ADDRESS_FAILURE_LIMIT=8)
def test_too_many_failures_from_one_address_lock_every_account_from_it(world):
    for n in range(8):  # spraying: one try each at many accounts
        attempt("nope", email=f"someone{n}@test.opensend.test", address="203.0.113.10")
    assert attempt(PASSWORD, address="203.0.113.10").status_code == 429
    locked = attempt(PASSWORD, email="senco@test.opensend.test", address="203.0.113.10")
    assert locked.status_code == 429
    assert "locked" in locked.content.decode()
    assert attempt(PASSWORD, address="198.51.100.7").status_code == 302


def test_a_few_failures_from_a_shared_address_lock_no_one_else(world):
    for _ in range(5):
        attempt("nope", email="team_manager@test.opensend.test", address="203.0.113.10")
    assert attempt(PASSWORD, address="203.0.113.10").status_code == 302


@override_settings(OPENSEND_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_each_client_is_counted_apart(world):
    proxy = "10.0.0.2"
    for _ in range(5):
        attempt("nope", address=proxy, forwarded="198.51.100.1")
    assert attempt(PASSWORD, address=proxy, forwarded="198.51.100.1").status_code == 429
    # A forged entry further left changes nothing: the proxy's own entry is believed.
    spoofed = attempt(PASSWORD, address=proxy, forwarded="192.0.2.99, 198.51.100.1")
    assert spoofed.status_code == 429
    assert attempt(PASSWORD, address=proxy, forwarded="198.51.100.2").status_code == 302


def test_without_trusted_proxies_x_forwarded_for_is_ignored(world):
    for n in range(5):
        attempt("nope", address="203.0.113.10", forwarded=f"192.0.2.{n}")
    assert attempt(PASSWORD, address="203.0.113.10", forwarded="192.0.2.50").status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.1", "192.0.2.1"),
        (2, "192.0.2.1", "192.0.2.1"),  # shorter than expected: its leftmost entry
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_through_trusted_proxies(settings, count, forwarded, expected):
    settings.OPENSEND_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected

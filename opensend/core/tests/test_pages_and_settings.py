"""Pages anyone may read, error pages, and settings that must refuse unsafe starts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/account/sign-in/", "/healthz/"])
def test_public_pages(url):
    response = Client().get(url)
    assert response.status_code == 200
    if url != "/healthz/":
        csp = response["Content-Security-Policy"]
        assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _run_production(env_overrides: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "opensend.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_production(
        {"DJANGO_ALLOWED_HOSTS": "x.example", "DATABASE_URL": "sqlite:///:memory:"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = _run_production(
        {
            "DJANGO_SECRET_KEY": "short",
            "DJANGO_ALLOWED_HOSTS": "x",
            "DATABASE_URL": "sqlite:///:memory:",
        }
    )
    assert result.returncode != 0
    assert "at least 50" in result.stderr


def test_a_form_that_drops_fields_still_draws():
    """A field removed in a form's __init__ is gone from the drawn page too (no KeyError)."""
    from django import forms
    from django.template import Context, Template

    from opensend.core.forms import GovukForm

    class Shorter(GovukForm):
        kept = forms.CharField(label="Kept")
        dropped = forms.CharField(label="Dropped")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            del self.fields["dropped"]
            self.refresh_helper()

    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": Shorter()})
    )
    assert "Kept" in html and "Dropped" not in html

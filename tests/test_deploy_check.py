"""`check --deploy` with production settings is clean, and the pages carry the security headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "LANTERN_SECRET_KEY": secrets.token_urlsafe(50),
    "LANTERN_ALLOWED_HOSTS": "lantern.example.gov.uk",
    "LANTERN_SECURE_COOKIES": "1",
    "LANTERN_HSTS_SECONDS": "31536000",
    "LANTERN_HSTS_PRELOAD": "1",
    "LANTERN_SSL_REDIRECT": "1",
    "LANTERN_DEBUG": "0",
}


def test_the_deploy_check_is_clean_with_production_settings(tmp_path):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never would.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = inherited | PRODUCTION | {"LANTERN_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_complains_about_the_development_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANTERN_")} | {"LANTERN_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr  # SECRET_KEY is the insecure development one


@pytest.mark.django_db
def test_pages_send_csp_frame_and_content_type_headers(client):
    response = client.get(reverse("login"))
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"

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


def _start(tmp_path, **variables: str) -> subprocess.CompletedProcess:
    """Load the settings in a fresh interpreter with exactly these LANTERN_ variables, as a server would at start."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANTERN_")} | {"LANTERN_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env | variables,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_deployment_without_a_secret_key_refuses_to_start_naming_the_variable(tmp_path):
    result = _start(tmp_path, LANTERN_DEBUG="0", LANTERN_ALLOWED_HOSTS="lantern.example.gov.uk")
    assert result.returncode != 0
    assert "LANTERN_SECRET_KEY must be set" in result.stderr and "lantern.example.gov.uk" in result.stderr
    short = _start(tmp_path, LANTERN_ALLOWED_HOSTS="lantern.example.gov.uk", LANTERN_SECRET_KEY="short")
    assert short.returncode != 0 and "at least 50 characters" in short.stderr


def test_a_deployment_may_not_switch_secure_cookies_off_and_listing_127_0_0_1_keeps_them_on(tmp_path):
    key = secrets.token_urlsafe(50)
    hosts = "lantern.example.gov.uk,127.0.0.1"
    refused = _start(tmp_path, LANTERN_ALLOWED_HOSTS=hosts, LANTERN_SECRET_KEY=key, LANTERN_SECURE_COOKIES="0")
    assert refused.returncode != 0 and "LANTERN_SECURE_COOKIES=0 is refused" in refused.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("LANTERN_")}
    env |= {"LANTERN_VAR_DIR": str(tmp_path), "LANTERN_ALLOWED_HOSTS": hosts, "LANTERN_SECRET_KEY": key}
    secure = subprocess.run(
        [sys.executable, "-c", "import lantern.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert secure.stdout.split() == ["True", "True"]


def test_the_demo_and_a_developer_still_start_without_a_key(tmp_path):
    assert _start(tmp_path).returncode == 0  # 127.0.0.1 and localhost only, as make demo serves
    assert _start(tmp_path, LANTERN_DEBUG="1", LANTERN_ALLOWED_HOSTS="dev.example").returncode == 0

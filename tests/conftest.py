"""Shared pytest configuration for the whole suite (model factories live in tests/factories.py)."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests create many users and only need a hasher that works.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_off_unless_asked(settings):
    # Two-factor sign-in has its own tests (tests/accounts/test_two_factor.py), which switch it back on;
    # elsewhere a manager's page test would otherwise stop at the authenticator prompt.
    settings.LANTERN_REQUIRE_2FA = False

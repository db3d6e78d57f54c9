"""The environment helpers in lantern/env.py that settings.py is built from."""

import pytest

from lantern.env import env_bool, env_int, env_list, env_str


def test_env_str_falls_back_to_the_default(monkeypatch):
    monkeypatch.delenv("LANTERN_TEST_VALUE", raising=False)
    assert env_str("LANTERN_TEST_VALUE", "fallback") == "fallback"
    monkeypatch.setenv("LANTERN_TEST_VALUE", "set")
    assert env_str("LANTERN_TEST_VALUE", "fallback") == "set"


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "Yes", "on", " on "])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv("LANTERN_TEST_FLAG", raw)
    assert env_bool("LANTERN_TEST_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "OFF", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv("LANTERN_TEST_FLAG", raw)
    assert env_bool("LANTERN_TEST_FLAG", True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_gives_the_default(monkeypatch, default):
    monkeypatch.delenv("LANTERN_TEST_FLAG", raising=False)
    assert env_bool("LANTERN_TEST_FLAG", default) is default


def test_env_bool_rejects_maybe_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("LANTERN_TEST_FLAG", "maybe")
    with pytest.raises(ValueError, match="LANTERN_TEST_FLAG") as excinfo:
        env_bool("LANTERN_TEST_FLAG", False)
    assert "'maybe'" in str(excinfo.value)


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("LANTERN_TEST_NUMBER", "42")
    assert env_int("LANTERN_TEST_NUMBER", 7) == 42


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_env_int_unset_or_blank_gives_the_default(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("LANTERN_TEST_NUMBER", raising=False)
    else:
        monkeypatch.setenv("LANTERN_TEST_NUMBER", raw)
    assert env_int("LANTERN_TEST_NUMBER", 7) == 7


@pytest.mark.parametrize("raw", ["lots", "1.5", "10s"])
def test_env_int_rejects_a_non_number_and_names_the_variable(monkeypatch, raw):
    monkeypatch.setenv("LANTERN_TEST_NUMBER", raw)
    with pytest.raises(ValueError, match="LANTERN_TEST_NUMBER must be a whole number"):
        env_int("LANTERN_TEST_NUMBER", 7)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("LANTERN_TEST_HOSTS", " a.example , b.example,, ")
    assert env_list("LANTERN_TEST_HOSTS", ["default"]) == ["a.example", "b.example"]


def test_env_list_unset_gives_the_default_and_empty_gives_nothing(monkeypatch):
    monkeypatch.delenv("LANTERN_TEST_HOSTS", raising=False)
    assert env_list("LANTERN_TEST_HOSTS", ["default"]) == ["default"]
    monkeypatch.setenv("LANTERN_TEST_HOSTS", "")
    assert env_list("LANTERN_TEST_HOSTS", ["default"]) == []

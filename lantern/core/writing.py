"""Writes of case records go through services: a record saved anywhere else is refused.

A service function is marked `@service` (one transaction, and the mark that a write is allowed); the record base
(`core.modelling.Record`) refuses `save()`, `delete()` and bulk writes made outside one. The import's plan, the demo
generator and the test factories enter `writing(...)` themselves and say why. This keeps "every write has its
rules and its history" true as pages, importers and commands are added: a shortcut fails the first time it runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

from django.db import transaction

_writer: ContextVar[str | None] = ContextVar("lantern_writer", default=None)

P = ParamSpec("P")
R = TypeVar("R")


class WriteOutsideService(RuntimeError):
    """A case record was written without going through a service function."""


@contextmanager
def writing(by_what: str) -> Iterator[None]:
    """Allow record writes inside the block; `by_what` names the service, import or tool doing them."""
    token = _writer.set(by_what)
    try:
        yield
    finally:
        _writer.reset(token)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """A write service: runs in one transaction, and may save records."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with writing(func.__qualname__), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def current_writer() -> str | None:
    return _writer.get()


def check_writing(model: type, action: str) -> None:
    if _writer.get() is None:
        raise WriteOutsideService(
            f"{model.__name__}.{action}() outside a service: write it through a function marked @service in "
            f"lantern/{model._meta.app_label}/services.py, so that its rules and its history apply"
        )

"""Every form class in Lantern, straight: many more hostile answers than the pages can be sent in the time.

Forms are found by importing each app's `forms` module and walking the subclasses of Django's Form, so a new form
is fuzzed without a change here. A form must either clean or name what is wrong (a field, or the whole form): it
must never raise.
"""

import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

import lantern
from lantern.pages.forms import GovukDateInput
from lantern.returns.models import ReturnJob
from tests.fuzz.strategies import DATES, DIGITS_THAT_ARE_NOT, NUMBERS, count, fuzz_settings, hostile, nasty_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_monday")]

for module in pkgutil.iter_modules(lantern.__path__):
    if (Path(lantern.__path__[0]) / module.name / "forms.py").exists():
        importlib.import_module(f"lantern.{module.name}.forms")


def _all_forms(base=forms.Form):
    for subclass in base.__subclasses__():
        if subclass.__module__.startswith("lantern."):
            yield subclass
        yield from _all_forms(subclass)


# The sign-in form authenticates, which needs a whole request (django-axes): test_forms.py posts to its page.
FORMS = sorted(
    {form for form in _all_forms() if form.base_fields and not issubclass(form, AuthenticationForm)},
    key=lambda f: f"{f.__module__}.{f.__name__}",
)
TIMES = ["9:30", "14:30", "24:00", "23:60", "12pm", "13pm", "0am", "midday", "noon", "midnight", "9.30 a.m.", "٩:٣٠"]


def posted_names(name: str, field: forms.Field) -> list[str]:
    if isinstance(field.widget, GovukDateInput):
        return [f"{name}-{part}" for part in field.widget.parts]
    return [name]


def answer_for(field: forms.Field):
    offered = [str(value) for value, _ in getattr(field, "choices", []) if value not in ("", None)]
    candidates = [hostile, st.sampled_from(DATES + NUMBERS + DIGITS_THAT_ARE_NOT + TIMES)]
    if offered:
        candidates.append(st.sampled_from(offered))
    return st.one_of(*candidates, st.lists(nasty_text, max_size=3))


# Forms that need more than their data, by class name: what the page that shows them gives them.
ARGUMENTS = {"CollectionYearForm": lambda: {"kind": ReturnJob.Kind.values[0]}}


def form_data(form_class):
    empty = form_class(**ARGUMENTS.get(form_class.__name__, dict)())
    fields = {}
    for name, field in empty.fields.items():
        for posted in posted_names(empty.add_prefix(name), field):
            fields[posted] = st.one_of(st.none(), answer_for(field))
    return st.fixed_dictionaries(fields).map(lambda data: {k: v for k, v in data.items() if v is not None})


def as_querydict(data: dict) -> QueryDict:
    posted = QueryDict(mutable=True)
    for key, value in data.items():
        posted.setlist(key, value if isinstance(value, list) else [value])
    return posted


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f"{f.__module__.split('.')[1]}.{f.__name__}")
def test_every_form_class_cleans_or_names_the_problem(form_class):
    @fuzz_settings(150)
    @given(data=form_data(form_class))
    def clean(data):
        count("form classes")
        form = form_class(data=as_querydict(data), **ARGUMENTS.get(form_class.__name__, dict)())
        if not form.is_valid():
            assert form.errors
            assert set(form.errors) <= set(form.fields) | {"__all__"}
            for problems in form.errors.values():
                assert all(str(problem).strip() for problem in problems)

    clean()

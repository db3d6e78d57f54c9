"""The GOV.UK form fields and widgets every recording page shares, and the base of the recording forms.

A form only checks that what was typed is a real answer (a real date, an offered choice); everything about the
record itself (not before the plan began, one open plan, codes) is checked by the one service the view calls.
Each date field is rendered by `components/date_input.html` from its bound field's `parts` (and `time`).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.core import codes
from lantern.core.services import local_today

DATE_PARTS = ("day", "month", "year")
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.lower(): number for number, name in enumerate(calendar.month_abbr) if name
}
TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")
YES_NO = [("yes", "Yes"), ("no", "No")]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Widgets ------------------------------------------------------------------------------------------------------


class GovukDateInput(forms.Widget):
    """Day, month and year boxes (and a time box) posted as `<name>-day`, `<name>-month`, `<name>-year`, `-time`.

    Rendered by the `components/date_input.html` partial, not by Django's widget templates.
    """

    def __init__(self, *, with_time: bool = False, attrs=None) -> None:
        super().__init__(attrs)
        self.with_time = with_time

    @property
    def parts(self) -> tuple[str, ...]:
        return (*DATE_PARTS, "time") if self.with_time else DATE_PARTS

    def value_from_datadict(self, data, files, name) -> dict[str, str]:
        return {part: str(data.get(f"{name}-{part}") or "").strip() for part in self.parts}

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not any(f"{name}-{part}" in data for part in self.parts)

    def id_for_label(self, id_) -> str:
        # The error summary links here: GOV.UK links a date's errors to its first box.
        return f"{id_}-day" if id_ else ""

    def format_value(self, value) -> dict[str, str]:
        return as_parts(value, self.parts)


def as_parts(value, parts: tuple[str, ...]) -> dict[str, str]:
    """What each box shows: typed text as typed, a saved date or date-time split into its parts."""
    if isinstance(value, dict):
        return {part: value.get(part, "") for part in parts}
    shown = dict.fromkeys(parts, "")
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        shown.update(day=str(local.day), month=str(local.month), year=str(local.year), time=f"{local:%H:%M}")
    elif isinstance(value, date):
        shown.update(day=str(value.day), month=str(value.month), year=str(value.year))
    return {part: shown[part] for part in parts}


class FirstOptionIdMixin:
    """The first option has the field's own id (the next `<id>-2`, `<id>-3`...), as GOV.UK's macros number them,
    so that the error summary's link (`#<id>`) lands on the first option."""

    def id_for_label(self, id_, index=None) -> str:
        if not id_:
            return ""
        if index is None or str(index) == "0":
            return id_
        return f"{id_}-{int(index) + 1}"


class GovukRadios(FirstOptionIdMixin, forms.RadioSelect):
    pass


class GovukCheckboxes(FirstOptionIdMixin, forms.CheckboxSelectMultiple):
    pass


# Date fields --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatePart:
    name: str
    id: str
    label: str
    value: str
    width: str


class DateBoundField(forms.BoundField):
    """A bound date field that tells its partial what to put in each box."""

    def _part(self, part: str, label: str, width: str) -> DatePart:
        shown = as_parts(self.value(), self.field.widget.parts)
        return DatePart(f"{self.html_name}-{part}", f"{self.auto_id}-{part}", label, shown[part], width)

    @property
    def parts(self) -> list[DatePart]:
        return [
            self._part("day", "Day", "govuk-input--width-2"),
            self._part("month", "Month", "govuk-input--width-2"),
            self._part("year", "Year", "govuk-input--width-4"),
        ]

    @property
    def time(self) -> DatePart | None:
        if not self.field.widget.with_time:
            return None
        return self._part("time", "Time", "govuk-input--width-5")


class GovukDateField(forms.Field):
    """A date typed into GOV.UK's three boxes, with GOV.UK's error messages.

    `label` names the date in every message ("Date of visit must be a real date"); `past_only` refuses a date
    after today. Month names ("Mar", "March") are accepted as well as numbers.
    """

    widget = GovukDateInput
    bound_field_class = DateBoundField
    with_time = False

    def __init__(self, *, label: str, past_only: bool = True, required_message: str = "", **kwargs) -> None:
        kwargs.setdefault("widget", GovukDateInput(with_time=self.with_time))
        super().__init__(label=label, **kwargs)
        self.past_only = past_only
        self.error_messages["required"] = required_message or f"Enter the {_lower_first(label)}"

    def prepare_value(self, value):
        return as_parts(value, self.widget.parts)

    def _refuse(self, reason: str) -> ValidationError:
        return ValidationError(f"{self.label} {reason}", code="invalid")

    def to_python(self, value) -> date | datetime | None:
        if isinstance(value, date):
            return value
        parts = value or {}
        if not any(parts.get(part) for part in self.widget.parts):
            return None
        missing = [part for part in DATE_PARTS if not parts.get(part)]
        if missing:
            raise self._refuse("must include a " + " and ".join(missing))
        day = self._parse_date(parts)
        if not self.with_time:
            return day
        if not parts.get("time"):
            raise self._refuse("must include a time")
        return timezone.make_aware(datetime.combine(day, self._parse_time(parts["time"])))

    def _parse_date(self, parts: dict[str, str]) -> date:
        month_text = parts["month"].lower().rstrip(".")
        # isdecimal, not isdigit: "²" is a digit that int() refuses; four figures at most keeps int() from a huge one.
        month = MONTHS.get(month_text) or (int(month_text) if month_text.isdecimal() and len(month_text) <= 4 else None)
        if not (parts["day"].isdigit() and parts["year"].isdigit()) or month is None:
            raise self._refuse("must be a real date")
        if len(parts["year"]) != 4:
            raise self._refuse("must include a year with 4 numbers, like 2025")
        try:
            return date(int(parts["year"]), month, int(parts["day"]))
        except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows rather than being invalid
            raise self._refuse("must be a real date") from None

    def _parse_time(self, text: str) -> time:
        text = text.lower().replace(" ", "")
        if text in ("midday", "noon", "12noon"):
            return time(12, 0)
        if text == "midnight":
            return time(0, 0)
        found = TIME.match(text)
        if found is None or (found["minute"] is None and found["half"] is None):
            raise self._refuse("must include a real time, like 9:30 or 14:30")
        hour, minute = int(found["hour"]), int(found["minute"] or 0)
        if found["half"]:
            if not 1 <= hour <= 12:
                raise self._refuse("must include a real time, like 9:30 or 14:30")
            hour = hour % 12 + (12 if found["half"].startswith("p") else 0)
        if hour > 23 or minute > 59:
            raise self._refuse("must include a real time, like 9:30 or 14:30")
        return time(hour, minute)

    def validate(self, value) -> None:
        super().validate(value)
        if value is None or not self.past_only:
            return
        day = timezone.localtime(value).date() if isinstance(value, datetime) else value
        if day > local_today():
            raise self._refuse("must be today or in the past")


class GovukDateTimeField(GovukDateField):
    """A date in three boxes and a time in a fourth (24-hour, or with am/pm), as an aware date-time."""

    with_time = True


class YesNoField(forms.TypedChoiceField):
    """A yes/no question as two inline radios; cleans to True, False, or None when optional and unanswered."""

    def __init__(self, *, label: str, required_message: str, **kwargs) -> None:
        super().__init__(
            label=label,
            choices=YES_NO,
            coerce=lambda answer: answer == "yes",
            empty_value=None,
            widget=GovukRadios,
            error_messages={"required": required_message, "invalid_choice": f"{label}: answer yes or no"},
            **kwargs,
        )


def code_choices(code_list: codes.CodeList, *, with_code: bool = False) -> list[tuple[str, str]]:
    return [(code, f"{code}: {label}" if with_code else label) for code, label in code_list.labels.items()]


def code_field(code_list: codes.CodeList, *, label: str, required_message: str, with_code: bool = False, **kwargs):
    """Radios for a national (or local) code list; a code not in the list is refused naming the field."""
    return forms.ChoiceField(
        label=label,
        choices=code_choices(code_list, with_code=with_code),
        widget=GovukRadios,
        error_messages={
            "required": required_message,
            "invalid_choice": f"{label}: “%(value)s” is not a recognised code",
        },
        **kwargs,
    )


class RecordForm(forms.Form):
    """Base of the recording forms: checks an answer that only some answers need, in `clean()`."""

    def require(self, field: str, message: str) -> None:
        if self.cleaned_data.get(field) is None and field not in self.errors:
            self.add_error(field, message)

    def forget(self, *fields: str) -> None:
        """Answers to questions that do not apply: neither kept nor complained about."""
        for field in fields:
            self._errors.pop(field, None)
            self.cleaned_data[field] = None

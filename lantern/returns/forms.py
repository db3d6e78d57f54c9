"""The Returns page's forms: a collection year for the CIN census and SSDA903, an inspection date for Annex A.

Each return has its own small form with its own prefix, so that the boxes have distinct ids and the error summary
links to the right one; each message names the return as well as the field.
"""

from datetime import date

from django import forms

from lantern.care.services import collection_year_of
from lantern.core.dates import day_label
from lantern.core.services import local_today
from lantern.pages.forms import GovukDateField
from lantern.returns.models import ReturnJob

# How far back a run may go: older years hold too little in Lantern to be worth a return.
YEARS_BACK = 10


def last_complete_year(today: date | None = None) -> int:
    """On 24 November 2026 the last complete collection year is 2025/26 (2026)."""
    return collection_year_of(today or local_today()) - 1


class CollectionYearForm(forms.Form):
    year = forms.CharField(label="Collection year", required=False)

    def __init__(self, *args, kind: str, **kwargs) -> None:
        kwargs.setdefault("prefix", PREFIXES[kind])
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.name = ReturnJob.Kind(kind).label.split(" (")[0]
        self.fields["year"].label = f"{self.name} collection year"
        self.fields["year"].help_text = (
            "The year ending on 31 March, as 4 numbers. "
            f"For example, {last_complete_year()} for {last_complete_year() - 1}/{last_complete_year() % 100:02d}"
        )

    def clean_year(self) -> int:
        text = self.cleaned_data["year"].strip()
        label = f"{self.name} collection year"
        if not text:
            raise forms.ValidationError(f"Enter the {label}")
        if not text.isdecimal() or len(text) != 4:  # isdecimal: "²²²²" is digits that int() refuses
            raise forms.ValidationError(f"{label} must be a year with 4 numbers, like {last_complete_year()}")
        year = int(text)
        latest = collection_year_of(local_today())
        earliest = latest - YEARS_BACK
        if year > latest:
            raise forms.ValidationError(
                f"{label} must be {latest} or earlier: {latest} is the year in progress, to 31 March {latest}"
            )
        if year < earliest:
            raise forms.ValidationError(f"{label} must be {earliest} or later")
        return year


class AnnexAForm(forms.Form):
    as_of = GovukDateField(
        label="Annex A inspection date",
        past_only=True,
        help_text="The date the lists run up to. For example, 31 3 2026",
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", PREFIXES[ReturnJob.Kind.ANNEX_A])
        super().__init__(*args, **kwargs)

    def clean_as_of(self) -> date:
        as_of = self.cleaned_data["as_of"]
        if as_of is None:
            raise forms.ValidationError("Enter the Annex A inspection date")
        earliest = date(local_today().year - YEARS_BACK, 1, 1)
        if as_of < earliest:
            raise forms.ValidationError(f"Annex A inspection date must be on or after {day_label(earliest)}")
        return as_of


PREFIXES = {ReturnJob.Kind.CIN_CENSUS: "cin", ReturnJob.Kind.SSDA903: "ssda903", ReturnJob.Kind.ANNEX_A: "annex"}


def empty_forms() -> dict[str, forms.Form]:
    return {
        ReturnJob.Kind.CIN_CENSUS: CollectionYearForm(
            kind=ReturnJob.Kind.CIN_CENSUS, initial={"year": last_complete_year()}
        ),
        ReturnJob.Kind.SSDA903: CollectionYearForm(kind=ReturnJob.Kind.SSDA903, initial={"year": last_complete_year()}),
        ReturnJob.Kind.ANNEX_A: AnnexAForm(initial={"as_of": local_today()}),
    }


def bound_form(kind: str, data) -> forms.Form:
    if kind == ReturnJob.Kind.ANNEX_A:
        return AnnexAForm(data)
    return CollectionYearForm(data, kind=kind)

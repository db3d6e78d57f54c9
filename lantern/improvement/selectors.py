"""Reads for the improvement plan: every action with its RAG worked out now, each linked measure evaluated once
(authority-wide: the plan is the service's), the filters, and an action's history."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from lantern.improvement.models import Action, Evidence, Milestone, RagSnapshot, Theme
from lantern.improvement.rag import Judgement, judge
from lantern.performance.definitions import MEASURES
from lantern.performance.measures import Measure
from lantern.performance.selectors import Basics, evaluate, format_value

RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "": 3}


@dataclass
class ActionRow:
    action: Action
    measure: Measure | None
    value: float | None
    judgement: Judgement | None
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def rag(self) -> str:
        if self.measure is not None:
            return self.judgement.rag if self.judgement else ""
        return self.action.manual_rag

    @property
    def rag_source(self) -> str:
        if self.measure is not None:
            return "measure"
        return "manual" if self.action.manual_rag else ""

    @property
    def rag_why(self) -> str:
        if self.measure is not None:
            return self.judgement.why if self.judgement else ""
        return self.action.manual_rag_reason or "no RAG set yet"

    def shown(self, value: float | None) -> str:
        return "" if self.measure is None or value is None else format_value(self.measure, value)

    @property
    def value_shown(self) -> str:
        if self.measure is None:
            return ""
        return format_value(self.measure, self.value)

    @property
    def target_value(self) -> float | None:
        if self.measure is None:
            return None
        return self.measure.target if self.action.target is None else self.action.target

    @property
    def target_shown(self) -> str:
        return self.shown(self.target_value)

    @property
    def expected_shown(self) -> str:
        return self.shown(self.judgement.expected if self.judgement else None)

    @property
    def baseline_shown(self) -> str:
        return self.shown(self.action.baseline)


def live_values(measure_ids: set[str], as_of: date) -> dict[str, float | None]:
    """Each linked measure's authority-wide value on the date, computed once however many actions share it."""
    basics = Basics.read()
    return {mid: evaluate(MEASURES[mid], as_of, basics=basics)[1].value for mid in sorted(measure_ids)}


def action_rows(actions: QuerySet[Action] | list[Action], as_of: date) -> list[ActionRow]:
    actions = list(actions)
    values = live_values({a.measure_id for a in actions if a.measure_id in MEASURES}, as_of)
    rows = []
    for action in actions:
        measure = MEASURES.get(action.measure_id) if action.measure_id else None
        value = values.get(action.measure_id) if measure else None
        judgement = (
            judge(measure, value, as_of, start=action.start_date, due=action.due_date, baseline=action.baseline,
                  target=action.target)
            if measure else None
        )  # fmt: skip
        rows.append(ActionRow(action, measure, value, judgement))
    return rows


@dataclass(frozen=True)
class Filters:
    theme: str = ""
    rag: str = ""
    owner: str = ""

    @classmethod
    def read(cls, query) -> "Filters":
        theme, rag, owner = (str(query.get(k, "")).strip()[:120] for k in ("theme", "rag", "owner"))
        return cls(theme=theme, rag=rag if rag in ("red", "amber", "green", "none") else "", owner=owner)


def plan(as_of: date, filters: Filters | None = None) -> list[tuple[Theme, list[ActionRow]]]:
    """The plan by theme, each action's RAG worked out on the date; filtered by theme, RAG and owner."""
    filters = filters or Filters()
    actions = Action.objects.select_related("theme", "owner").prefetch_related("milestones")
    if filters.theme:
        actions = actions.filter(theme__key=filters.theme)
    if filters.owner:
        actions = [a for a in actions if a.owner_shown == filters.owner]
    rows = action_rows(actions, as_of)
    if filters.rag:
        rows = [r for r in rows if r.rag == ("" if filters.rag == "none" else filters.rag)]
    themes = list(Theme.objects.all())
    by_theme: dict[int, list[ActionRow]] = {t.pk: [] for t in themes}
    for row in rows:
        by_theme[row.action.theme_id].append(row)
    return [
        (t, by_theme[t.pk]) for t in themes if by_theme[t.pk] or not (filters.theme or filters.rag or filters.owner)
    ]


def owners() -> list[str]:
    return sorted({a.owner_shown for a in Action.objects.select_related("owner")})


def rag_counts(sections: list[tuple[Theme, list[ActionRow]]]) -> dict[str, int]:
    counts = {"red": 0, "amber": 0, "green": 0, "none": 0}
    for _, rows in sections:
        for row in rows:
            counts[row.rag or "none"] += 1
    return counts


def history(action: Action) -> list[RagSnapshot]:
    return list(RagSnapshot.objects.filter(action=action).order_by("month"))


def evidence(action: Action) -> list[Evidence]:
    return list(Evidence.objects.filter(action=action).select_related("audit", "child", "added_by"))

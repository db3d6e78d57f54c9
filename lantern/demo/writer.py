"""Write model instances in dependency order with bulk_create, a batch of families at a time.

Parents are inserted first and get their ids back from the database (RETURNING on SQLite and PostgreSQL),
so children built with parent instances pick the ids up as they are inserted. No signals are sent, so
auditlog records nothing for generated rows.
"""

from collections import Counter, defaultdict

from django.db import models

from lantern.care.models import (
    Adopters,
    AdoptionDecision,
    CareEpisode,
    CarePeriod,
    CLAReview,
    Conviction,
    DentalCheck,
    HealthAssessment,
    ImmunisationCheck,
    PermanencePlan,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from lantern.journey.models import (
    Assessment,
    AssessmentFactor,
    ChildProtectionConference,
    CINPlan,
    Contact,
    CPPlan,
    EarlyHelpEpisode,
    Referral,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from lantern.leaving_care.models import (
    CareLeaver,
    CareLeaverContact,
    Entitlement,
    NeedsAssessment,
    PathwayPlan,
    PathwayPlanReview,
)
from lantern.missing.models import MissingEducationEpisode, MissingEpisode
from lantern.people.models import Address, Child, ChildDisability, Person, Relationship, RestrictedAccess
from lantern.workforce.models import Allocation

# Every record model the generator writes per family, parents before children.
RECORD_ORDER: list[type[models.Model]] = [
    Child,
    ChildDisability,
    Person,
    Relationship,
    Address,
    Contact,
    EarlyHelpEpisode,
    Referral,
    Assessment,
    AssessmentFactor,
    StrategyDiscussion,
    Section47Enquiry,
    CPPlan,
    ChildProtectionConference,
    CINPlan,
    Visit,
    CarePeriod,
    CareEpisode,
    CLAReview,
    HealthAssessment,
    DentalCheck,
    PersonalEducationPlan,
    PermanencePlan,
    StrengthsAndDifficulties,
    ImmunisationCheck,
    SubstanceMisuse,
    Conviction,
    Adopters,
    AdoptionDecision,
    MissingEpisode,
    MissingEducationEpisode,
    CareLeaver,
    CareLeaverContact,
    NeedsAssessment,
    PathwayPlan,
    PathwayPlanReview,
    Entitlement,
    Allocation,
    RestrictedAccess,
]
BATCH_SIZE = 2000


def table(model: type[models.Model]) -> str:
    return model._meta.db_table


class Writer:
    """Collects instances per model and inserts them in RECORD_ORDER when asked."""

    def __init__(self) -> None:
        self.pending: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        # Every record table is reported, even one the run left empty.
        self.counts: Counter[str] = Counter(dict.fromkeys(map(table, RECORD_ORDER), 0))

    def add(self, obj: models.Model) -> models.Model:
        self.pending[type(obj)].append(obj)
        return obj

    def flush(self) -> None:
        for model in RECORD_ORDER:
            objs = self.pending.pop(model, None)
            if objs:
                model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
                self.counts[table(model)] += len(objs)
        if self.pending:
            raise RuntimeError(f"No write order for {sorted(m.__name__ for m in self.pending)}")

    def write_now(self, objs: list[models.Model]) -> list[models.Model]:
        """Insert one model's rows at once (services, teams, workers, users)."""
        if objs:
            model = type(objs[0])
            objs = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
            self.counts[table(model)] += len(objs)
        return objs

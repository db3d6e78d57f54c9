"""Every test factory in one place. Fixtures stay small: build only what a test looks at."""

from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.care.models import CareEpisode, CarePeriod
from lantern.core.writing import writing
from lantern.journey.models import Referral, Visit
from lantern.people.models import Child
from lantern.workforce.models import Allocation, Service, Team, Worker


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
        if Role.INSPECTOR in (extracted or []) and self.access_expires_at is None:
            # An inspector without an end date cannot sign in (tests/accounts/test_expiry.py).
            self.access_expires_at = timezone.now() + timedelta(days=28)
            self.save(update_fields=["access_expires_at"])


# Records are written only by services (lantern/core/writing.py); a test's fixture says it writes directly.
FIXTURE = "test fixture"


def fixture_writes():
    """A block in which a test builds or changes records directly, as its fixture (not as a user would)."""
    return writing(FIXTURE)


def make(model, **fields):
    """One record of `model`, written directly as a test fixture."""
    with writing(FIXTURE):
        return model.objects.create(**fields)


def resave(instance, **fields):
    """Change fields of a record directly as a test fixture, and save it."""
    for name, value in fields.items():
        setattr(instance, name, value)
    with writing(FIXTURE):
        instance.save()
    return instance


class RecordFactory(factory.django.DjangoModelFactory):
    """A factory of case records: writes as a test fixture."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with writing(FIXTURE):
            return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        with writing(FIXTURE):
            super()._after_postgeneration(instance, create, results)


class ServiceFactory(RecordFactory):
    class Meta:
        model = Service
        django_get_or_create = ["name"]

    name = "Children's safeguarding"


class TeamFactory(RecordFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Safeguarding team {n}")
    service = factory.SubFactory(ServiceFactory)
    kind = Team.Kind.SAFEGUARDING


class WorkerFactory(RecordFactory):
    class Meta:
        model = Worker

    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    role = Worker.Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)
    registration_number = factory.Sequence(lambda n: f"SW{100000 + n}")
    start_date = date(2020, 1, 6)


class ChildFactory(RecordFactory):
    class Meta:
        model = Child

    la_child_id = factory.Sequence(lambda n: f"C{1000000 + n}")
    first_name = "Jamie"
    last_name = factory.Sequence(lambda n: f"Child{n}")
    date_of_birth = date(2015, 6, 15)
    sex = "F"
    ethnicity = "WBRI"


class AllocationFactory(RecordFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    worker = factory.SubFactory(WorkerFactory)
    team = factory.LazyAttribute(lambda o: o.worker.team)
    role = Allocation.Role.SOCIAL_WORKER
    start_date = date(2025, 1, 6)


class ReferralFactory(RecordFactory):
    class Meta:
        model = Referral

    child = factory.SubFactory(ChildFactory)
    referral_date = date(2025, 9, 1)
    referral_source = "2A"
    primary_need_code = "N1"


class VisitFactory(RecordFactory):
    class Meta:
        model = Visit

    child = factory.SubFactory(ChildFactory)
    kind = Visit.Kind.CIN
    visit_date = date(2025, 10, 1)
    seen = True
    seen_alone = False


class CarePeriodFactory(RecordFactory):
    class Meta:
        model = CarePeriod

    child = factory.SubFactory(ChildFactory)
    start_date = date(2025, 5, 10)


class CareEpisodeFactory(RecordFactory):
    class Meta:
        model = CareEpisode

    period = factory.SubFactory(CarePeriodFactory)
    child = factory.LazyAttribute(lambda o: o.period.child)
    start_date = factory.LazyAttribute(lambda o: o.period.start_date)
    reason_new_episode = "S"
    legal_status = "C2"
    category_of_need = "N1"
    placement_type = "U4"
    placement_provider = "PR1"
    home_postcode = "ME4 4TZ"
    placement_postcode = "ME5 9PH"
    urn = "SC123456"

"""Every test factory in one place. Fixtures stay small: build only what a test looks at."""

from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.care.models import CareEpisode, CarePeriod
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


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ["name"]

    name = "Children's safeguarding"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Safeguarding team {n}")
    service = factory.SubFactory(ServiceFactory)
    kind = Team.Kind.SAFEGUARDING


class WorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worker

    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Worker{n}")
    role = Worker.Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)
    registration_number = factory.Sequence(lambda n: f"SW{100000 + n}")
    start_date = date(2020, 1, 6)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    la_child_id = factory.Sequence(lambda n: f"C{1000000 + n}")
    first_name = "Jamie"
    last_name = factory.Sequence(lambda n: f"Child{n}")
    date_of_birth = date(2015, 6, 15)
    sex = "F"
    ethnicity = "WBRI"


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(ChildFactory)
    worker = factory.SubFactory(WorkerFactory)
    team = factory.LazyAttribute(lambda o: o.worker.team)
    role = Allocation.Role.SOCIAL_WORKER
    start_date = date(2025, 1, 6)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    child = factory.SubFactory(ChildFactory)
    referral_date = date(2025, 9, 1)
    referral_source = "2A"
    primary_need_code = "N1"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    child = factory.SubFactory(ChildFactory)
    kind = Visit.Kind.CIN
    visit_date = date(2025, 10, 1)
    seen = True
    seen_alone = False


class CarePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CarePeriod

    child = factory.SubFactory(ChildFactory)
    start_date = date(2025, 5, 10)


class CareEpisodeFactory(factory.django.DjangoModelFactory):
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

"""factory-boy factories for disclosure requests, staff and a year of sample cases."""

import datetime
import random

import factory
from django.contrib.auth import get_user_model

from gongkai.core.models import Agency, AgencyKind, Role, StaffProfile
from gongkai.disclosure import clock
from gongkai.disclosure.choices import (
    ApplicantType,
    Channel,
    DeliveryMethod,
    EventKind,
    IdDocumentType,
    ProvisionForm,
    Status,
)
from gongkai.disclosure.models import CaseEvent, DisclosureRequest
from gongkai.disclosure.outcomes import Outcome


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"示例区第{n}局")
    code = factory.Sequence(lambda n: f"TEST{n:03d}")
    kind = AgencyKind.DISTRICT_DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    password = factory.django.Password("test-password-1")


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.DRAFTER


class DisclosureRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisclosureRequest
        skip_postgeneration_save = True

    tracking_code = factory.Sequence(lambda n: f"YS2025-T{n:09d}")
    agency = factory.SubFactory(AgencyFactory)
    applicant_type = ApplicantType.NATURAL_PERSON
    applicant_name = factory.Faker("name", locale="zh_CN")
    id_document_type = IdDocumentType.RESIDENT_ID
    id_document_number = factory.Faker("ssn", locale="zh_CN")
    contact_phone = factory.Faker("phone_number", locale="zh_CN")
    contact_email = factory.Faker("email")
    contact_address = factory.Faker("address", locale="zh_CN")
    description = "请提供本区2024年老旧小区改造项目的实施方案。"
    provision_form = ProvisionForm.ELECTRONIC
    delivery_method = DeliveryMethod.EMAIL
    channel = Channel.ONLINE
    submitted_on = datetime.date(2025, 3, 3)
    received_on = factory.LazyAttribute(lambda request: request.submitted_on)
    status = Status.PROCESSING

    @factory.post_generation
    def received_event(request, create, extracted, **kwargs):
        if create and request.received_on:
            CaseEvent.objects.create(request=request, kind=EventKind.RECEIVED, date=request.received_on)
            clock.refresh(request)
            request.save(update_fields=["due_date", "due_provisional"])


def sample_year(agency: Agency, year: int = 2025, count: int = 100, seed: int = 7) -> list[DisclosureRequest]:
    """Create `count` cases around `year`: some received the year before, some still open at its end.

    The answer dates spread up to 60 days after receipt, so cases cross both year boundaries.
    """
    rng = random.Random(seed)
    types = list(ApplicantType)
    outcomes = list(Outcome)
    cases = []
    for index in range(count):
        received = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(-40, 365))
        answered = received + datetime.timedelta(days=rng.randrange(1, 60))
        still_open = rng.random() < 0.1
        case = DisclosureRequestFactory(
            agency=agency,
            applicant_type=types[index % len(types)],
            submitted_on=received,
            received_on=received,
            status=Status.PROCESSING if still_open else Status.ANSWERED,
            outcome="" if still_open else rng.choice(outcomes),
            answered_on=None if still_open else answered,
        )
        cases.append(case)
    return cases

"""Agencies and staff for the disclosure tests: agency A (a district department) and agency B."""

import pytest

from gongkai.core.models import AgencyKind, Role

from .factories import AgencyFactory, StaffProfileFactory


@pytest.fixture
def district(db):
    return AgencyFactory(name="上海市示例区人民政府", code="SJGOV", kind=AgencyKind.DISTRICT_GOVERNMENT)


@pytest.fixture
def agency_a(district):
    return AgencyFactory(name="上海市示例区规划和自然资源局", code="SJGHZY", parent=district)


@pytest.fixture
def agency_b(district):
    return AgencyFactory(name="上海市示例区市场监督管理局", code="SJSCJG", parent=district)


@pytest.fixture
def office_a(agency_a):
    return StaffProfileFactory(user__username="office_a", agency=agency_a, role=Role.DISCLOSURE_OFFICE).user


@pytest.fixture
def clerk_a(agency_a):
    return StaffProfileFactory(user__username="clerk_a", agency=agency_a, role=Role.DRAFTER).user


@pytest.fixture
def office_b(agency_b):
    return StaffProfileFactory(user__username="office_b", agency=agency_b, role=Role.DISCLOSURE_OFFICE).user

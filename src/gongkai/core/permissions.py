"""Which agencies a staff account may see and act for.

Staff act for their own agency. The disclosure office (公开办) of an agency also oversees every
agency below it, so a district's 公开办 oversees its departments. Superusers see everything.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from gongkai.core.models import Agency, Role, StaffProfile


def profile(user) -> StaffProfile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.staff_profile
    except ObjectDoesNotExist:
        return None


def descendants(agency: Agency) -> list[int]:
    """Return the ids of `agency` and every agency below it."""
    ids = [agency.pk]
    frontier = [agency.pk]
    while frontier:
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def visible_agencies(user) -> QuerySet[Agency]:
    """Return the agencies whose data `user` may see and change."""
    if user.is_superuser:
        return Agency.objects.all()

    staff = profile(user)
    if staff is None:
        return Agency.objects.none()
    if staff.role in (Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR):
        return Agency.objects.filter(pk__in=descendants(staff.agency))
    return Agency.objects.filter(pk=staff.agency_id)


def can_act_for(user, agency: Agency) -> bool:
    return visible_agencies(user).filter(pk=agency.pk).exists()


def has_role(user, *roles: str) -> bool:
    if user.is_superuser:
        return True
    staff = profile(user)
    return staff is not None and staff.role in roles

"""Permissions to see and handle disclosure requests, built on `gongkai.core.permissions`.

Staff see the requests of the agencies visible to them. The applicant's personal data, and every
change to a case, are for the assigned staff member and the agency's disclosure office (公开办) only.
"""

from __future__ import annotations

from gongkai.core.models import Role
from gongkai.core.permissions import can_act_for, has_role, profile, visible_agencies
from gongkai.disclosure.models import DisclosureRequest

OFFICE_ROLES = (Role.DISCLOSURE_OFFICE, Role.ADMINISTRATOR)


def visible_requests(user):
    """Return the requests of the agencies `user` may see."""
    return DisclosureRequest.objects.filter(agency__in=visible_agencies(user))


def is_office_for(user, request: DisclosureRequest) -> bool:
    """True for the disclosure office overseeing the request's agency, and for superusers."""
    if user.is_superuser:
        return True
    return profile(user) is not None and has_role(user, *OFFICE_ROLES) and can_act_for(user, request.agency)


def can_handle(user, request: DisclosureRequest) -> bool:
    """True when `user` may see the applicant's personal data and act on the case."""
    if is_office_for(user, request):
        return True
    return request.assigned_to_id is not None and request.assigned_to_id == user.pk and can_act_for(user, request.agency)


def can_approve_extension(user, request: DisclosureRequest) -> bool:
    """True for the disclosure office, whose head must approve an extension (Regulations Art. 33).

    NOTE: staff profiles have no separate role for the head of the office. So every member of the
    disclosure office may approve, and the event records who approved.
    """
    return is_office_for(user, request)

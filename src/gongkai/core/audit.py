"""The audit log: every state change in gongkai writes one entry through `record`."""

from __future__ import annotations

from django.db import models

from gongkai.core.models import AuditEntry


def record(
    action: str,
    obj: models.Model,
    *,
    actor=None,
    actor_label: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Write one audit entry for `action` on `obj`; call it inside the transaction of the change."""
    label = actor_label or (actor.get_username() if actor is not None else "system")
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
    )

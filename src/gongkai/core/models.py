from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    NATIONAL_LEGISLATURE = "national_legislature", _("National legislature")
    STATE_COUNCIL = "state_council", _("State Council")
    STATE_COUNCIL_DEPARTMENT = "state_council_department", _("State Council department")
    JUDICIARY = "judiciary", _("Court or procuratorate")
    LOCAL_LEGISLATURE = "local_legislature", _("Local legislature")
    MUNICIPAL_GOVERNMENT = "municipal_government", _("Municipal government")
    MUNICIPAL_DEPARTMENT = "municipal_department", _("Municipal department")
    DISTRICT_GOVERNMENT = "district_government", _("District government")
    DISTRICT_DEPARTMENT = "district_department", _("District department")
    OTHER = "other", _("Other")


class Agency(models.Model):
    """机关: a body that issues documents, nested as 市政府 → 委办局 and 区政府 → 区级部门.

    `code` is the agency part of every 索引号 the agency's documents receive, so it never changes
    once documents carry it.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Agency part of the index number, for example SHGOV."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind.choices, default=AgencyKind.OTHER)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    """One state change: who made it, when, to what, with the values before and after.

    Entries are only ever added; the admin shows them read-only.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(
        _("actor"), max_length=150, help_text=_("User name, or the command that acted, such as gongkai import.")
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class Role(models.TextChoices):
    """Staff roles of the publishing and disclosure workflows."""

    DRAFTER = "drafter", _("Drafter")  # 起草人
    REVIEWER = "reviewer", _("Reviewer")  # 审核人
    DISCLOSURE_OFFICE = "disclosure_office", _("Disclosure office")  # 公开办: may publish
    ADMINISTRATOR = "administrator", _("Administrator")  # 管理员


class StaffProfile(models.Model):
    """The agency and role of a staff account.

    Staff see and change only their agency's data; the disclosure office of an agency also oversees
    the agencies below it (a district's 公开办 oversees its departments), see
    `gongkai.core.permissions`.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="staff")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.DRAFTER)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.agency.name}, {self.get_role_display()})"

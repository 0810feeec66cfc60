"""Models of the shared core: people and organisations, reference data, notifications, audit log."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from knox.models import AbstractAuthToken

from wsis.confusables import name_skeleton
from wsis.enums import InvitationStatus, NotificationStatus

# --- Reference data (loaded by data migrations, editable in the admin) ---


class ActionLine(models.Model):
    """One of the 18 rows of the WSIS-SDG matrix: C1-C11 with C7's eight sub-lines."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    slug = models.SlugField(_("slug"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    class Meta:
        ordering = ("position",)
        verbose_name = _("Action Line")
        verbose_name_plural = _("Action Lines")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Sdg(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ("number",)
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name}"


class GdcObjective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ("number",)
        verbose_name = _("Global Digital Compact objective")
        verbose_name_plural = _("Global Digital Compact objectives")

    def __str__(self) -> str:
        return f"GDC {self.number}: {self.name}"


class StakeholderType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position",)
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")

    def __str__(self) -> str:
        return self.name


class ItuRegion(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ("name",)
        verbose_name = _("ITU region")
        verbose_name_plural = _("ITU regions")

    def __str__(self) -> str:
        return self.name


class CountryRegion(models.Model):
    """The ITU region of a country (every UN member state has exactly one)."""

    country = CountryField(_("country"), unique=True)
    region = models.ForeignKey(
        ItuRegion, on_delete=models.PROTECT, related_name="countries", verbose_name=_("region")
    )

    class Meta:
        ordering = ("country",)
        verbose_name = _("country's ITU region")
        verbose_name_plural = _("countries' ITU regions")

    def __str__(self) -> str:
        return f"{self.country.name} → {self.region}"


# --- People and organisations ---


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Signs in with the e-mail address; there is no user name."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ("email",)
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    country = CountryField(_("country"), blank=True)
    stakeholder_type = models.ForeignKey(
        StakeholderType,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("stakeholder type"),
    )
    website = models.URLField(_("website"), blank=True)
    # What the name looks like (wsis.confusables.name_skeleton), kept with the name.
    name_skeleton = models.CharField(
        _("name as it looks"), max_length=255, blank=True, editable=False, db_index=True
    )
    looks_like = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("name looks like"),
        help_text=_(
            "An existing organisation whose name looks the same although its letters differ "
            "(e.g. a Cyrillic letter for a Latin one), flagged when this one was created. Clear "
            "it once checked."
        ),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="organisation_name_country_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_skeleton = name_skeleton(self.name)[:255]
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_skeleton"}
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A person's membership of an organisation; one member per organisation is its contact."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    is_contact = models.BooleanField(_("contact person"), default=False)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=("organisation", "user"), name="membership_unique"),
            models.UniqueConstraint(
                fields=("organisation",),
                condition=models.Q(is_contact=True),
                name="membership_one_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


class MembershipInvitation(models.Model):
    """An invitation to join an organisation, sent to an e-mail address. Nothing changes for
    the invited person until they accept it, signed in with that address confirmed; the
    address is stored normalised (trimmed, lower case)."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("invited address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("membership invitation")
        verbose_name_plural = _("membership invitations")
        constraints = [
            models.UniqueConstraint(
                fields=("organisation", "email"),
                condition=models.Q(status=InvitationStatus.PENDING),
                name="invitation_one_pending_per_address",
            ),
        ]
        indexes = [models.Index(fields=("email", "status"))]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class FacilitatorAssignment(models.Model):
    """Makes a person an editor of one Action Line's roadmap."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitations"
    )
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.CASCADE, related_name="facilitator_assignments"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitations",
        verbose_name=_("facilitator organisation"),
    )

    class Meta:
        verbose_name = _("Action Line facilitator")
        verbose_name_plural = _("Action Line facilitators")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "action_line"), name="facilitator_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.action_line.code}"


# --- Notifications outbox and audit log ---


class Notification(models.Model):
    """One e-mail in the outbox. It is rendered when queued and sent at most once."""

    recipient = models.EmailField(_("recipient"))
    template = models.CharField(_("template"), max_length=200)
    context = models.JSONField(_("context"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=("status", "created_at"))]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"


class AuditEntry(models.Model):
    """Who did what to which object, when, why, and how it looked before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The client's address when the change came from a request (`wsis.network.client_address`).
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=("content_type", "object_id", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.action}: {self.object_repr}"


# --- API tokens ---


class ApiToken(AbstractAuthToken):
    """A person's key to the API, named by its owner. Only a hash of the key is stored
    (django-rest-knox: the key itself is shown once, when it is made); it expires after
    API_TOKEN_TTL_DAYS. `public_id` names it in addresses, so nothing of the key or its hash
    ever appears in a page or a link."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ("-created",)
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

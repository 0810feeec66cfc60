"""Models of the shared core: people and organisations, reference data, notifications, audit log."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from knox.models import AbstractAuthToken

from wsis.confusables import name_skeleton
from wsis.enums import InvitationStatus, NotificationStatus

# --- Reference data (loaded by data migrations, editable in the admin) ---


def translation_suffix(language: str) -> str:
    """The suffix of a name's column in `language`: "zh-hans" → "zh_hans"."""
    return language.replace("-", "_")


class TranslatedAttribute(DeferredAttribute):
    """Reads the field in the active language (its `<name>_<language>` column) when a translation
    is there, else as written (English); writes always go to the field itself."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        language = get_language()
        if language and language != settings.LANGUAGE_CODE:
            translated = instance.__dict__.get(
                f"{self.field.attname}_{translation_suffix(language)}"
            )
            if translated:
                return translated
        return self.source(instance)

    def source(self, instance) -> str:
        """The text as written (English), read from the database if it was deferred."""
        return super().__get__(instance, type(instance))

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class TranslatedFieldMixin:
    """Saving, forms and serialisation keep the English text (see `TranslatedAttribute`)."""

    descriptor_class = TranslatedAttribute

    def pre_save(self, model_instance, add):
        return self.value_from_object(model_instance)

    def value_from_object(self, obj):
        return getattr(type(obj), self.attname).source(obj)


class TranslatedCharField(TranslatedFieldMixin, models.CharField):
    """The English text of a reference name; reading it gives the active language's translation
    (see `NameTranslations`). Saving, forms and serialisation keep the English text."""


class TranslatedTextField(TranslatedFieldMixin, models.TextField):
    """A longer English text read in the active language, like `TranslatedCharField`."""


def clean_translated_fields(instance, names, exclude, clean_others) -> None:
    """`Model.clean_fields` for a model with translated fields: those are cleaned on their
    English text (reading them would give the translation), the others by `clean_others`."""
    exclude = set(exclude or ())
    errors: dict = {}
    for name in names:
        if name in exclude:
            continue
        field = instance._meta.get_field(name)
        try:
            instance.__dict__[name] = field.clean(field.value_from_object(instance), instance)
        except ValidationError as error:
            errors[name] = error.error_list
    try:
        clean_others(exclude=exclude | set(names))
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class ChoiceLabels:
    """`get_<field>_display()` at the cost of one translation. Django's builds a dict of every
    choice on each call, and hashing each lazy label translates it: a card's state costs a
    translation per state of the workflow (the category page with its 56 nominees spent a
    quarter of its time there). Here each field keeps its choices' labels (still lazy) once,
    and a call translates only the label it shows. A mixin of the models, not of their fields:
    Django binds `get_<field>_display` to the model's `_get_FIELD_display` when the class is
    built."""

    def _get_FIELD_display(self, field):
        labels = field.__dict__.get("_choice_labels")
        if labels is None:
            labels = {make_hashable(value): label for value, label in field.flatchoices}
            field._choice_labels = labels
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


class NameTranslations(models.Model):
    """A reference row's name in the other five languages of the UN, kept by the secretariat."""

    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name in Chinese"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name_en(self) -> str:
        """The name as written (English), whatever the active language."""
        return type(self).name.source(self)

    # Django copies and cleans field values by reading their attributes, which would give the
    # translation; these two work on the English text itself.

    def refresh_from_db(self, *args, **kwargs) -> None:
        with translation.override(None):
            super().refresh_from_db(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        exclude = set(exclude or ())
        errors: dict = {}
        if "name" not in exclude:
            field = self._meta.get_field("name")
            try:
                self.__dict__["name"] = field.clean(field.value_from_object(self), self)
            except ValidationError as error:
                errors["name"] = error.error_list
        try:
            super().clean_fields(exclude=exclude | {"name"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class ActionLine(NameTranslations):
    """One of the 18 rows of the WSIS-SDG matrix: C1-C11 with C7's eight sub-lines."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    slug = models.SlugField(_("slug"), max_length=8, unique=True)
    name = TranslatedCharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    class Meta:
        ordering = ("position",)
        verbose_name = _("Action Line")
        verbose_name_plural = _("Action Lines")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Sdg(NameTranslations):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = TranslatedCharField(_("name"), max_length=100)

    class Meta:
        ordering = ("number",)
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.name}"


class GdcObjective(NameTranslations):
    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)
    name = TranslatedCharField(_("name"), max_length=200)

    class Meta:
        ordering = ("number",)
        verbose_name = _("Global Digital Compact objective")
        verbose_name_plural = _("Global Digital Compact objectives")

    def __str__(self) -> str:
        return f"GDC {self.number}: {self.name}"


class StakeholderType(NameTranslations):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = TranslatedCharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ("position",)
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")

    def __str__(self) -> str:
        return self.name


class ItuRegion(NameTranslations):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = TranslatedCharField(_("name"), max_length=100)

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


class TextTranslation(models.Model):
    """A translation of a text written by people (a prize entry, an outcome document) into
    another of the portal's languages: who translated it, who added it and when. The text's own
    row is the original, in its declared language (wsis/text_languages.py)."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    translator = models.CharField(
        _("translator"), max_length=200, help_text=_("Who translated it: a person or a service.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    translated_at = models.DateTimeField(_("translated on"))

    class Meta:
        abstract = True
        ordering = ("language",)


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

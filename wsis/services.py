"""Every write of the shared core: notifications, audit records, organisations and memberships."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, models, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from wsis.enums import NOTIFICATION_PENDING_STATES, NotificationStatus
from wsis.i18n import url_in_language
from wsis.models import AuditEntry, Membership, Notification, Organisation, StakeholderType, User
from wsis.network import current_client_address

logger = logging.getLogger(__name__)


# --- Audit log ---


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Writes one audit entry in the caller's transaction: it exists exactly with the change.
    Within a request it also records the client's address (`wsis.network.client_address`)."""
    return AuditEntry.objects.create(
        client_address=current_client_address(),
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
        reason=reason,
    )


# --- Notifications ---


def notification_queue(
    *,
    recipient: str,
    template: str,
    context: dict[str, Any],
    idempotency_key: str,
    language: str | None = None,
) -> Notification:
    """Renders `templates/notifications/<template>_subject.txt` and `_body.txt`, and `_body.html`
    when present (else the text in `notifications/_layout.html`), and stores the message in the
    outbox.

    The message is written in `language`, by default the recipient's preferred language (their
    profile's; the portal's default for an address that is nobody's account), and each context
    value under a key ending in `path` (a page of the portal) becomes that page in that language
    (the templates make it absolute with `|absolute_url`).

    The same idempotency key never makes a second message: the existing one is returned. The
    sending task is scheduled only after the surrounding transaction commits, so a rolled-back
    change mails nobody.
    """
    language = language or recipient_language(recipient)
    rendering = {**context, **portal_paths_in_language(context, language)}
    with override(language):
        subject = render_to_string(f"notifications/{template}_subject.txt", rendering)
        body_text = render_to_string(f"notifications/{template}_body.txt", rendering)
        try:
            body_html = render_to_string(f"notifications/{template}_body.html", rendering)
        except TemplateDoesNotExist:
            # Without an HTML body of its own, the text in the portal's mail layout: paragraphs
            # kept, addresses made links.
            body_html = render_to_string(
                "notifications/_layout.html", {"subject": subject.strip(), "body": body_text}
            )
    return notification_store(
        recipient=recipient,
        template=template,
        context=context,
        idempotency_key=idempotency_key,
        subject=settings.NOTIFICATION_SUBJECT_PREFIX + " ".join(subject.split()),
        body_text=body_text.strip(),
        body_html=body_html.strip(),
    )


def recipient_language(email: str) -> str:
    """The language the owner of `email` reads mails in: their preference, else the default."""
    preferred = (
        User.objects.filter(email__iexact=email)
        .values_list("preferred_language", flat=True)
        .first()
    )
    return preferred if preferred in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def portal_paths_in_language(context: dict[str, Any], language: str) -> dict[str, str]:
    """Each portal path in `context` (keys ending in `path`) as the same page in `language`:
    "/stocktaking/12/" → "/fr/stocktaking/12/"."""
    return {
        key: url_in_language(value, language)
        for key, value in context.items()
        if key.endswith("path") and isinstance(value, str) and value.startswith("/")
    }


def notification_store(
    *,
    recipient: str,
    template: str,
    context: dict[str, Any],
    idempotency_key: str,
    subject: str,
    body_text: str,
    body_html: str = "",
) -> Notification:
    """Stores an already rendered message in the outbox (see `notification_queue`)."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                template=template,
                context=context,
                idempotency_key=idempotency_key,
                subject=subject[:255],
                body_text=body_text,
                body_html=body_html,
            )
    except IntegrityError:
        return Notification.objects.get(idempotency_key=idempotency_key)
    _send_after_commit(notification.pk)
    return notification


def _send_after_commit(notification_id: int) -> None:
    """Hands the message to the sending task once the surrounding transaction commits, in one
    task per NOTIFICATION_SEND_BATCH_SIZE messages of that transaction rather than one per message.

    A message joins the newest batch registered under the same savepoints, so a rolled-back
    savepoint drops exactly its own batches, with their messages, and nothing else. A batch
    already handed over (a test's captured callbacks run before the commit) takes no more.
    """
    # The tasks module imports the services: a module-level import would be a cycle.
    from wsis.tasks import task_send_notifications

    connection = transaction.get_connection()
    if connection.in_atomic_block:
        savepoints = set(connection.savepoint_ids)
        for registered_under, callback, _robust in reversed(connection.run_on_commit):
            if registered_under == savepoints and hasattr(callback, "notification_ids"):
                if callback.is_open and len(callback.notification_ids) < (
                    settings.NOTIFICATION_SEND_BATCH_SIZE
                ):
                    callback.notification_ids.append(notification_id)
                    return
                break

    def send_batch() -> None:
        send_batch.is_open = False
        task_send_notifications.delay(send_batch.notification_ids)

    send_batch.notification_ids = [notification_id]
    send_batch.is_open = True
    transaction.on_commit(send_batch, robust=True)


class _ReusedMailConnection:
    """One open connection to the mail server per process, reused for every message: opening an
    SMTP session per message would cost more than sending it. Threads take turns on it. A
    connection that turns out dead is replaced once, at once; a fresh one that fails is a real
    failure."""

    def __init__(self) -> None:
        self._backend = None
        self._key: tuple = ()
        self._lock = threading.RLock()

    def _settings_key(self) -> tuple:
        return (settings.EMAIL_BACKEND, getattr(settings, "EMAIL_HOST", ""), settings.EMAIL_PORT)

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                # Closing a broken connection may fail as well; it is being dropped either way.
                with contextlib.suppress(Exception):
                    self._backend.close()
            self._backend = None

    def send(self, message: EmailMultiAlternatives) -> None:
        with self._lock:
            self._send(message)

    def _send(self, message: EmailMultiAlternatives) -> None:
        if self._key != self._settings_key():
            self.close()
        reused = self._backend is not None
        for attempt in ("first", "fresh"):
            if self._backend is None:
                self._backend = get_connection()
                self._backend.open()
                self._key = self._settings_key()
            message.connection = self._backend
            try:
                message.send()
                return
            except Exception:
                self.close()
                if attempt == "fresh" or not reused:
                    raise


_mail_connection = _ReusedMailConnection()


def mail_connection_close() -> None:
    """Closes this process's mail connection (worker shutdown, end of a test)."""
    _mail_connection.close()


@dataclass(frozen=True)
class SendOutcome:
    status: str
    retry_in_seconds: int | None = None


def notification_send(*, notification_id: int) -> SendOutcome:
    """Sends one queued message through Django's mail backend, at most once.

    The row stays locked while the message goes out, so two workers given the same task send it
    once. A failure is recorded with its error; the caller retries after `retry_in_seconds`
    (exponential backoff) until NOTIFICATION_MAX_ATTEMPTS, then the message ends FAILED and is
    visible as such in the admin.
    """
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status not in NOTIFICATION_PENDING_STATES:
            return SendOutcome(status=notification.status if notification else "missing")
        return _deliver(notification)


@dataclass(frozen=True)
class BatchOutcome:
    sent: list[int]
    # Messages that failed and wait for another attempt, by the seconds to wait.
    retry: dict[int, list[int]]
    failed: list[int]
    # Messages not tried because the batch ran out of time: for a new batch at once.
    left_over: list[int]


def notification_send_batch(*, notification_ids: list[int]) -> BatchOutcome:
    """Sends the given queued messages over this process's one mail connection, each at most once.

    Each message is locked, sent and marked in its own short transaction, so a worker killed
    mid-batch leaves only the message in flight unsent (and every one before it sent, for good).
    A message another worker holds locked is skipped: that worker is sending it, and its task
    runs again if it dies. Messages already sent, failed or gone are skipped too. A failure is
    recorded on its message alone (backoff as in `notification_send`) and the batch goes on.
    After NOTIFICATION_SEND_BATCH_SECONDS the batch stops taking messages and returns the rest, so a
    slow mail server never runs a task into its time limit.
    """
    sent: list[int] = []
    retry: dict[int, list[int]] = {}
    failed: list[int] = []
    ids = sorted(set(notification_ids))
    deadline = time.monotonic() + settings.NOTIFICATION_SEND_BATCH_SECONDS
    for position, notification_id in enumerate(ids):
        if position and time.monotonic() >= deadline:
            return BatchOutcome(sent=sent, retry=retry, failed=failed, left_over=ids[position:])
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(pk=notification_id, status__in=NOTIFICATION_PENDING_STATES)
                .first()
            )
            if notification is None:
                continue
            outcome = _deliver(notification)
        if outcome.status == NotificationStatus.SENT:
            sent.append(notification_id)
        elif outcome.retry_in_seconds is not None:
            retry.setdefault(outcome.retry_in_seconds, []).append(notification_id)
        else:
            failed.append(notification_id)
    return BatchOutcome(sent=sent, retry=retry, failed=failed, left_over=[])


def _deliver(notification: Notification) -> SendOutcome:
    """Sends one message whose row the caller holds locked, and records the outcome on it."""
    notification.attempts += 1
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient],
        headers={"Message-ID": f"<{notification.idempotency_key}@wsis-portal>"},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    try:
        _mail_connection.send(message)
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded, then retried
        logger.warning("Notification %s failed: %s", notification.pk, exc)
        notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        retry_in = None
        if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
        else:
            notification.status = NotificationStatus.RETRYING
            retry_in = settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** (notification.attempts - 1)
        notification.save(update_fields=["attempts", "last_error", "status"])
        return SendOutcome(status=notification.status, retry_in_seconds=retry_in)
    notification.status = NotificationStatus.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return SendOutcome(status=notification.status)


def notification_requeue(*, notification_ids: list[int] | None = None) -> int:
    """Schedules the sending task again for pending messages (all stale ones, or those given).

    Used by the beat schedule for messages whose task was lost (e.g. the broker was down when the
    change committed) and by the admin's "send again" action. Returns how many were scheduled.
    """
    pending = Notification.objects.filter(status__in=NOTIFICATION_PENDING_STATES)
    if notification_ids is None:
        pending = pending.filter(created_at__lt=timezone.now() - timedelta(minutes=10))
    else:
        pending = Notification.objects.filter(pk__in=notification_ids).exclude(
            status=NotificationStatus.SENT
        )
        pending.filter(status=NotificationStatus.FAILED).update(
            status=NotificationStatus.RETRYING, attempts=0
        )
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        for notification_id in ids:
            _send_after_commit(notification_id)
    return len(ids)


# --- Organisations ---


def organisation_create(
    *,
    name: str,
    country: str,
    stakeholder_type: StakeholderType,
    contact: User,
    website: str = "",
) -> Organisation:
    """Creates an organisation with `contact` as its first member and contact person (audited)."""
    base = slugify(name)[:100] or "organisation"
    slug, suffix = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            slug=slug,
            country=country,
            stakeholder_type=stakeholder_type,
            website=website,
        )
        Membership.objects.create(organisation=organisation, user=contact, is_contact=True)
        audit_record(
            actor=contact,
            action="organisation.create",
            obj=organisation,
            after={"name": name, "country": country, "stakeholder_type": stakeholder_type.code},
        )
        organisation_lookalike_flag(organisation=organisation, by=contact)
    return organisation


def organisation_lookalike_flag(*, organisation: Organisation, by: User | None) -> bool:
    """Flags `organisation` when its name looks like an existing organisation's although the
    letters differ (homoglyphs: a Cyrillic "о" for a Latin "o", a capital I for an l; see
    wsis.confusables): sets `looks_like`, audits it and tells the secretariat through the
    outbox. Returns whether it flagged. The name is accepted all the same: the secretariat
    decides, and clears the flag (`organisation_lookalike_clear`) or acts on the account."""
    if not organisation.name_skeleton:
        return False
    twin = (
        Organisation.objects.filter(name_skeleton=organisation.name_skeleton)
        .exclude(pk=organisation.pk)
        .exclude(name__iexact=organisation.name)
        .order_by("created_at", "pk")
        .first()
    )
    if twin is None:
        return False
    organisation.looks_like = twin
    organisation.save(update_fields=["looks_like"])
    audit_record(
        actor=by,
        action="organisation.lookalike_flag",
        obj=organisation,
        after={"name": organisation.name, "looks_like": twin.name, "looks_like_id": twin.pk},
    )
    notification_queue(
        recipient=settings.SECRETARIAT_EMAIL,
        template="organisation_lookalike",
        context={
            "name": organisation.name,
            "code_points": " ".join(
                f"U+{ord(char):04X}" for char in organisation.name if not char.isascii()
            ),
            "twin": twin.name,
            "created_by": by.email if by is not None else "",
            "path": f"/admin/wsis/organisation/{organisation.pk}/change/",
        },
        idempotency_key=f"organisation-lookalike-{organisation.pk}-{twin.pk}",
    )
    return True


def organisation_lookalike_clear(*, organisation: Organisation, by: User) -> None:
    """The secretariat checked a flagged name and found a different organisation: the flag
    goes (audited)."""
    if organisation.looks_like_id is None:
        return
    before = {"looks_like_id": organisation.looks_like_id}
    organisation.looks_like = None
    organisation.save(update_fields=["looks_like"])
    audit_record(actor=by, action="organisation.lookalike_clear", obj=organisation, before=before)


def membership_add(*, organisation: Organisation, user: User, by: User) -> Membership:
    """Adds `user` to `organisation` (idempotent; audited) and tells them by e-mail."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(organisation=organisation, user=user)
        if created:
            audit_record(
                actor=by,
                action="organisation.member_add",
                obj=organisation,
                after={"member": user.email},
            )
            notification_queue(
                recipient=user.email,
                template="membership_added",
                context={"organisation": organisation.name, "added_by": str(by)},
                idempotency_key=f"membership-added-{membership.pk}",
                language=user.preferred_language,
            )
    return membership


# --- People ---


def user_set_preferred_language(*, user: User, language: str) -> None:
    """Keeps `language` (one of LANGUAGES) as the language `user` reads the portal and their
    mails in."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"{language!r} is not one of the portal's languages")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


def text_translation_save(
    *,
    translations: models.Manager,
    language: str,
    original_language: str,
    values: dict[str, Any],
    required: tuple[str, ...],
    translator: str,
    by: User,
    obj: models.Model,
    action: str,
) -> tuple[models.Model, bool]:
    """Adds or replaces the translation of `obj`'s text into `language` through its
    `translations` manager (a `TextTranslation`), dated now, with `translator` and `by`, and
    audited as `<action>_add` or `<action>_change`; refuses the original's own language, a
    language the portal does not speak and an empty `required` field. Returns (row, created).
    The caller checks who may, in its transaction."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    if language == original_language:
        raise ValidationError({"language": _("The text itself is written in this language.")})
    missing = [name for name in required if not str(values.get(name) or "").strip()]
    if not translator.strip():
        missing.append("translator")
    if missing:
        raise ValidationError(dict.fromkeys(missing, _("This field is required.")))
    cleaned = {
        name: value.strip() if isinstance(value, str) else value for name, value in values.items()
    }
    translation, created = translations.update_or_create(
        language=language,
        defaults={
            **cleaned,
            "translator": translator.strip(),
            "added_by": by,
            "translated_at": timezone.now(),
        },
    )
    audit_record(
        actor=by,
        action=f"{action}_add" if created else f"{action}_change",
        obj=obj,
        after={"language": language, "translator": translator.strip()},
    )
    return translation, created

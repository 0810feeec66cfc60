"""django-allauth adapter: account mails go through the portal's notification outbox."""

import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import get_language, override

from wsis.i18n import url_in_language
from wsis.links import absolute_url
from wsis.services import notification_store, recipient_language


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """A new account reads the portal and its mails in the language it signed up in."""
        language = get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Renders allauth's message as usual, in the language of the address's owner, then
        queues it in the outbox instead of sending it inline, so it is retried on failure and
        leaves a trace the secretariat can see."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        # Links from the portal's one public address (PORTAL_BASE_URL), never from the host the
        # request named: allauth builds them from the request (confirmation, reset, sign-up),
        # in the request's language; they go to the page in the recipient's.
        language = recipient_language(email)
        for name, value in context.items():
            if name.endswith("_url") and isinstance(value, str) and "://" in value:
                ctx[name] = absolute_url(url_in_language(value, language))
        portal_host = urlsplit(settings.PORTAL_BASE_URL).netloc
        ctx["current_site"] = SimpleNamespace(domain=portal_host, name=portal_host)
        with override(language):
            message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        notification_store(
            recipient=email,
            template=template_prefix,
            context={"email": email},
            # Each account mail (confirmation, reset) is its own message; a fresh key is right.
            idempotency_key=f"account-{uuid.uuid4()}",
            subject=message.subject,
            body_text=message.body,
            body_html=html,
        )

"""django-allauth adapter: account mails go through the portal's notification outbox."""

import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from wsis.links import absolute_url
from wsis.services import notification_store


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Renders allauth's message as usual, then queues it in the outbox instead of sending
        it inline, so it is retried on failure and leaves a trace the secretariat can see."""
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        # Links from the portal's one public address (PORTAL_BASE_URL), never from the host the
        # request named: allauth builds them from the request (confirmation, reset, sign-up).
        for name, value in context.items():
            if name.endswith("_url") and isinstance(value, str) and "://" in value:
                ctx[name] = absolute_url(value)
        portal_host = urlsplit(settings.PORTAL_BASE_URL).netloc
        ctx["current_site"] = SimpleNamespace(domain=portal_host, name=portal_host)
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

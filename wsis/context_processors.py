from django.http import HttpRequest

from wsis.rules import is_secretariat


def portal(request: HttpRequest) -> dict:
    """What the base layout needs on every page: whether to show the secretariat's admin link."""
    user = getattr(request, "user", None)
    return {"show_admin_link": bool(user is not None and is_secretariat(user))}

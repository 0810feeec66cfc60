from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The portal's shell: the design system page, My WSIS, the favicon and shared template
    filters. It owns no model; it reads the domain apps through their selectors."""

    name = "portal"
    verbose_name = "Portal"

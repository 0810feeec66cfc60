"""The API's filter backend: django-filter's, stricter about empty values.

A page's filter form sends every field, empty ones meaning "any"; an API client names only the
filters it wants. So in the API a filter given with no value (`?session_type=`), which the
schema does not allow, is refused with 400 naming it, rather than silently ignored.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions


def filters_without_value(filterset_class, query_params) -> None:
    """Raises 400 for each filter of `filterset_class` given without a value."""
    empty = {
        name: [_("Give a value, or leave this filter out.")]
        for name in filterset_class.base_filters
        if name in query_params and any(value == "" for value in query_params.getlist(name))
    }
    if empty:
        raise exceptions.ValidationError(empty)


class PortalFilterBackend(DjangoFilterBackend):
    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            filters_without_value(filterset_class, request.query_params)
        return super().get_filterset(request, queryset, view)

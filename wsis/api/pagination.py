from functools import partial

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from wsis.pagination import KnownCountPaginator


class PortalPagination(PageNumberPagination):
    """`?page=` (from 1) and `?page_size=` (1 to 100, default 25). A `page_size` that is not
    such a number (`null`, `-3`, `500`, given twice) is refused with 400 rather than silently
    replaced by the default; a page past the last is a 404."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    # The schema says `page` is an integer: DRF's `?page=last` would be a string accepted.
    last_page_strings = ()

    def get_page_number(self, request, paginator):
        # DRF reads an empty `?page=` as page 1: the schema's integer is not empty.
        value = request.query_params.get(self.page_query_param)
        if value is not None and not (value.isascii() and value.isdigit()):
            message = self.invalid_page_message.format(page_number=value, message="")
            raise exceptions.NotFound(message)
        return super().get_page_number(request, paginator)

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        if (
            len(values) > 1
            or not (values[0].isascii() and values[0].isdigit())
            or not 1 <= int(values[0]) <= self.max_page_size
        ):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("A whole number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(values[0])

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters

    def paginate_queryset(self, queryset, request, view=None):
        # A view that knows its total (a cached count) spares the COUNT(*) of every request.
        result_count = getattr(view, "result_count", None)
        if result_count is not None:
            self.django_paginator_class = partial(KnownCountPaginator, count=result_count(queryset))
        return super().paginate_queryset(queryset, request, view)

from functools import partial

from rest_framework.pagination import PageNumberPagination

from wsis.pagination import KnownCountPaginator


class PortalPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        # A view that knows its total (a cached count) spares the COUNT(*) of every request.
        result_count = getattr(view, "result_count", None)
        if result_count is not None:
            self.django_paginator_class = partial(KnownCountPaginator, count=result_count(queryset))
        return super().paginate_queryset(queryset, request, view)

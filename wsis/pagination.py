"""A paginator told its total instead of counting it (the total comes from a cached count)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils.functional import cached_property


class KnownCountPaginator(Paginator):
    """Also fetches a page deep in a plain list by a deferred join: the page's ids first (an
    index-only scan over the sort index, in the same query), then only those rows, instead of
    reading and skipping every row before the page."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        # A queryset may bring its own way of fetching a slice while it keeps a given order
        # (e.g. a search that ranks only a bounded set of candidates).
        ordered_slice = getattr(getattr(rows, "query", None), "ordered_slice", None)
        if ordered_slice is not None and tuple(rows.query.order_by) == ordered_slice[0]:
            return self._get_page(ordered_slice[1](rows, bottom, top), number, self)
        plain = (
            isinstance(rows, QuerySet) and not rows.query.distinct and not rows.query.annotations
        )
        if plain and bottom > 0:
            rows = rows.filter(pk__in=rows.values("pk")[bottom:top])
        else:
            rows = rows[bottom:top]
        return self._get_page(rows, number, self)


def estimated_row_count(model: type[Model]) -> int | None:
    """How many rows the model's table holds, as PostgreSQL's statistics estimate it (kept by
    autovacuum and ANALYZE; no scan of the table). None without an estimate (SQLite, a table
    never analysed)."""
    if not settings.IS_POSTGRESQL:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        row = cursor.fetchone()
    if row is None or row[0] < 0:
        return None
    return int(row[0])

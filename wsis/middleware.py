"""Middleware used only by the benchmark (see bench/): off unless BENCH_INSTRUMENTATION is set."""

import time

from django.db import connection
from django.http import HttpRequest, HttpResponse


class QueryCountHeaderMiddleware:
    """Adds `X-Query-Count: N`, the number of SQL queries the request made, so the benchmark can
    report queries per request of the real production stack without DEBUG, and
    `X-Server-Time: ms`, the time from this (outermost) middleware in to its way out."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        response["X-Server-Time"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response

"""The benchmark's instrumentation middleware: query count and server time on every response."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from wsis.middleware import QueryCountHeaderMiddleware


@pytest.mark.django_db
def test_the_response_carries_its_query_count_and_server_time():
    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse(b"ok")

    response = QueryCountHeaderMiddleware(view)(RequestFactory().get("/"))

    assert response["X-Query-Count"] == "2"
    milliseconds = float(response["X-Server-Time"])
    assert milliseconds > 0
    assert response["X-Server-Time"] == f"{milliseconds:.2f}"

"""The OpenAPI schema documents every answer an operation can give, errors included.

Every error of the API has one body (`wsis.api.errors`); this schema class adds it to each
operation for the statuses that operation can answer, so that a client (and the fuzzing suite,
tests/test_api_fuzz.py) finds every status it meets in the schema:

- 400: a body, a filter or a query parameter (`page`, `page_size`) is invalid;
- 401: credentials were sent but are wrong (any operation), or a write was sent without any;
- 403: the person may not do this (writes, and reads that need a role);
- 404: no such object, or a page past the last;
- 409: the object changed meanwhile or is in a state that does not allow the move (writes);
- 415: a write's body is not JSON or a form;
- 429: a throttle's limit is reached (with Retry-After).
"""

from __future__ import annotations

from django import forms
from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

ERROR_DESCRIPTIONS = {
    "400": "Invalid request: `fields` names what is wrong.",
    "401": "Credentials are missing (for a write) or wrong.",
    "403": "Not allowed for this person.",
    "404": "Not found.",
    "409": "Conflict: the object changed meanwhile, or its state does not allow this.",
    "415": "The body is neither JSON nor a form.",
    "429": "Too many requests: see Retry-After.",
}

ErrorSerializer = inline_serializer(
    "Error",
    fields={
        "error": inline_serializer(
            "ErrorDetail",
            fields={
                "status": serializers.IntegerField(),
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(required=False),
            },
        )
    },
)


# A filter's values are listed in the schema up to this many (reference lists, event and organiser
# slugs); beyond, the parameter is a plain string and a value naming nothing answers 400.
MOST_LISTED_CHOICES = 1000


def _filter_fields(filterset_class) -> dict[str, forms.Field]:
    """The form fields of a filter set as its API validates them (choices included)."""
    model = filterset_class._meta.model
    return filterset_class(data={}, queryset=model.objects.none()).form.fields


def _choice_values(field: forms.Field) -> list | None:
    if isinstance(field, forms.ModelChoiceField):
        queryset = field.queryset
        if queryset.count() > MOST_LISTED_CHOICES:
            return None
        return sorted({str(field.prepare_value(row)) for row in queryset}, key=str)
    choices = getattr(field, "choices", None)
    if choices is None:
        return None
    values = [key for key, _label in choices if key not in ("", None)]
    return values if len(values) <= MOST_LISTED_CHOICES else None


def _constrain(schema: dict, field: forms.Field, values: list | None) -> None:
    """Puts what the filter's form field accepts (`values`: its choices) into a parameter's
    schema."""
    target = schema["items"] if schema.get("type") == "array" else schema
    # OpenAPI wants at least one value in an enum (a list of events may still be empty).
    if values:
        integers = target.get("type") == "integer"
        target.pop("format", None)
        target.pop("minimum", None)
        target.pop("maximum", None)
        target["enum"] = (
            sorted(int(value) for value in values)
            if integers
            else sorted(str(value) for value in values)
        )
    for bound, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
        if getattr(field, bound, None) is not None:
            target[keyword] = getattr(field, bound)
    if target.get("type") == "string" and "enum" not in target:
        # A filter without a value is refused (wsis/api/filters.py): leave it out instead.
        target["minLength"] = 1
        if getattr(field, "max_length", None) is not None:
            target["maxLength"] = field.max_length


class PortalAutoSchema(AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        filterset_class = getattr(self.view, "schema_filterset_class", None) or getattr(
            self.view, "filterset_class", None
        )
        if operation is None or filterset_class is None or self.method != "GET":
            return operation
        try:
            fields = {
                name: (field, _choice_values(field))
                for name, field in _filter_fields(filterset_class).items()
            }
        except DatabaseError:
            # Generated without a database (`check --deploy`): the parameters stay as they are.
            return operation
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in fields:
                _constrain(parameter["schema"], *fields[parameter["name"]])
        return operation

    def _error_statuses(self) -> list[str]:
        statuses = ["400", "401", "404", "429"]
        writes = self.method not in SAFE_METHODS
        permissions = [type(permission).__name__ for permission in self.view.get_permissions()]
        if writes or "IsAuthenticated" in permissions:
            statuses.append("403")
        if writes:
            statuses += ["409", "415"]
        return sorted(statuses)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        error = self._get_response_for_code(ErrorSerializer, "400", direction=direction)
        for status in self._error_statuses():
            answer = responses.get(status)
            if answer is None or "content" not in answer:
                described = (answer or {}).get("description") or ERROR_DESCRIPTIONS[status]
                responses[status] = {**error, "description": described}
        return dict(sorted(responses.items()))

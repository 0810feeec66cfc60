"""Serializer fields of the API that hold to the schema's types."""

from __future__ import annotations

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS, ManyRelatedField


class StrictCharField(serializers.CharField):
    """A text field that takes text only: DRF's CharField turns `0`, `true` or `1.5` into
    strings, which the schema (`type: string`) says are not valid."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictManyRelatedField(ManyRelatedField):
    """A list of related rows that is a list, as the schema says (`type: array`): DRF's takes any
    iterable, so an object `{}` passed as an empty list (the token fuzz run's ST201)."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictManyMixin:
    """`many=True` gives a StrictManyRelatedField (DRF's `many_init`, with the strict list)."""

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs |= {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return StrictManyRelatedField(**list_kwargs)


class StrictPrimaryKeyRelatedField(StrictManyMixin, serializers.PrimaryKeyRelatedField):
    """An id that is a number, as the schema says (`type: integer`): not `"4"`, not `true`."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class AbsoluteUrlField(serializers.CharField):
    """The object's page (`get_absolute_url`) as an absolute address, like the pagination's
    `next`: a client can follow it as it is. Relative when serialised without a request."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request is not None else value

"""Serializer fields shared by the apps' APIs."""

from rest_framework import serializers


class AbsoluteUrlField(serializers.ReadOnlyField):
    """The object's page (`get_absolute_url`) as an absolute address, like the pagination's
    `next`: a client can follow it as it is. Relative when serialised without a request."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request is not None else value

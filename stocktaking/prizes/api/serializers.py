from rest_framework import serializers

from stocktaking.prizes.models import Category, Contest, PrizeEntry
from wsis.rich_text import long_text_plain


class ContestSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contest
        fields = (
            "year",
            "title",
            "entries_open_at",
            "entries_close_at",
            "nominees_published_at",
            "voting_opens_at",
            "voting_closes_at",
            "finalists_at",
            "winners_announced_at",
        )


class CategorySerializer(serializers.ModelSerializer):
    action_line = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Category
        fields = ("number", "slug", "name", "action_line", "is_special", "special_rules")


class NomineeSerializer(serializers.ModelSerializer):
    contest = serializers.IntegerField(source="contest.year", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    sdgs = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    stocktaking_entry = serializers.IntegerField(source="stocktaking_entry_id", read_only=True)
    # A plain string, not an enum: the schema's "status" enum name belongs to stocktaking entries.
    status = serializers.CharField(
        read_only=True, help_text="nominee, finalist, winner or champion"
    )
    # Plain text, whether the description was written with the editor (HTML) or without.
    description = serializers.SerializerMethodField()

    class Meta:
        model = PrizeEntry
        fields = (
            "id",
            "contest",
            "category",
            "title",
            "organisation",
            "description",
            "sdgs",
            "status",
            "stocktaking_entry",
        )

    def get_description(self, obj) -> str:
        return long_text_plain(obj.description)


class VoteSerializer(serializers.Serializer):
    nominee = serializers.IntegerField(help_text="The id of the nominee (a prize entry).")
    category = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)

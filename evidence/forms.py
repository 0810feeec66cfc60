"""Forms of the owners' link pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.models import StudyGroupQuestion
from wsis.forms import BoundedModelMultipleChoiceField


class QuestionLabelField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: StudyGroupQuestion) -> str:
        return f"{obj.label} ({obj.study_period}): {obj.title}"


class QuestionsForm(forms.Form):
    questions = QuestionLabelField(
        label=_("ITU-D study-group Questions"),
        queryset=StudyGroupQuestion.objects.filter(is_active=True).order_by(
            "-study_period", "study_group", "number"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The Questions of the ITU-D study groups that this work can inform."),
    )


class LinkSearchForm(forms.Form):
    q = forms.CharField(label=_("Words to search for"), max_length=200, required=False)


class RepositoryProposalForm(forms.Form):
    """An entry's organisation proposes it for one of the repositories still open to it."""

    repository = forms.TypedChoiceField(label=_("Thematic repository"), coerce=int, choices=())
    note = forms.CharField(
        label=_("Why it belongs"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences for the secretariat, at most 500 characters."),
    )

    def __init__(self, *args, repositories=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["repository"].choices = [
            (repository.pk, repository.title) for repository in repositories
        ]


class ProposalDecisionForm(forms.Form):
    """The secretariat's reason for accepting or declining proposals (required to decline)."""

    reason = forms.CharField(
        label=_("Reason (the proposer reads it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )

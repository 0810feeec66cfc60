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

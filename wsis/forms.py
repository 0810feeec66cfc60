from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from wsis.models import Organisation, StakeholderType, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("full_name", "job_title", "preferred_language")


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries)
    stakeholder_type = forms.ModelChoiceField(
        label=_("Stakeholder type"), queryset=StakeholderType.objects.all()
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        name, country = cleaned.get("name"), cleaned.get("country")
        if (
            name
            and country
            and Organisation.objects.filter(name__iexact=name, country=country).exists()
        ):
            raise forms.ValidationError(
                _(
                    "An organisation with this name already exists in this country. "
                    "Ask its contact person to add you as a member."
                )
            )
        return cleaned


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to add"))

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody has an account with this address yet. Ask them to sign up first.")
            )
        return user

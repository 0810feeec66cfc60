from allauth.account import forms as allauth_forms
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from wsis.models import User


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script or machine that uses it."),
    )


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, with two changes that keep addresses private and owned.

    - An address is taken only by an account whose address it is (`User.email`) or by a
      confirmed address. An unconfirmed secondary address that one account typed in (anybody's
      address, perhaps) does not stop its real owner from signing up; whoever confirms first
      keeps it (`email_address_claims_drop`).
    - A known address costs as much time as a new one: allauth skips the password hashing for
      it (0.03 s against 0.26 s), which told an outsider who has an account. The same hashing
      is done, and thrown away.
    """

    def validate_unique_email(self, value) -> str:
        email = super().validate_unique_email(value)
        if self.account_already_exists and not email_is_taken(email):
            self.account_already_exists = False
        return email

    def try_save(self, request):
        if self.account_already_exists and self.cleaned_data.get("password1"):
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


def email_is_taken(email: str) -> bool:
    """An account's own address, or anybody's confirmed address."""
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )

"""The portal's form renderer writes choices' options inline, and writes exactly Django's HTML."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer

from stocktaking.forms import EntryForm
from tests.stocktaking.factories import EntryFactory
from wsis.form_rendering import PortalFormRenderer

pytestmark = pytest.mark.django_db


class _OwnOptionRadio(forms.RadioSelect):
    """A widget whose options use a template of their own: left to the templates."""

    option_template_name = "django/forms/widgets/input_option.html"


class _Choices(forms.Form):
    CHOICES = [("a", "Alpha"), ("b", "Beta & <b>"), ("Group", [("c", "Gamma"), ("d", "Delta")])]

    single = forms.ChoiceField(choices=CHOICES)
    several = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    listed = forms.MultipleChoiceField(choices=CHOICES, widget=forms.SelectMultiple)
    own_options = forms.ChoiceField(choices=CHOICES, widget=_OwnOptionRadio)
    unwrapped = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.CheckboxSelectMultiple(attrs={"class": "options"})
    )


def _both(form_of):
    return form_of(DjangoTemplates()).as_div(), form_of(PortalFormRenderer()).as_div()


@pytest.mark.parametrize("data", [None, {"single": "c", "several": ["a", "d"], "radio": "b"}])
def test_choice_widgets_render_as_django_renders_them(data):
    django_html, portal_html = _both(lambda renderer: _Choices(data, renderer=renderer))
    assert portal_html == django_html
    assert portal_html.count("<option") == 8
    assert portal_html.count('type="checkbox"') == 8
    assert portal_html.count('type="radio"') == 8


def test_the_entry_form_renders_as_django_renders_it():
    entry = EntryFactory()
    django_html, portal_html = _both(lambda renderer: EntryForm(instance=entry, renderer=renderer))
    assert portal_html == django_html
    assert 'value="CH" selected' not in portal_html  # countries are chosen by row id
    assert portal_html.count(" selected") >= 1


def test_the_portal_uses_its_renderer():
    assert isinstance(get_default_renderer(), PortalFormRenderer)

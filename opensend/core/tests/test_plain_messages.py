"""Every form speaks to the person filling it in: no Django stock messages, no "---------"."""

from django import forms

from opensend.core.forms import GovukForm


class _Example(GovukForm):
    email = forms.EmailField(label="Email address")
    upn = forms.CharField(label="UPN", max_length=13)
    need = forms.ChoiceField(label="Primary need", choices=[("", "---------"), ("ASD", "Autism")])
    places = forms.IntegerField(label="Places")
    reason = forms.CharField(label="Reason", error_messages={"required": "Say why"})


def test_required_fields_say_what_to_do():
    form = _Example(data={})
    assert not form.is_valid()
    assert form.errors["email"] == ["Enter email address"]
    assert form.errors["upn"] == ["Enter UPN"]
    assert form.errors["need"] == ["Select primary need"]
    assert form.errors["reason"] == ["Say why"]


def test_bad_answers_are_explained():
    form = _Example(
        data={"email": "nope", "upn": "A" * 20, "need": "ASD", "places": "x", "reason": "r"}
    )
    assert not form.is_valid()
    assert form.errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert form.errors["upn"] == ["UPN must be 13 characters or fewer"]
    assert form.errors["places"] == ["Places must be a whole number"]


def test_a_choice_list_never_shows_dashes():
    assert ("", "Choose one") in list(_Example().fields["need"].choices)

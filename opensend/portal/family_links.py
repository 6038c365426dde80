"""Linking a parent's or carer's account to a child (administrators only).

It lives in the portal because it joins an account (accounts) to a child's family record
(people), and accounts sits below people in the dependency order (docs/architecture.md).

The administrator finds the child, says how the person is related, and confirms they have
checked the person's identity and their link to the child. The account is joined to the child's
existing record of that person when it has one with the same email address (so nobody is
recorded twice), else to the person's family record, else a new one is made. The audit trail
keeps the check, with the child's id.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend.accounts.decorators import require_capability
from opensend.accounts.models import User
from opensend.accounts.permissions import Capability, check_capability
from opensend.audit.models import Action
from opensend.audit.services import audit_record
from opensend.core.forms import GovukForm
from opensend.core.types import Actor
from opensend.core.views_helpers import form_data
from opensend.people.codes import Relationship
from opensend.people.models import Child, FamilyMember, FamilyRelationship
from opensend.people.services import family_member_add

IDENTITY_CHECK = "I have checked this person's identity and their link to the child"
OWN_RECORD_CHECK = "I have checked this person's identity and that this is their own record"
YOUNG_PERSON_AGE = 16


def _family_member_of(user: User) -> FamilyMember | None:
    return FamilyMember.objects.filter(user=user).first()


@transaction.atomic
def family_account_link(
    *,
    actor: Actor,
    user: User,
    child: Child,
    relationship: str,
    has_parental_responsibility: bool,
    identity_checked: bool,
) -> FamilyRelationship:
    """Let `user` see `child` as their parent or carer. Refuses without the identity check."""
    check_capability(actor, Capability.MANAGE_USERS)
    if not identity_checked:
        raise ValidationError({"identity_checked": "Confirm you have checked their identity"})
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError("You cannot link your own account to a child")
    if not user.is_active:
        raise ValidationError("Their account is deactivated. Reactivate it first")
    if getattr(user, "young_person_record", None) is not None:
        raise ValidationError(
            "This is a young person's own account. It cannot be a parent's account too"
        )
    member = _family_member_of(user)
    if member is None:
        # The child's record may already hold this person, added before they had an account.
        known = (
            child.relationships.select_related("family_member")
            .filter(family_member__user__isnull=True, family_member__email__iexact=user.email)
            .first()
        )
        if known is not None:
            member = known.family_member
            member.user = user
            member.save(update_fields=["user"])
            link = known
            _record_check(actor=actor, member=member, link=link, user=user)
            return link
    elif FamilyRelationship.objects.filter(child=child, family_member=member).exists():
        raise ValidationError({"child": f"{user} is already linked to {child}"})
    if member is None:
        link = family_member_add(
            actor=actor,
            child=child,
            relationship=relationship,
            has_parental_responsibility=has_parental_responsibility,
            given_name=user.first_name or user.email,
            family_name=user.last_name or "-",
            email=user.email,
            phone=user.phone,
            user=user,
        )
    else:
        link = family_member_add(
            actor=actor,
            child=child,
            relationship=relationship,
            has_parental_responsibility=has_parental_responsibility,
            existing=member,
        )
    _record_check(actor=actor, member=link.family_member, link=link, user=user)
    return link


@transaction.atomic
def young_person_account_link(
    *, actor: Actor, user: User, child: Child, identity_checked: bool
) -> Child:
    """Let a young person (16 or over) see their own record with their own account."""
    check_capability(actor, Capability.MANAGE_USERS)
    if not identity_checked:
        raise ValidationError({"identity_checked": "Confirm you have checked their identity"})
    child = Child.objects.select_for_update().get(pk=child.pk)
    if not user.is_active:
        raise ValidationError("Their account is deactivated. Reactivate it first")
    if getattr(user, "young_person_record", None) is not None:
        raise ValidationError(f"{user}'s account is already linked to a record")
    if child.user_id is not None:
        raise ValidationError({"child": f"{child} already has their own account linked"})
    if child.age_on(timezone.localdate()) < YOUNG_PERSON_AGE:
        raise ValidationError(
            {
                "child": f"{child} is under {YOUNG_PERSON_AGE}. A parent or carer's account is "
                "linked instead"
            }
        )
    child.user = user
    child.save(update_fields=["user"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=child,
        child_id=child.pk,
        changes={"account": ["", user.email]},
        summary=f"The young person's own account {user.email} linked to their record. "
        f"{actor} checked their identity",
    )
    return child


def _record_check(
    *, actor: Actor, member: FamilyMember, link: FamilyRelationship, user: User
) -> None:
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=member,
        child_id=link.child_id,
        changes={"account": ["", user.email]},
        summary=f"Account {user.email} linked to {link.child} as "
        f"{link.get_relationship_display().lower()}. {actor} checked their identity and their "
        "link to the child",
    )


# The page


class _ChildChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Child) -> str:  # type: ignore[override]
        return f"{obj.full_name}, born {obj.date_of_birth:%-d %B %Y}"


class ChildSearchForm(GovukForm):
    q = forms.CharField(
        label="Child's name or date of birth",
        max_length=200,
        error_messages={"required": "Enter the child's name or date of birth"},
    )


class LinkChildForm(GovukForm):
    child = _ChildChoiceField(
        label="Which child?",
        queryset=Child.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the child",
            "invalid_choice": "Select one of the children found",
        },
    )
    relationship = forms.ChoiceField(
        label="How are they related to the child?",
        choices=[("", "Choose one"), *Relationship.choices],
        error_messages={
            "required": "Select how they are related to the child",
            "invalid_choice": "Select how they are related to the child from the list",
        },
    )
    has_parental_responsibility = forms.TypedChoiceField(
        label="Do they have parental responsibility for the child?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if they have parental responsibility",
            "invalid_choice": "Select yes if they have parental responsibility",
        },
    )
    identity_checked = forms.BooleanField(
        label=IDENTITY_CHECK,
        help_text="For example: you saw photo identity and a document naming them as the "
        "child's parent or carer. This goes in the audit trail.",
        error_messages={"required": "Confirm you have checked their identity and their link"},
    )

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


class LinkOwnRecordForm(GovukForm):
    child = _ChildChoiceField(
        label="Which record is theirs?",
        queryset=Child.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select their record",
            "invalid_choice": "Select one of the records found",
        },
    )
    identity_checked = forms.BooleanField(
        label=OWN_RECORD_CHECK,
        help_text="For example: you saw photo identity with their name and date of birth. This "
        "goes in the audit trail.",
        error_messages={"required": "Confirm you have checked their identity"},
    )

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _LinkPage:
    form: type[LinkChildForm] | type[LinkOwnRecordForm]
    heading: str
    intro: str
    button: str
    link: Callable[[Actor, User, dict[str, Any]], str]  # does it; returns what to tell the admin


def _link_parent(actor: Actor, user: User, data: dict[str, Any]) -> str:
    link = family_account_link(actor=actor, user=user, **data)
    return (
        f"{user} is linked to {link.child} as {link.get_relationship_display().lower()}. They "
        "will see the child's record when they sign in."
    )


def _link_own_record(actor: Actor, user: User, data: dict[str, Any]) -> str:
    child = young_person_account_link(actor=actor, user=user, **data)
    return f"{user} is linked to their own record, {child}. They will see it when they sign in."


PARENT_PAGE = _LinkPage(
    form=LinkChildForm,
    heading="Link them to a child",
    intro="Once linked, they see the child's record, plans and letters when they sign in, as "
    "the child's parent or carer.",
    button="Link to child",
    link=_link_parent,
)
OWN_RECORD_PAGE = _LinkPage(
    form=LinkOwnRecordForm,
    heading="Link them to their own record",
    intro="For a young person aged 16 or over with their own account: once linked, they see "
    "their own record, plans and letters when they sign in.",
    button="Link to their record",
    link=_link_own_record,
)


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_link_child(request: HttpRequest, pk: int) -> HttpResponse:
    return _link_page(request, pk, PARENT_PAGE)


@require_capability(Capability.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_link_own_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _link_page(request, pk, OWN_RECORD_PAGE)


def _link_page(request: HttpRequest, pk: int, kind: _LinkPage) -> HttpResponse:
    """Find the child (a GET search), choose them, confirm the check, link (a POST)."""
    target = get_object_or_404(User, pk=pk)
    visible = Child.objects.visible_to(request.user).open()
    query = (request.POST.get("q") if request.method == "POST" else request.GET.get("q")) or ""
    search = ChildSearchForm({"q": query} if query else None)
    found: list[int] = []
    if search.is_valid():
        found = list(
            visible.search(name=search.cleaned_data["q"]).values_list("pk", flat=True)[:20]
        )
    status = 400 if query and search.errors else 200
    form = kind.form(form_data(request), children=visible)
    if request.method == "POST":
        if form.is_valid():
            try:
                done = kind.link(request.user, target, form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect("accounts:user_detail", pk=target.pk)
        status = 400
        chosen = request.POST.get("child", "")
        if chosen.isdigit():
            found.append(int(chosen))
    form.fields["child"].queryset = visible.filter(pk__in=found)  # type: ignore[attr-defined]
    return render(
        request,
        "portal/user_link_child.html",
        {
            "target": target,
            "page": kind,
            "search": search,
            "form": form,
            "query": query,
            "searched": bool(query),
            "found_any": bool(found),
        },
        status=status,
    )

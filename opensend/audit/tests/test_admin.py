"""The Django admin is no door around the audit trail: personal data and plans are read-only
there, every record opened or listed is audited, reference data changes are audited, and
nothing can be deleted (no 500 from protected relations either)."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from opensend.accounts.roles import Role
from opensend.audit.admin_mixins import AuditedAdminMixin, ReadOnlyAuditedAdmin
from opensend.audit.models import Action, AuditEvent
from opensend.people.models import Child, FamilyMember
from testsupport.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(world):
    user = UserFactory(email="superuser@test.opensend.test", is_staff=True, is_superuser=True)
    MembershipFactory(user=user, organisation=world.council, role=Role.ADMIN)
    return user


@pytest.fixture
def admin_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


@pytest.fixture
def records(world):
    """A child with a final plan, its first review planned, and a parent."""
    from opensend.plans.models import PlanVersion
    from testsupport.journeys import final_plan, open_review

    plan = final_plan(world)
    member = FamilyMember.objects.first() or pytest.fail("no family member")
    return {
        "people.child": world.caseload_child,
        "people.familymember": member,
        "plans.ehcplan": plan,
        "plans.planversion": PlanVersion.objects.filter(plan=plan).first(),
        "reviews.annualreview": open_review(plan),
    }


def _url(label, action, *args):
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{action}", args=args)


def _child_id(label, obj, world):
    if label == "people.familymember":
        return None
    return world.caseload_child.pk


READ_ONLY = [
    "people.child",
    "people.familymember",
    "plans.ehcplan",
    "plans.planversion",
    "reviews.annualreview",
]


@pytest.mark.parametrize("label", READ_ONLY)
def test_domain_records_are_read_only_and_every_view_is_audited(
    admin_client, superuser, world, records, label
):
    obj = records[label]
    page = admin_client.get(_url(label, "change", obj.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html  # no Save button: nothing to change
    assert "readonly" in html  # the fields are shown read-only
    assert "Delete" not in html.split('id="content-main"')[1]
    event = AuditEvent.objects.filter(actor=superuser, action=Action.VIEW).first()
    assert event.object_type == label
    assert event.object_id == str(obj.pk)
    assert event.child_id == _child_id(label, obj, world)
    assert event.source.startswith("Django admin")
    # Changing, adding and deleting are refused, with a 403 and not a 500.
    assert admin_client.post(_url(label, "change", obj.pk), {}).status_code == 403
    assert admin_client.get(_url(label, "add")).status_code == 403
    assert admin_client.get(_url(label, "delete", obj.pk)).status_code == 403
    assert admin_client.post(_url(label, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("label", READ_ONLY)
def test_changelists_audit_every_record_shown(admin_client, superuser, world, records, label):
    page = admin_client.get(_url(label, "changelist"))
    assert page.status_code == 200
    assert "delete_selected" not in page.content.decode()
    listed = AuditEvent.objects.filter(actor=superuser, action=Action.LIST, object_type=label)
    model = type(records[label])
    assert listed.count() == model.objects.count() > 0
    assert str(records[label].pk) in set(listed.values_list("object_id", flat=True))
    if label != "people.familymember":
        assert world.caseload_child.pk in set(listed.values_list("child_id", flat=True))


def test_an_admin_edit_of_a_child_is_impossible(admin_client, world):
    child = world.caseload_child
    before = (child.given_name, child.family_name)
    response = admin_client.post(
        _url("people.child", "change", child.pk),
        {"given_name": "Changed", "family_name": "Behind the audit"},
    )
    assert response.status_code == 403
    child.refresh_from_db()
    assert (child.given_name, child.family_name) == before


def test_deleting_a_child_with_records_is_refused_not_a_500(admin_client, world, records):
    child = world.caseload_child
    for method in ("get", "post"):
        response = getattr(admin_client, method)(_url("people.child", "delete", child.pk))
        assert response.status_code == 403
    response = admin_client.post(
        _url("people.child", "changelist"),
        {"action": "delete_selected", "_selected_action": [child.pk]},
    )
    assert response.status_code in (200, 302)
    assert Child.objects.filter(pk=child.pk).exists()


def test_reference_data_is_editable_and_every_change_is_audited(admin_client, superuser):
    from opensend.disputes.models import CharterStandard, ComplaintStage

    standard, _ = CharterStandard.objects.get_or_create(
        stage=ComplaintStage.STAGE_1, defaults={"working_days": 10}
    )
    old_days = standard.working_days
    response = admin_client.post(
        _url("disputes.charterstandard", "change", standard.pk),
        {"stage": standard.stage, "working_days": old_days + 5, "description": "Faster"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    standard.refresh_from_db()
    assert standard.working_days == old_days + 5
    event = AuditEvent.objects.filter(actor=superuser, action=Action.UPDATE).first()
    assert event.object_type == "disputes.charterstandard"
    assert event.changes["working_days"] == [str(old_days), str(old_days + 5)]
    assert event.source.startswith("Django admin")
    assert admin_client.get(
        _url("disputes.charterstandard", "delete", standard.pk)
    ).status_code == (403)


def test_a_password_change_in_the_admin_is_audited_without_the_password(
    admin_client, superuser, world
):
    target = world.users["caseworker"]
    url = reverse("admin:auth_user_password_change", args=[target.pk])
    response = admin_client.post(
        url,
        {"password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(actor=superuser, action=Action.UPDATE).first()
    assert event.object_type == "accounts.user"
    assert event.object_id == str(target.pk)
    assert "a-new-long-passphrase-42" not in str(event.changes)
    assert admin_client.get(_url("accounts.user", "delete", target.pk)).status_code == 403


def test_every_registered_admin_uses_the_audited_base_and_none_can_delete(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    ours = {m: a for m, a in admin.site._registry.items() if m.__module__.startswith("opensend.")}
    for model, model_admin in ours.items():
        if model._meta.label_lower == "audit.auditevent":
            assert not model_admin.has_change_permission(request)
        else:
            assert isinstance(model_admin, AuditedAdminMixin), model
        assert not model_admin.has_delete_permission(request), model
        assert "delete_selected" not in model_admin.get_actions(request), model
    personal = {
        "people.child",
        "people.familymember",
        "plans.ehcplan",
        "plans.planversion",
        "reviews.annualreview",
        "reviews.amendment",
        "disputes.complaint",
        "disputes.mediationcase",
        "disputes.appeal",
        "notify.outboxmessage",
    }
    for model, model_admin in ours.items():
        if model._meta.label_lower in personal:
            assert isinstance(model_admin, ReadOnlyAuditedAdmin), model
            assert not model_admin.has_change_permission(request), model
            assert not model_admin.has_add_permission(request), model

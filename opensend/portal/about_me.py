""" "All about me" for the family (issue 14, item 3: "say it once"). The family write section A
(views, interests and aspirations) once, as text and files, and we share it with everyone we
ask for advice and put it in the draft plan; the young person writes their own in simple words.
Each side sees the other's where it may (`casework.about_me.family_may_read_version`).
The rules and reads are `casework.about_me`; this is the page, linked from the family's page for
the child. The download of a file is here too, for the family, staff and the child's advisers.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opensend.casework import about_me
from opensend.casework.models import AboutMeVersion
from opensend.core.downloads import document_response
from opensend.core.forms import GovukForm
from opensend.core.uploads import MultipleDocumentField
from opensend.core.views_helpers import form_data, form_submitted
from opensend.plans.services import plan_section_a_fill_from_family
from opensend.portal.family_timeline import Reader, reader_for

SAVED = (
    "Thank you. We have saved what you told us. We will share it with everyone we ask for advice."
)
REMOVED = "We have taken the file away."

# (label, hint) for each part, in the family's words and in the young person's own.
LABELS = {
    AboutMeVersion.FAMILY: {
        "about_me": (
            "About {name}",
            "What {name} is like, what they enjoy and what they are good at.",
        ),
        "what_matters": (
            "What is important to {name}",
            "The people, things and routines that matter.",
        ),
        "aspirations": (
            "{their} hopes for the future",
            "What {name} and you hope for, now and later on.",
        ),
        "communication": (
            "How to talk with {name}",
            "How {name} tells you things, and what helps.",
        ),
    },
    AboutMeVersion.YOUNG_PERSON: {
        "about_me": ("About me", "What you are like. What you like doing. What you are good at."),
        "what_matters": (
            "What matters to me",
            "People, things and routines that are important to you.",
        ),
        "aspirations": (
            "What I want for my future",
            "What you want to do next, and when you are older.",
        ),
        "communication": (
            "How to talk with me",
            "What helps you to understand and to tell people things.",
        ),
    },
}


class AboutMeForm(GovukForm):
    def __init__(self, *args: Any, version: str, reader: Reader, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        words = {"name": reader.name, "their": reader.their.capitalize()}
        for name in about_me.FIELDS:
            label, hint = LABELS[AboutMeVersion(version)][name]
            self.fields[name] = forms.CharField(
                label=label.format(**words),
                help_text=hint.format(**words),
                required=False,
                max_length=about_me.MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": about_me.TOO_LONG},
            )
        self.fields["files"] = MultipleDocumentField(
            audio=True,
            required=False,
            label="Add documents, photos or recordings (optional)",
        )
        self.refresh_helper()


@transaction.atomic
def _save(actor: Any, child: Any, data: dict[str, Any]) -> object:
    """The family's words, and the draft plan being written gets them where it is still empty."""
    saved = about_me.about_me_save(actor=actor, child=child, **data)
    plan_section_a_fill_from_family(actor=actor, child_id=child.pk)
    return saved


@login_required
@require_http_methods(["GET", "POST"])
def about_me_page(request: HttpRequest, child_id: int) -> HttpResponse:
    child, version = about_me.child_for_writer(user=request.user, child_id=child_id)
    reader = reader_for(request.user, child)
    own = about_me.own_version(user=request.user, child=child, version=version)
    initial = {name: getattr(own, name) for name in about_me.FIELDS} if own else None
    form = AboutMeForm(
        form_data(request),
        request.FILES or None,
        initial=initial,
        version=version,
        reader=reader,
    )
    done, _ = form_submitted(request, form, lambda d: _save(request.user, child, d), SAVED)
    if done:
        return redirect("portal:about_me", child_id=child.pk)
    return render(
        request,
        "portal/about_me.html",
        {
            "child": child,
            "reader": reader,
            "form": form,
            "own": own,
            "files": about_me.current_files(own),
            "other": about_me.other_side(user=request.user, child=child, version=version),
            "young_person": version == AboutMeVersion.YOUNG_PERSON,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def about_me_file_remove(request: HttpRequest, child_id: int, file_id: int) -> HttpResponse:
    child, _version = about_me.child_for_writer(user=request.user, child_id=child_id)
    about_me.about_me_file_remove(actor=request.user, child=child, file_id=file_id)
    messages.success(request, REMOVED)
    return redirect("portal:about_me", child_id=child.pk)


@login_required
@require_GET
def about_me_file(request: HttpRequest, file_id: int) -> HttpResponseBase:
    found = about_me.about_me_file_for_user(user=request.user, file_id=file_id)
    return document_response(
        found.document, filename=found.document_name, content_type=found.document_type
    )


urlpatterns = [
    path("you/children/<int:child_id>/all-about-me/", about_me_page, name="about_me"),
    path(
        "you/children/<int:child_id>/all-about-me/files/<int:file_id>/remove/",
        about_me_file_remove,
        name="about_me_file_remove",
    ),
    path("all-about-me/files/<int:file_id>/", about_me_file, name="about_me_file"),
]

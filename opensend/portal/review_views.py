"""The family's views before an annual review meeting (issue 14, item 4), linked from the
family's page for the child (the step "Send us your views by ..." and "What you can do").
The rules are `reviews.heard`; staff read the views on the review with everything else gathered
for it."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opensend import statutory
from opensend.casework.models import AboutMeVersion
from opensend.core.forms import GovukForm
from opensend.core.uploads import DocumentField
from opensend.core.views_helpers import form_data, form_submitted
from opensend.portal.family_timeline import reader_for
from opensend.reviews import heard

SENT = "Thank you. We have your views. Everyone at the review meeting will be able to read them."


class ReviewViewsForm(GovukForm):
    text = forms.CharField(
        label="Your views",
        required=False,
        max_length=heard.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": heard.TOO_LONG},
    )
    document = DocumentField(
        audio=True, required=False, label="Or send a file: a document, photo or recording"
    )

    def __init__(self, *args: Any, young_person: bool, name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = (
            "What is going well? What is hard? What would you like to change?"
            if young_person
            else f"What is going well for {name}, what is not, and what you would like to change."
        )
        self.refresh_helper()


@login_required
@require_http_methods(["GET", "POST"])
def review_views(request: HttpRequest, child_id: int) -> HttpResponse:
    child, review, version = heard.review_for_family(user=request.user, child_id=child_id)
    reader = reader_for(request.user, child)
    young = version == AboutMeVersion.YOUNG_PERSON
    form = ReviewViewsForm(
        form_data(request), request.FILES or None, young_person=young, name=reader.name
    )
    done, _ = form_submitted(
        request,
        form,
        lambda d: heard.review_views_give(actor=request.user, review=review, **d),
        SENT,
    )
    if done:
        return redirect("portal:review_views", child_id=child.pk)
    due = heard.views_by(review)
    return render(
        request,
        "portal/review_views.html",
        {
            "child": child,
            "review": review,
            "reader": reader,
            "form": form,
            "young_person": young,
            "views_by": statutory.long_date(due) if due else "",
            "late": due is not None and due < timezone.localdate(),
            "meeting_on": statutory.long_date(review.meeting_on) if review.meeting_on else "",
            "sent": heard.views_sent_by(user=request.user, review=review),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("you/children/<int:child_id>/review/views/", review_views, name="review_views"),
]

"""The reviews' workflows on `core.steps`, with what their steps need beyond it.

Each workflow (annual reviews, amendments, phase transfers, ceasing, re-assessment) declares its
steps once, in its own `steps.py`, as a `RecordWorkflow` of `RecordStep`s. A `RecordStep` is a
core `Step` with three more things:

- `intro_for(record)`: an intro worked out from the record ("The review must be held by ...");
- `uploads`: the form takes an uploaded document (views or advice for a review);
- `offer(record)`: the button shows only when this holds too, i.e. the step is the next one now.
  `allowed` stays what the server permits (a step done out of order is the service's 400 with
  its message); `offer` only keeps a record's page to the steps that are due.

`RecordWorkflow.next_steps(record, user)` is what a record's page shows: the steps `allowed`
permits and `offer` says are due, so a page never offers a step the server would refuse.
Steps with neither an `intro_for` nor `uploads` are served by core's own `Workflow.view`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opensend.core.steps import Allowed, Step, Workflow
from opensend.core.types import Actor
from opensend.core.views_helpers import form_data, step_view


@dataclass(frozen=True)
class RecordStep(Step):
    intro_for: Callable[[Any], str] | None = None
    uploads: bool = False
    offer: Callable[[Any], bool] | None = None


def _due(step: Step, record: Any) -> bool:
    offer = getattr(step, "offer", None)
    return offer is None or offer(record)


@dataclass(frozen=True)
class RecordWorkflow(Workflow):
    def next_steps(self, record: Any, user: Actor) -> Allowed:
        """The buttons a record's page shows: the steps `allowed` permits that are due now."""
        return Allowed([b for b in self.buttons(record, user) if _due(b.step, record)])

    def may(self, name: str, record: Any, user: Actor) -> bool:
        """May `user` take the step called `name` on `record` now (the server's own check)?"""
        return self.permits(self.step(name), record, user)

    def view(self, name: str) -> Callable[..., HttpResponse]:
        step = self.step(name)
        if not isinstance(step, RecordStep) or not (step.intro_for or step.uploads):
            return super().view(name)
        intro_for = step.intro_for

        @login_required
        @require_http_methods(["GET", "POST"])
        def serve(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if not (step.who or self.who)(request.user):
                raise PermissionDenied
            record = self.get(request.user, kwargs[self.pk_kwarg])
            if not step.allowed(record, request.user):
                raise PermissionDenied
            form = step.form(form_data(request), record)
            if step.uploads and request.method == "POST":
                form.files = request.FILES
            caption = step.caption or self.caption
            return step_view(
                request,
                form=form,
                heading=step.heading,
                caption=caption(record),
                back=self.detail_url(record),
                action=lambda data: step.service(request.user, record, data),
                success=step.success,
                intro=intro_for(record) if intro_for else step.intro,
                submit_label=step.submit_label,
                next_url=step.next_url,
            )

        serve.__name__ = serve.__qualname__ = f"{self.name}_{name}"
        serve.__doc__ = step.heading
        return serve


def calls(service: Callable[..., Any], record: str, **renamed: str) -> Callable[..., Any]:
    """A step's service: `service(actor=..., <record>=..., **cleaned_data)`, with a form field
    passed on under another name where `renamed` says so (the close form's `closed_on` is the
    service's `decided_on`, for example)."""
    return lambda actor, obj, data: service(
        actor=actor, **{record: obj}, **{renamed.get(k, k): v for k, v in data.items()}
    )


def step_factory(prefix: str) -> Callable[..., RecordStep]:
    """The steps of one workflow: a step called `name` is served at the URL named
    `reviews:<prefix><name>` (`reviews:cessation_decide`, say)."""

    def step(name: str, label: str, **options: Any) -> RecordStep:
        return RecordStep(name=name, url_name=f"reviews:{prefix}{name}", label=label, **options)

    return step


def record_workflow(
    name: str, selector: Callable[..., Any], steps: tuple[Step, ...], **options: Any
) -> RecordWorkflow:
    """The workflow of a record called `name`: its URLs carry `<name>_id`, its page is
    `reviews:<name>_detail`, and `selector(user=..., <name>_id=...)` fetches it (404 if not
    visible). `options` are the rest of the workflow (caption, who)."""
    pk_kwarg = f"{name}_id"
    return RecordWorkflow(
        name=name,
        pk_kwarg=pk_kwarg,
        get=lambda user, pk: selector(user=user, **{pk_kwarg: pk}),
        detail_url=lambda record: reverse(f"reviews:{name}_detail", args=[record.pk]),
        steps=steps,
        **options,
    )

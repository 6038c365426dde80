"""Workflow steps as tables: each workflow declares its steps once, one generic view serves them.

A `Workflow` names how to fetch its record for a user (the app's selector: the same 404 for
missing and forbidden) and where its page is; each `Step` names its form, the service it calls,
its heading, its success message and `allowed(record, user)`: whether this user may take this
step on this record now. The generic view refuses (403) what `allowed` refuses, and the record's
page shows exactly the buttons `allowed` permits (`Workflow.buttons`), so a page never offers a
step the server would refuse and no view computes its own `can_*` flags.

Permission vocabulary stays in the domain apps: `who(user)` and `allowed(record, user)` are the
apps' own checks (usually `accounts.permissions.user_can` plus the record's state), so this
shared kernel imports no domain app. Services still enforce their own rules (defence in depth):
a step that is allowed but given bad dates shows the service's message next to the field (400).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_http_methods

from opensend.core.types import Actor
from opensend.core.views_helpers import form_data, step_view

Check = Callable[[Any], bool]
RecordCheck = Callable[[Any, Any], bool]


def anyone(_user: Any) -> bool:
    return True


def always(_record: Any, _user: Any) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """One step of a workflow: the form, the service and the words around them."""

    name: str  # the key a page and a URL use, e.g. "respond"
    url_name: str  # the namespaced URL name, e.g. "disputes:complaint_respond"
    label: str  # the button on the record's page
    heading: str
    form: Callable[[Any, Any], BaseForm]  # form(data, record)
    service: Callable[[Any, Any, dict[str, Any]], Any]  # service(actor, record, cleaned_data)
    success: str | Callable[[Any], str]
    allowed: RecordCheck = always  # may `user` take this step on `record` now?
    who: Check | None = None  # the capability gate before the record is read (else the flow's)
    intro: str = ""
    submit_label: str = "Save"
    next_url: Callable[[Any], str] | None = None
    secondary: bool = False  # shown as a secondary (grey) button
    caption: Callable[[Any], str] | None = None  # else the workflow's
    intro_for: Callable[[Any], str] | None = None  # an intro worked out from the record
    uploads: bool = False  # the form takes uploaded files
    # The button shows only when this holds too (the step is due now). `allowed` stays what the
    # server permits, so a step taken out of order still gets the service's message; `offer`
    # only keeps a record's page to the steps that are due.
    offer: Callable[[Any], bool] | None = None

    def is_due(self, record: Any) -> bool:
        return self.offer is None or self.offer(record)


@dataclass(frozen=True)
class Button:
    step: Step
    url: str

    @property
    def label(self) -> str:
        return self.step.label

    @property
    def secondary(self) -> bool:
        return self.step.secondary


class Allowed:
    """`{% if steps.respond %}` in a template: the steps `allowed` permits, by name."""

    def __init__(self, buttons: list[Button]) -> None:
        self._by_name = {b.step.name: b for b in buttons}

    def __getitem__(self, name: str) -> Button | None:
        return self._by_name.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Button]:
        return iter(self._by_name.values())

    def __bool__(self) -> bool:
        return bool(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)


@dataclass(frozen=True)
class Workflow:
    """A record's steps in one table, with how to fetch the record and where its page is."""

    name: str
    pk_kwarg: str  # the URL keyword that carries the record's id, e.g. "complaint_id"
    get: Callable[[Any, Any], Any]  # get(user, pk): the app's selector (404 if not visible)
    detail_url: Callable[[Any], str]
    steps: tuple[Step, ...]
    who: Check = anyone  # the capability gate every step shares, checked before the record
    caption: Callable[[Any], str] = str
    _by_name: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {s.name: s for s in self.steps}
        if len(by_name) != len(self.steps):
            raise ValueError(f"{self.name}: two steps share a name")
        object.__setattr__(self, "_by_name", by_name)

    def step(self, name: str) -> Step:
        try:
            return self._by_name[name]
        except KeyError:
            raise Http404("No such step") from None

    def url(self, step: Step, record: Any) -> str:
        return reverse(step.url_name, kwargs={self.pk_kwarg: record.pk})

    def permits(self, step: Step, record: Any, user: Actor) -> bool:
        gate = step.who or self.who
        return gate(user) and step.allowed(record, user)

    def may(self, name: str, record: Any, user: Actor) -> bool:
        """May `user` take the step called `name` on `record` now (the server's own check)?"""
        return self.permits(self.step(name), record, user)

    def buttons(self, record: Any, user: Actor) -> Allowed:
        """The steps this user may take on this record and that are due, in the table's order."""
        return Allowed(
            [
                Button(step, self.url(step, record))
                for step in self.steps
                if step.is_due(record) and self.permits(step, record, user)
            ]
        )

    def view(self, name: str) -> Callable[..., HttpResponse]:
        """The page for one step (GET shows the form, POST calls the service)."""
        step = self.step(name)

        @login_required
        @require_http_methods(["GET", "POST"])
        def serve(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if not (step.who or self.who)(request.user):
                raise PermissionDenied
            record = self.get(request.user, kwargs[self.pk_kwarg])
            if not step.allowed(record, request.user):
                raise PermissionDenied
            caption = step.caption or self.caption
            form = step.form(form_data(request), record)
            if step.uploads and request.method == "POST":
                form.files = request.FILES
            return step_view(
                request,
                form=form,
                heading=step.heading,
                caption=caption(record),
                back=self.detail_url(record),
                action=lambda data: step.service(request.user, record, data),
                success=step.success,
                intro=step.intro_for(record) if step.intro_for else step.intro,
                submit_label=step.submit_label,
                next_url=step.next_url,
            )

        serve.__name__ = serve.__qualname__ = f"{self.name}_{name}"
        serve.__doc__ = step.heading
        return serve


def step_paths(workflow: Workflow, prefix: str, **slugs: str) -> list[URLPattern]:
    """The URL patterns for every step in `workflow`, declared by the table, not typed again.

    Each step is served at `<prefix><int:pk>/<slug>/` under its own URL name; the slug is the
    step's name with hyphens unless `slugs` gives another (so existing addresses stay).
    """
    patterns = []
    for entry in workflow.steps:
        slug = slugs.get(entry.name, entry.name.replace("_", "-"))
        route = f"{prefix}<int:{workflow.pk_kwarg}>/{slug}/"
        name = entry.url_name.rpartition(":")[2]
        patterns.append(path(route, workflow.view(entry.name), name=name))
    unknown = set(slugs) - {entry.name for entry in workflow.steps}
    if unknown:
        raise ValueError(f"{workflow.name}: no step called {', '.join(sorted(unknown))}")
    return patterns


def calls(service: Callable[..., Any], record: str, **renamed: str) -> Callable[..., Any]:
    """A step's service: `service(actor=..., <record>=..., **cleaned_data)`, with a form field
    passed on under another name where `renamed` says so (a one-date form's `on` is the
    service's `held_on`, for example)."""
    return lambda actor, obj, data: service(
        actor=actor, **{record: obj}, **{renamed.get(k, k): v for k, v in data.items()}
    )


def step(url_name: str, name: str, label: str, *, heading: str = "", **options: Any) -> Step:
    """A step served at the URL named `url_name`; its heading is its label unless told."""
    return Step(name=name, url_name=url_name, label=label, heading=heading or label, **options)


def posted(form_class: Callable[..., BaseForm]) -> Callable[[Any, Any], BaseForm]:
    """A step's form that needs only the posted data, not the record."""
    return lambda data, _record: form_class(data)

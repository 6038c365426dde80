"""How the reviews' workflows name their steps on `core.steps`.

Each workflow (annual reviews, amendments, phase transfers, ceasing, re-assessment) declares its
steps once, in its own `steps.py`. A step called `name` of the workflow with prefix `cessation_`
is served at the URL named `reviews:cessation_<name>`; a record called `cessation` is fetched by
its selector with `cessation_id` and its page is `reviews:cessation_detail`.
"""

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from opensend.core.steps import Step, Workflow, step


def step_factory(prefix: str) -> Callable[..., Step]:
    """The steps of one workflow: a step called `name` is served at the URL named
    `reviews:<prefix><name>` (`reviews:cessation_decide`, say)."""

    def reviews_step(name: str, label: str, **options: Any) -> Step:
        return step(f"reviews:{prefix}{name}", name, label, **options)

    return reviews_step


def record_workflow(
    name: str, selector: Callable[..., Any], steps: tuple[Step, ...], **options: Any
) -> Workflow:
    """The workflow of a record called `name`: its URLs carry `<name>_id`, its page is
    `reviews:<name>_detail`, and `selector(user=..., <name>_id=...)` fetches it (404 if not
    visible). `options` are the rest of the workflow (caption, who)."""
    pk_kwarg = f"{name}_id"
    return Workflow(
        name=name,
        pk_kwarg=pk_kwarg,
        get=lambda user, pk: selector(user=user, **{pk_kwarg: pk}),
        detail_url=lambda record: reverse(f"reviews:{name}_detail", args=[record.pk]),
        steps=steps,
        **options,
    )

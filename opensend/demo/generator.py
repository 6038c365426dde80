"""Build a synthetic local area, "Anytown", for demos, tests and benchmarks.

Everything here is invented: names come from Faker (en_GB) and fixed word lists, postcodes use the
"AT" area (there is no such UK postcode area), phone numbers are Ofcom's drama ranges, NHS numbers
use the 999 test range, UPNs use the demo LA code 999, URNs are 9xxxxx and UKPRNs 19xxxxxx.
The same seed always gives the same area.

Rows are written with ``bulk_create`` and no audit entries: loading demo data is a system action,
not a person changing a record (see docs/demo-area.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import transaction
from django.test.utils import override_settings

from opensend.demo.cases import build_demo_cases
from opensend.demo.directory import build_demo_directory
from opensend.demo.disputes import build_demo_disputes
from opensend.demo.families import FamilySteps
from opensend.demo.family_words import build_demo_family_words
from opensend.demo.feedback import build_demo_feedback
from opensend.demo.improvement import build_demo_improvement
from opensend.demo.logins import DEMO_LOGINS, LOGIN_BY_ROLE, DemoLogin, LoginRow, demo_login_rows
from opensend.demo.messages import build_demo_messages
from opensend.demo.plans import build_demo_plans
from opensend.demo.reviews import build_demo_reviews
from opensend.demo.showcase import build_demo_showcase
from opensend.demo.transfers import build_demo_transfers_and_cessations
from opensend.demo.vocabulary import DEMO_PASSWORD, MIN_CHILDREN
from opensend.demo.young_person import build_demo_young_person
from opensend.insights.models import Sen2Collection
from opensend.people.codes import (
    SettingKind,
)
from opensend.people.models import (
    Child,
)

__all__ = [
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "LOGIN_BY_ROLE",
    "MIN_CHILDREN",
    "STAGES",
    "DemoLogin",
    "DemoSummary",
    "LoginRow",
    "build_demo_area",
    "demo_login_rows",
]

# ----------------------------------------------------------------------------- result


@dataclass(frozen=True)
class DemoSummary:
    localities: int
    settings: int
    organisations: int
    teams: int
    users: int
    memberships: int
    children: int
    enrolments: int
    family_members: int
    family_relationships: int
    involvements: int
    consents: int
    cases: int = 0
    plans: int = 0
    disputes: int = 0
    showcase: int = 0
    reviews: int = 0
    transfers: int = 0
    directory: int = 0
    improvement: int = 0
    messages: int = 0
    feedback: int = 0
    settings_by_kind: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        kinds = ", ".join(
            f"{n} {SettingKind(k).label.lower()}" for k, n in self.settings_by_kind.items()
        )
        return [
            f"{self.children} children and young people, {self.family_members} family members "
            f"({self.family_relationships} relationships), {self.enrolments} enrolments",
            f"{self.settings} settings: {kinds}",
            f"{self.organisations} organisations, {self.teams} SENAR teams, {self.users} users, "
            f"{self.memberships} memberships",
            f"{self.involvements} professional involvements, {self.consents} consents",
            f"{self.cases} EHC needs assessment cases in every state, {self.plans} EHC plans",
            f"{self.reviews} annual reviews (with amendments), {self.transfers} phase transfers "
            "and cease decisions",
            f"{self.disputes} complaints, mediation cases and appeals",
            f"The demo parent's {self.showcase} children: one being assessed with a draft plan "
            "coming, one whose plan is being changed after its review",
            f"{self.directory} Local Offer services (schools and settings among them)",
            f"An improvement programme: an inspection with 13 areas of weakness, "
            f"{self.improvement} recommendations from three reports, a risk register",
            f"{self.messages} messages between families and their caseworkers",
            f"{self.feedback} answers from families about how a stage went",
        ]


# What the area is built from, in order; each stage reads what the earlier ones made.
STAGES = (
    "people",
    "cases",
    "plans",
    "reviews",
    "transfers",
    "disputes",
    "showcase",
    "directory",
    "improvement",
    "messages",
    "feedback",
)


def build_demo_area(
    *,
    children: int = 3000,
    seed: int = 1,
    today: date,
    progress: bool = True,
    stop_after: str = "feedback",
) -> DemoSummary:
    """Build the whole synthetic area in one transaction and say what was made.

    `stop_after` builds only the first stages (tests of one stage's builder use it)."""
    if stop_after not in STAGES:
        raise ValueError(f"stop_after must be one of {', '.join(STAGES)}")
    wanted = STAGES[: STAGES.index(stop_after) + 1]
    if children < MIN_CHILDREN:
        raise ValueError(f"A demo area needs at least {MIN_CHILDREN} children.")
    builder = _Builder(children=children, seed=seed, today=today, progress=progress)
    # With DEBUG on (make run), Django keeps and formats every SQL statement: at 25,000 children
    # that costs seconds and hundreds of megabytes, so switch the query log off while we build.
    with override_settings(DEBUG=False), transaction.atomic():
        summary = builder.build()
        made: dict[str, Any] = {
            stage: build(seed=seed, today=today)
            for stage, build in _LATER_STAGES.items()
            if stage in wanted
        }
        if "transfers" in wanted:
            build_demo_young_person(today=today)
        if "showcase" in wanted:
            build_demo_family_words(today=today)
        _declare_sen2()
        return replace(summary, **made)


def _declare_sen2() -> None:
    """The demo council has a Designated Medical, Clinical and Social Care Officer, so its SEN2
    return's header is complete (a real council's administrator records its own answers)."""
    Sen2Collection.objects.filter(dmo="").update(dmo="Y")
    Sen2Collection.objects.filter(dco="").update(dco="Y")
    Sen2Collection.objects.filter(dsco="").update(dsco="Y")


_LATER_STAGES = {
    "cases": build_demo_cases,
    "plans": build_demo_plans,
    "reviews": build_demo_reviews,
    "transfers": build_demo_transfers_and_cessations,
    "disputes": build_demo_disputes,
    "showcase": build_demo_showcase,
    "directory": build_demo_directory,
    "improvement": build_demo_improvement,
    "messages": build_demo_messages,
    "feedback": build_demo_feedback,
}


# ----------------------------------------------------------------------------- the builder


class _Builder(FamilySteps):
    """The whole people stage, step by step (the steps live in area, staff, children, families)."""

    def build(self) -> DemoSummary:
        self.bar.set_description("Settings and staff")
        self._localities()
        self._settings()
        self._organisations()
        self._teams_and_staff()
        self.bar.set_description("Children")
        self._plan_children()
        self._plan_enrolments()
        self._sencos()
        self._young_person()
        self._plan_families()
        self.bar.set_description("Saving children")
        self._save_with_progress(Child, self.children, "children", 1)
        self.bar.set_description("Families and places")
        self._save_enrolments()
        self._save_families()
        self.bar.set_description("Professionals and consent")
        self._involvements()
        self._consents()
        self.bar.close()
        return self._summary()

    def _summary(self) -> DemoSummary:
        by_kind = Counter(s.kind for s in self.settings)
        return DemoSummary(
            localities=len(self.localities),
            settings=len(self.settings),
            organisations=self.counts["organisations"],
            teams=len(self.teams),
            users=self.counts["users"],
            memberships=self.counts["memberships"],
            children=self.counts["children"],
            enrolments=self.counts["enrolments"],
            family_members=self.counts["family_members"],
            family_relationships=self.counts["family_relationships"],
            involvements=self.counts["involvements"],
            consents=self.counts["consents"],
            settings_by_kind={k.value: by_kind[k.value] for k in SettingKind if by_kind[k.value]},
        )

"""The plan as an accessible PDF, rendered by WeasyPrint from `plans/plan_pdf.html`: the document
a council sends.

The same approach as `notify.letters`: tagged PDF/UA-1 (`pdf_variant="pdf/ua-1"`), a language
and a title, Liberation Sans (metric-compatible with Arial) with fallback fonts for text in any
language and emoji (`FONT_STACK`). Every page carries the child's name, date of birth, the plan's
version and date, and "Page X of Y" (CSS `@page` margin boxes fed by `string-set`); a draft says
DRAFT on every page. Sections A–K in order; provision in tables with who, how often, how long and
where; each need with the outcomes that answer it; section K lists each piece of advice once. A
final plan names its authorising officer and ends with the family's right to mediation and
appeal, with the last days from `opensend.statutory`. The large-print version sets the text at
18pt.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from opensend import statutory
from opensend.plans import selectors
from opensend.plans.content import SECTION_A_FIELDS, SECTION_TITLES, plan_advice_listed
from opensend.plans.models import EHCPlan, PlanStatus, PlanVersion

PDF_VARIANT = "pdf/ua-1"

# Liberation Sans for the Latin alphabets (Polish and every other European language), then fonts
# for Arabic and Urdu, Chinese, and emoji: Pango takes each character from the first font in the
# list that has it. The Debian packages are installed by .ci/run (fonts-liberation2,
# fonts-noto-core, fonts-wqy-microhei, fonts-symbola); DejaVu is on the base image.
FONT_STACK = (
    '"Liberation Sans", Arial, "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", '
    '"WenQuanYi Micro Hei", "DejaVu Sans", "Noto Sans Symbols2", Symbola, sans-serif'
)

MEDIATION_CONTACT = "the mediation service named in the letter that came with this plan"
SENDIASS_CONTACT = "your local SEND Information, Advice and Support Service (SENDIASS)"


@dataclass(frozen=True)
class AppealRights:
    """The last days a family has to contact a mediation adviser and to appeal, from the day the
    plan was issued, each with the rule it comes from."""

    issued_on: str
    mediation_by: str
    mediation_rule: str
    appeal_by: str
    appeal_moved: str  # why the last day is not the plain count (rule 12), or ""
    appeal_rule: str
    mediation_contact: str
    sendiass_contact: str
    council_contact: str


def appeal_rights(plan: EHCPlan) -> AppealRights | None:
    """None for a draft (a draft cannot be appealed: the family comments on it instead) and for
    a plan that has ceased (the cessation decision has its own right of appeal, in its letter)."""
    if plan.status != PlanStatus.FINAL or plan.issued_on is None:
        return None
    deadline = statutory.appeal_deadline_explained(plan.issued_on)
    return AppealRights(
        issued_on=statutory.long_date(plan.issued_on),
        mediation_by=statutory.long_date(
            statutory.due("contact_mediation_adviser", plan.issued_on)
        ),
        mediation_rule=statutory.explain("contact_mediation_adviser"),
        appeal_by=statutory.long_date(deadline.last_day),
        appeal_moved=deadline.explain() if deadline.tribunal_day.moved else "",
        appeal_rule=statutory.explain(deadline.rule_id),
        mediation_contact=settings.OPENSEND_MEDIATION_CONTACT or MEDIATION_CONTACT,
        sendiass_contact=settings.OPENSEND_SENDIASS_CONTACT or SENDIASS_CONTACT,
        council_contact=settings.OPENSEND_NOTIFY_CONTACT_DETAILS
        or f"your caseworker at {settings.OPENSEND_COUNCIL_NAME}",
    )


@dataclass(frozen=True)
class Officer:
    """Who authorised the issued version: as recorded on the day, else the user who issued it."""

    name: str
    job_title: str


def authorising_officer(plan: EHCPlan) -> Officer | None:
    if plan.is_draft or not plan.version:
        return None
    version = next(
        (v for v in plan.versions.all() if v.version == plan.version and not v.is_draft), None
    )
    if version is None:
        return None
    return _officer(version)


def _officer(version: PlanVersion) -> Officer | None:
    if version.issued_by_name:
        return Officer(version.issued_by_name, version.issued_by_job_title)
    if version.issued_by is not None:  # issued before the name was kept with the version
        return Officer(version.issued_by.get_full_name() or version.issued_by.email, "")
    return None


def plan_html(plan: EHCPlan, *, large_print: bool = False, on: date | None = None) -> str:
    on = on or timezone.localdate()
    outcomes = list(plan.outcomes.all())
    number = {o.pk: i for i, o in enumerate(outcomes, start=1)}
    sections = selectors.plan_sections(plan)
    # "Outcomes 1, 3": the golden thread written out, for each need and each provision.
    for group in sections["needs"]:
        for need in group.rows:
            need.outcome_numbers = _numbers(number[o.pk] for o in outcomes if need in o.needs.all())
    for group in sections["provision"]:
        for provision in group.rows:
            provision.outcome_numbers = _numbers(number[o.pk] for o in provision.outcomes.all())
    dates = selectors.plan_dates(plan, on=on)
    return render_to_string(
        "plans/plan_pdf.html",
        {
            "plan": plan,
            "council_name": settings.OPENSEND_COUNCIL_NAME,
            "printed_on": statutory.long_date(on),
            "amending": not plan.is_draft and selectors.plan_is_amending(plan),
            "officer": authorising_officer(plan),
            "comments_due": dates.representations_due_text,
            "rights": appeal_rights(plan),
            "section_a": [(label, getattr(plan, name)) for name, label in SECTION_A_FIELDS],
            "sections": sections,
            "titles": SECTION_TITLES,
            "outcomes": outcomes,
            "advice": plan_advice_listed(plan),
            "large_print": large_print,
        },
    )


def _numbers(numbers: Iterable[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def plan_pdf(plan: EHCPlan, *, large_print: bool = False, on: date | None = None) -> bytes:
    """The plan as PDF bytes (tagged, PDF/UA-1)."""
    from weasyprint import CSS, HTML  # imported here: WeasyPrint is slow to import

    html = plan_html(plan, large_print=large_print, on=on)
    css = CSS(
        string=render_to_string(
            "plans/plan_pdf.css",
            {"large_print": large_print, "draft": plan.is_draft, "fonts": FONT_STACK},
        )
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[css], pdf_variant=PDF_VARIANT
    )

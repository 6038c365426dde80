"""Message templates as code: what we say to families and professionals, and when.

Bodies use GOV.UK Notify's `((placeholder))` syntax, so the same text can be pasted into a
Notify template. Paragraphs are separated by a blank line; a line starting "* " is a bullet.
Family-facing text is plain English (reading age about 9): say what happened, then what
happens next, with a date. Dates arrive already formatted (`opensend.statutory.long_date`).

Placeholders filled by `notification_send` for every message, unless the caller sets them:
`recipient_name`, `child_name`, `council_name` and `contact_details`.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from opensend import statutory

PLACEHOLDER = re.compile(r"\(\(\s*([A-Za-z0-9_]+)\s*\)\)")


class UnknownTemplateError(KeyError):
    """No message template has this key."""

    def __str__(self) -> str:
        return f"There is no message template called {self.args[0]!r}"


class MissingPersonalisationError(ValueError):
    """A template needs placeholder values that the caller did not give."""

    def __init__(self, template_key: str, missing: list[str]) -> None:
        self.template_key = template_key
        self.missing = missing
        names = ", ".join(f"(({name}))" for name in missing)
        super().__init__(f"Template {template_key!r} needs a value for {names}")


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    subject: str
    body: str
    description: str
    audience: str = "family"  # "family" or "professional"

    @property
    def placeholders(self) -> list[str]:
        """Every placeholder in the subject and body, in order of first use."""
        seen: dict[str, None] = {}
        for match in PLACEHOLDER.finditer(self.subject + "\n" + self.body):
            seen.setdefault(match.group(1), None)
        return list(seen)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    personalisation: dict[str, str] = field(default_factory=dict)


def _plain(value: object) -> str:
    if isinstance(value, statutory.AppealDeadline):
        # The real last day, and why it is not the plain count (Tribunal rule 12).
        text = statutory.long_date(value.last_day)
        if value.tribunal_day.moved:
            text += f" ({value.reason[0].lower()}{value.reason[1:]})"
        return text
    if isinstance(value, date):
        return statutory.long_date(value)
    return str(value)


def fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render(
    template: "MessageTemplate | str", personalisation: Mapping[str, object]
) -> RenderedMessage:
    """Fill every ((placeholder)); raise MissingPersonalisationError naming any that are missing.

    Dates given as `date` objects are written out in full ("Monday 12 January 2026").
    Values that are None or blank count as missing. Extra values are kept but unused.
    """
    tpl = get_template(template) if isinstance(template, str) else template
    values = {k: _plain(v) for k, v in personalisation.items() if v is not None}
    missing = [name for name in tpl.placeholders if not values.get(name, "").strip()]
    if missing:
        raise MissingPersonalisationError(tpl.key, missing)
    return RenderedMessage(
        subject=fill(tpl.subject, values), body=fill(tpl.body, values), personalisation=values
    )


REGISTRY: dict[str, MessageTemplate] = {}


def register(template: MessageTemplate) -> MessageTemplate:
    if template.key in REGISTRY:
        raise ValueError(f"A message template called {template.key!r} already exists")
    REGISTRY[template.key] = template
    return template


def get_template(key: str) -> MessageTemplate:
    try:
        return REGISTRY[key]
    except KeyError as exc:
        raise UnknownTemplateError(key) from exc


_HELP = (
    "If you have questions, contact ((contact_details)).\n\n"
    "You can also get free, independent advice from your local SEND Information, Advice "
    "and Support Service (SENDIASS)."
)
_APPEAL = (
    "If you do not agree, you can:\n\n"
    "* ask to meet us to talk about it\n"
    "* ask for mediation, where someone who is not from the council helps us talk it through\n"
    "* appeal to the SEND Tribunal\n\n"
    "Before you appeal, you usually need to contact a mediation adviser. You do not have to "
    "go to mediation. The mediation adviser is ((mediation_contact)).\n\n"
    "You have until ((appeal_due)) to appeal."
)

register(
    MessageTemplate(
        key="request_received",
        subject="We have your request for an EHC needs assessment for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have your request for an EHC needs assessment for ((child_name)). "
            "EHC means education, health and care.\n\n"
            "We will tell you by ((decision_due)) whether we will carry out an assessment.\n\n"
            "We may contact you before then to ask you more about ((child_name)).\n\n" + _HELP
        ),
        description="To the family when a request for an assessment arrives (Regs 5(1): 6 weeks).",
    )
)
register(
    MessageTemplate(
        key="decided_to_assess",
        subject="We will carry out an EHC needs assessment for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have decided to carry out an EHC needs assessment for ((child_name)).\n\n"
            "What happens next:\n\n"
            "* we will ask people who know ((child_name)) for advice, such as their school, "
            "health services and an educational psychologist\n"
            "* we will ask for your views, and ((child_name))'s views\n"
            "* we will tell you by ((no_plan_due)) if we decide not to write an EHC plan\n"
            "* if we write a plan, you will get the final plan by ((final_plan_due))\n\n" + _HELP
        ),
        description="To the family when the council decides to assess (16 and 20 week dates).",
    )
)
register(
    MessageTemplate(
        key="decided_not_to_assess",
        subject="We will not carry out an EHC needs assessment for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have decided not to carry out an EHC needs assessment for ((child_name)).\n\n"
            "Why we decided this: ((reasons))\n\n"
            "What happens next:\n\n"
            "((child_name))'s school or setting should keep helping them through SEN support. "
            "They can ask for advice from specialists. You can ask them to meet you to plan "
            "this support.\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description=(
            "To the family when the council decides not to assess: reasons, SEN support, "
            "right of appeal and mediation (Regs 5(3), 32)."
        ),
    )
)
register(
    MessageTemplate(
        key="advice_requested",
        subject="Request for advice for an EHC needs assessment: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We are carrying out an EHC needs assessment for ((child_name)). Please give us "
            "your ((advice_type)) advice.\n\n"
            "Your advice is due by ((advice_due)). This is 6 weeks from our request "
            "(SEND Regulations 2014, regulation 8).\n\n"
            "You can read the request and send your advice here: ((advice_link))\n\n"
            "If you cannot meet this date, tell us as soon as possible. Contact "
            "((contact_details))."
        ),
        description="To a professional or service asked for advice (Regs 6, 8: 6 weeks).",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="consultation_request",
        subject="Can you meet the needs of ((child_name))? EHC plan consultation",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We are writing an EHC plan for ((child_name)), and their family would like "
            "((setting_name)) to be named in it. We are sending you the draft plan.\n\n"
            "Please tell us by ((response_due)) whether you can meet ((child_name))'s needs "
            "(Children and Families Act 2014, section 39; you have 15 days).\n\n"
            "Reply here: ((plan_link))\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To a school or college consulted about being named in a plan.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="final_plan_for_professionals",
        subject="Final EHC plan issued: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have issued the final EHC plan for ((child_name)) on ((issued_on)). "
            "The named setting is ((setting_name)).\n\n"
            "Please make sure the provision in the plan is in place. The first annual review "
            "must be held by ((review_due)).\n\n"
            "Read the plan here: ((plan_link))\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To the named setting and the health commissioner when a final plan is issued.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="advice_due_reminder",
        subject="Advice due soon for an EHC needs assessment: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "This is a reminder that your ((advice_type)) advice for ((child_name)) is due by "
            "((advice_due)).\n\n"
            "Send your advice here: ((advice_link))\n\n"
            "If something is stopping you, contact ((contact_details))."
        ),
        description="To a professional a week before their advice is due.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="advice_overdue_reminder",
        subject="Advice overdue for an EHC needs assessment: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "Your ((advice_type)) advice for ((child_name)) was due on ((advice_due)). "
            "We have not had it yet.\n\n"
            "Please send it today if you can. The family is waiting, and a late reply puts "
            "the 20-week deadline for the EHC plan at risk.\n\n"
            "Send your advice here: ((advice_link))\n\n"
            "If something is stopping you, contact ((contact_details))."
        ),
        description="To a professional whose advice is past its 6-week due date.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="decided_not_to_issue",
        subject="We will not write an EHC plan for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have finished the EHC needs assessment for ((child_name)). We have decided "
            "not to write an EHC plan.\n\n"
            "Why we decided this: ((reasons))\n\n"
            "What happens next:\n\n"
            "We will send you the advice we collected during the assessment. "
            "((child_name))'s school or setting can use it to plan support through "
            "SEN support.\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description=(
            "To the family when the council decides not to issue a plan (Regs 10: 16 weeks), "
            "with the right of appeal and mediation."
        ),
    )
)
register(
    MessageTemplate(
        key="draft_plan_issued",
        subject="The draft EHC plan for ((child_name)) is ready",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have sent you the draft EHC plan for ((child_name)). Please read it.\n\n"
            "What happens next:\n\n"
            "* you have 15 days to tell us what you think of the draft\n"
            "* send us your comments by ((representations_due))\n"
            "* by the same date, tell us which school, college or setting you would like "
            "named in the plan\n"
            "* you can ask to meet us to talk about the draft\n\n"
            "We will send you the final plan by ((final_plan_due)).\n\n" + _HELP
        ),
        description="To the family when the draft plan is served (Regs 13(1): 15 days).",
    )
)
register(
    MessageTemplate(
        key="final_plan_issued",
        subject="The final EHC plan for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have finished ((child_name))'s EHC plan. This is the final plan. "
            "It names ((setting_name)).\n\n"
            "What happens next:\n\n"
            "* the support in the plan starts now\n"
            "* the plan will be reviewed at least once a year. The first review must be "
            "held by ((review_due))\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description="To the family when the final plan is issued (Regs 13(2): 20 weeks).",
    )
)
register(
    MessageTemplate(
        key="review_due",
        subject="((child_name))'s EHC plan review is coming up",
        body=(
            "Dear ((recipient_name)),\n\n"
            "It is nearly time to review ((child_name))'s EHC plan. We review every plan at "
            "least once a year.\n\n"
            "What happens next:\n\n"
            "* the review meeting must be held by ((review_due))\n"
            "* you will be invited at least 2 weeks before the meeting\n"
            "* we want to hear what is going well and what is not, from you and from "
            "((child_name))\n\n" + _HELP
        ),
        description="To the family before an annual review is due (CFA s44: 12 months).",
    )
)

# Disputes and complaints (opensend.disputes)
register(
    MessageTemplate(
        key="complaint_received",
        subject="We have your complaint",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have your complaint. Thank you for telling us.\n\n"
            "It is at ((stage_name)) of our complaints process. "
            "We will reply by ((reply_due)).\n\n" + _HELP
        ),
        description="To the person who complained, when a complaint arrives (customer charter).",
    )
)
register(
    MessageTemplate(
        key="complaint_response_sent",
        subject="We have replied to your complaint",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have sent you our reply to your complaint at ((stage_name)). "
            "Our finding is: ((outcome)).\n\n"
            "((next_step))\n\n" + _HELP
        ),
        description="To the person who complained, when we reply at a stage.",
    )
)
register(
    MessageTemplate(
        key="complaint_escalated",
        subject="Your complaint has moved to the next stage",
        body=(
            "Dear ((recipient_name)),\n\n"
            "Your complaint is now at ((stage_name)). Someone new will look at it again.\n\n"
            "We will reply by ((reply_due)).\n\n" + _HELP
        ),
        description="To the person who complained, when the complaint is escalated.",
    )
)
register(
    MessageTemplate(
        key="mediation_certificate_issued",
        subject="Your mediation certificate for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have sent you a mediation certificate for ((child_name)). "
            "You need it if you want to appeal to the SEND Tribunal.\n\n"
            "You have until ((appeal_due)) to appeal.\n\n" + _HELP
        ),
        description=(
            "To the family when the mediation certificate is issued (Regs 34, 39: 3 working "
            "days), with the last day to appeal (Tribunal Rules r.20)."
        ),
    )
)
register(
    MessageTemplate(
        key="tribunal_order_received",
        subject="The SEND Tribunal's order for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "The SEND Tribunal has made an order about ((child_name)). It says we must "
            "((order_summary)).\n\n"
            "What happens next: we must ((first_step)) by ((first_due)). "
            "We will keep you told at each step.\n\n" + _HELP
        ),
        description="To the family when the council receives a Tribunal order (Regs 44).",
    )
)

# Annual reviews and amendments (opensend.reviews)
register(
    MessageTemplate(
        key="review_invitation",
        subject="You are invited to ((child_name))'s EHC plan review",
        body=(
            "Dear ((recipient_name)),\n\n"
            "You are invited to the review of ((child_name))'s EHC plan. The meeting is on "
            "((meeting_on)), led by ((led_by)).\n\n"
            "What happens next:\n\n"
            "* please tell us what is going well and what is not, from you and from "
            "((child_name)). You can send your views before the meeting or bring them\n"
            "* after the meeting you will get a written report by ((report_due))\n"
            "* we will tell you by ((decision_due)) whether we keep, change or stop the plan\n\n"
            + _HELP
        ),
        description="To the family when review invitations go out (Regs 20(3)-(4): 2 weeks).",
    )
)
register(
    MessageTemplate(
        key="review_report_sent",
        subject="The report from ((child_name))'s EHC plan review",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have sent you the report from ((child_name))'s review meeting on "
            "((meeting_on)). The meeting recommended: ((recommendation)).\n\n"
            "What happens next: we will tell you by ((decision_due)) whether we keep the plan "
            "as it is, change it or stop it.\n\n" + _HELP
        ),
        description="To the family when the review report is sent (Regs 20(7): 2 weeks).",
    )
)
register(
    MessageTemplate(
        key="review_decision_maintain",
        subject="We will keep ((child_name))'s EHC plan as it is",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have looked at the review of ((child_name))'s EHC plan. We have decided to keep "
            "the plan as it is.\n\n"
            "What happens next: the support in the plan carries on. The next review must be "
            "held by ((next_review_due)).\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description="To the family when the council decides to keep the plan (Regs 20(10)).",
    )
)
register(
    MessageTemplate(
        key="amendment_proposed",
        subject="We want to change ((child_name))'s EHC plan",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We want to change ((child_name))'s EHC plan. We have sent you the changes we "
            "propose and the reasons:\n\n((summary))\n\n"
            "What happens next:\n\n"
            "* you can tell us what you think, and ask for a school or college to be named, "
            "until ((comments_due))\n"
            "* you can ask to meet us to talk about the changes\n"
            "* we will send you the changed plan by ((issue_due))\n\n" + _HELP
        ),
        description="To the family with the proposed amendments (Regs 22(2): 15 days to comment).",
    )
)
register(
    MessageTemplate(
        key="amended_plan_issued",
        subject="The changed EHC plan for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have changed ((child_name))'s EHC plan. This is the final changed plan "
            "(version ((version))). It names ((setting_name)).\n\n"
            "What happens next:\n\n"
            "* the support in the changed plan starts now\n"
            "* the next review must be held by ((review_due))\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description="To the family when an amended plan is issued (Regs 22(3): 8 weeks).",
    )
)
register(
    MessageTemplate(
        key="amended_plan_for_professionals",
        subject="Amended EHC plan issued: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have issued an amended EHC plan for ((child_name)) on ((issued_on)). "
            "The named setting is ((setting_name)).\n\n"
            "Please make sure the provision in the amended plan is in place. The next review "
            "must be held by ((review_due)).\n\n"
            "Read the plan here: ((plan_link))\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To the named setting and the health commissioner when a plan is amended.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="amendment_not_made",
        subject="We will not change ((child_name))'s EHC plan",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We proposed changes to ((child_name))'s EHC plan. We have now decided not to "
            "change it. This is why:\n\n((reasons))\n\n"
            "What happens next: the plan stays as it is.\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description="To the family when proposed amendments are not made (Regs 22(4)).",
    )
)

# Phase transfers and ceasing a plan (opensend.reviews.transfers, opensend.reviews.ceasing)
register(
    MessageTemplate(
        key="phase_transfer_preferences_requested",
        subject="Choosing a new school or college for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "((child_name)) will move to a new school or college on ((transfer_on)) "
            "(((move))).\n\n"
            "Please tell us which schools or colleges you would like us to think about. "
            "You can give us up to 3, in order. We will ask them if they can meet "
            "((child_name))'s needs.\n\n"
            "What happens next: we must send you the changed EHC plan, naming the new school or "
            "college, by ((amend_by)).\n\n" + _HELP
        ),
        description=(
            "To the family when a phase transfer is opened (SEND Regs 2014, reg 18: amended "
            "plan by 15 February or 31 March)."
        ),
    )
)
register(
    MessageTemplate(
        key="phase_transfer_consultation",
        subject="Can you meet the needs of ((child_name))? School or college consultation",
        body=(
            "Dear ((recipient_name)),\n\n"
            "((child_name)) has an EHC plan and will move to a new school or college on "
            "((transfer_on)). Their family would like ((setting_name)) to be named in the "
            "plan.\n\n"
            "Please tell us by ((response_due)) whether you can meet ((child_name))'s needs "
            "(Children and Families Act 2014, section 39; you have 15 days).\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To a school or college consulted about a child's phase transfer.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="phase_transfer_setting_named",
        subject="((setting_name)) for ((child_name)) from ((transfer_on))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have decided to name ((setting_name)) in ((child_name))'s EHC plan for their "
            "move on ((transfer_on)).\n\n"
            "What happens next: we will send you the proposed changes to the plan. You can "
            "tell us what you think. We must send you the changed plan by ((amend_by)).\n\n" + _HELP
        ),
        description="To the family when the setting for a phase transfer is decided.",
    )
)
register(
    MessageTemplate(
        key="cessation_proposed",
        subject="We are thinking of stopping ((child_name))'s EHC plan",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We are thinking of stopping ((child_name))'s EHC plan. This is because: "
            "((reasons))\n\n"
            "We have not decided yet. We want to know what you think first. Please tell us "
            "as soon as you can.\n\n"
            "The plan stays in place while we decide, and the support in it carries on.\n\n" + _HELP
        ),
        description="To the family when the council is considering ceasing a plan (reg 31(1)).",
    )
)
register(
    MessageTemplate(
        key="cessation_setting_consulted",
        subject="We are considering ceasing the EHC plan for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We are considering ceasing to maintain the EHC plan for ((child_name)), who "
            "attends ((setting_name)). The reason is: ((reasons))\n\n"
            "Please tell us your views (SEND Regulations 2014, regulation 31(1)(c)). The plan "
            "stays in place while we decide.\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To the named setting when the council is considering ceasing a plan.",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="cessation_decided",
        subject="We have decided to stop ((child_name))'s EHC plan",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have decided to stop ((child_name))'s EHC plan. This is because: "
            "((reasons))\n\n"
            "What happens next: the plan stays in place until ((appeal_due)). If you appeal, it "
            "stays in place until the appeal is decided.\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description=(
            "To the family when the council decides to cease a plan (reg 31(2) and (3)), with "
            "the right of appeal, its deadline and mediation."
        ),
    )
)
register(
    MessageTemplate(
        key="cessation_decided_setting",
        subject="Decision to cease the EHC plan for ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We have decided to cease to maintain the EHC plan for ((child_name)). The family "
            "can appeal until ((appeal_due)), and the plan stays in place until then (or until "
            "an appeal is decided). Please keep the provision in the plan in place.\n\n"
            "If you have questions, contact ((contact_details))."
        ),
        description="To the named setting when the council decides to cease a plan (reg 31(2)).",
        audience="professional",
    )
)
register(
    MessageTemplate(
        key="plan_ceased",
        subject="((child_name))'s EHC plan has ended",
        body=(
            "Dear ((recipient_name)),\n\n"
            "((child_name))'s EHC plan ended on ((ceased_on)).\n\n"
            "What happens next: the school or college can still give support from its own "
            "resources. If things change, you can ask us for a new EHC needs assessment at any "
            "time.\n\n" + _HELP
        ),
        description="To the family when a plan is ceased.",
    )
)
register(
    MessageTemplate(
        key="cessation_withdrawn",
        subject="We will keep ((child_name))'s EHC plan",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We will not stop ((child_name))'s EHC plan. ((reasons))\n\n"
            "What happens next: the plan and the support in it carry on. The next review will "
            "look at how things are going.\n\n" + _HELP
        ),
        description="To the family when the council decides not to cease a plan after all.",
    )
)
register(
    MessageTemplate(
        key="reassessment_agreed",
        subject="We will re-assess ((child_name))'s needs",
        body=(
            "Dear ((recipient_name)),\n\n"
            "You asked us to look again at ((child_name))'s needs. We have decided to carry out "
            "a re-assessment.\n\n"
            "What happens next: we will ask for new advice, and we will send you the amended or "
            "new EHC plan by ((plan_due)) at the latest.\n\n" + _HELP
        ),
        description=(
            "To the family when the council agrees to re-assess (reg 25(1): within 15 days of "
            "the request), with the 14-week date for the plan (reg 27(2))."
        ),
    )
)
register(
    MessageTemplate(
        key="reassessment_refused",
        subject="We will not re-assess ((child_name))'s needs now",
        body=(
            "Dear ((recipient_name)),\n\n"
            "You asked us to look again at ((child_name))'s needs. We have decided not to carry "
            "out a re-assessment now. This is because: ((reasons))\n\n"
            "What happens next: the EHC plan stays as it is, and it will be looked at again at "
            "the next review.\n\n" + _APPEAL + "\n\n" + _HELP
        ),
        description=(
            "To the family when the council decides not to re-assess (reg 25(1)), with the "
            "right of appeal (CFA s51(2)(d)), its deadline and mediation."
        ),
    )
)

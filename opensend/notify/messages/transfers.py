"""Messages of phase transfers, ceasing a plan and re-assessment (opensend.reviews.transfers,
opensend.reviews.ceasing, opensend.reviews.reassessment)."""

from opensend.notify.messages.paragraphs import _APPEAL, _HELP
from opensend.notify.messages.registry import MessageTemplate, register

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

"""Messages of the EHC needs assessment and plan (opensend.casework, opensend.plans), and the
reminder that a review is due."""

from opensend.notify.messages.paragraphs import _APPEAL, _HELP
from opensend.notify.messages.registry import MessageTemplate, register

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
        key="advice_withdrawn",
        subject="Advice no longer needed: ((child_name))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We asked you for ((advice_type)) advice for ((child_name))'s EHC needs "
            "assessment. We no longer need it, because: ((reason))\n\n"
            "You can see the request here: ((advice_link))\n\n"
            "If you have already started, or think the advice is still needed, contact "
            "((contact_details))."
        ),
        description="To a professional whose advice request the council withdrew.",
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
        key="draft_plan_comments_reminder",
        subject="Tell us what you think of ((child_name))'s draft EHC plan by ((comments_due))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We sent you the draft EHC plan for ((child_name)). We have not heard from you "
            "yet. You have until ((comments_due)) to tell us what you think.\n\n"
            "What you can do:\n\n"
            "* tell us what is right, what is wrong and what is missing\n"
            "* tell us which school or college you would like us to name\n"
            "* ask to meet us to talk about the draft\n"
            "* or tell us you have nothing more to add\n\n"
            "Read the draft and tell us here: ((page_link))\n\n" + _HELP
        ),
        description=(
            "To the family 5 days before their 15 days on the draft end, if they have not yet "
            "commented (Regs 13(1)(b); manage.py family_reminders)."
        ),
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

"""Messages of annual reviews and amendments (opensend.reviews)."""

from opensend.notify.messages.paragraphs import _APPEAL, _HELP
from opensend.notify.messages.registry import MessageTemplate, register

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
        key="review_views_reminder",
        subject="Tell us your views for ((child_name))'s review by ((views_due))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "The meeting to review ((child_name))'s EHC plan is coming up. We want to know "
            "what you think before it. Please send us your views by ((views_due)), so that "
            "everyone at the meeting can read them first.\n\n"
            "What you can tell us:\n\n"
            "* what is going well and what is not\n"
            "* what you would like to change\n"
            "* what you hope for next\n\n"
            "Tell us here: ((page_link))\n\n"
            "You can also bring your views to the meeting.\n\n" + _HELP
        ),
        description=(
            "To the family 5 days before the day to send their views for a review meeting, if "
            "we have none yet (Regs 20(4): circulated 2 weeks before; manage.py family_reminders)."
        ),
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
        key="amendment_comments_reminder",
        subject="Tell us what you think of the changes to ((child_name))'s plan by "
        "((comments_due))",
        body=(
            "Dear ((recipient_name)),\n\n"
            "We sent you the changes we want to make to ((child_name))'s EHC plan. We have not "
            "heard from you yet. You have until ((comments_due)) to tell us what you think.\n\n"
            "What you can do:\n\n"
            "* tell us what you think of the changes\n"
            "* tell us which school or college you would like us to name\n"
            "* ask to meet us to talk about the changes\n"
            "* or tell us you have nothing more to add\n\n"
            "Read the changes and tell us here: ((page_link))\n\n" + _HELP
        ),
        description=(
            "To the family 5 days before their 15 days on proposed changes end, if they have "
            "not yet commented (Regs 22(2)(c); manage.py family_reminders)."
        ),
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

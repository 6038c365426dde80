"""Messages about disputes and complaints (opensend.disputes)."""

from opensend.notify.messages.paragraphs import _HELP
from opensend.notify.messages.registry import MessageTemplate, register

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

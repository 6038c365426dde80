"""What we send when a message arrives: an email or text to the family (by their preference,
through notify) that says who wrote and links to the thread, and an alert in the staff inbox.
The words of the message itself never leave OpenSEND: an email can be read by anyone with the
inbox, so it says only that there is a message and where to read it."""

from opensend.notify.messages import MessageTemplate, register
from opensend.notify.messages.registry import REGISTRY

REPLY_TEMPLATE = "family_message_reply"

if REPLY_TEMPLATE not in REGISTRY:
    register(
        MessageTemplate(
            key=REPLY_TEMPLATE,
            subject="A message from ((staff_name)) about ((child_name))",
            body=(
                "Dear ((recipient_name)),\n\n"
                "((staff_name)) from the SEND team has sent you a message about "
                "((child_name)).\n\n"
                "To keep it private, the message is not in this email. Sign in to read it "
                "and reply:\n\n((page_link))\n\n"
                "If you have questions, contact ((contact_details))."
            ),
            description=(
                "To the family when their caseworker or the SEND team writes to them in the "
                "child's messages (opensend.messaging)."
            ),
        )
    )

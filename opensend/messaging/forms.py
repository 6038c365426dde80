from django import forms

from opensend.core.forms import GovukForm
from opensend.core.uploads import DocumentField
from opensend.messaging.models import MAX_MESSAGE_LENGTH


class MessageForm(GovukForm):
    body = forms.CharField(
        label="Your message",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_MESSAGE_LENGTH,
        error_messages={
            "max_length": f"Your message must be {MAX_MESSAGE_LENGTH:,} characters or fewer"
        },
    )
    attachment = DocumentField(label="Add a file (optional)", required=False)

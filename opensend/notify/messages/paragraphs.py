"""Paragraphs many messages end with: where to get help, and how to disagree.

Every family message ends with `_HELP`, so every one links to the page it is about
(`((page_link))`, filled by `notify.services`: docs/family-portal.md)."""

_HELP = (
    "See where things are and what happens next: ((page_link))\n\n"
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

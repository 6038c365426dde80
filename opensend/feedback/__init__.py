"""Feedback and co-production: what families tell us after each stage, and what we did.

Issue 14, item 7. After each stage of the journey (the decision about an assessment, the draft
plan, the final plan, the decision after an annual review) each parent or carer and the young
person may answer a short survey: was it clear, were you listened to, how satisfied, and
anything else. Staff record answers given by phone or on paper the same way. The council keeps
a "You said, we did" page. The figures (`figures.py`) count the answers for the satisfaction
measures; insights may call them.

The pages that need to know whether a stage is done live in `portal` (`portal/feedback_pages.py`),
because the journey apps sit above this one (docs/architecture.md).

Layout: models, access (who may do what), services (writes, audited, atomic), selectors (reads,
the same 404 for missing and forbidden), figures (counts, no names), forms, views, urls, admin.
"""

"""OpenSEND statutory rules: the clocks of the SEND Regulations 2014 and Code of Practice as code.

Pure Python, no Django (an import-linter contract enforces it), and no reading of the clock: pass
dates in. Every other app asks this package for due dates, so they all count the same way.

    >>> from datetime import date
    >>> from opensend.statutory import due, explain
    >>> due("decide_whether_to_assess", date(2025, 12, 1))
    datetime.date(2026, 1, 12)

See docs/statutory-rules.md for the table of rules and the counting conventions.
"""

from opensend.statutory.calendar import (
    EXTRA_BANK_HOLIDAYS,
    WITHDRAWN_BANK_HOLIDAYS,
    add_working_days,
    bank_holidays,
    is_working_day,
)
from opensend.statutory.ceasing import (
    CESSATION_CITATION,
    CeaseCheck,
    CeaseGround,
    cease_check,
    plan_end_date,
)
from opensend.statutory.deadlines import (
    DEFAULT_AT_RISK_DAYS,
    AppealDeadline,
    ClockStatus,
    Deadline,
    appeal_deadline,
    appeal_deadline_explained,
    clock_status,
    days_until,
    deadline,
    draft_plan_latest,
    due,
    explain,
    long_date,
)
from opensend.statutory.periods import add_days, add_months, add_weeks, months_starting_with
from opensend.statutory.reminders import (
    FAMILY_REMINDER_DAYS,
    family_reminder_due,
    family_reminder_on,
)
from opensend.statutory.reviews import ReviewDue, review_due_choice
from opensend.statutory.rules import (
    RULES,
    ExceptionGround,
    Rule,
    StatutoryException,
    Unit,
    UnknownRule,
    get_rule,
)
from opensend.statutory.school_years import (
    YOUNG_PERSON_CITATION,
    academic_year,
    academic_year_start,
    age_on,
    compulsory_school_age_ends,
    is_young_person,
    national_curriculum_year,
    national_curriculum_year_label,
)
from opensend.statutory.transfers import (
    PhaseTransfer,
    TransferDeadline,
    TransferKind,
    next_september,
    phase_transfer_deadline,
    phase_transfer_due,
    transfer_kind,
)
from opensend.statutory.tribunal import TRIBUNAL_TIME_CITATION, TribunalDay, tribunal_last_day

__all__ = [
    "CESSATION_CITATION",
    "DEFAULT_AT_RISK_DAYS",
    "EXTRA_BANK_HOLIDAYS",
    "FAMILY_REMINDER_DAYS",
    "RULES",
    "TRIBUNAL_TIME_CITATION",
    "WITHDRAWN_BANK_HOLIDAYS",
    "YOUNG_PERSON_CITATION",
    "AppealDeadline",
    "CeaseCheck",
    "CeaseGround",
    "ClockStatus",
    "Deadline",
    "ExceptionGround",
    "PhaseTransfer",
    "ReviewDue",
    "Rule",
    "StatutoryException",
    "TransferDeadline",
    "TransferKind",
    "TribunalDay",
    "Unit",
    "UnknownRule",
    "academic_year",
    "academic_year_start",
    "add_days",
    "add_months",
    "add_weeks",
    "add_working_days",
    "age_on",
    "appeal_deadline",
    "appeal_deadline_explained",
    "bank_holidays",
    "cease_check",
    "clock_status",
    "compulsory_school_age_ends",
    "days_until",
    "deadline",
    "draft_plan_latest",
    "due",
    "explain",
    "family_reminder_due",
    "family_reminder_on",
    "get_rule",
    "is_working_day",
    "is_young_person",
    "long_date",
    "months_starting_with",
    "national_curriculum_year",
    "national_curriculum_year_label",
    "next_september",
    "phase_transfer_deadline",
    "phase_transfer_due",
    "plan_end_date",
    "review_due_choice",
    "transfer_kind",
    "tribunal_last_day",
]

"""Phase transfers (SEND Regs 2014, regs 2 and 18): who moves next September, and by when.

Reg 2(1) defines a "transfer between phases of education" as a transfer from (a) relevant early
years education to school, (b) infant school to junior school, (c) primary school to middle
school, (d) primary school to secondary school, (e) middle school to secondary school, or
(f) secondary school to a post-16 institution. A pupil leaving a school sixth form (Year 12 or 13)
for a college is making move (f).

Reg 18(1): where a child or young person is within 12 months of such a transfer, the council
"must review and amend, where necessary, the child or young person's EHC plan before— (a) 31 March
in the calendar year of the child or young person's transfer from secondary school to a post-16
institution; and (b) 15 February in the calendar year of the child's transfer in any other case".
"Before" a day excludes it, so the last day in time is 30 March or 14 February. Reg 18(2): a move
from one post-16 institution to another "at any other time" needs the plan reviewed and amended
"at least five months before that transfer takes place".

The dates in reg 18(1) are tied to the calendar year of the move, not to the move itself: for a
move in January the literal date falls after the move. ``phase_transfer_deadline`` then returns
that date, as the law says, with a warning that the plan must in practice be amended before the
move.

Which move a child makes depends on the year group they are in now and on the kind of school
they attend: a Year 2 pupil at an infant school moves to junior school, but a Year 2 pupil at a
primary school does not move at all. Pure Python: pass the dates in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.statutory.deadlines import due, long_date
from opensend.statutory.school_years import academic_year, national_curriculum_year

__all__ = [
    "PhaseTransfer",
    "TransferDeadline",
    "TransferKind",
    "next_september",
    "phase_transfer_deadline",
    "phase_transfer_due",
    "transfer_kind",
]

_SEPTEMBER = 9


class TransferKind(StrEnum):
    """The moves reg 2(1) calls transfers between phases, plus reg 18(2)'s post-16 moves."""

    EARLY_YEARS_TO_SCHOOL = "early_years_to_school"
    INFANT_TO_JUNIOR = "infant_to_junior"
    PRIMARY_TO_MIDDLE = "primary_to_middle"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    MIDDLE_TO_UPPER = "middle_to_upper"
    SECONDARY_TO_POST16 = "secondary_to_post16"
    POST16_MIDYEAR = "post16_midyear"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rule_id(self) -> str:
        """The statutory rule that sets this move's deadline."""
        if self is TransferKind.SECONDARY_TO_POST16:
            return "post16_phase_transfer_review"
        if self is TransferKind.POST16_MIDYEAR:
            return "post16_midyear_transfer_review"
        return "phase_transfer_review"


_LABELS = {
    TransferKind.EARLY_YEARS_TO_SCHOOL: "Early years to school",
    TransferKind.INFANT_TO_JUNIOR: "Infant to junior school",
    TransferKind.PRIMARY_TO_MIDDLE: "Primary (first) to middle school",
    TransferKind.PRIMARY_TO_SECONDARY: "Primary to secondary school",
    TransferKind.MIDDLE_TO_UPPER: "Middle to secondary (upper) school",
    TransferKind.SECONDARY_TO_POST16: "Secondary school to post-16",
    TransferKind.POST16_MIDYEAR: "Post-16 to post-16 (at another time of year)",
}

# (setting phase, National Curriculum year now) -> the move at the end of this school year.
# Phases are the people app's `Phase` values; "" means the phase is not known.
_BY_PHASE: dict[tuple[str, int], TransferKind] = {
    ("nursery", -1): TransferKind.EARLY_YEARS_TO_SCHOOL,
    ("infant", 2): TransferKind.INFANT_TO_JUNIOR,
    ("primary", 4): TransferKind.PRIMARY_TO_MIDDLE,
    ("primary", 6): TransferKind.PRIMARY_TO_SECONDARY,
    ("junior", 6): TransferKind.PRIMARY_TO_SECONDARY,
    ("middle", 8): TransferKind.MIDDLE_TO_UPPER,
    ("secondary", 11): TransferKind.SECONDARY_TO_POST16,
    ("all_through", 11): TransferKind.SECONDARY_TO_POST16,
    # Leaving a school sixth form at the end of Year 13 (reg 2(1)(f)).
    ("secondary", 13): TransferKind.SECONDARY_TO_POST16,
    ("all_through", 13): TransferKind.SECONDARY_TO_POST16,
}
_SIXTH_FORM_PHASES = frozenset({"secondary", "all_through"})
_YEAR_12 = 12
# When the setting's phase is unknown (or "not applicable", e.g. early years providers and
# alternative provision), the usual English pattern by year group.
_BY_YEAR: dict[int, TransferKind] = {
    -1: TransferKind.EARLY_YEARS_TO_SCHOOL,
    6: TransferKind.PRIMARY_TO_SECONDARY,
    11: TransferKind.SECONDARY_TO_POST16,
}
# Primary schools in first-and-middle areas are recorded as "primary" too; a Year 4 move to
# middle school only happens where the area has middle schools, so callers pass that in.
_PHASES_WITH_OWN_PATTERN = {"infant", "primary", "junior", "middle", "secondary", "all_through"}


def transfer_kind(
    setting_phase: str,
    nc_year: int,
    *,
    area_has_middle_schools: bool = False,
    leaving_sixth_form: bool = False,
) -> TransferKind | None:
    """The phase transfer a pupil makes at the end of this school year, or None.

    ``setting_phase`` is the phase of the school they attend now; ``nc_year`` their National
    Curriculum year (Reception 0, nursery N2 is -1). A Year 13 pupil in a school sixth form
    leaves for a post-16 institution; a Year 12 pupil does so when ``leaving_sixth_form`` says
    they are going to a college instead of staying for Year 13.
    """
    if leaving_sixth_form and nc_year == _YEAR_12 and setting_phase in _SIXTH_FORM_PHASES:
        return TransferKind.SECONDARY_TO_POST16
    kind = _BY_PHASE.get((setting_phase, nc_year))
    if kind is TransferKind.PRIMARY_TO_MIDDLE and not area_has_middle_schools:
        return None
    if kind is not None:
        return kind
    if setting_phase in _PHASES_WITH_OWN_PATTERN:
        return None
    return _BY_YEAR.get(nc_year)


def next_september(on: date) -> date:
    """1 September at the start of the next school year after ``on``."""
    return date(academic_year(on) + 1, _SEPTEMBER, 1)


@dataclass(frozen=True)
class TransferDeadline:
    """The last day to amend the plan for a move, and whether that day falls after the move."""

    kind: TransferKind
    transfer_on: date
    amend_by: date
    rule_id: str

    @property
    def after_move(self) -> bool:
        """True when reg 18(1)'s calendar-year date is later than the move itself."""
        return self.amend_by >= self.transfer_on

    @property
    def warning(self) -> str:
        """Plain words for staff when the literal date is after the move ("" otherwise)."""
        if not self.after_move:
            return ""
        return (
            f"The law's date ({long_date(self.amend_by)}) is after the move on "
            f"{long_date(self.transfer_on)}, because reg 18(1) counts from the calendar year of "
            "the move. Amend the plan before the move, so the new school or college is named "
            "when the child or young person starts there."
        )


def phase_transfer_deadline(kind: TransferKind, transfer_on: date) -> TransferDeadline:
    """The reg 18 deadline for a move on ``transfer_on``: the literal date, with its warning."""
    return TransferDeadline(
        kind=kind,
        transfer_on=transfer_on,
        amend_by=due(kind.rule_id, transfer_on),
        rule_id=kind.rule_id,
    )


@dataclass(frozen=True)
class PhaseTransfer:
    """One child's coming move: what it is, when, and the last day to amend the plan."""

    kind: TransferKind
    transfer_on: date
    amend_by: date
    rule_id: str
    nc_year_now: int

    @property
    def deadline_after_move(self) -> bool:
        return self.amend_by >= self.transfer_on


def phase_transfer_due(
    date_of_birth: date,
    setting_phase: str,
    on: date,
    *,
    area_has_middle_schools: bool = False,
    leaving_sixth_form: bool = False,
) -> PhaseTransfer | None:
    """The phase transfer a child makes next September, with its deadline, or None."""
    year = national_curriculum_year(date_of_birth, on)
    kind = transfer_kind(
        setting_phase,
        year,
        area_has_middle_schools=area_has_middle_schools,
        leaving_sixth_form=leaving_sixth_form,
    )
    if kind is None:
        return None
    transfer_on = next_september(on)
    return PhaseTransfer(
        kind=kind,
        transfer_on=transfer_on,
        amend_by=due(kind.rule_id, transfer_on),
        rule_id=kind.rule_id,
        nc_year_now=year,
    )

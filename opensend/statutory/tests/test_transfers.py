"""Phase transfers: which move a pupil makes next September, and the reg 18 deadline."""

from datetime import date

import pytest

from opensend.statutory import (
    TransferKind,
    next_september,
    phase_transfer_deadline,
    phase_transfer_due,
    transfer_kind,
)


@pytest.mark.parametrize(
    ("phase", "year", "expected"),
    [
        ("nursery", -1, TransferKind.EARLY_YEARS_TO_SCHOOL),
        ("not_applicable", -1, TransferKind.EARLY_YEARS_TO_SCHOOL),
        ("infant", 2, TransferKind.INFANT_TO_JUNIOR),
        ("primary", 2, None),
        ("primary", 6, TransferKind.PRIMARY_TO_SECONDARY),
        ("junior", 6, TransferKind.PRIMARY_TO_SECONDARY),
        ("middle", 8, TransferKind.MIDDLE_TO_UPPER),
        ("secondary", 11, TransferKind.SECONDARY_TO_POST16),
        ("all_through", 11, TransferKind.SECONDARY_TO_POST16),
        ("all_through", 6, None),
        ("secondary", 9, None),
        ("", 6, TransferKind.PRIMARY_TO_SECONDARY),
        ("post16", 12, None),
    ],
)
def test_transfer_kind_follows_year_group_and_school_phase(phase, year, expected):
    assert transfer_kind(phase, year) == expected


def test_year_4_moves_to_middle_school_only_where_the_area_has_them():
    assert transfer_kind("primary", 4) is None
    assert transfer_kind("primary", 4, area_has_middle_schools=True) == (
        TransferKind.PRIMARY_TO_MIDDLE
    )


def test_next_september_is_the_start_of_the_next_school_year():
    assert next_september(date(2026, 11, 23)) == date(2027, 9, 1)
    assert next_september(date(2027, 8, 31)) == date(2027, 9, 1)
    assert next_september(date(2027, 9, 1)) == date(2028, 9, 1)


def test_year_6_pupil_must_have_an_amended_plan_before_15_february():
    # Born in March 2016: Year 6 in the 2026/27 school year.
    transfer = phase_transfer_due(date(2016, 3, 10), "primary", date(2026, 11, 23))
    assert transfer is not None
    assert transfer.kind is TransferKind.PRIMARY_TO_SECONDARY
    assert transfer.nc_year_now == 6
    assert transfer.transfer_on == date(2027, 9, 1)
    assert transfer.amend_by == date(2027, 2, 14)


def test_year_11_pupil_moving_to_college_has_until_30_march():
    transfer = phase_transfer_due(date(2010, 10, 2), "secondary", date(2026, 11, 23))
    assert transfer is not None
    assert transfer.kind is TransferKind.SECONDARY_TO_POST16
    assert transfer.amend_by == date(2027, 3, 30)
    assert transfer.rule_id == "post16_phase_transfer_review"


def test_no_transfer_in_a_year_without_a_move():
    assert phase_transfer_due(date(2013, 3, 10), "secondary", date(2026, 11, 23)) is None


def test_every_kind_has_a_label_and_a_rule():
    for kind in TransferKind:
        assert kind.label
        assert kind.rule_id.endswith("review")


def test_year_13_leaving_a_school_sixth_form_is_a_post16_transfer():
    """Reg 2(1)(f): a move "from secondary school to a post-16 institution"."""
    assert transfer_kind("secondary", 13) is TransferKind.SECONDARY_TO_POST16
    assert transfer_kind("all_through", 13) is TransferKind.SECONDARY_TO_POST16
    assert transfer_kind("secondary", 12) is None
    assert (
        transfer_kind("secondary", 12, leaving_sixth_form=True) is TransferKind.SECONDARY_TO_POST16
    )
    assert transfer_kind("primary", 12, leaving_sixth_form=True) is None


def test_a_january_move_keeps_the_literal_date_and_warns():
    deadline = phase_transfer_deadline(TransferKind.PRIMARY_TO_SECONDARY, date(2027, 1, 4))
    assert deadline.amend_by == date(2027, 2, 14)
    assert deadline.after_move
    assert "Amend the plan before the move" in deadline.warning
    september = phase_transfer_deadline(TransferKind.PRIMARY_TO_SECONDARY, date(2027, 9, 1))
    assert not september.after_move
    assert september.warning == ""

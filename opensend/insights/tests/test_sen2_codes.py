"""OpenSEND's records in DfE's SEN2 code sets, one mapping at a time (no database)."""

import datetime as dt

import pytest
from lxml import etree

from opensend.casework.models import AssessmentRequest, RequestSource, Stage
from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, codes, xml
from opensend.people.codes import SENType, SettingKind
from opensend.people.models import Setting
from opensend.reviews.codes import CeaseReason

PERIOD = build.Period.of(Sen2Collection(year=2027, census_date=dt.date(2027, 1, 21)))


def case(**fields):
    return AssessmentRequest(received_on=dt.date(2026, 3, 2), **fields)


def test_the_period_is_the_calendar_year_before_the_census():
    assert (PERIOD.start, PERIOD.end, PERIOD.census) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 21),
    )


def test_every_request_source_has_one_of_dfes_codes():
    assert {s: codes.REQUEST_SOURCE[s] for s in RequestSource} == {
        RequestSource.PARENT: "1",  # young person or parent
        RequestSource.YOUNG_PERSON: "1",
        RequestSource.SETTING: "2",  # school or other education setting
        RequestSource.OTHER: "5",  # other: we do not record whether health or social care
    }
    assert set(codes.REQUEST_SOURCE.values()) <= set(codes.REQUEST_SOURCE_CODES)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"stage": Stage.ASSESSING, "assess_decision_on": dt.date(2026, 4, 10)}, "Y"),
        ({"stage": Stage.NOT_ASSESSING, "assess_decision_on": dt.date(2026, 4, 10)}, "N"),
        ({"stage": Stage.WITHDRAWN, "closed_on": dt.date(2026, 3, 20)}, "W"),
        ({"stage": Stage.REQUESTED}, "A"),
        # decided after the period ends: not yet decided within it
        ({"stage": Stage.ASSESSING, "assess_decision_on": dt.date(2027, 1, 5)}, "A"),
        ({"stage": Stage.FINAL_ISSUED, "assess_decision_on": dt.date(2025, 11, 3)}, "H"),
    ],
)
def test_request_outcomes(fields, expected):
    assert build.request_outcome(case(**fields), PERIOD)[0] == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"stage": Stage.DRAFTING, "issue_decision_on": dt.date(2026, 7, 1)}, "Y"),
        ({"stage": Stage.NOT_ISSUING, "issue_decision_on": dt.date(2026, 7, 1)}, "N"),
        ({"stage": Stage.WITHDRAWN, "closed_on": dt.date(2026, 6, 1)}, "W"),
        ({"stage": Stage.ASSESSING}, "A"),
        ({"stage": Stage.FINAL_ISSUED, "issue_decision_on": dt.date(2025, 12, 1)}, "H"),
    ],
)
def test_assessment_outcomes(fields, expected):
    assert build.assessment_outcome(case(**fields), PERIOD)[0] == expected


def test_a_setting_is_identified_by_urn_then_ukprn_then_a_sen2_setting_code():
    school = Setting(name="Oak", kind=SettingKind.MAINSTREAM_SCHOOL, urn="123456")
    college = Setting(name="FE", kind=SettingKind.COLLEGE, ukprn="10012345")
    nursery = Setting(name="Tots", kind=SettingKind.EARLY_YEARS)
    tuition = Setting(name="Tutors Ltd", kind=SettingKind.ALTERNATIVE_PROVISION)
    assert codes.setting_fields(school) == [("URN", "123456")]
    assert codes.setting_fields(college) == [("UKPRN", "10012345")]
    assert codes.setting_fields(nursery) == [("SENSetting", "EYP")]
    assert codes.setting_fields(tuition) == [
        ("SENSetting", "OTH"),
        ("SENSettingOther", "Tutors Ltd"),
    ]


def test_a_resource_base_is_resourced_provision():
    assert codes.resourced_provision(Setting(kind=SettingKind.RESOURCE_BASE))
    assert not codes.resourced_provision(Setting(kind=SettingKind.SPECIAL_SCHOOL))


def test_review_decisions_are_sen2_review_outcomes():
    assert [codes.review_outcome(d) for d in ("maintain", "amend", "cease")] == ["M", "A", "C"]


def test_cease_reasons_are_dfes_codes_one_to_nine():
    # DfE's SEN2 cease reasons: 1 maximum age, 2 needs met without a plan, 3 higher education,
    # 4 paid employment, 5 another LA, 6 no longer wishes to engage, 7 moved abroad,
    # 8 deceased, 9 other.
    assert [r.value for r in CeaseReason] == [str(n) for n in range(1, 10)]
    assert CeaseReason.TRANSFERRED == "5"
    assert CeaseReason.NO_LONGER_ENGAGING == "6"
    assert CeaseReason.DECEASED == "8"


def _need_valid(code: str) -> bool:
    node = ("SENneed", [("SENtype", code), ("SENtypeRank", "1")])
    wrapped = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:include schemaLocation="{xml.SCHEMA}"/><xs:element name="SENneed" type="SenNeed"/></xs:schema>'
    schema = etree.XMLSchema(etree.fromstring(wrapped))
    return schema.validate(xml.element(node))


def test_the_schema_takes_every_sen_type_including_down_syndrome_and_nothing_else():
    assert all(_need_valid(t.value) for t in SENType)
    assert _need_valid("DS")
    assert not _need_valid("ADHD")

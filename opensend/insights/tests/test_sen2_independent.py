"""The demo area's SEN2 return checked by the independent validator (testsupport/sen2_validator.py,
written from DfE's definitions, sharing no code with insights.sen2), and that validator shown to
catch what it is for: a return it passes, then the same return broken in known ways."""

import pytest
from lxml import etree

from opensend.insights.models import Sen2Collection
from opensend.insights.sen2 import build, xml
from testsupport import sen2_validator
from testsupport.demo import demo_area
from testsupport.sen2 import sen2_collection


@pytest.fixture
def demo_return(db):
    sen2_collection(2027, declarations="")  # the demo records the council's answers
    demo_area(60, stop_after="reviews")
    return xml.to_bytes(build.build(Sen2Collection.objects.get(year=2027)).message)


def test_the_demo_areas_return_passes_the_independent_validator(demo_return):
    assert sen2_validator.problems(demo_return) == []
    root = etree.fromstring(demo_return)
    assert len(root.findall("Persons/Person")) > 40
    assert root.findall(".//ActivePlans/SENneed") and root.findall(".//NamedPlan")


def test_the_validator_catches_a_broken_return(demo_return):
    root = etree.fromstring(demo_return)
    person = next(p for p in root.iterfind("Persons/Person") if p.find("UPN") is not None)
    upn = person.find("UPN")
    upn.text = ("B" if upn.text[0] == "A" else "A") + upn.text[1:]
    active = root.find(".//ActivePlans")
    needs = active.findall("SENneed")
    needs[0].find("SENtype").text = "XYZ"
    if len(needs) > 1:
        needs[1].find("SENtypeRank").text = needs[0].find("SENtypeRank").text
    placement = active.find("PlacementDetail")
    leaving = placement.find("LeavingDate")
    if leaving is None:
        leaving = etree.SubElement(placement, "LeavingDate")
    leaving.text = "2000-01-01"
    root.find(".//Requests/RequestOutcome").text = "Q"
    found = sen2_validator.problems(etree.tostring(root))
    text = "\n".join(found)
    assert f"UPN {upn.text} has the wrong check letter" in text
    assert "SEN type XYZ is not one of DfE's" in text
    assert "a placement's leaving date is before its entry date" in text
    assert "RequestOutcome 'Q' is not one of Y, N, A, W, H" in text


@pytest.mark.parametrize(
    ("body", "letter"),
    [("801200100001", "F"), ("201500101001", "V")],  # 51 mod 23 = 5; 64 mod 23 = 18
)
def test_the_upn_check_letter_is_dfes(body, letter):
    # Worked by hand from DfE's rule: weights 2..13 on characters 2..13, the sum mod 23.
    assert sen2_validator.upn_check_letter("?" + body) == letter

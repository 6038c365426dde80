"""The SEN2 return as XML, and its validation against the schema kept in `schema/`.

`schema/sen2_person_level.xsd` is OpenSEND's own transcription of DfE's field list, not DfE's
file (its README says from what, and what to check): the schema check proves the file has the
shape and code sets we transcribed, and the pre-submission checks (`checks`) test the records.
"""

from functools import cache
from pathlib import Path

from lxml import etree

from opensend.insights.sen2.build import Node

SCHEMA = Path(__file__).parent / "schema" / "sen2_person_level.xsd"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def element(node: Node) -> etree._Element:
    tag, value = node
    made = etree.Element(tag)
    if isinstance(value, str):
        made.text = value
    else:
        _fill(made, value)
    return made


def _fill(parent: etree._Element, nodes: list[Node]) -> None:
    # SubElement straight into the parent: about a million elements at 25,000 plans, and one
    # lxml call each is faster than building each alone and moving it in with extend.
    sub_element = etree.SubElement
    for tag, value in nodes:
        made = sub_element(parent, tag)
        if isinstance(value, str):
            made.text = value
        else:
            _fill(made, value)


def to_bytes(node: Node) -> bytes:
    return bytes(
        etree.tostring(element(node), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    )


def schema_errors(document: bytes) -> list[str]:
    """What the schema rejects in `document`, one line each with its line number ([] if valid)."""
    rules = schema()
    if rules.validate(etree.fromstring(document)):
        return []
    return [f"Line {e.line}: {e.message}" for e in rules.error_log]

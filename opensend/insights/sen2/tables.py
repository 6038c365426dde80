"""The return as counts per section (for the page) and as flat rows (the CSV for checking)."""

import csv
import io
from collections import Counter

from opensend.insights.sen2.build import Node, Sen2Return

SECTIONS = [
    ("Person", "Children and young people (Person)"),
    ("Requests", "Requests for assessment (Requests)"),
    ("Assessment", "Assessments (Assessment)"),
    ("NamedPlan", "Plans issued or ceased (NamedPlan)"),
    ("PlanDetail", "Settings named in those plans (PlanDetail)"),
    ("ActivePlans", "Plans in force on the census date (ActivePlans)"),
    ("PlacementDetail", "Placements on the census date (PlacementDetail)"),
    ("SENneed", "Needs of children with active plans (SENneed)"),
    ("CeaseDate", "Plans ceased (CeaseDate)"),
]
REPEATED = {"PlanDetail", "PlacementDetail", "SENneed"}


def _count(node: Node, counter: Counter[str]) -> None:
    counter[node[0]] += 1
    if isinstance(node[1], list):
        for child in node[1]:
            _count(child, counter)


def section_counts(result: Sen2Return) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for entry in result.persons:
        _count(entry.node, counter)
    return [(label, counter[tag]) for tag, label in SECTIONS]


def _flatten(node: Node, prefix: str, into: dict[str, str]) -> None:
    seen: Counter[str] = Counter()
    for child in node[1] if isinstance(node[1], list) else []:
        tag, value = child
        if isinstance(value, str):
            into[f"{prefix}{tag}"] = value
            continue
        seen[tag] += 1
        label = f"{tag}{seen[tag]}" if tag in REPEATED else tag
        _flatten(child, f"{prefix}{label}.", into)


def csv_rows(result: Sen2Return) -> tuple[list[str], list[list[str]]]:
    """One row per Requests element, with the child's fields first and OpenSEND's record number."""
    flat: list[dict[str, str]] = []
    for entry in result.persons:
        person_fields: dict[str, str] = {"OpenSEND record": str(entry.child.pk)}
        requests = []
        for child in entry.node[1] if isinstance(entry.node[1], list) else []:
            if child[0] == "Requests":
                requests.append(child)
            elif isinstance(child[1], str):
                person_fields[child[0]] = child[1]
        for request in requests:
            row = dict(person_fields)
            _flatten(request, "", row)
            flat.append(row)
    header: list[str] = []
    for row in flat:
        header += [key for key in row if key not in header]
    return header, [[row.get(key, "") for key in header] for row in flat]


def csv_bytes(result: Sen2Return) -> bytes:
    header, rows = csv_rows(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")

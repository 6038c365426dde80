"""What a person typed into "find a child", read the way they meant it.

Staff search the way they write on paper: "Gill, Shane", "shane gill", "27/3/2015",
"27 March 2015", a UPN or an NHS number with or without its spaces. This module turns one
search box into the parts the query needs. Pure functions (no Django), so every way of
writing a date or a name is easy to test.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from difflib import SequenceMatcher

from opensend.people.identifiers import nhs_number_problem, upn_problem

_DATE_FORMATS = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d %m %Y",
    "%Y-%m-%d",
    "%d/%m/%y",
    "%d %B %Y",
    "%d %b %Y",
    "%d%m%Y",
)
_DATE_PATTERN = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{1,2}\s+\d{1,2}\s+\d{4})\b"
)
_UPN_PATTERN = re.compile(r"\b[A-Za-z]\d{11}[0-9A-Za-z]\b")
_NHS_PATTERN = re.compile(r"\b\d{3}\s?\d{3}\s?\d{4}\b")

SQLITE_SIMILARITY = "opensend_name_similarity"
SIMILAR_ENOUGH = 0.75  # "Shain" ~ "Shane" (0.8), "Mistri" ~ "Mistry" (0.83); "Sam" !~ "Tom"


@dataclass(frozen=True)
class ChildSearchTerms:
    """The parts of one search: names to match, and exact identifiers when given."""

    names: tuple[str, ...] = ()
    family_name: str = ""
    given_name: str = ""
    date_of_birth: date | None = None
    upn: str = ""
    nhs_number: str = ""
    unread: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (
            self.names
            or self.family_name
            or self.given_name
            or self.date_of_birth
            or self.upn
            or self.nhs_number
        )


def parse_date(text: str) -> date | None:
    """A date of birth written in any common British way, or None."""
    cleaned = re.sub(r"\s+", " ", text.strip().rstrip(".")).replace(". ", " ")
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
        if fmt == "%d/%m/%y" and parsed.year > datetime.now(tz=UTC).year:
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed
    return None


def parse_child_search(text: str) -> ChildSearchTerms:
    """Split one search box into a date of birth, a UPN, an NHS number and names.

    "Surname, Forename" (a comma) means the family name comes first; otherwise every word
    must match one of the child's names, in any order.
    """
    rest = text.strip()
    found_date: date | None = None
    for match in _DATE_PATTERN.finditer(rest):
        found_date = parse_date(match.group(0))
        if found_date is not None:
            rest = rest.replace(match.group(0), " ", 1)
            break
    upn = ""
    for match in _UPN_PATTERN.finditer(rest):
        candidate = match.group(0).upper()
        if upn_problem(candidate) is None:
            upn = candidate
            rest = rest.replace(match.group(0), " ", 1)
            break
    nhs = ""
    for match in _NHS_PATTERN.finditer(rest):
        candidate = match.group(0).replace(" ", "")
        if nhs_number_problem(candidate) is None:
            nhs = candidate
            rest = rest.replace(match.group(0), " ", 1)
            break
    unread = tuple(word for word in re.findall(r"\S*\d\S*", rest))
    for word in unread:
        rest = rest.replace(word, " ", 1)
    family = given = ""
    names: tuple[str, ...] = ()
    if "," in rest:
        before, _, after = rest.partition(",")
        family, given = before.strip(), after.strip()
    else:
        names = tuple(word for word in re.split(r"\s+", rest.strip()) if word)
    return ChildSearchTerms(
        names=names,
        family_name=family,
        given_name=given,
        date_of_birth=found_date,
        upn=upn,
        nhs_number=nhs,
        unread=unread,
    )


def name_similarity(name: str | None, word: str | None) -> float:
    """How close a typed word is to a name (0 to 1), for the SQLite "did you mean" search.

    Compares the word with each part of the name ("Mary-Jane" -> "mary", "jane") so a typo
    in one part of a double name still finds it.
    """
    if not name or not word:
        return 0.0
    target = word.lower()
    parts = [p for p in re.split(r"[\s'-]+", name.lower()) if p] or [name.lower()]
    return max(SequenceMatcher(None, part, target).ratio() for part in [name.lower(), *parts])

"""Check digits for the national identifiers on a child's record.

UPN: DfE "Unique pupil numbers" guidance (check letter, modulus 23, weights 2–13).
NHS number: NHS Data Dictionary (modulus 11, weights 10–2).
ULN: Learning Records Service (modulus 11 over 10 digits, weights 10–1).
Pure functions so they are easy to test.
"""

import re

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # no I, O or S
_UPN_SHAPE = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


def upn_check_letter(body: str) -> str:
    """The check letter for the last 12 characters of a UPN."""
    total = 0
    for weight, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * weight
    return UPN_LETTERS[total % 23]


def upn_problem(upn: str) -> str | None:
    """None when the UPN is valid, else what is wrong with it in plain words."""
    if len(upn) != 13:
        return "A UPN must be 13 characters, like A123456789012"
    if not _UPN_SHAPE.match(upn):
        return "A UPN must be a letter, then 11 numbers, then a number or letter"
    if upn[12].isalpha() and upn[12] not in UPN_LETTERS:
        return "The last character of a temporary UPN cannot be I, O or S"
    if upn[0] != upn_check_letter(upn[1:]):
        return "The UPN's check letter is not right. Check the UPN and try again"
    return None


def nhs_number_problem(nhs_number: str) -> str | None:
    digits = nhs_number.replace(" ", "")
    if not re.fullmatch(r"[0-9]{10}", digits):
        return "An NHS number must be 10 numbers, like 943 476 5919"
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10 or check != int(digits[9]):
        return "The NHS number is not right. Check it and try again"
    return None


def uln_problem(uln: str) -> str | None:
    if not re.fullmatch(r"[1-9][0-9]{9}", uln):
        return "A unique learner number (ULN) must be 10 numbers"
    total = sum(int(d) * w for d, w in zip(uln[:9], range(10, 1, -1), strict=True))
    if 10 - total % 11 != int(uln[9]):
        return "The unique learner number (ULN) is not right. Check it and try again"
    return None


def make_upn(la_code: str, establishment: str, year: int, serial: int) -> str:
    """Build a valid UPN (used by the demo generator; never for real pupils)."""
    body = f"{la_code[:3]:0>3}{establishment[:4]:0>4}{year % 100:02d}{serial % 1000:03d}"
    return upn_check_letter(body) + body


_POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$")


def normalise_postcode(postcode: str) -> str:
    """A UK postcode in capitals with one space before the last three characters."""
    compact = re.sub(r"\s+", "", postcode).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_problem(postcode: str) -> str | None:
    """None for a UK postcode in the Royal Mail format (e.g. B1 1AA, SW1A 2AA), else why not."""
    if not _POSTCODE.match(normalise_postcode(postcode)):
        return "Enter a real postcode, like B1 1AA"
    return None

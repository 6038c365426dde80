"""The SEN2 collection years the insights migration stores, made sure of (a browser test's
transactional database is emptied between tests, seeded rows included)."""

import datetime as dt

from opensend.insights.models import Sen2Collection

CENSUS_DATES = {2025: dt.date(2025, 1, 16), 2026: dt.date(2026, 1, 15), 2027: dt.date(2027, 1, 21)}


def sen2_collection(year: int = 2027, *, declarations: str = "N") -> Sen2Collection:
    """Every stored year present, and `year`'s header declarations set to `declarations`."""
    for each, census in CENSUS_DATES.items():
        Sen2Collection.objects.get_or_create(
            year=each, defaults={"census_date": census, "guide": f"DfE SEN2 {each} guide"}
        )
    Sen2Collection.objects.filter(year=year).update(
        dmo=declarations, dco=declarations, dsco=declarations
    )
    return Sen2Collection.objects.get(year=year)

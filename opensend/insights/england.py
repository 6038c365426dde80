"""England's published figures, for comparison (reference data, never typed in by users).

Every figure names the publication, the table (data set) it comes from and the year it covers.
Source: Department for Education, "Education, health and care plans", reporting year 2025
(published June 2025; England, calendar year 2024 for activity and January 2025 for plans in
force), https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans
— as quoted in DESIGN §7 and by the Secretary of State's statement on the release ("only 46% of
new EHC plans were issued within the 20-week timeframe ... a decrease on last year's 50.3%").

DfE's average weeks to issue (avg_weeks_issue_plan) was first published in reporting year 2026;
it is not stored here until an analyst has checked the published value.
"""

from dataclasses import dataclass

PUBLICATION = 'Department for Education, "Education, health and care plans"'
RELEASE_2025 = "reporting year 2025 (published June 2025)"
URL = "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans"


@dataclass(frozen=True)
class EnglandFigure:
    value: float
    measure: str  # plain words: "excluding exceptions"
    year: str
    table: str
    publication: str = PUBLICATION
    release: str = RELEASE_2025
    url: str = URL

    @property
    def source(self) -> str:
        return f"{self.publication}, {self.release}, table “{self.table}”, {self.year}"


TIMELINESS = "Timeliness of new education, health and care plans"

ENGLAND: dict[str, tuple[EnglandFigure, ...]] = {
    "new-plans-20-weeks": (
        EnglandFigure(46.4, "excluding exceptions", "calendar year 2024", TIMELINESS),
        EnglandFigure(45.9, "including exceptions", "calendar year 2024", TIMELINESS),
    ),
    "requests-decided-6-weeks": (
        EnglandFigure(
            84.8,
            "including exceptions",
            "calendar year 2024",
            "Requests for an EHC needs assessment",
        ),
    ),
    "review-decisions-4-weeks": (
        EnglandFigure(
            44.4, "including exceptions", "as published", "Number of annual reviews of EHC plans"
        ),
    ),
    # DESIGN §7 quotes this among the 2025 release's national figures; the appeal rate itself
    # (appeals registered ÷ appealable decisions) is published by the Ministry of Justice with
    # the SEND Tribunal's annual tables. The year it covers is to be checked by an analyst.
    "appeal-rate": (
        EnglandFigure(
            5.7,
            "of appealable decisions appealed",
            "year to be checked",
            "SEND Tribunal: appeal rate (appeals registered ÷ appealable decisions)",
            publication='Ministry of Justice, "Tribunal statistics quarterly"',
            release="SEND annual tables, as quoted in DESIGN §7",
            url="https://www.gov.uk/government/collections/tribunals-statistics",
        ),
    ),
    "placements": (
        EnglandFigure(
            43.6,
            "in mainstream schools",
            "January 2025",
            "Education, health and care plans by type of establishment",
        ),
    ),
}

# Headline numbers for England, shown on the board's dashboard for scale.
ENGLAND_CONTEXT: tuple[tuple[str, str], ...] = (
    ("EHC plans in force, January 2025", "638,745"),
    ("Requests for an EHC needs assessment, 2024", "154,489"),
    ("New EHC plans, 2024", "97,747"),
)


def england_for(slug: str) -> tuple[EnglandFigure, ...]:
    return ENGLAND.get(slug, ())

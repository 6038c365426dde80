"""OpenSEND's records in DfE's SEN2 code sets. Plain tables, so each mapping is tested alone.

SEN types (DS from 2025), sex, CBDS ethnicity and the cease reasons 1 to 9 are stored in DfE's
codes already (`people.codes`, `reviews.codes.CeaseReason`), so they pass through unchanged; the
review decision maps through `reviews.codes.SEN2_REVIEW_OUTCOME`.

Not written: RYA ("initial request whilst in relevant youth accommodation", that is in youth
custody), which OpenSEND does not record; likewise UPNunknown, TransferLA, Exported, PlanRes,
PlanWBP, OA, DP, Res and WBP (all optional in the schema).
"""

from opensend.casework.models import RequestSource, Stage
from opensend.disputes.codes import AppealType
from opensend.people.codes import SettingKind
from opensend.people.models import Setting
from opensend.reviews.codes import SEN2_REVIEW_OUTCOME, ReviewDecision

# Who asked for the assessment (Requests/RequestSource, new in SEN2 v1.3; required from the 2026
# collection). DfE's five categories, as a council's SEN2 software documents them for 2026 ("1
# Young person or parent, 2 School or other education setting, 3 Health care professionals, 4
# Social care professionals, 5 Other"; The Access Group, "Configure RequestSource for SEN2 2026",
# help-accesssynergy.theaccessgroup.com/en/articles/13843847); MastodonC/witan.sen2 also reads
# the item as an integer. OpenSEND's "someone else (for example health or social care)" does not
# say which, so it is 5; 3 and 4 are never written.
REQUEST_SOURCE: dict[str, str] = {
    RequestSource.PARENT: "1",
    RequestSource.YOUNG_PERSON: "1",
    RequestSource.SETTING: "2",
    RequestSource.OTHER: "5",
}
REQUEST_SOURCE_CODES = ("1", "2", "3", "4", "5")

# Stages at or past a decision to assess / to issue a plan.
ASSESSED = {
    Stage.ASSESSING,
    Stage.NOT_ISSUING,
    Stage.DRAFTING,
    Stage.DRAFT_ISSUED,
    Stage.FINAL_ISSUED,
}
ISSUING = {Stage.DRAFTING, Stage.DRAFT_ISSUED, Stage.FINAL_ISSUED}

# Which SEN2 flag a Tribunal appeal sets.
TRIBUNAL_FLAG: dict[str, str] = {
    AppealType.REFUSAL_TO_ASSESS: "RequestTribunal",
    AppealType.REFUSAL_TO_ISSUE: "AssessmentTribunal",
}
OTHER_TRIBUNAL = "OtherTribunal"

# A placement with no URN or UKPRN: DfE's SENSetting code for it (2025 guide v1.4, items 4.7c and
# 5.7c: EYP an early years provider with no URN; OTH other, including a type of setting named in
# the plan with no setting named).
SETTING_WITHOUT_NUMBER = {
    SettingKind.EARLY_YEARS: "EYP",  # early years provider without a URN
}
OTHER_SETTING = "OTH"
# A plan whose section I names no school or college ("Other", for example education otherwise
# than in a school), with no placement on file: SEN2's "other" setting, described.
OTHER_ARRANGEMENT = [
    ("SENSetting", OTHER_SETTING),
    ("SENSettingOther", "Other arrangement named in the plan (no school or college)"),
]


def true_false(value: bool) -> str:
    return "true" if value else "false"


def setting_fields(setting: Setting) -> list[tuple[str, str]]:
    """URN, UKPRN or (neither known) the SENSetting code, for PlanDetail and PlacementDetail."""
    if setting.urn:
        return [("URN", setting.urn)]
    if setting.ukprn:
        return [("UKPRN", setting.ukprn)]
    code = SETTING_WITHOUT_NUMBER.get(SettingKind(setting.kind), OTHER_SETTING)
    fields = [("SENSetting", code)]
    if code == OTHER_SETTING:
        fields.append(("SENSettingOther", setting.name))
    return fields


def resourced_provision(setting: Setting) -> bool:
    """A resource base (resourced provision) in a mainstream school."""
    return setting.kind == SettingKind.RESOURCE_BASE


def review_outcome(decision: str) -> str:
    """The review decision as SEN2 ReviewOutcome: M maintain, A amend, C cease."""
    return SEN2_REVIEW_OUTCOME[ReviewDecision(decision)]

"""The roles of the shared `world` fixture (conftest.py), as keys of `world.users`."""

ROLES = [
    "caseworker",
    "team_manager",
    "senco",
    "health",
    "social_care",
    "educational_psychologist",
    "parent",
    "young_person",
    "board_member",
    "analyst",
    "local_offer_editor",
    "admin",
]
# Staff who may see the caseload child (caseload, team, on roll at the setting, health involved).
SEE_THE_CHILD = {"caseworker", "team_manager", "senco", "health", "admin"}
# The SEN assessment and review team (and administrators): who runs cases, reviews and disputes.
SENAR = {"caseworker", "team_manager", "admin"}
# The family's own roles.
FAMILY = {"parent", "young_person"}

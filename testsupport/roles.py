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
# A page only the SEN team and administrators may open: 200 for them, 403 for a sample of others.
SENAR_ONLY = [
    ("caseworker", 200),
    ("team_manager", 200),
    ("admin", 200),
    ("senco", 403),
    ("parent", 403),
    ("health", 403),
    ("board_member", 403),
]


def assert_pages(client, role, urls, *, allowed):
    """GET each page as `role`: 200 where `allowed`, otherwise 403."""
    for url in urls:
        assert client.get(url).status_code == (200 if allowed else 403), (role, url)


def assert_api_access(client, role, urls, *, allowed):
    """GET each API URL as `role`: 200 where `allowed`, otherwise a 403 problem+json."""
    for url in urls:
        response = client.get(url)
        assert response.status_code == (200 if allowed else 403), (role, url)
        if response.status_code != 200:
            assert response["Content-Type"] == "application/problem+json"

"""The roles people hold in a local area's SEND system (DESIGN §1)."""

from django.db import models


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "SENAR caseworker"
    TEAM_MANAGER = "team_manager", "SENAR team manager"
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    HEALTH = "health", "Health professional"
    SOCIAL_CARE = "social_care", "Social care professional"
    SENCO = "senco", "SENCO"
    PARENT = "parent", "Parent or carer"
    YOUNG_PERSON = "young_person", "Young person"
    LOCAL_OFFER_EDITOR = "local_offer_editor", "Local Offer editor"
    BOARD_MEMBER = "board_member", "Improvement Board member"
    ANALYST = "analyst", "Performance analyst"
    ADMIN = "admin", "Administrator"


FAMILY_ROLES = frozenset({Role.PARENT, Role.YOUNG_PERSON})
SENAR_ROLES = frozenset({Role.CASEWORKER, Role.TEAM_MANAGER})
PROFESSIONAL_ROLES = frozenset({Role.EDUCATIONAL_PSYCHOLOGIST, Role.HEALTH, Role.SOCIAL_CARE})
STAFF_ROLES = frozenset(Role) - FAMILY_ROLES


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS = "nhs", "NHS body"
    SOCIAL_CARE = "social_care", "Social care"
    SETTING = "setting", "School, college or early years setting"
    EP_SERVICE = "ep_service", "Educational psychology service"
    PROVIDER = "provider", "Service provider"
    OTHER = "other", "Other"

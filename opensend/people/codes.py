"""Closed national code lists (DfE SEN2 / CBDS) used on the child and setting records."""

from django.db import models


class SENType(models.TextChoices):
    """DfE SEN type codes (SEN2, school census). DS (Down syndrome) from 2025."""

    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    DS = "DS", "Down syndrome"
    OTH = "OTH", "Other difficulty or disability"


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    """CBDS main ethnicity codes (D00005)."""

    WBRI = "WBRI", "White – British"
    WIRI = "WIRI", "White – Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WROM = "WROM", "Gypsy / Roma"
    WOTH = "WOTH", "Any other White background"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black – African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class SettingKind(models.TextChoices):
    MAINSTREAM_SCHOOL = "mainstream", "Mainstream school"
    SPECIAL_SCHOOL = "special", "Special school"
    RESOURCE_BASE = "resource_base", "Resource base (in a mainstream school)"
    COLLEGE = "college", "College"
    EARLY_YEARS = "early_years", "Early years setting"
    INDEPENDENT = "independent", "Independent or non-maintained special school"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision"
    OUT_OF_AREA = "out_of_area", "School or college in another area"


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    INFANT = "infant", "Infant"
    JUNIOR = "junior", "Junior"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    POST16 = "post16", "16 plus"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class EstablishmentType(models.TextChoices):
    COMMUNITY = "community", "Community school"
    FOUNDATION = "foundation", "Foundation school"
    VOLUNTARY_AIDED = "voluntary_aided", "Voluntary aided school"
    VOLUNTARY_CONTROLLED = "voluntary_controlled", "Voluntary controlled school"
    ACADEMY = "academy", "Academy"
    FREE_SCHOOL = "free_school", "Free school"
    MAINTAINED_SPECIAL = "maintained_special", "Maintained special school"
    NON_MAINTAINED_SPECIAL = "non_maintained_special", "Non-maintained special school"
    INDEPENDENT = "independent", "Independent school"
    FE_COLLEGE = "fe_college", "General further education college"
    SIXTH_FORM_COLLEGE = "sixth_form_college", "Sixth form college"
    SPECIALIST_POST16 = "specialist_post16", "Specialist post-16 institution"
    PRIVATE_NURSERY = "private_nursery", "Private, voluntary or independent nursery"
    MAINTAINED_NURSERY = "maintained_nursery", "Maintained nursery school"
    CHILDMINDER = "childminder", "Childminder"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit", "Pupil referral unit"
    OTHER = "other", "Other"


class OfstedGrade(models.TextChoices):
    OUTSTANDING = "1", "Outstanding"
    GOOD = "2", "Good"
    REQUIRES_IMPROVEMENT = "3", "Requires improvement"
    INADEQUATE = "4", "Inadequate"
    NOT_INSPECTED = "", "Not yet inspected"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone call"


class AccessibleFormat(models.TextChoices):
    NONE = "", "No preference"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio"
    BSL = "bsl", "British Sign Language video"


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    GRANDPARENT = "grandparent", "Grandparent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CORPORATE_PARENT = "corporate_parent", "Corporate parent (the council)"
    OTHER = "other", "Other"

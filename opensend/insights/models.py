"""Reference data the insights app keeps: the SEN2 collection years and their census dates.

A census date is DfE's, published in each year's SEN2 guide; it is stored, never worked out
(the third Thursday of January is usual, but DfE sets it). The header's declarations are the
council's, about its Designated Medical Officer (DMO), Designated Clinical Officer (DCO) and,
from SEN2 v1.3, Designated Social Care Officer (DSCO); an administrator confirms them each year
before submitting.
"""

from django.db import models


class Declaration(models.TextChoices):
    YES = "Y", "Y: yes"
    NO = "N", "N: no"
    OTHER = "R", "R: as the SEN2 guide defines it"


class Sen2Collection(models.Model):
    """One year's SEN2 person-level return: its census date and the header's declarations."""

    year = models.PositiveSmallIntegerField(
        unique=True, help_text="The collection year, e.g. 2027."
    )
    census_date = models.DateField(unique=True, help_text="DfE's census (reference) date.")
    guide = models.CharField(
        max_length=200, help_text="The DfE guide that sets the census date and the fields."
    )
    dmo = models.CharField(
        "Designated Medical Officer (DMO)", max_length=1, choices=Declaration.choices, blank=True
    )
    dco = models.CharField(
        "Designated Clinical Officer (DCO)", max_length=1, choices=Declaration.choices, blank=True
    )
    dsco = models.CharField(
        "Designated Social Care Officer (DSCO)",
        max_length=1,
        choices=Declaration.choices,
        blank=True,
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = "SEN2 collection"

    def __str__(self) -> str:
        return f"SEN2 {self.year} (census date {self.census_date:%-d %B %Y})"

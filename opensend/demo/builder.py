"""The demo area builder's state and helpers; each step adds to it (area, staff, children,
families).

The steps are classes in a line, each a subclass of the one before, so a step can use what the
earlier ones made: BuilderBase < AreaSteps < StaffSteps < ChildrenSteps < FamilySteps."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models
from faker import Faker
from tqdm import tqdm

from opensend.demo.vocabulary import (
    AREA,
    BATCH,
    DEMO_PASSWORD,
    FULL_SCALE_CHILDREN,
    NAME_POOLS,
    POSTCODE_DISTRICTS,
    POSTCODE_LETTERS,
    STREET_TYPES,
    STREETS,
)


class BuilderBase:
    def __init__(self, *, children: int, seed: int, today: date, progress: bool) -> None:
        self.n = children
        self.today = today
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.scale = min(1.0, children / FULL_SCALE_CHILDREN)
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo user
        self.bar = tqdm(total=children * 4, unit="child", disable=not progress, leave=False)
        self._serial = Counter[str]()
        self._names_en = self._english_names()
        self.counts = Counter[str]()

    # -- helpers ------------------------------------------------------------------------------

    def _english_names(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        def pool(make, n: int) -> tuple[str, ...]:
            return tuple(dict.fromkeys(make() for _ in range(n)))

        return (
            pool(self.fake.first_name_male, 1500),
            pool(self.fake.first_name_female, 1500),
            pool(self.fake.last_name, 2500),
        )

    def _pool(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        return NAME_POOLS.get(name, self._names_en)

    def _next(self, key: str) -> int:
        self._serial[key] += 1
        return self._serial[key]

    def _postcode(self, locality: str) -> str:
        district = self.rng.choice(POSTCODE_DISTRICTS[locality])
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        return f"AT{district} {self.rng.randint(1, 9)}{letters}"

    def _address(self) -> str:
        street = f"{self.rng.choice(STREETS)} {self.rng.choice(STREET_TYPES)}"
        return f"{self.rng.randint(1, 240)} {street}\n{AREA}"

    def _mobile(self) -> str:
        return f"07700 900{self.rng.randint(0, 999):03d}"  # Ofcom's range for drama

    def _save(self, model: type[models.Model], rows: Sequence[Any], key: str) -> None:
        for start in range(0, len(rows), BATCH):
            model._default_manager.bulk_create(rows[start : start + BATCH])
        self.counts[key] += len(rows)

    def _save_with_progress(
        self, model: type[models.Model], rows: Sequence[Any], key: str, per_child: float
    ) -> None:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            model._default_manager.bulk_create(chunk)
            self.bar.update(round(len(chunk) * per_child))
        self.counts[key] += len(rows)

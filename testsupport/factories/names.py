"""Random British names for factories, never with an apostrophe.

Pages show O'Brien HTML-escaped (O&#x27;Brien), so a test that looks for a random person's name
in a page would fail by chance about once in a few hundred runs. Escaping is tested on purpose
where it matters, not by luck."""

import factory
from factory.faker import faker

_NAMES = faker.Faker("en_GB")


def plain_name(kind: str) -> str:
    """A Faker `first_name` or `last_name` with no apostrophe."""
    while "'" in (name := getattr(_NAMES, kind)()):
        pass
    return name


def plain(kind: str) -> factory.LazyFunction:
    """A factory declaration for a name of this kind."""
    return factory.LazyFunction(lambda: plain_name(kind))

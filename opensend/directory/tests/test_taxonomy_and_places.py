"""The SEND taxonomy is stable, settings appear as entries, and postcodes are placed offline."""

import pytest

from opensend.directory import geography
from opensend.directory.models import Service, TaxonomyTerm
from opensend.directory.services import service_entries_from_settings, taxonomy_ensure
from opensend.directory.taxonomy import term_uuid
from testsupport.factories.people import SettingFactory

pytestmark = pytest.mark.django_db


def test_the_taxonomy_has_fixed_ids_and_running_it_twice_changes_nothing():
    first = taxonomy_ensure()
    second = taxonomy_ensure()
    assert first["need-asd"].pk == second["need-asd"].pk == term_uuid("need-asd")
    assert TaxonomyTerm.objects.count() == len(first)
    assert first["type-salt"].parent == first["type-therapies"]
    assert "type-waiting-well" in first and "type-short-breaks" in first


def test_settings_appear_as_entries_without_being_typed_twice():
    setting = SettingFactory(name="Oak Primary School", phone="0121 496 0000")
    service_entries_from_settings(council_name="Anytown City Council")
    entry = Service.objects.get(setting=setting)
    assert entry.name == "Oak Primary School"
    assert entry.phones.get().number == "0121 496 0000"
    setting.name = "Oak Academy"
    setting.save()
    service_entries_from_settings(council_name="Anytown City Council")
    entry.refresh_from_db()
    assert entry.name == "Oak Academy"
    assert Service.objects.filter(setting=setting).count() == 1


@pytest.mark.parametrize("typed", ["AT3 4XY", "at34xy", "AT3", " at3 "])
def test_a_postcode_in_the_area_is_placed_at_its_district(typed):
    place = geography.place_for_postcode(typed)
    assert (place.latitude, place.longitude) == geography.district_centres()["AT3"]


@pytest.mark.parametrize("typed", ["", "nonsense", "ZZ1 1ZZ", "12345"])
def test_an_unknown_postcode_says_so(typed):
    with pytest.raises(geography.UnknownPostcodeError):
        geography.place_for_postcode(typed)


def test_distances_are_in_miles():
    # One degree of latitude is about 69 miles.
    assert geography.miles_between(52.0, -1.9, 53.0, -1.9) == pytest.approx(69.1, abs=0.2)

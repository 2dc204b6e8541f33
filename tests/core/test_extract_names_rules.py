"""Names a sentence read on its own must still show (issue 13, rules round): a lone
surname doing something, in sentences written for these tests."""

from __future__ import annotations

import pytest

from scoda_desktop.core.extract import RuleEntityExtractor


@pytest.fixture(scope="module")
def ex() -> RuleEntityExtractor:
    return RuleEntityExtractor()


def people(ex: RuleEntityExtractor, text: str) -> list[str]:
    return [e.text for e in ex.extract(text) if e.type == "PERSON"]


@pytest.mark.parametrize("text, person", [
    ("Japarov called for a new customs post on the border.", "Japarov"),
    ("Nazarbayev proposed a joint fund for water projects.", "Nazarbayev"),
    ("Sharif later flew to Beijing for two days of talks.", "Sharif"),
    ("Lavrov has said the talks would go on.", "Lavrov"),
    ("Aliyev will visit the port next week.", "Aliyev"),
])
def test_a_lone_surname_opening_a_sentence_before_a_verb_is_a_person(
        ex: RuleEntityExtractor, text: str, person: str) -> None:
    assert people(ex, text) == [person]


def test_surnames_joined_by_and_and_the_object_of_met_are_people(ex: RuleEntityExtractor) -> None:
    assert people(ex, "Aliyev and Pashinyan signed the border treaty in Almaty.") == [
        "Aliyev", "Pashinyan"]
    assert people(ex, "The delegation met Nazarbayev at his residence.") == ["Nazarbayev"]


@pytest.mark.parametrize("text", [
    "Gold closed at $388.55 an ounce on Friday.",  # a surname that is also a commodity
    "Nickel extended gains while other metals were flat.",
    "Kent will also need to keep their nerve on Monday.",  # "their": a team
    "Harvey plans to close its shops in the spring.",  # "its": a company
    "Hong Kong-based investors bought the bonds.",
    "Washington will impose new tariffs on steel imports.",  # the government, not a person
])
def test_words_before_a_verb_that_are_no_person_stay_out(ex: RuleEntityExtractor,
                                                          text: str) -> None:
    assert people(ex, text) == []


def test_sultan_before_a_given_name_and_a_surname_is_part_of_the_name(
        ex: RuleEntityExtractor) -> None:
    assert people(ex, "The fund is run by Sultan Hamad Al Mazrouei of Abu Dhabi.") == [
        "Sultan Hamad Al Mazrouei"]
    # before one name it stays a title
    assert "Sultan Qaboos" not in people(ex, "Crowds greeted Sultan Qaboos in Salalah.")


def test_an_athlete_before_a_country_in_brackets_is_a_person(ex: RuleEntityExtractor) -> None:
    text = "1. Tadesse Gebremariam (Ethiopia) 27:01.2\n\n2. Yusuf Okonkwo (Nigeria) 27:03.9"
    assert people(ex, text) == ["Tadesse Gebremariam", "Yusuf Okonkwo"]
    # a club that ends in its town is no person
    assert people(ex, "Dinamo Tbilisi (Georgia) 2 Vardar Skopje (Macedonia) 0") == []


def test_a_place_with_a_lower_case_particle_inside_is_found(ex: RuleEntityExtractor) -> None:
    got = {(e.text, e.type) for e in ex.extract("Trucks from Termez reach Mazar-i-Sharif by noon.")}
    assert ("Mazar-i-Sharif", "PLACE") in got


def test_us_and_uk_are_the_countries(ex: RuleEntityExtractor) -> None:
    got = {(e.text, e.type, e.canonical)
           for e in ex.extract("The refinery remains under US sanctions, UK officials said.")}
    assert {("US", "PLACE", "United States"), ("UK", "PLACE", "United Kingdom")} <= got


def test_a_company_named_with_its_web_domain_keeps_the_dot(ex: RuleEntityExtractor) -> None:
    got = {(e.text, e.type) for e in ex.extract("Buyers pay through Ozon.ru and Kaspi.kz now.")}
    assert {("Ozon.ru", "ORG"), ("Kaspi.kz", "ORG")} <= got


def test_two_nationalities_joined_by_a_hyphen_are_one_group(ex: RuleEntityExtractor) -> None:
    got = {(e.text, e.type) for e in ex.extract("Trucks waited at the Kazakh-Uzbek border.")}
    assert ("Kazakh-Uzbek", "GROUP") in got


def test_the_caspian_alone_is_the_sea_and_before_a_noun_a_group(ex: RuleEntityExtractor) -> None:
    sea = {(e.text, e.type, e.canonical) for e in ex.extract("Tankers cross the Caspian to Baku.")}
    assert ("Caspian", "PLACE", "Caspian Sea") in sea
    states = {(e.text, e.type) for e in ex.extract("The Caspian states met in Aktau.")}
    assert ("Caspian", "GROUP") in states


def test_a_place_named_like_a_surname_is_a_person_only_with_that_person_named(
        ex: RuleEntityExtractor) -> None:
    text = "Denzel Washington will star in the film. Washington will also produce it."
    assert people(ex, text) == ["Denzel Washington", "Washington"]  # the later mention too

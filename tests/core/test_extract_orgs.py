"""Organisations found from their context (issue 13, round 3): each rule in sentences
written for these tests."""

from __future__ import annotations

import pytest

from scoda_desktop.core.extract import RuleEntityExtractor


@pytest.fixture(scope="module")
def ex() -> RuleEntityExtractor:
    return RuleEntityExtractor()


def found(ex: RuleEntityExtractor, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in ex.extract(text)}


def test_towns_in_a_score_line_are_teams(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Results on Sunday:\n\nLeeds 2 ( Okafor 14th ) Wigan 1\n\nQingdao 0 Dalian 3")
    assert {("Leeds", "ORG"), ("Wigan", "ORG"), ("Qingdao", "ORG"), ("Dalian", "ORG")} <= got


def test_a_standings_row_names_a_team(ex: RuleEntityExtractor) -> None:
    assert ("Dalian", "ORG") in found(ex, "Standings:\n\nDalian 12 8 3 1 25 9 27")


def test_match_verbs_make_sides_but_countries_stay_places(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Yorkshire beat Essex by six wickets while Kazakhstan drew with Japan.")
    assert {("Yorkshire", "ORG"), ("Essex", "ORG"), ("Kazakhstan", "PLACE"),
            ("Japan", "PLACE")} <= got
    assert ("Lancashire", "ORG") in found(ex, "Day two of the match, Durham v Lancashire.")


def test_a_town_elsewhere_in_prose_stays_a_place(ex: RuleEntityExtractor) -> None:
    assert ("Leeds", "PLACE") in found(ex, "The new depot in Leeds opened on Monday.")


def test_a_team_found_once_is_the_team_everywhere_in_the_document(
        ex: RuleEntityExtractor) -> None:
    text = "Wigan 3 Leeds 1\n\nThe win lifts Wigan to second, and Leeds fans left early."
    mentions = [(e.text, e.type) for e in ex.extract(text) if e.text == "Wigan"]
    assert mentions == [("Wigan", "ORG"), ("Wigan", "ORG")]


def test_club_prefix_and_town_and_plural_nicknames(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Dynamo Bishkek hosts FK Almaty while the Chicago Cubs rested.")
    assert {("FK Almaty", "ORG"), ("Chicago Cubs", "ORG")} <= got


def test_company_nouns_and_attributes_mark_companies(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Uzbek mining company Almalyk expects more orders; Zarafshan's shares "
                    "fell and shares of Navoiyazot rose.")
    assert {("Almalyk", "ORG"), ("Zarafshan", "ORG"), ("Navoiyazot", "ORG")} <= got


def test_an_unknown_name_speaking_as_it_is_a_company(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Credit Suisse said on Monday it would cut 300 jobs in Zurich.")
    assert ("Credit Suisse", "ORG") in got
    assert ("Gulnara Saidova", "PERSON") in found(
        ex, "Gulnara Saidova said she would stand again.")


def test_two_organisations_joined_by_and_are_two(ex: RuleEntityExtractor) -> None:
    got = found(ex, "Sinotrans and China Railway Express signed the deal in Xi'an.")
    assert {("Sinotrans", "ORG"), ("China Railway Express", "ORG")} <= got
    got = found(ex, "Kazakhstan Temir Zholy and the Asian Development Bank agreed on a loan.")
    assert {("Kazakhstan Temir Zholy", "ORG"), ("Asian Development Bank", "ORG")} <= got
    assert ("Science and Technology Park", "FACILITY") in found(
        ex, "The Science and Technology Park opened.")


def test_economic_corridor_is_no_place_and_congress_needs_no_article(
        ex: RuleEntityExtractor) -> None:
    got = found(ex, "Members of Congress asked about the China-Pakistan Economic Corridor.")
    assert {("Congress", "ORG"), ("China-Pakistan Economic Corridor", "ORG")} <= got

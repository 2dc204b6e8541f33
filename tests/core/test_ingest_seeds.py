"""The five seeds against the careful human reading in tests/fixtures/gold_*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoda_desktop.core.ingest import load_document

ROOT = Path(__file__).resolve().parents[2]
GOLD_CLEAN = json.loads((ROOT / "tests/fixtures/gold_clean.json").read_text(encoding="utf-8"))
GOLD_META = json.loads((ROOT / "tests/fixtures/gold_meta.json").read_text(encoding="utf-8"))
SEEDS = sorted(GOLD_CLEAN)


def body_line_numbers(doc) -> set[int]:
    """Raw line numbers (1-based) whose text became a body paragraph."""
    paragraphs = set(doc.text.split("\n\n"))
    return {n for n, line in enumerate(doc.raw.split("\n"), 1)
            if line.strip() and " ".join(line.split()) in paragraphs}


@pytest.fixture(scope="module")
def docs():
    return {name: load_document(ROOT / "seeds" / name) for name in SEEDS}


@pytest.mark.parametrize("name", SEEDS)
def test_body_lines_match_gold_exactly(docs, name):
    doc = docs[name]
    assert body_line_numbers(doc) == set(GOLD_CLEAN[name]["body_line_numbers"])
    # Every other non-empty line is accounted for as removed, none twice.
    nonempty = [ln for ln in doc.raw.split("\n") if ln.strip()]
    assert len(doc.text.split("\n\n")) + len(doc.removed) == len(nonempty)


@pytest.mark.parametrize("name", SEEDS)
def test_first_and_last_body_paragraph(docs, name):
    paragraphs = docs[name].text.split("\n\n")
    gold = GOLD_CLEAN[name]
    assert paragraphs[0] == " ".join(gold["first_body_line"]["text"].split())
    assert paragraphs[-1] == " ".join(gold["last_body_line"]["text"].split())


@pytest.mark.parametrize("name", SEEDS)
def test_date_matches_gold(docs, name):
    doc = docs[name]
    gold = GOLD_META[name]
    assert doc.date[:10] == gold["publication_date"]
    if gold.get("publication_time"):
        assert doc.date[11:].startswith(gold["publication_time"])
    assert doc.date_text


@pytest.mark.parametrize("name", [n for n in SEEDS if GOLD_META[n]["title"]])
def test_title_matches_gold(docs, name):
    assert docs[name].title == GOLD_META[name]["title"]


def test_dateline_only_article_keeps_line_one_and_gets_a_stand_in_title(docs):
    doc = docs["003_5cfd75065a4d9c38.txt"]
    assert doc.text.startswith("BEIJING, July 4, 2023 /PRNewswire/")
    assert doc.removed == []
    assert doc.title and len(doc.title.split()) <= 13 and doc.title.startswith("The SCO Industrial")


def test_authors_and_outlets(docs):
    assert docs["000_2834301172d4f9e6.txt"].author == "Fahad Shabbir"
    assert docs["002_24d6ef9958e59988.txt"].author == "Shavkat Alimbekov"  # from ALL CAPS
    assert docs["004_3be4c364cc7df972.txt"].author == "Zhang Xinzhu"
    assert docs["001_7bfbbcc49143707c.txt"].author is None
    assert docs["000_2834301172d4f9e6.txt"].source == "UrduPoint / Pakistan Point News"
    assert docs["001_7bfbbcc49143707c.txt"].source == "PR Newswire"  # not the hotel host page
    assert docs["002_24d6ef9958e59988.txt"].source == "China Daily Global"
    assert docs["003_5cfd75065a4d9c38.txt"].source == "PR Newswire"


def test_removed_lines_say_why_and_where(docs):
    doc = docs["002_24d6ef9958e59988.txt"]
    by_text = {r.text[:20]: r for r in doc.removed}
    assert by_text["男女羞羞视频在线观看,国产精品黄色免费,"].reason == "spam"
    assert by_text["Industrial cooperati"].reason == "title"
    assert by_text["Harmonizing technica"].reason == "standfirst"
    assert by_text["By SHAVKAT ALIMBEKOV"].reason == "byline"
    assert by_text["Share"].reason == "share"
    assert [r.reason for r in doc.removed if r.text.startswith("主站蜘蛛池模板")] == ["spam"]
    body = len(doc.text.split("\n\n"))
    assert by_text["Industrial cooperati"].at == 0
    assert by_text["Copyright 1995 - . A"].at == body
    hotel = [r for r in load_document(ROOT / "seeds" / SEEDS[1]).removed
             if r.text == "Langham Place Guangzhou"]
    assert [r.reason for r in hotel] == ["repeated header", "repeated header"]


def test_seed_text_is_normalised(docs):
    for doc in docs.values():
        assert "\u00a0" not in doc.text and "\u00a0" not in doc.raw
        assert doc.language == "en"
        assert doc.words > 300
        assert doc.id == doc.sha256[:16]
        assert Path(doc.path).is_absolute()

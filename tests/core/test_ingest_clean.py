"""The cleaner on pages it was not tuned on, Markdown and HTML, and on arbitrary input."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scoda_desktop.core.ingest import clean_text, load_document
from scoda_desktop.core.ingest.clean import split_page
from scoda_desktop.core.ingest.reader import _clean
from tests.core.corpus_fixtures import SEEDS

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def paragraphs(doc) -> list[str]:
    return doc.text.split("\n\n")


def test_html_news_page_keeps_the_story_and_drops_the_furniture():
    doc = load_document(FIX / "news_page.html")
    body = paragraphs(doc)
    # the article as the page gives it: its headline, then the story
    assert body[0] == "Qingdao rail hub adds new freight routes to Central Asia"
    assert body[1].startswith("QINGDAO, Oct. 12 -- The multimodal transport center")
    assert body[-1].startswith("Officials expect the hub to handle more than 1,000 trains")
    assert "Faster customs" in body  # a subheading inside the article stays
    for furniture in ("cookies", "Facebook", "Related Stories", "Copyright", "Privacy policy",
                      "Photo:", "Tags:", "Home"):
        assert furniture not in doc.text
    assert doc.title == "Qingdao rail hub adds new freight routes to Central Asia"
    assert doc.date == "2024-10-12T09:15:00"
    assert doc.author == "Li Wenjing"
    assert doc.source == "Eurasia Port Herald"
    reasons = {r.text: r.reason for r in doc.removed}
    assert "Qingdao rail hub adds new freight routes to Central Asia" not in reasons  # kept
    assert reasons["Facebook Twitter WeChat Email"] == "share"


def test_plain_text_from_another_site():
    doc = load_document(FIX / "silk_road_observer.txt")
    body = paragraphs(doc)
    assert body[0].startswith("ALMATY -- The first consignment of Kazakh wheat")
    assert body[-1].startswith("The two governments plan to review the corridor")
    assert "Lower costs" in body
    assert not any(p in doc.text for p in ("Advertisement", "Subscribe", "Related articles",
                                           "Uzbek cotton", "All rights reserved", "Reporting by"))
    assert doc.title == "Kazakh grain reaches Shandong through SCO trade corridor"
    assert doc.date == "2024-11-14T09:15"
    assert doc.author == "Anna Petrova"
    ad = next(r for r in doc.removed if r.text == "Advertisement")
    assert ad.at == 2  # shown greyed between the second and third paragraph


def test_site_name_repeated_in_the_footer_is_the_source_not_the_title():
    doc = load_document(FIX / "dup_site_a.txt")
    assert doc.title == "Qingdao demonstration area signs cold-chain deals with Central Asian firms"
    assert doc.source == "Central Asia News Network"
    assert doc.date == "2024-09-05T14:20"
    assert len(paragraphs(doc)) == 6


def test_chinese_articles_in_legacy_encodings():
    for name, title, date in [
        ("zh_gbk.txt", "中国—上合组织地方经贸合作示范区开通新班列", "2024-05-20T10:30"),
        ("zh_big5.txt", "上合組織示範區貿易額創新高", "2024-06-03T08:00"),
    ]:
        doc = load_document(FIX / name)
        assert doc.language == "zh"
        assert doc.title == title and doc.date == date
        assert len(paragraphs(doc)) == 3
        assert "版" not in doc.text and "首页" not in doc.text and "首頁" not in doc.text


def test_markdown_heading_is_the_title():
    raw = ("# SCO ministers meet in Qingdao\n\n*June 3, 2024*\n\nTrade ministers of the SCO "
           "member states met in [Qingdao](https://example.org) on Monday to discuss new "
           "logistics routes.\n\n- They agreed to meet again next year in Astana.\n")
    doc = clean_text(raw, path="/notes/meeting.md")
    assert doc.title == "SCO ministers meet in Qingdao"
    assert doc.date == "2024-06-03"
    assert doc.text.startswith("Trade ministers of the SCO member states met in Qingdao on")
    assert "](" not in doc.text


def test_notes_without_prose_stay_searchable():
    doc = clean_text("Qingdao hub\nrail routes\nAlmaty Tashkent")
    assert doc.text == "Qingdao hub\n\nrail routes\n\nAlmaty Tashkent"


def test_body_mid_article_furniture_is_dropped_in_place():
    raw = ("Headline about the port\n\nThe port of Qingdao handled more containers this year "
           "than ever before, officials said.\nShare\nAnalysts expect the growth to continue "
           "next year as new routes open.\n")
    doc = clean_text(raw)
    assert paragraphs(doc)[1].startswith("Analysts expect")
    assert [(r.reason, r.at) for r in doc.removed] == [("title", 0), ("share", 1)]


PIECES = st.sampled_from([
    "Recent Stories", "Copyright 2024", "By JOHN SMITH | Daily | Updated: 2025-09-16 08:12",
    "date 2025-03-09", "Share", "<p>", "</p>", "<article>", "<nav>", "<script>x</script>",
    "The SCO held a meeting in Qingdao on Monday, officials said.", "\n", "\n\n", "|", "©",
    "主站蜘蛛池模板:", "男女,国产,视频,麻豆,天天,一区", "。", "\ue000", "\ue001", "\u00a0",
    "APP/asg",
    "BEIJING, July 4, 2023 /PRNewswire/ --", "(APP - X - 9th Mar, 2025)", "2024/7/5 5:31:20",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(PIECES, max_size=40).map(" ".join),
                 st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXT, st.booleans(), st.sampled_from(["", "/a/b.md", "/a/b.txt"]))
def test_cleaner_never_raises(raw: str, html: bool, path: str) -> None:
    doc = _clean(raw, path, html)  # the cleaner proper, not the guarded public wrapper
    assert "\u00a0" not in doc.text
    for r in doc.removed:
        assert 0 <= r.at <= len([p for p in doc.text.split("\n\n") if p])
    split_page(raw)


@settings(max_examples=60, deadline=None)
@given(TEXT, st.booleans())
def test_when_the_cleaner_fails_every_line_is_kept_as_body(raw: str, html: bool) -> None:
    """The public wrapper's fallback: a page the cleaner trips on still comes back, each
    non-empty line one paragraph, so nothing a user imported silently disappears."""
    from unittest import mock

    from scoda_desktop.core.ingest.reader import normalize_text

    with mock.patch("scoda_desktop.core.ingest.reader._clean", side_effect=RuntimeError):
        doc = clean_text(raw, path="/a/b.txt", html=html)
    lines = [" ".join(ln.split()) for ln in normalize_text(raw).split("\n") if ln.strip()]
    assert paragraphs(doc) == (lines or [""])
    assert doc.path == "/a/b.txt" and doc.sha256 and doc.id


def test_a_failing_cleaner_keeps_the_article_text() -> None:
    from unittest import mock

    raw = "Qingdao port news\n\nThe freight train left at noon.\n  Officials said so.  \n"
    with mock.patch("scoda_desktop.core.ingest.reader._clean", side_effect=ValueError):
        doc = clean_text(raw, path="/a/b.txt")
    assert doc.text == ("Qingdao port news\n\nThe freight train left at noon.\n\n"
                        "Officials said so.")
    assert doc.words == 12 and doc.language == "en"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="aZé’'- \t\u00a0\u3000上合,.。x1", max_size=40), max_size=12))
def test_the_body_language_from_its_lines_is_the_body_scanned_again(lines: list[str]) -> None:
    """``body_language`` (the words labelling found per line) gives what scanning the
    body text gives, whatever the white space, accents and Han characters."""
    from scoda_desktop.core.ingest.lines import body_language, language_and_words

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())[:3]]
    for raw in ["\n".join(lines), *seeds]:
        cleaned = split_page(raw)
        body_text = "\n\n".join(" ".join(ln.text.split()) for ln in cleaned.body)
        known = body_language(cleaned.body, body_text)
        if body_text:
            assert known is not None
            assert known == language_and_words(body_text)


@given(st.text(alphabet=",，|｜、;；a 上.", max_size=30))
def test_separators_are_counted_as_the_keyword_list_split_finds_them(text: str) -> None:
    from scoda_desktop.core.ingest.lines import _SEPARATORS_RE, _separators

    assert _separators(text) == len(_SEPARATORS_RE.split(text)) - 1

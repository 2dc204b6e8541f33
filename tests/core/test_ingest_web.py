"""Web pages as archivists save them: article text, provenance, titles, dates, odd bytes.

Every page here is written for the test (none comes from a benchmark set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scoda_desktop.core.ingest import IngestError, decode_bytes, load_document
from scoda_desktop.core.ingest.decode import DecodeError

PROSE = [
    "The regional council approved the new harbour budget on Tuesday after a long debate about "
    "how much of the money should go to the fishing fleet and how much to the ferry terminal.",
    "Members of the opposition said the plan was rushed, but they agreed that the old quay "
    "walls could not wait another winter without repairs, which engineers had asked for.",
    "The works are expected to start in the spring and to last for about two years, during "
    "which the ferries will use a temporary pier on the northern side of the bay.",
]


def page(body: str, head: str = "", title: str = "Harbour budget approved | Coast Times") -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}"
            f"</head><body>{body}</body></html>")


def article(extra_top: str = "", extra_bottom: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    return (
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav></header>"
        f"<article><h1>Harbour budget approved</h1>{extra_top}{paras}{extra_bottom}</article>"
        "<footer><p>Copyright 2024 Coast Times. All rights reserved.</p></footer>"
    )


def write(tmp_path: Path, text: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_article_text_and_what_was_removed_in_page_order(tmp_path):
    doc = load_document(write(tmp_path, page(article())))
    # the article as the page gives it, its headline first (the search and `clean --json`
    # see the whole story); the menus and the footer are removed lines, at their places
    assert doc.text.split("\n\n") == ["Harbour budget approved", *PROSE]
    assert doc.title == "Harbour budget approved"
    removed = [(r.text, r.at) for r in doc.removed]
    assert ("Home", 0) in removed and ("News", 0) in removed
    assert "Harbour budget approved" not in [r.text for r in doc.removed]
    footer = next(r for r in doc.removed if r.text.startswith("Copyright 2024"))
    assert footer.at == len(PROSE) + 1  # shown after the last paragraph, where it was
    assert [r.text for r in doc.removed].index("Home") < [r.text for r in doc.removed].index(
        footer.text)
    assert doc.warning is None


def test_a_page_wrapped_in_one_form_keeps_its_article(tmp_path):
    """ASP.NET sites put the whole page inside <form id="aspnetForm">."""
    markup = page(f"<form id='aspnetForm' method='post'>{article()}</form>")
    doc = load_document(write(tmp_path, markup))
    assert PROSE[0] in doc.text and PROSE[-1] in doc.text


def test_comments_and_noscript_do_not_leak_into_the_text(tmp_path):
    extra = ("<!-- Blogger theme: this widget shows the post body and nothing else -->"
             "<noscript>Please enable JavaScript to accept our cookie settings for tracking."
             "</noscript>")
    doc = load_document(write(tmp_path, page(article(extra_top=extra))))
    assert "Blogger theme" not in doc.text and "cookie settings" not in doc.text
    assert PROSE[0] in doc.text


def test_headline_not_the_site_name(tmp_path):
    head = "<meta property='og:site_name' content='Coast Times'>"
    doc = load_document(write(tmp_path, page(article(), head=head)))
    assert doc.title == "Harbour budget approved"
    assert doc.source == "Coast Times"


def test_published_wins_over_updated(tmp_path):
    head = ("<meta property='article:published_time' content='2021-03-04T10:00:00+01:00'>"
            "<meta property='article:modified_time' content='2022-07-08T10:00:00+01:00'>")
    top = "<p>Updated: July 8, 2022</p>"
    doc = load_document(write(tmp_path, page(article(extra_top=top), head=head)))
    assert doc.date[:10] == "2021-03-04"


def test_the_stated_publication_time_wins_over_a_slug_date_in_the_url(tmp_path):
    """The address was made with the draft (/2022/05/02/); the page says it appeared on the
    8th, at 6:00 in its own time zone."""
    head = ("<link rel='canonical' href='https://coast.example/news/2022/05/02/harbour/'>"
            "<meta property='article:published_time' content='2022-05-08T06:00:00-05:00'>")
    doc = load_document(write(tmp_path, page(article(), head=head)))
    assert doc.date == "2022-05-08T06:00:00"


def test_the_day_is_the_page_s_own_not_the_utc_day(tmp_path):
    """23:30 in UTC-5 is already the next day in UTC; the page says the 14th."""
    head = "<meta property='article:published_time' content='2020-02-14T23:30:00-05:00'>"
    doc = load_document(write(tmp_path, page(article(), head=head)))
    assert doc.date[:10] == "2020-02-14"


@pytest.mark.parametrize("written, day", [
    ("Veröffentlicht am 5. Januar 2020", "2020-01-05"),
    ("Publié le 24.08.2020", "2020-08-24"),
    ("Posted on March 3, 2019 by the editors", "2019-03-03"),
])
def test_a_date_written_out_in_the_visible_text(tmp_path, written, day):
    top = f"<p class='meta'>{written}</p>"
    doc = load_document(write(tmp_path, page(article(extra_top=top))))
    assert doc.date is not None and doc.date[:10] == day


def test_a_date_only_in_the_page_url(tmp_path):
    head = "<link rel='canonical' href='https://coast.example/2018/06/21/harbour-budget/'>"
    doc = load_document(write(tmp_path, page(article(), head=head)))
    assert doc.date is not None and doc.date[:10] == "2018-06-21"


def test_a_date_only_in_the_address_a_browser_saved_the_page_from(tmp_path):
    saved = "<!-- saved from url=(0048)https://coast.example/2018/06/21/harbour-budget/ -->\n"
    doc = load_document(write(tmp_path, saved + page(article())))
    assert doc.url == "https://coast.example/2018/06/21/harbour-budget/"
    assert doc.date is not None and doc.date[:10] == "2018-06-21"


def test_a_page_without_article_text_is_kept_with_its_title(tmp_path):
    markup = page("<nav><a href='/'>Home</a> <a href='/a'>About</a></nav>",
                  title="Photo gallery: the new pier")
    doc = load_document(write(tmp_path, markup))
    assert doc.text == ""
    assert doc.title == "Photo gallery: the new pier"
    assert doc.warning == "no article text found"
    assert doc.to_json()["warning"] == "no article text found"


def test_a_story_inside_a_block_named_like_furniture_keeps_its_text(tmp_path):
    """Some sites put the whole story in a "widget" or "sidebar" block: prose is still text
    (only a page whose every line is a menu item has no article)."""
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    markup = page(f"<nav><a href='/'>Home</a></nav><div class='widget-area'>"
                  f"<h1>Harbour budget approved</h1>{paras}</div>")
    doc = load_document(write(tmp_path, markup))
    assert all(p in doc.text for p in PROSE)
    assert "Home" not in doc.text
    assert doc.warning is None


def test_a_page_without_article_text_still_has_its_date(tmp_path):
    head = "<link rel='canonical' href='https://coast.example/2018/06/21/pier-gallery/'>"
    markup = page("<img src='pier.jpg' alt=''>", head=head, title="Photo gallery: the new pier")
    doc = load_document(write(tmp_path, markup))
    assert doc.warning == "no article text found"
    assert doc.title == "Photo gallery: the new pier"
    assert doc.date is not None and doc.date[:10] == "2018-06-21"


def test_stray_nul_bytes_in_a_page_are_not_binary(tmp_path):
    data = page(article()).encode("utf-8")
    data = data[:200] + b"\x00" + data[200:400] + b"\x00\x00" + data[400:]
    path = tmp_path / "nul.html"
    path.write_bytes(data)
    doc = load_document(path)
    assert PROSE[1] in doc.text and "\x00" not in doc.raw


def test_a_utf8_page_with_a_few_broken_bytes_keeps_its_accents(tmp_path):
    """One Latin-1 byte pasted into a UTF-8 page must not turn every 'ö' into 'Ã¶'."""
    words = "Schöne Grüße aus Köln, über die Brücke und durch die Straßen der Altstadt. "
    markup = page(article(extra_top=f"<p>{words * 3}</p>"), title="Grüße aus Köln")
    data = markup.encode("utf-8").replace(b"Altstadt", b"Altst\xe4dt", 1)
    path = tmp_path / "broken.html"
    path.write_bytes(data)
    doc = load_document(path)
    assert "Schöne Grüße aus Köln" in doc.text and "Ã" not in doc.text


def test_a_page_in_the_charset_it_declares(tmp_path):
    """A Polish page in ISO-8859-2 says so in its head; a guess reads 'ą' as '±'."""
    head = "<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-2'>"
    text = ("Ziemniaki na szóstej, surówka na dziesiątej. Jak pomóc osobie niewidomej, "
            "z którą jemy obiad, i dlaczego warto zapytać, zanim się pomoże. ")
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    markup = page(f"<article><h1>Jak pomóc</h1><p>{text * 3}</p>{paras}</article>",
                  head=head, title="Jak pomóc")
    doc = load_document(write(tmp_path, markup, encoding="iso-8859-2"))
    assert "na dziesiątej" in doc.text


def test_true_binaries_are_still_refused(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    with pytest.raises(DecodeError):
        decode_bytes(png)
    path = tmp_path / "image.html"
    path.write_bytes(png)
    with pytest.raises(IngestError, match="binary"):
        load_document(path)


ZH = [
    "上海合作组织成员国之间的贸易合作不断深化，青岛的多式联运中心本周开通了三条新的货运班列。",
    "运营方表示，新线路每周运行两次，比以往的海铁联运缩短了大约两天的时间、降低了成本。",
]
EN = [
    "Trade cooperation among the member states keeps deepening, and the multimodal transport "
    "centre in Qingdao opened three new freight train routes this week.",
    "The operator said the new routes run twice a week and cut the journey by about two days "
    "compared with the previous sea and rail combination, which lowers costs.",
]


def test_bilingual_gbk_page_keeps_both_languages_and_drops_the_spam(tmp_path):
    spam = "男女视频在线观看,国产精品免费,在线视频,免费软件下载,一级片,天天看,一区二区三区"
    farm = " | ".join(["宝丰县", "北宁市", "天台县", "玉山县", "库尔勒市", "东光县", "太谷县",
                       "安徽省", "博罗县", "宣威市"])
    paras = "".join(f"<p>{zh}</p><p>{en}</p>" for zh, en in zip(ZH, EN, strict=True))
    markup = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=gbk'>"
        "<title>青岛新增中亚货运班列 New freight routes to Central Asia</title></head><body>"
        f"<div class='top'>{spam}</div>"
        f"<div class='story'><h1>New freight routes to Central Asia</h1>{paras}</div>"
        f"<div class='links'>{farm}</div></body></html>"
    )
    doc = load_document(write(tmp_path, markup, encoding="gbk"))
    body = doc.text.split("\n\n")
    for sentence in ZH + EN:
        assert sentence in body
    assert "国产精品免费" not in doc.text
    assert "库尔勒市" not in doc.text
    assert any("国产精品免费" in r.text for r in doc.removed)


def test_an_import_indexes_a_page_without_text_by_its_title_and_says_so(tmp_path):
    from scoda_desktop.core.corpus import Corpus
    from tests.core.corpus_fixtures import drain

    folder = tmp_path / "pages"
    folder.mkdir()
    write(folder, page("<nav><a href='/'>Home</a></nav>", title="Gallery of the pier"),
          name="gallery.html")
    write(folder, page(article()), name="story.html")
    (tmp_path / "no-seeds").mkdir()
    corpus = Corpus(tmp_path / "data", seeds_dir=tmp_path / "no-seeds")
    try:
        corpus.add_sources([folder])
        report = drain(corpus.sync())
        assert report.added == 2 and not report.skipped
        assert any("gallery.html" in m and "no article text found" in m
                   for m in report.messages)
        assert corpus.search("pier").total >= 1
    finally:
        corpus.close()

"""Qt-free helpers of the window: HTML building, chart arrays, preferences."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from scoda_desktop.core.documents import (
    Document,
    Entity,
    LedgerPoint,
    LedgerSeries,
    Removed,
)
from scoda_desktop.ui.chart_data import docs_over_time, ledger_data, top_entities
from scoda_desktop.ui.preferences import MAX_RECENT, Preferences
from scoda_desktop.ui.render import (
    Span,
    citation,
    copies_badge,
    document_spans,
    header_html,
    opens_with_title,
    render_document,
    safe_snippet,
)

TAGS = re.compile(r"<(?!/?(?:html|body|p|span|b|i)\b)[a-zA-Z/!]")


@given(st.lists(st.sampled_from(list("<>&\"' ab/=\n") + ["<script>", "<img src=x>"]),
                max_size=60).map("".join))
def test_rendered_text_never_contains_a_tag_of_its_own(text):
    spans = [Span(0, min(3, len(text)), "match")] if text else []
    out = render_document(text, spans).html
    assert TAGS.search(out) is None


OWN_TAGS = re.compile(r'</?(?:html|body|b|i)>|</(?:p|span)>|<(?:p|span) style="[^"<>]*">')


def test_hostile_text_stays_text_inside_and_around_every_kind_of_mark():
    text = ('Before <b onclick="x()">bold</b> <img src=x onerror=alert(1)> & "q" China\'s'
            "\n\n<p>para</p> <i>it</i> <span style=x>s</span> after")

    def at(part: str) -> tuple[int, int]:
        return text.index(part), text.index(part) + len(part)
    spans = [Span(*at("<b onclick"), "match"), Span(*at("<img src=x"), "PERSON"),
             Span(*at('& "q" China'), "metric"), Span(*at("<p>para</p>"), "focus"),
             Span(*at("<i>it</i> <span"), "current"), Span(*at("Before <b"), "ORG")]
    removed = [Removed('<script>alert("r")</script>', "<nav>", 1)]
    out = render_document(text, spans, removed, show_removed=True).html
    ours = OWN_TAGS.sub("", out)
    # once our own tags are taken out, no markup is left: every < > " ' of the document
    # is an entity, in marked and unmarked text, in removed lines and in their reasons
    assert not set(ours) & set("<>\"'"), ours
    shown_removed = '[<nav>] <script>alert("r")</script>'
    assert html.unescape(ours) == text.replace("\n\n", shown_removed)


def test_paragraph_offsets_survive_removed_lines():
    text = "First para.\n\nSecond para."
    rendered = render_document(text, [], [Removed("Menu", "navigation", 1)], show_removed=True)
    assert rendered.locate(text.index("Second")) == (2, 0)  # block 1 is the removed line
    assert "[navigation] Menu" in rendered.html


def test_disabled_layers_are_not_highlighted():
    doc = Document(id="d", path="/p", sha256="", raw="", text="SCO met in Qingdao.",
                   entities=[Entity("SCO", "ORG", 0, 3, "SCO"),
                             Entity("Qingdao", "PLACE", 11, 18, "Qingdao")])
    layers = {s.layer for s in document_spans(doc, [(4, 7)], {"PLACE"})}
    assert layers == {"PLACE"}


def test_snippets_keep_only_bold():
    assert safe_snippet('<b>train</b> <img src="http://x"> &amp;') == \
        '<b>train</b> &lt;img src=&quot;http://x&quot;&gt; &amp;'


def test_badge_and_citation():
    assert copies_badge(["/a"]) == "2 copies" and copies_badge([]) == ""
    doc = Document(id="d", path="/x/a.txt", sha256="", raw="", text="", title="T",
                   source="Xinhua", date="2024-01-02")
    assert citation(doc) == '"T". Xinhua. 2024-01-02. /x/a.txt.'
    doc.url, doc.captured, doc.record, doc.path = ("https://e.org/a", "2025-03-10T08:01:00Z",
                                                   1411, "/x/c.warc.gz")
    assert citation(doc, page=3) == ('"T". Xinhua. 2024-01-02. p. 3. https://e.org/a. captured '
                                     '2025-03-10T08:01:00Z. /x/c.warc.gz (record at byte 1411).')


def _series(points, conflicts=(), measure="routes", unit="routes"):
    return LedgerSeries(measure=measure, unit=unit, label=f"{measure} ({unit})",
                        points=list(points), conflicts=list(conflicts))


def _point(date, value, doc, conflict=False):
    return LedgerPoint(date=date, value=float(value), doc=doc, title=None, text=f"{value}",
                       conflict=conflict)


def test_ledger_data_orders_by_date_and_keeps_the_conflict_marks():
    series = _series([_point("2024-07-04", 31, "a", True), _point("2023-12-31", 21, "b", True),
                      _point("2024-01-02", 25, "c")],
                     [{"docs": ["a", "b"], "values": [31, 21], "message": "m"}])
    data = ledger_data(series)
    assert data.y == [21.0, 25.0, 31.0] and data.labels == ["21", "25", "31"]
    assert [data.points[i].doc for i in data.conflict_rows] == ["b", "a"]
    assert data.show_labels and data.show_symbols and data.bin_x == []


def test_a_crowded_ledger_draws_the_spread_per_month_not_every_point():
    points = [_point(f"20{20 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}", i % 7, f"d{i}",
                     conflict=i < 100) for i in range(5000)]
    conflicts = [{"docs": [f"d{i}", f"d{i + 1}"], "values": [i % 7, (i + 1) % 7],
                  "message": f"conflict {i}"} for i in range(0, 100, 2)]
    data = ledger_data(_series(points, conflicts, "mw", "MW"))
    assert not data.show_labels and not data.show_symbols  # no wall of labels or circles
    months = {}
    for p in points:
        months.setdefault(p.date[:7], []).append(p.value)
    assert data.by_month and len(data.bin_x) == len(months)
    assert data.bin_low == [min(months[m]) for m in sorted(months)]
    assert data.bin_high == [max(months[m]) for m in sorted(months)]
    assert data.bin_median == [sorted(months[m])[len(months[m]) // 2] if len(months[m]) % 2
                               else sum(sorted(months[m])[len(months[m]) // 2 - 1:
                                                          len(months[m]) // 2 + 1]) / 2
                               for m in sorted(months)]
    assert {data.points[i].doc for i in data.conflict_rows} == {f"d{i}" for i in range(100)}
    assert data.summary().startswith("5,000 figures for “mw”. Line: the median per month")
    assert data.summary().endswith("and 48 more conflicting figures")
    few = ledger_data(_series(points[:3]))
    assert few.show_labels and few.summary() == "3 figures for “routes”."


def test_top_entities_and_timeline():
    facets = {"org": {"SCO": 3, "Haier": 1}, "place": {"Qingdao": 2}}
    assert [n for _f, n, _c in top_entities(facets, 2)] == ["SCO", "Qingdao"]
    x, counts = docs_over_time({"month": {"2024-07": 2, "2023-12": 1}, "year": {"2024": 2}})
    assert counts == [1, 2] and x == sorted(x)
    assert docs_over_time({}) == ([], [])


def test_preferences_round_trip_and_survive_a_damaged_file(tmp_path):
    path = tmp_path / "prefs.json"
    prefs = Preferences.load(path)
    for i in range(MAX_RECENT + 3):
        prefs.remember_query(f"q{i}")
    prefs.remember_query("q5")
    prefs.layers = ["match"]
    prefs.save()
    back = Preferences.load(path)
    assert back.recent_queries[0] == "q5" and len(back.recent_queries) == MAX_RECENT
    assert back.layers == ["match"]
    path.write_text("{not json", encoding="utf-8")
    assert Preferences.load(path).recent_queries == []


def test_the_headline_is_drawn_once_as_the_texts_heading_and_keeps_its_marks():
    text = "Zone  opens <centres>\n\nThe zone opened two centres."
    doc = Document(id="d", path="/p", sha256="", raw="", text=text,
                   title="Zone opens <centres>")
    assert opens_with_title(doc)
    assert "Zone opens" not in header_html(doc) and "/p" in header_html(doc)
    start = text.index("<centres>")
    out = render_document(text, [Span(start, start + 9, "match")], headline=True).html
    head, body = out.split("</p>", 1)
    assert "font-weight:600" in head and "&lt;centres&gt;</span>" in head
    assert "font-weight:600" not in body


def test_a_title_the_text_does_not_open_with_stays_in_the_header():
    doc = Document(id="d", path="/p", sha256="", raw="", text="The zone opened.\n\nMore.",
                   title="Zone opens")
    assert not opens_with_title(doc)
    assert "Zone opens" in header_html(doc)
    assert "font-weight:600" not in render_document(doc.text, []).html

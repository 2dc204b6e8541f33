"""Citations out: RIS checked against the RIS specification's record rules, CSL-JSON against
the required fields and property types of the CSL schema (csl-data.json, v1.0.2)."""

from __future__ import annotations

import io
import json
import re

import pytest

from scoda_desktop.core.workflow.citations import citation_record, csl_item, ris_record
from tests.core.corpus_fixtures import build_corpus

RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ")
# From csl-data.json: item properties we write and their JSON types. The schema sets
# additionalProperties false, so any other key makes an item invalid.
CSL_PROPERTIES = {"id": (str, int), "type": str, "title": str, "issued": dict,
                  "container-title": str, "author": list, "URL": str, "accessed": dict,
                  "language": str, "archive_location": str, "note": str, "custom": dict}
CSL_TYPES = {"article", "article-journal", "article-magazine", "article-newspaper",
             "document", "post", "post-weblog", "webpage", "report"}


def check_ris(text: str) -> list[list[tuple[str, str]]]:
    """Parse RIS; assert every rule the specification gives for a record."""
    records, current = [], None
    for line in text.split("\r\n"):
        if not line.strip():
            assert current is None, "blank line inside a record"
            continue
        assert RIS_LINE.match(line), f"not a 'XX  - value' line: {line!r}"
        tag, value = line[:2], line[6:]
        if current is None:
            assert tag == "TY", f"a record must start with TY, not {tag}"
            current = []
        current.append((tag, value))
        if tag == "ER":
            assert value == ""
            records.append(current)
            current = None
    assert current is None, "the last record has no ER"
    return records


def check_date(value: dict) -> None:
    assert set(value) <= {"date-parts", "season", "circa", "literal", "raw"}
    parts = value["date-parts"]
    assert 1 <= len(parts) <= 2 and all(1 <= len(p) <= 3 for p in parts)
    assert all(isinstance(x, int | str) for p in parts for x in p)


def check_csl(items: list) -> None:
    for item in items:
        for key in ("id", "type", "title", "issued"):
            assert key in item, f"CSL item without {key}"
        for key, value in item.items():
            assert key in CSL_PROPERTIES, f"not a CSL property: {key}"
            assert isinstance(value, CSL_PROPERTIES[key]), key
        assert item["type"] in CSL_TYPES
        check_date(item["issued"])
        if "accessed" in item:
            check_date(item["accessed"])
        for name in item.get("author", []):
            assert set(name) <= {"family", "given", "literal"} and name


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    c = build_corpus(tmp_path_factory.mktemp("cite"))
    yield c
    c.close()


def export(corpus, fmt, query="", **kw):
    buf = io.StringIO(newline="")
    n = corpus.export(query, fmt, buf, **kw)
    return n, buf.getvalue()


def test_ris_of_a_query_is_valid_and_complete(corpus):
    n, text = export(corpus, "ris", "Qingdao")
    records = check_ris(text)
    assert n == len(records) == corpus.search("Qingdao").total
    for rec in records:
        tags = dict(rec)
        assert tags["TY"] == "NEWS" and tags["TI"] and tags["L1"].startswith("/")
        doc = corpus.document(tags["ID"])
        assert tags["TI"] == doc.title
        if doc.date:
            assert tags["PY"] == doc.date[:4]
            assert tags["DA"] == doc.date[:10].replace("-", "/")
        if doc.source:
            assert tags["T2"] == doc.source


def test_csljson_of_a_collection_has_notes_and_is_valid(corpus):
    hits = corpus.search("freight", limit=2).hits
    corpus.collect("Rail", hits[0].id, note="first\nsecond line")
    corpus.collect("Rail", hits[1].id)
    n, text = export(corpus, "csljson", collection="Rail")
    items = json.loads(text)
    check_csl(items)
    assert n == 2 and [i["id"] for i in items] == [hits[0].id, hits[1].id]
    assert items[0]["note"] == "first\nsecond line" and "note" not in items[1]
    doc = corpus.document(hits[0].id)
    assert items[0]["issued"]["date-parts"][0] == [int(x) for x in doc.date[:10].split("-")]
    assert items[0]["container-title"] == doc.source
    _, ris = export(corpus, "ris", collection="Rail")
    first = dict(check_ris(ris)[0])
    assert first["N1"] == "first second line"  # one RIS line per tag


def test_collection_csv_has_the_note_column(corpus):
    hit = corpus.search("runners", limit=1).hits[0]
    corpus.collect("Trail", hit.id, note="trail, with comma")
    _, text = export(corpus, "csv", collection="Trail")
    assert text.splitlines()[0] == "id,path,record,url,title,date,captured,source,author,note"
    assert text.splitlines()[1].endswith('"trail, with comma"')


def test_url_author_and_capture_date_when_known():
    rec = citation_record({"id": "abc", "title": "T", "date": "2024-06-03",
                           "source": "Site", "author": "A. One; B. Two",
                           "url": "https://example.org/a", "captured": "2025-01-02T10:00",
                           "path": "/x/a.warc"}, "my note")
    tags = check_ris(ris_record(rec))[0]
    assert tags[0] == ("TY", "NEWS") and tags[-1] == ("ER", "")
    assert ("AU", "A. One") in tags and ("AU", "B. Two") in tags
    assert ("UR", "https://example.org/a") in tags and ("Y2", "2025/01/02") in tags
    assert ("N1", "my note") in tags
    item = csl_item(rec)
    check_csl([item])
    assert item["URL"] == "https://example.org/a"
    assert item["accessed"] == {"date-parts": [[2025, 1, 2]]}
    assert item["author"] == [{"literal": "A. One"}, {"literal": "B. Two"}]


def test_an_undated_document_is_issued_on_its_capture_or_file_date_and_says_so():
    captured = csl_item(citation_record({"id": "x", "title": "T", "captured": "2025-03-04T10:00",
                                         "mtime": 1e9}, "mine"))
    check_csl([captured])
    assert captured["issued"] == {"date-parts": [[2025, 3, 4]]}
    assert captured["note"].startswith("mine ") and "capture date" in captured["note"]
    from_file = csl_item(citation_record({"id": "x", "title": None, "path": "/a/b.txt",
                                          "mtime": 1_000_000_000}))  # 2001-09-09 UTC
    check_csl([from_file])
    assert from_file["title"] == "b.txt"
    assert from_file["issued"] == {"date-parts": [[2001, 9, 9]]}
    assert "file's date" in from_file["note"]
    nothing = csl_item(citation_record({"id": "x", "title": "T"}))
    assert nothing["issued"] == {"literal": "n.d."} and "note" not in nothing
    # RIS has no required date: an undated document gets none
    assert "PY" not in dict(check_ris(ris_record(citation_record({"id": "x"})))[0])

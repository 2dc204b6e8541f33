"""The command line on archived sources: `index --json` counts the records it skipped,
`search --json`, `show --json` (by id) and every export carry url, captured and record."""

from __future__ import annotations

import csv
import json

from scoda_desktop.cli import main
from tests.core.format_files import ARTICLE, article_html, pdf_bytes, write_warc

URL = "https://news.example.com/2025/03/zone-centres.html"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_index_search_show_and_export_carry_provenance(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    warc = write_warc(src / "crawl.warc.gz", [
        {"url": URL, "date": "2025-03-10T08:01:00Z", "headers": [("Content-Type", "text/html")],
         "body": article_html("Zone opens centres", ARTICLE).encode()},
        {"url": URL + ".css", "headers": [("Content-Type", "text/css")], "body": b"p{}"},
        {"url": URL + ".css", "headers": [("Content-Type", "text/css")], "body": b"a{}"},
    ])
    (src / "scan.pdf").write_bytes(pdf_bytes([[]]))
    data = str(tmp_path / "data")
    code, out, _ = run(capsys, "--data-dir", data, "index", str(src), "--json")
    report = json.loads(out)
    assert code == 0
    assert {"path": str(warc), "reason": "not an article (text/css)", "count": 2} \
        in report["skipped_records"]
    assert any(s["path"].endswith("scan.pdf") and s["reason"].startswith("no text layer")
               for s in report["skipped"])

    code, out, _ = run(capsys, "--data-dir", data, "index", "--rebuild")  # read again
    assert f"skipped 2 records of {warc}: not an article (text/css)" in out

    code, out, _ = run(capsys, "--data-dir", data, "search", '"single window for documents"',
                       "--json")
    hit = json.loads(out)["hits"][0]
    assert (hit["path"], hit["url"], hit["captured"]) == (str(warc), URL,
                                                         "2025-03-10T08:01:00Z")
    assert isinstance(hit["record"], int)

    code, out, _ = run(capsys, "--data-dir", data, "show", hit["id"], "--json")
    shown = json.loads(out)
    assert shown["record"] == hit["record"] and shown["url"] == URL and "date" in shown
    assert shown["captured"] == "2025-03-10T08:01:00Z" and ARTICLE[2] in shown["text"]
    code, out, _ = run(capsys, "--data-dir", data, "show", hit["id"])
    assert f"(record at byte {hit['record']})" in out and f"url:      {URL}" in out

    target = tmp_path / "hits.csv"
    run(capsys, "--data-dir", data, "export", '"single window for documents"', "-o",
        str(target))
    row = next(csv.DictReader(target.open(encoding="utf-8")))
    assert (row["url"], row["captured"], row["record"]) == (URL, "2025-03-10T08:01:00Z",
                                                            str(hit["record"]))
    code, out, _ = run(capsys, "--data-dir", data, "export", '"single window for documents"',
                       "--format", "json")
    assert json.loads(out)[0]["url"] == URL

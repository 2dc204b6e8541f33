"""Help texts and small non-modal dialogs (shown with show(), never a blocking exec())."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from scoda_desktop.core.documents import SyncReport
from scoda_desktop.ui.render import LAYERS, escape, legend_html

QUERY_SYNTAX = """
<h3>Query syntax</h3>
<table cellspacing=4>
<tr><td><code>freight train</code></td><td>both words (AND)</td></tr>
<tr><td><code>"Qingdao Port"</code></td><td>the exact phrase</td></tr>
<tr><td><code>rail OR train</code></td><td>either word</td></tr>
<tr><td><code>NOT Serbia</code>, <code>-Serbia</code></td><td>without the word</td></tr>
<tr><td><code>(a OR b) c</code></td><td>grouping</td></tr>
<tr><td><code>cooperat*</code>, <code>wo?d</code></td><td>prefix / wildcard</td></tr>
<tr><td><code>logistcs~</code>, <code>logistcs~2</code></td><td>fuzzy (typos)</td></tr>
<tr><td><code>title:</code> <code>source:</code> <code>author:</code></td>
 <td>search one field</td></tr>
<tr><td><code>entity:</code> <code>org:</code> <code>person:</code> <code>place:</code>
 <code>facility:</code> <code>event:</code> <code>unit:</code></td>
 <td>documents that mention an entity / unit</td></tr>
<tr><td><code>year:2024</code>, <code>date:[2023-01-01 TO 2024-06-30]</code></td>
 <td>publication date</td></tr>
</table>
<p>Lower-case and/or/not are ordinary words. An empty query lists every document, newest
first. A query that cannot be read as written is repaired, and the bar says how.</p>
"""

SHORTCUTS = """
<h3>Keyboard shortcuts</h3>
<table cellspacing=4>
<tr><td>Ctrl+F, Ctrl+L</td><td>focus the search box</td></tr>
<tr><td>Enter</td><td>search now (typing searches after a short pause)</td></tr>
<tr><td>Up / Down, PgUp / PgDn</td><td>move through the results (the article follows)</td></tr>
<tr><td>F3 / Shift+F3</td><td>next / previous match in the article</td></tr>
<tr><td>Ctrl+Shift+C</td><td>copy the citation of the open article</td></tr>
<tr><td>Ctrl+O / Ctrl+Shift+O</td><td>add files / add a folder</td></tr>
<tr><td>Ctrl+E</td><td>export the results</td></tr>
<tr><td>F5</td><td>re-index: read new and changed files again</td></tr>
<tr><td>F1</td><td>query syntax</td></tr>
<tr><td>Ctrl+Q</td><td>quit</td></tr>
</table>
"""


def highlight_help() -> str:
    return ("<h3>Highlight colours</h3><p>Colour-blind-safe (Okabe–Ito); each can be switched "
            f"off with its button above the article.</p><p>{legend_html(set(LAYERS))}</p>")


class TextDialog(QDialog):
    """A read-only rich-text page (help, about, import report)."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.text = QTextBrowser(self)
        self.text.setOpenLinks(False)
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(buttons)
        self.resize(560, 460)


def import_report_html(report: SyncReport) -> str:
    """What an import did not take, and why: skipped files one by one, the records inside
    web archives that were not articles counted by reason (a crawl holds thousands of
    images and scripts), and the notes on files that were indexed with a warning."""
    added, updated = report.added, report.updated
    parts = [f"<p>Imported {added} new and {updated} changed file(s); "
             f"skipped {len(report.skipped)}.</p>"]
    if report.skipped:
        rows = "".join(f"<tr><td>{escape(s.path)}</td><td>{escape(s.reason)}</td></tr>"
                       for s in report.skipped)
        parts.append("<table border=1 cellpadding=3 cellspacing=0>"
                     f"<tr><th>File</th><th>Reason</th></tr>{rows}</table>")
    if report.skipped_records:
        total = sum(r.count for r in report.skipped_records)
        rows = "".join(f"<tr><td>{escape(r.path)}</td><td>{escape(r.reason)}</td>"
                       f"<td align=right>{r.count:,}</td></tr>" for r in report.skipped_records)
        parts.append(f"<p>Inside web archives, {total:,} record(s) were not articles and "
                     "were left out:</p><table border=1 cellpadding=3 cellspacing=0>"
                     f"<tr><th>Archive</th><th>Reason</th><th>Records</th></tr>{rows}</table>")
    if report.messages:
        items = "".join(f"<li>{escape(m)}</li>" for m in report.messages)
        parts.append(f"<p>Notes:</p><ul>{items}</ul>")
    return "".join(parts)


def about_html(version: str, stats: dict, data_dir: str, attributions: str) -> str:
    span = stats.get("date_range") or stats.get("dates") or ""
    if isinstance(span, list | tuple):
        span = " to ".join(str(s) for s in span if s)
    lines = [f"<h3>SCODA Desktop {escape(version)}</h3>",
             "<p>Offline search and reading of SCO / SCODA news articles.</p>",
             "<h4>Corpus</h4><ul>",
             f"<li>{stats.get('documents', 0)} documents, {stats.get('words', 0)} words</li>"]
    if span:
        lines.append(f"<li>dates: {escape(str(span))}</li>")
    sources = stats.get("sources")
    if isinstance(sources, dict | list):
        lines.append(f"<li>{len(sources)} sources</li>")
    lines += ["</ul>", f"<h4>Data directory</h4><p><code>{escape(data_dir)}</code></p>",
              "<h4>Attributions</h4>", f"<pre>{escape(attributions)}</pre>"]
    return "".join(lines)


def make_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label

"""Entity and metric fields, filters, facets and stored documents, with hand-built Documents
(independent of what the extractor finds)."""

from __future__ import annotations

import pytest

from scoda_desktop.core.documents import Document, Entity, Metric
from scoda_desktop.core.pipeline.catalog import Catalog, FileRecord
from scoda_desktop.core.pipeline.prepare import prepare_document
from scoda_desktop.core.pipeline.store import IndexStore


def make_doc(i: int, text: str, entities: list[tuple[str, str, str]], *,
             date: str = "2024-01-01", metrics: list[Metric] | None = None) -> Document:
    ents = []
    for surface, etype, canonical in entities:
        start = text.index(surface)
        ents.append(Entity(surface, etype, start, start + len(surface), canonical))
    return Document(id=f"doc{i:02d}", path=f"/corpus/doc{i}.txt", sha256=f"{i:064d}", raw=text,
                    text=text, title=f"Article {i}", date=date, source="Test Wire",
                    language="en", words=len(text.split()), entities=ents,
                    metrics=metrics or [])


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ix") / "index"
    svc = IndexStore.create(folder)
    docs = [
        make_doc(1, "Xi Jinping met leaders of the SCO in Astana, Kazakhstan.",
                 [("Xi Jinping", "PERSON", "Xi Jinping"),
                  ("SCO", "ORG", "Shanghai Cooperation Organization"),
                  ("Astana", "PLACE", "Astana"), ("Kazakhstan", "PLACE", "Kazakhstan")]),
        make_doc(2, "The Shanghai Cooperation Organization opened a port office.",
                 [("Shanghai Cooperation Organization", "ORG",
                   "Shanghai Cooperation Organization")], date="2025-02-02"),
        make_doc(3, "President Xi spoke about trade with Pakistan and Kazakh traders.",
                 [("Xi", "PERSON", "Xi Jinping"), ("Pakistan", "PLACE", "Pakistan"),
                  ("Kazakh", "GROUP", "Kazakh")],
                 date="2023-05-05"),
    ]
    start = docs[1].text.index("port office")
    docs[1].metrics = [Metric(text="port office", kind="containers", value=1.2e6, unit="TEU",
                              measures="container throughput", start=start, end=start + 11)]
    catalog = Catalog()
    writer = svc.writer()
    for doc in docs:
        prep = prepare_document(doc, extract_entities=False)
        writer.add_document(**prep.fields)
        catalog.add_doc(doc.id, prep.info)
        catalog.docs[doc.id]["paths"] = [doc.path]
        catalog.files[doc.path] = FileRecord(1, 1.0, doc.sha256, doc.id)
        catalog.side("metrics")[doc.id] = prep.metrics
        for w, t in prep.words.items():
            catalog.side("vocab").setdefault(w, t)
    svc.commit(writer, catalog)
    yield svc
    svc.close()


def ids(svc, query, **kw):
    res = svc.search(query, limit=None, **kw)
    assert res.total == len(res.hits)
    return {h.id for h in res.hits}


def test_entity_fields(service):
    assert ids(service, 'entity:"Xi Jinping"') == {"doc01", "doc03"}
    assert ids(service, 'person:"xi jinping"') == {"doc01", "doc03"}
    assert ids(service, "place:Kazakhstan") == {"doc01"}
    assert ids(service, "place:kazakhstan") == {"doc01"}
    assert ids(service, "org:Kazakhstan") == set()  # a place, not an organisation


def test_nationalities_have_their_own_field_and_facet(service):
    assert ids(service, "group:Kazakh") == {"doc03"}
    assert ids(service, "group:kazakh") == {"doc03"}
    assert ids(service, "place:Kazakh") == set()  # a group, not a place
    assert ids(service, "", filters={"group": "Kazakh"}) == {"doc03"}
    assert service.search("").facets["group"] == {"Kazakh": 1}


def test_alias_finds_every_mention_of_the_canonical_entity(service):
    # "SCO" was written in doc01 only; doc02 names the organisation in full
    assert ids(service, "org:SCO") == {"doc01", "doc02"}
    assert ids(service, 'org:"Shanghai Cooperation Organization"') == {"doc01", "doc02"}


def test_metric_units(service):
    assert ids(service, "unit:TEU") == {"doc02"}
    assert ids(service, 'measure:"container throughput"') == {"doc02"}


def test_filters_and_facets(service):
    assert ids(service, "", filters={"place": "Pakistan"}) == {"doc03"}
    res = service.search("")
    assert res.facets["person"] == {"Xi Jinping": 2}
    assert res.facets["org"] == {"Shanghai Cooperation Organization": 2}
    assert res.facets["year"] == {"2023": 1, "2024": 1, "2025": 1}
    assert res.facets["source"] == {"Test Wire": 3}


def test_document_comes_back_whole_without_re_extraction(service):
    doc = service.document("doc02")
    assert doc is not None
    assert doc.text.startswith("The Shanghai Cooperation Organization")
    assert [e.canonical for e in doc.entities] == ["Shanghai Cooperation Organization"]
    assert doc.metrics[0].unit == "TEU"
    assert doc.text[doc.entities[0].start:doc.entities[0].end] == doc.entities[0].text

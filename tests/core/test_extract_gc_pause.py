"""Extraction pauses the garbage collector for speed (issue 17): it must hand it back as it
found it, even when a rule fails or threads extract at once, or the app would leak memory."""

from __future__ import annotations

import gc
import threading

from scoda_desktop.core.extract import extract, extract_entities, extract_metrics

TEXT = ("Shanghai Cooperation Organisation (SCO) members signed 12 deals worth $1.2 billion "
        "in Qingdao on June 20, said Li Wei, a trade official.")


def test_collector_is_on_again_after_extraction() -> None:
    assert gc.isenabled()
    entities, metrics = extract(TEXT, doc_date="2024-07-01")
    assert entities and metrics
    assert extract_entities(TEXT) == entities
    assert extract_metrics(TEXT, doc_date="2024-07-01") == metrics
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        extract(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_on_after_a_failing_text_and_concurrent_threads() -> None:
    extract(None)  # type: ignore[arg-type]  # a rule fails: logged, nothing returned
    assert gc.isenabled()
    results: list[int] = []

    def work() -> None:
        for _ in range(20):
            results.append(len(extract(TEXT)[0]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and len(results) == 80
    assert gc.isenabled()

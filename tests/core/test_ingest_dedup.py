"""Near-duplicates: same story on two sites, or text and HTML copies, group together."""

from __future__ import annotations

import random
from pathlib import Path

from scoda_desktop.core.ingest import group_near_duplicates, load_document, minhash_signature

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "ingest"


def sig_of(path: Path) -> list[int]:
    return minhash_signature(load_document(path).text)


def test_text_and_html_copies_on_two_sites_group_and_other_articles_do_not():
    sigs = {"site_a": sig_of(FIX / "dup_site_a.txt"), "site_b": sig_of(FIX / "dup_site_b.html")}
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        sigs[seed.name[:3]] = sig_of(seed)
    sigs["html_page"] = sig_of(FIX / "news_page.html")
    # 001 and 003 are both People's Daily reports on SCODA: similar topic, different text.
    assert group_near_duplicates(sigs) == [["site_a", "site_b"]]


def test_signature_is_stable_and_empty_text_is_never_a_duplicate():
    text = load_document(FIX / "silk_road_observer.txt").text
    assert minhash_signature(text) == minhash_signature(text)
    assert len(minhash_signature(text)) == 128
    assert minhash_signature("") == [] and minhash_signature("。,;") == []
    assert group_near_duplicates({"a": [], "b": [], "c": minhash_signature(text)}) == []


def test_groups_are_transitive_and_scale_to_thousands():
    # Like a real corpus (and benchmarks/make_corpus.py): articles reuse sentences from a common
    # pool, so unrelated documents share a few shingles (Jaccard ~0.07) but must not group.
    rng = random.Random(7)
    words = [f"w{i}" for i in range(3000)]
    pool = [" ".join(rng.choices(words, k=15)) + "." for _ in range(150)]
    sigs = {f"doc{i:05d}": minhash_signature(" ".join(rng.sample(pool, 20)))
            for i in range(1500)}
    for k in range(3):
        tokens = " ".join(rng.sample(pool, 20)).split()
        sigs[f"copy{k}a"] = minhash_signature(" ".join(tokens))
        sigs[f"copy{k}b"] = minhash_signature(" ".join(tokens[:290] + ["edited"] * 10))
        sigs[f"copy{k}c"] = minhash_signature(" ".join(["intro"] * 5 + tokens))
    groups = group_near_duplicates(sigs)
    assert groups == [[f"copy{k}a", f"copy{k}b", f"copy{k}c"] for k in range(3)]

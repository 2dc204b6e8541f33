"""Near-duplicates: same story on two sites, or text and HTML copies, group together."""

from __future__ import annotations

import random
from array import array
from collections import defaultdict
from pathlib import Path

from scoda_desktop.core.ingest import group_near_duplicates, load_document, minhash_signature
from scoda_desktop.core.ingest.dedup import (
    BANDS,
    MAX_PAIRS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    duplicate_edges,
    groups_of,
    similarity,
    update_edges,
)

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


def _reference_signature(text: str) -> list[int]:
    """MinHash by its definition, in Python integers: the min over shingles of
    (a * crc32(window) + b) mod p, the windows being the lower-cased words joined by spaces."""
    import re
    import zlib

    from scoda_desktop.core.ingest import dedup

    words = re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]|[^\W_]+", text.lower())
    windows = [words] if len(words) < 5 else [words[i : i + 5] for i in range(len(words) - 4)]
    hashes = {zlib.crc32(" ".join(w).encode("utf-8")) % dedup._PRIME for w in windows if w}
    return [min((int(a) * x + int(b)) % dedup._PRIME for x in hashes)
            for a, b in zip(dedup._A, dedup._B, strict=True)] if hashes else []


def test_signatures_equal_their_definition_so_those_an_index_stored_stay_comparable():
    # the catalog keeps every document's signature across versions: a faster computation
    # must give the very same numbers, or a new copy would not match an old one
    texts = [load_document(FIX / "silk_road_observer.txt").text, "Two words", "一带一路 合作",
             "Café Zürich: 5 ports, 12% more — trade (again) and again and again."]
    for text in texts:
        assert minhash_signature(text) == _reference_signature(text)


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


def _reference_groups(signatures: dict[str, list[int]]) -> list[list[str]]:
    """The straightforward Python grouping (every bucket's members against the MAX_PAIRS
    before them, union-find), which the numpy ``duplicate_edges`` must equal exactly."""
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for doc_id in sorted(signatures):
        sig = list(signatures[doc_id])
        if len(sig) != NUM_PERM:
            continue
        for band in range(BANDS):
            buckets[(band, tuple(sig[band * ROWS : (band + 1) * ROWS]))].append(doc_id)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for members in buckets.values():
        for i in range(1, len(members)):
            for a in members[max(0, i - MAX_PAIRS) : i]:
                b = members[i]
                if similarity(list(signatures[a]), list(signatures[b])) >= THRESHOLD:
                    parent.setdefault(a, a)
                    parent.setdefault(b, b)
                    if find(a) != find(b):
                        parent[find(b)] = find(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc_id in parent:
        groups[find(doc_id)].append(doc_id)
    return sorted(sorted(g) for g in groups.values() if len(g) >= 2)


def _variant(rng: random.Random, sig: list[int], changed: int) -> list[int]:
    out = list(sig)
    for i in rng.sample(range(NUM_PERM), changed):
        out[i] = rng.randrange(1 << 31)
    return out


def _crowded_signatures(rng: random.Random, n: int) -> dict[str, object]:
    """Signatures with crowded buckets (values from a tiny alphabet, and a band value shared
    by more than MAX_PAIRS documents), copies at similarities around THRESHOLD (changing
    63, 64 or 65 of 128 values), empty and foreign-length ones; half as uint32 arrays."""
    sigs: dict[str, object] = {}
    for i in range(n):
        sig = [rng.randrange(3) for _ in range(NUM_PERM)]
        if i % 3 == 0:
            sig[:ROWS] = [7] * ROWS  # one bucket of n/3 members
        sigs[f"d{rng.randrange(10**6):06d}-{i}"] = sig
        if i % 5 == 0:
            sigs[f"c{i}"] = _variant(rng, sig, rng.choice([0, 10, 63, 64, 65, 90]))
        if i % 10 == 0:  # a copy of the copy: groups of three by transitivity, or chains
            sigs[f"e{i}"] = _variant(rng, sigs[f"c{i}"], rng.choice([30, 64]))
    sigs["empty"], sigs["short"] = [], [1] * 10
    for k in list(sigs)[::2]:
        if len(sigs[k]) == NUM_PERM:
            sigs[k] = array("I", sigs[k])
    return sigs


def test_numpy_grouping_equals_the_pairwise_reference():
    for seed in range(4):
        sigs = _crowded_signatures(random.Random(seed), 240)
        groups = group_near_duplicates(sigs)
        assert groups == _reference_groups(sigs)
        assert len(groups) >= 5 and any(len(g) > 2 for g in groups)


def test_incremental_edges_equal_a_full_recomputation_after_adds_changes_removals():
    rng = random.Random(11)
    sigs = _crowded_signatures(rng, 300)
    edges = duplicate_edges(sigs)
    for _ in range(6):
        removed: dict[str, object] = {}
        added: list[str] = []
        ids = sorted(sigs)
        for doc_id in rng.sample(ids, 12):  # removed, or changed (removed, then a new id)
            removed[doc_id] = sigs.pop(doc_id)
            if rng.random() < 0.5 and len(removed[doc_id]) == NUM_PERM:
                new_id = f"n{rng.randrange(10**9)}"
                sigs[new_id] = _variant(rng, list(removed[doc_id]), rng.choice([1, 40, 64]))
                added.append(new_id)
        for _ in range(8):  # new documents: copies of existing ones, and unrelated ones
            new_id = f"a{rng.randrange(10**9)}"
            base = sigs[rng.choice(sorted(sigs))]
            if len(base) == NUM_PERM and rng.random() < 0.7:
                sigs[new_id] = _variant(rng, list(base), rng.choice([0, 5, 63, 64, 65]))
            else:
                sigs[new_id] = [rng.randrange(3) for _ in range(NUM_PERM)]
            added.append(new_id)
        edges = update_edges(edges, sigs, removed, added)
        assert edges == duplicate_edges(sigs)
        assert groups_of(edges) == _reference_groups(sigs)
    assert edges  # the rounds kept real groups to maintain

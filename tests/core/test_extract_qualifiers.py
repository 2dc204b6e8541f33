"""Each hedge a news text puts before a figure is kept as the metric's qualifier.

The list is written out here, not imported from the extractor: dropping a word from the
extractor's list must fail this test, not shrink it.
"""

from __future__ import annotations

import pytest

from scoda_desktop.core.extract import extract_metrics

HEDGES = ["approximately", "roughly", "about", "around", "nearly", "almost", "more than",
          "less than", "up to", "at least", "over", "some", "an estimated", "close to",
          "as many as", "in excess of", "upwards of"]


@pytest.mark.parametrize("hedge", HEDGES)
def test_the_hedge_before_a_figure_is_its_qualifier(hedge: str) -> None:
    text = f"The park handled {hedge} 3,000 containers in 2024."
    figures = [m for m in extract_metrics(text) if m.kind != "date"]
    assert [(m.text, m.value, m.qualifier) for m in figures] == [
        (f"{hedge} 3,000 containers", 3000, hedge)]


def test_a_figure_without_a_hedge_has_no_qualifier() -> None:
    figures = [m for m in extract_metrics("The park handled 3,000 containers in 2024.")
               if m.kind != "date"]
    assert [(m.text, m.qualifier) for m in figures] == [("3,000 containers", None)]

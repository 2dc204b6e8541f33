"""The research workflow over a corpus: concordance lines, saved searches, collections
with notes, citation records. Plain data and JSON files in the data folder; it never
touches the index or the pipeline (``Corpus`` joins them), and never imports Qt."""

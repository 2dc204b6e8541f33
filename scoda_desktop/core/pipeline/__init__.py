"""The pipeline: files -> prepared documents -> one index commit.

sync, prepare, catalog, store, seed index."""

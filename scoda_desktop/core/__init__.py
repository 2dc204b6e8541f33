"""Pure-Python core: ingest, extraction, index and the corpus service. Never imports Qt."""

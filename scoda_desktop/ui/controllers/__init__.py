"""Controllers: they connect views to the corpus (through the worker lane) in one place each."""

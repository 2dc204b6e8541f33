"""The index: Whoosh only — schema, writer, engine, query, snippets, vocabulary, facets."""

"""SCODA Desktop: an offline desktop browser for a corpus of SCO / SCODA news articles."""

__version__ = "0.1.0"

"""`python -m scoda_desktop` (and the frozen executable) do what `scoda-desktop` does."""

import sys

from scoda_desktop.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen build re-executes itself for worker processes of the indexing pool.
        # Only there: importing multiprocessing costs every `search` process ~15 ms.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main(one_shot=True))

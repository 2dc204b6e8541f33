"""`python -m scoda_desktop` (and the frozen executable) do what `scoda-desktop` does."""

import multiprocessing
import sys

from scoda_desktop.cli import main

if __name__ == "__main__":
    # A frozen build re-executes itself for worker processes of the indexing pool.
    multiprocessing.freeze_support()
    sys.exit(main())

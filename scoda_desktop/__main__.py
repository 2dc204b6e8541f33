"""`python -m scoda_desktop` does what the `scoda-desktop` command does."""

import sys

from scoda_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

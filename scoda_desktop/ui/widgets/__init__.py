"""Layout-only views: they show what they are given and emit what the user did."""

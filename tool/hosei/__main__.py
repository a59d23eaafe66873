"""`python -m hosei` runs the CLI (as the `hosei` console script does)."""

from hosei.entry import run

run()

"""`python -m hosei` runs the CLI."""

from hosei.cli import main

main()

"""`python -m cli` runs the `missions` command."""

from cli.main import main

main()

"""The ``citegraph`` command line: thin commands over the library's plain functions.

``common`` holds the Typer app, the shared options and output helpers; each command module
registers its commands on that app when it is imported here.
"""
from graph.cli import audit, extract, neo4j, serve, store  # noqa: F401  (registers the commands)
from graph.cli.common import main

__all__ = ["main"]

"""Where the store lives: ``--store PATH``, else ``$CITEGRAPH_STORE``, else a per-user data dir."""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_STORE = "CITEGRAPH_STORE"
STORE_FILENAME = "citegraph.sqlite"
REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA = REPO_ROOT / "data"


def is_bolt_uri(value: str | os.PathLike[str] | None) -> bool:
    """True for ``neo4j://``, ``neo4j+s://``, ``bolt://`` ... store values (the shared Neo4j store)."""
    return bool(value) and str(value).split("://", 1)[0].lower() in {
        "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}


def default_store_path() -> Path:
    return Path(user_data_dir("citegraph", appauthor=False)) / STORE_FILENAME


def store_location(cli_value: str | os.PathLike[str] | None = None) -> str:
    """Resolve the store: the CLI value, else $CITEGRAPH_STORE, else the per-user default.

    A Bolt URI is returned as is; a path is expanded and made absolute.
    """
    value = cli_value or os.environ.get(ENV_STORE) or default_store_path()
    if is_bolt_uri(value):
        return str(value)
    return str(Path(value).expanduser().resolve())

"""Data files that analysts edit (lexicons, conventions): the packaged copy, or the user's own."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from frontlines.errors import ResourceError


def load_data_file(name: str, path: str | None = None) -> Any:
    """The JSON in the user's `path`, else the packaged `frontlines/data/<name>`."""
    where = path or f"the packaged frontlines/data/{name}"
    try:
        if path is None:
            text = resources.files("frontlines.data").joinpath(name).read_text("utf-8")
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        return json.loads(text)
    except (OSError, ValueError) as error:
        raise ResourceError(
            f"cannot read {where}: {error}. Point the setting at a readable JSON file, or "
            "reinstall frontlines if the packaged copy is missing."
        ) from error

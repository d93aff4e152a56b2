"""Reading a labelled CSV (an ACLED export, FA-KES) with a clear error when columns are missing."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from frontlines.errors import FrontlinesError


def read_labelled_csv(path: Path, required: Sequence[str], dataset: str) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in required if column not in (reader.fieldnames or [])]
            if missing:
                raise FrontlinesError(
                    f"{path} lacks the column(s) {', '.join(missing)}; {dataset} has "
                    + ", ".join(required)
                )
            return list(reader)
    except (OSError, UnicodeDecodeError) as error:
        raise FrontlinesError(f"cannot read {path}: {error}") from error

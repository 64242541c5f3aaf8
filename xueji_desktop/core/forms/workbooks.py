"""Saving an Excel workbook the forms make: written beside the target under a temporary name and moved into
place, so a failure never leaves half a file (nor replaces a good one)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def save_workbook(wb, path: str | os.PathLike) -> Path:
    """Saves the openpyxl workbook at `path` (its folder made if missing); returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target

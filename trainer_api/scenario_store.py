"""Immutable copies of every scenario version played, named by content hash.

trainer_api writes a version here before a session starts; the action server
reads the exact version back, so a session keeps its customer even after the
scenario file is edited or a new version is published.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from trainer_api.simulation import Scenario

VERSION_NAME = re.compile(r"^[0-9a-f]{16}$")


def version_path(versions_dir: Path, content_hash: str) -> Path | None:
    """Where a version is kept; None for a malformed hash."""
    if not VERSION_NAME.fullmatch(content_hash or ""):
        return None
    return versions_dir / f"{content_hash}.yml"


def keep_version(versions_dir: Path, scenario: Scenario) -> Path:
    """Write the scenario's exact text under its hash (atomically, once)."""
    path = version_path(versions_dir, scenario.content_hash)
    assert path is not None
    if not path.is_file():
        write_atomically(path, scenario.source_text)
    return path


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as sink:
        sink.write(text)
    os.replace(temporary, path)


def read_version(versions_dir: Path, content_hash: str) -> str | None:
    """The text of a kept version, or None if it is not kept here."""
    path = version_path(versions_dir, content_hash)
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")

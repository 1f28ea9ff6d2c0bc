"""Where each process spends its time under load: py-spy samples, summarised.

``make load --profile`` (``LOAD_ARGS=--profile``) runs ``py-spy record`` on
each process of the stack during each step, in raw (collapsed stack) form.
py-spy pauses a process for each sample (50 a second) so as to read a
consistent stack and tell idle threads from busy ones: quote latencies from a
run without ``--profile``. The summary lists, per process and step, the
functions with the most samples on top of the stack (own time) and the
project's functions with the most samples anywhere in the stack (time spent
in them and what they call).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from trainer_api.settings import PROJECT_ROOT

RATE = 50
"""Samples per second: little enough not to weigh on what it measures."""
SHOWN = 14


@dataclass
class _Recording:
    label: str
    process: str
    output: Path
    popen: subprocess.Popen[bytes]


class Profiler:
    """Samples processes with py-spy; one recording per process and step."""

    def __init__(self, directory: Path) -> None:
        found = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
        if not Path(found).exists():
            raise SystemExit("py-spy is missing: run `make setup`")
        self.py_spy = found
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._running: list[_Recording] = []
        self._done: list[_Recording] = []

    def start(self, label: str, pids: Mapping[str, int], seconds: float) -> None:
        for process, pid in pids.items():
            output = self.directory / f"{label}-{process}.txt"
            command = [
                self.py_spy, "record", "--pid", str(pid), "--rate", str(RATE),
                "--duration", str(int(seconds) + 1), "--format", "raw",
                "--output", str(output),
            ]  # fmt: skip
            popen = subprocess.Popen(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            self._running.append(_Recording(label, process, output, popen))

    def finish(self) -> None:
        for recording in self._running:
            try:
                recording.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                recording.popen.kill()
            self._done.append(recording)
        self._running.clear()

    def summary(self) -> str:
        lines = ["Profile (py-spy samples; own = on top of the stack):"]
        for recording in self._done:
            stacks = read_collapsed(recording.output)
            total = sum(stacks.values())
            lines.append(
                f"\n{recording.label} / {recording.process}: {total} samples"
                f" at {RATE}/s ({total / RATE:.1f} s busy)"
            )
            if not total:
                continue
            own, inside = tally(stacks)
            lines.append("  own time:")
            for frame, count in own.most_common(SHOWN):
                lines.append(f"    {100 * count / total:5.1f} %  {frame}")
            lines.append("  project functions, with what they call:")
            mine = Counter({f: c for f, c in inside.items() if _is_project(f)})
            for frame, count in mine.most_common(SHOWN):
                lines.append(f"    {100 * count / total:5.1f} %  {frame}")
            lines.append("  library functions, with what they call (under 60 %):")
            theirs = Counter(
                {
                    f: c
                    for f, c in inside.items()
                    if not _is_project(f) and c < 0.6 * total
                }
            )
            for frame, count in theirs.most_common(SHOWN):
                lines.append(f"    {100 * count / total:5.1f} %  {frame}")
        return "\n".join(lines)


def read_collapsed(path: Path) -> Counter[tuple[str, ...]]:
    """py-spy's raw output: one ``frame;frame;... count`` line per stack."""
    stacks: Counter[tuple[str, ...]] = Counter()
    if not path.exists():
        return stacks
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks[tuple(frames.split(";"))] += int(count)
    return stacks


def tally(
    stacks: Mapping[tuple[str, ...], int],
) -> tuple[Counter[str], Counter[str]]:
    """Samples per frame on top of the stack, and anywhere in it (once per
    stack, so recursion does not count twice)."""
    own: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for frames, count in stacks.items():
        if not frames:
            continue
        own[_short(frames[-1])] += count
        for frame in {_short(f) for f in frames}:
            inside[frame] += count
    return own, inside


def _short(frame: str) -> str:
    """``function (path:line)`` with the path cut to what identifies it."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    for marker in ("site-packages/", str(PROJECT_ROOT) + "/", "lib/python3.10/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{name} ({path})"


PROJECT_TOPS = ("trainer_api", "bot", "tools", "actions", "channels", "components")
"""Where project code lives (the bot's processes import it relative to bot/)."""


def _is_project(frame: str) -> bool:
    return any(f"({top}/" in frame for top in PROJECT_TOPS)

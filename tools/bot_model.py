"""Training the customer bot only when its sources changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from tools.stack import BOT_DIR

MODELS_DIR = BOT_DIR / "models"
BOT_SOURCES = ("config.yml", "domain.yml", "data", "components")
"""What a model is trained from: the pipeline's custom components included."""
SOURCE_SUFFIXES = frozenset({".yml", ".py"})


class TrainingFailed(RuntimeError):
    """``rasa train`` exited with an error."""


def bot_fingerprint(bot_dir: Path = BOT_DIR) -> str:
    """A hash of everything the model is trained from, plus the Rasa version."""
    from rasa import __version__ as rasa_version

    digest = hashlib.sha256(rasa_version.encode())
    for name in BOT_SOURCES:
        path = bot_dir / name
        files = (
            sorted(p for p in path.rglob("*") if p.suffix in SOURCE_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        for file in files:
            digest.update(str(file.relative_to(bot_dir)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def ensure_model(*, force: bool = False, log: Path | None = None) -> tuple[Path, bool]:
    """The trained model for the current sources; trains one if needed.

    Args:
        force: train even if a model for these sources exists.
        log: send Rasa's output there and show only a progress line.

    Returns:
        The model file, and whether it was trained now (False: reused).
    """
    fingerprint = bot_fingerprint()
    model = MODELS_DIR / f"customer-{fingerprint}.tar.gz"
    if model.is_file() and not force:
        return model, False
    train_into(MODELS_DIR, model.name.removesuffix(".tar.gz"), log=log)
    for old in MODELS_DIR.glob("customer-*.tar.gz"):
        if old != model:
            old.unlink()
    return model, True


def train_into(
    out_dir: Path, name: str, *, cache_dir: Path | None = None, log: Path | None = None
) -> Path:
    """Run ``rasa train`` into ``out_dir/name.tar.gz``.

    Args:
        out_dir: where the model goes.
        name: the model's file name without ``.tar.gz``.
        cache_dir: Rasa's training cache; an empty folder trains from scratch.
        log: where Rasa's own output goes; None lets it through to the terminal.
    """
    model = out_dir / f"{name}.tar.gz"
    command = [
        str(Path(sys.executable).parent / "rasa"),
        "train",
        "--config", "config.yml",
        "--domain", "domain.yml",
        "--data", "data",
        "--out", str(out_dir),
        "--fixed-model-name", name,
    ]  # fmt: skip
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    if cache_dir is not None:
        env["RASA_CACHE_DIRECTORY"] = str(cache_dir)
    if log is None:
        returncode = subprocess.run(
            command, cwd=BOT_DIR, env=env, check=False
        ).returncode
    else:
        returncode = _run_logged(command, env, log)
    if returncode != 0 or not model.is_file():
        where = f"; see {log}" if log else ""
        raise TrainingFailed(f"rasa train failed with exit code {returncode}{where}")
    return model


def _run_logged(command: list[str], env: dict[str, str], log: Path) -> int:
    """Run ``command`` with its output in ``log``, showing elapsed time meanwhile."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=BOT_DIR, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
        while process.poll() is None:
            _progress(
                f"  training the customer bot ... {time.monotonic() - started:.0f} s"
            )
            time.sleep(1)
    _progress(
        f"  training the customer bot ... done in {time.monotonic() - started:.0f} s\n"
    )
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-25:]
        sys.stderr.write("\n".join(tail) + "\n")
    return process.returncode


def _progress(line: str) -> None:
    """One updating line on a terminal; nothing but the last line elsewhere."""
    if sys.stdout.isatty():
        sys.stdout.write("\r" + line)
        sys.stdout.flush()
    elif line.endswith("\n"):
        sys.stdout.write(line.lstrip("\r"))
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """``python -m tools.bot_model [--force]``: train the bot if its sources changed."""
    import argparse

    from trainer_api.settings import PROJECT_ROOT

    parser = argparse.ArgumentParser(prog="python -m tools.bot_model")
    parser.add_argument("--force", action="store_true", help="train even if unchanged")
    args = parser.parse_args(argv)
    model, trained = ensure_model(
        force=args.force, log=PROJECT_ROOT / "var" / "log" / "train.log"
    )
    sys.stdout.write(f"{'trained' if trained else 'up to date'}: {model}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

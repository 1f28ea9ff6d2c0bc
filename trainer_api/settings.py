"""One settings object, read from the environment in one place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("development", "test", "production")


class SettingsError(ValueError):
    """A setting in the environment is missing or invalid."""


@dataclass(frozen=True)
class Settings:
    """Everything trainer_api needs to know about where it runs.

    Attributes:
        environment: development, test or production.
        database_url: SQLAlchemy URL of the record of truth.
        rasa_url: base URL of the Rasa server (its learner channel).
        scenarios_dir: the seed library of scenario files, imported on migrate.
        redis_url: when set, Socket.IO events fan out across processes via Redis.
        max_reply_chars: longest learner reply accepted.
        nudge_after_seconds: quiet time before the customer prompts the learner.
        rasa_timeout: seconds to wait for the customer's answer.
        cookie_secure: mark the login cookie as HTTPS-only.
        allowed_origins: origins (``https://training.example.com``) whose pages
            may change state and open Socket.IO connections; empty means the
            server's own origin, as the browser addressed it (its Host).
        public_url: the product's address as people reach it; learning records
            name learners' accounts and scenarios with IRIs under it.
        lrs_endpoint: an xAPI Learning Record Store's endpoint (ending before
            ``/statements``); when set, learning records are sent there.
        lrs_username, lrs_password: the LRS's Basic credentials.
        lrs_retry_seconds: the first wait before a failed send is tried again
            (doubling each time, at most an hour).
        action_url: the action server's webhook (Rasa calls it; the health
            page checks it).
        tracker_url: the Rasa tracker store's database (the customer bot's
            memory of each conversation); when set, deleting a candidate's
            data deletes their conversations there too.
        purge_every: seconds between the app's purges of expired data
            (login tokens, old failed logins, candidates past their round's
            retention period); 0 turns the purge off.
        fairness_min_group: in the hiring fairness report, categories with
            fewer candidates have their rates withheld, so that a rate cannot
            point at a person.
    """

    environment: str = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'trainer.db'}"
    rasa_url: str = "http://127.0.0.1:5005"
    scenarios_dir: Path = PROJECT_ROOT / "scenarios"
    redis_url: str | None = None
    max_reply_chars: int = 1000
    nudge_after_seconds: int = 60
    rasa_timeout: float = 30.0
    cookie_secure: bool = False
    allowed_origins: tuple[str, ...] = ()
    public_url: str = "http://127.0.0.1:8000"
    lrs_endpoint: str | None = None
    lrs_username: str = ""
    lrs_password: str = ""
    lrs_retry_seconds: int = 30
    tracker_url: str | None = None
    action_url: str | None = None
    purge_every: float = 3600.0
    fairness_min_group: int = 5

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from ``EMPATHY_*`` environment variables."""
    env = os.environ if environ is None else environ
    defaults = Settings()
    environment = env.get("EMPATHY_ENV", defaults.environment)
    if environment not in ENVIRONMENTS:
        raise SettingsError(
            f"EMPATHY_ENV is {environment!r}; use one of {', '.join(ENVIRONMENTS)}"
        )
    database_url = env.get("EMPATHY_DATABASE_URL", "")
    if environment == "production" and not database_url:
        raise SettingsError("EMPATHY_DATABASE_URL must be set in production")
    return Settings(
        environment=environment,
        database_url=database_url or defaults.database_url,
        rasa_url=env.get("EMPATHY_RASA_URL", defaults.rasa_url).rstrip("/"),
        scenarios_dir=Path(env.get("EMPATHY_SCENARIOS_DIR", defaults.scenarios_dir)),
        redis_url=env.get("EMPATHY_REDIS_URL") or None,
        max_reply_chars=_integer(env, "EMPATHY_MAX_REPLY_CHARS", 1000),
        nudge_after_seconds=_integer(env, "EMPATHY_NUDGE_AFTER_SECONDS", 60),
        rasa_timeout=float(_integer(env, "EMPATHY_RASA_TIMEOUT", 30)),
        cookie_secure=environment == "production",
        allowed_origins=_origins(env.get("EMPATHY_ALLOWED_ORIGINS", "")),
        public_url=_url(env, "EMPATHY_PUBLIC_URL") or defaults.public_url,
        lrs_endpoint=_url(env, "EMPATHY_LRS_ENDPOINT"),
        lrs_username=env.get("EMPATHY_LRS_USERNAME", ""),
        lrs_password=env.get("EMPATHY_LRS_PASSWORD", ""),
        lrs_retry_seconds=_integer(env, "EMPATHY_LRS_RETRY_SECONDS", 30),
        tracker_url=env.get("EMPATHY_TRACKER_URL") or None,
        action_url=env.get("EMPATHY_ACTION_URL") or None,
        purge_every=float(
            _integer(env, "EMPATHY_PURGE_EVERY", 3600, zero_means="to turn it off")
        ),
        fairness_min_group=_integer(env, "EMPATHY_FAIRNESS_MIN_GROUP", 5),
    )


def _url(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip().rstrip("/")
    if not raw:
        return None
    scheme, _, rest = raw.partition("://")
    if scheme not in ("http", "https") or not rest:
        raise SettingsError(
            f"{name} is {raw!r}; write an address like https://lrs.example.com/xapi"
        )
    return raw


def _origins(raw: str) -> tuple[str, ...]:
    origins = tuple(part.strip().rstrip("/") for part in raw.split(",") if part.strip())
    for origin in origins:
        scheme, _, host = origin.partition("://")
        if scheme not in ("http", "https") or not host or "/" in host:
            raise SettingsError(
                f"EMPATHY_ALLOWED_ORIGINS has {origin!r}; write origins like "
                "https://training.example.com, separated by commas"
            )
    return origins


def _integer(
    env: Mapping[str, str], name: str, default: int, *, zero_means: str = ""
) -> int:
    """A positive whole number; 0 too when ``zero_means`` says what it does."""
    raw = env.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} is {raw!r}; it must be a whole number") from exc
    if value < 0 or (value == 0 and not zero_means):
        allowed = f"positive, or 0 {zero_means}" if zero_means else "positive"
        raise SettingsError(f"{name} is {value}; it must be {allowed}")
    return value

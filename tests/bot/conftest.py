"""The bot's actions import as the action server imports them: from bot/."""

from __future__ import annotations

import sys

from trainer_api.stack import BOT_DIR

if str(BOT_DIR) not in sys.path:
    sys.path.insert(0, str(BOT_DIR))

"""`make profile-turns`'s second part runs: thirty replies a conversation, none
refused (the customer never ends it), timed early and late."""

from __future__ import annotations

import pytest

from tools.profile_reply import measure


@pytest.mark.slow
def test_the_reply_profile_plays_thirty_turns_and_times_both_ends() -> None:
    first, last = measure(runs=1)
    assert 0 < first < 5 and 0 < last < 5

"""A store clock for tests, so that each append batch gets its own ``recorded_at``.

Since 0.1.0.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

__all__ = ["TickingClock"]


class TickingClock:
    """A store clock for tests: ``start``, then ``start + step``, ... one tick per
    call, so each append batch gets its own ``recorded_at``.

    Since 0.1.0.
    """

    def __init__(self, start: datetime = datetime(2020, 3, 12, 9, tzinfo=UTC),
                 step: timedelta = timedelta(seconds=1)) -> None:
        self.now, self.step = start, step

    def __call__(self) -> datetime:
        current, self.now = self.now, self.now + self.step
        return current

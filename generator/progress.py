"""A one-line progress bar on stderr for long builds: articles parsed, stories aligned, time left.

Shown only to a person at a terminal: not when stderr is not a TTY, not when
the `CI` variable is set, not when warnings are silenced (`-q`).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TextIO

WIDTH = 24
REDRAW_SECONDS = 0.2


def wanted(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("CI") or not logging.getLogger("parallax").isEnabledFor(logging.WARNING):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """Counts the build's work to do (articles to parse, stories to align) and redraws one line."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.clock = clock
        self.totals = {"articles": 0, "stories": 0}
        self.done = {"articles": 0, "stories": 0}
        self._start: float | None = None
        self._drawn = 0.0
        self._shown = False

    def add(self, what: str, n: int) -> None:
        """More work of one kind is to be done."""
        self.totals[what] += n
        if self._start is None and n:
            self._start = self.clock()

    def advance(self, what: str, n: int = 1) -> None:
        self.done[what] += n
        now = self.clock()
        if self.enabled and (now - self._drawn >= REDRAW_SECONDS or self._finished()):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\033[K")
            self.stream.flush()
            self._shown = True

    def line(self, now: float) -> str:
        total = sum(self.totals.values())
        done = sum(self.done.values())
        fraction = done / total if total else 1.0
        bar = "#" * int(WIDTH * fraction)
        counts = "  ".join(f"{what} {self.done[what]}/{self.totals[what]}" for what in self.totals)
        return f"parallax [{bar:<{WIDTH}}] {counts}  {self._left(now, done, total)}"

    def _left(self, now: float, done: int, total: int) -> str:
        if not done or self._start is None:
            return ""
        seconds = (now - self._start) / done * (total - done)
        minutes, secs = divmod(int(seconds + 0.5), 60)
        return f"{minutes}:{secs:02d} left"

    def _finished(self) -> bool:
        return all(self.done[k] >= self.totals[k] for k in self.totals)

    def close(self) -> None:
        """End the line, so what is printed next starts on its own."""
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False

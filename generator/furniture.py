"""Find page furniture (newsletter boxes, share bars, comment forms, citation widgets, credits)."""

from __future__ import annotations

from generator.model import Span


def detect(text: str, body: Span) -> tuple[Span, ...]:
    """Spans of `text` inside `body` that are page furniture, in order, not overlapping."""
    return ()

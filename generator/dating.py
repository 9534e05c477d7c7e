"""The date a story's comparison stands for, made in one place for citations, page caches and the build date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from generator.model import Source, Story


def article_date(source: Source) -> date | None:
    """When an article appeared: its stated date, else the day its page's time stamp prints."""
    return source.published or source.stamped


def comparison_date(story: Story) -> date:
    """The date a comparison stands for: its newest article's (so rebuilds give the same citations).

    A story none of whose articles is dated, not even by a time stamp on its page, is dated by the
    build (SOURCE_DATE_EPOCH, which the plugin pins to the site's newest article or, with none, to
    the day of the build): a citation without a date cannot be checked against the page it cites.
    """
    dates = [d for s in story.sources if (d := article_date(s))]
    return max(dates) if dates else build_day()


def build_day() -> date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    try:
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), UTC).date()
    except (KeyError, ValueError, OverflowError):
        return datetime.now(UTC).date()

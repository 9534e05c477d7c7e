"""Who an outlet credits for a sentence: real sentences from the demo corpus and the dev set."""

from __future__ import annotations

from datetime import date

import pytest

from generator.extract.attribution import credited_source
from generator.model import Span


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        (
            "A fired accountant bought a shotgun the day after he lost his job, then returned to the office the "
            "following week and opened fire on his bosses, wounding both and killing a receptionist, the Associated "
            "Press reported.",
            "Associated Press",
        ),
        ("The information was obtained within the past 10 days, Israeli officials told Fox News.", "Fox News"),
        (
            "Iran is not alone there: Iraq's parliament voted for America to leave its soil Sunday after the attack "
            "on Soleimani, which the nation said was a violation of its sovereignty, according to Fox News.",
            "Fox News",
        ),
        ("TEL AVIV (Reuters) - Israel presented on Monday what it said was evidence.", "Reuters"),
        # People are speakers, not credited outlets.
        (
            "The man called 911 when he realized the vehicle next to him matched the description on the radio, "
            "according to Genesee County Sheriff Robert Pickell.",
            None,
        ),
        ("Police said the suspect was arrested after a chase.", None),
    ],
)
def test_credited_source(article, text, credited):
    doc = article(text, "a", date(2020, 1, 8))
    assert credited_source(doc, Span(0, len(text))) == credited

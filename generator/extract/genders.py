"""Whether a pronoun can stand for a named person: "she added" is not John Roe.

Evidence is the article's own courtesy title ("Mr. Roe", "Ms. Doe") and, for a first name, the
gender-guesser name dictionary (data shipped in the package), when neither its American nor its British
counts lean the other way ("Jan", "Jean" stay open). Without such evidence the pronoun may stand for the
person, as before.
"""

from __future__ import annotations

import functools
import re

PRONOUN_GENDERS = {"he": "male", "him": "male", "she": "female", "her": "female"}
_COURTESY = re.compile(r"\b(?:(?P<male>Mr)|(?P<female>Mrs|Ms|Miss))\.?\s+$")
_COUNTRIES = ("usa", "great_britain")


@functools.cache
def _detector():
    from gender_guesser.detector import Detector  # loaded only when a pronoun must be resolved

    return Detector(case_sensitive=True)  # half the memory of a case-blind one (22 MB, not 44): names come capitalised


@functools.lru_cache(maxsize=4096)
def first_name_gender(first: str) -> str | None:
    """A first name's gender, "male" or "female", when the name dictionary says so and neither its American nor
    its British count leans the other way ("Jan" is male overall, mostly female in the USA: None), else None."""
    if len(first) < 2 or not first.isalpha():
        return None
    first = first.capitalize()
    overall = _detector().get_gender(first)
    if overall not in ("male", "female"):
        return None
    other = "female" if overall == "male" else "male"
    local = {_detector().get_gender(first, country) for country in _COUNTRIES}
    return None if local & {other, f"mostly_{other}"} else overall


def courtesy_gender(text_before: str) -> str | None:
    """The gender a courtesy title right before a name gives ("Mr. " -> "male"), else None."""
    found = _COURTESY.search(text_before[-6:])
    return None if found is None else "male" if found["male"] else "female"

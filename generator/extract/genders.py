"""Whether a pronoun can stand for a named person: "she said" is not someone the article calls "Mr. Roe".

The evidence is the article's own courtesy titles ("Mr.", "Mrs.", "Ms.", "Miss"). Without it the pronoun
may stand for the person, as before. (A first-name dictionary would say more; the one on PyPI that ships its
data, gender-guesser, is GPLv3 and Parallax is MIT-licensed, so it is not used.)
"""

from __future__ import annotations

import re

PRONOUN_GENDERS = {"he": "male", "him": "male", "she": "female", "her": "female"}
_COURTESY = re.compile(r"\b(?:(?P<male>Mr)|(?P<female>Mrs|Ms|Miss))\.?\s+$")


def courtesy_gender(text_before: str) -> str | None:
    """The gender a courtesy title right before a name gives ("Mr. " -> "male"), else None."""
    found = _COURTESY.search(text_before[-6:])
    return None if found is None else "male" if found["male"] else "female"

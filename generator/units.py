"""Number words, vague amounts and unit conversions: how a written amount becomes an interval in one unit."""

from __future__ import annotations

import re
from decimal import Decimal

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
WORDS |= {"a dozen": 12, "dozen": 12, "half": 0, "a pair of": 2, "a couple of": 2, "both": 2}
MULTIPLIERS = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "million": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "dozen": Decimal(12),
}

# Vague amounts as intervals; the bounds are conventions a reader would accept.
VAGUE: dict[str, tuple[int | None, int | None]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "thousands": (2_000, 9_999),
    "hundreds": (200, 999),
    "dozens": (24, 99),
    "scores": (40, 99),
    "several": (3, 9),
    "a few": (2, 5),
    "a handful of": (2, 6),
    "multiple": (2, None),
    "numerous": (3, None),
}

# unit word -> (canonical unit, factor to it)
UNITS: dict[str, tuple[str, Decimal]] = {
    "miles per hour": ("km/h", Decimal("1.609344")),
    "miles an hour": ("km/h", Decimal("1.609344")),
    "mph": ("km/h", Decimal("1.609344")),
    "km/h": ("km/h", Decimal(1)),
    "km / h": ("km/h", Decimal(1)),
    "kph": ("km/h", Decimal(1)),
    "kilometres per hour": ("km/h", Decimal(1)),
    "kilometers per hour": ("km/h", Decimal(1)),
    "square feet": ("m2", Decimal("0.09290304")),
    "square foot": ("m2", Decimal("0.09290304")),
    "sq ft": ("m2", Decimal("0.09290304")),
    "square metres": ("m2", Decimal(1)),
    "square metre": ("m2", Decimal(1)),
    "square meters": ("m2", Decimal(1)),
    "square meter": ("m2", Decimal(1)),
    "square miles": ("km2", Decimal("2.589988")),
    "square mile": ("km2", Decimal("2.589988")),
    "square kilometres": ("km2", Decimal(1)),
    "square kilometers": ("km2", Decimal(1)),
    "miles": ("km", Decimal("1.609344")),
    "mile": ("km", Decimal("1.609344")),
    "mi": ("km", Decimal("1.609344")),
    "kilometres": ("km", Decimal(1)),
    "kilometers": ("km", Decimal(1)),
    "kilometre": ("km", Decimal(1)),
    "kilometer": ("km", Decimal(1)),
    "km": ("km", Decimal(1)),
    "feet": ("m", Decimal("0.3048")),
    "foot": ("m", Decimal("0.3048")),
    "ft": ("m", Decimal("0.3048")),
    "metres": ("m", Decimal(1)),
    "meters": ("m", Decimal(1)),
    "metre": ("m", Decimal(1)),
    "meter": ("m", Decimal(1)),
    "percent": ("%", Decimal(1)),
    "per cent": ("%", Decimal(1)),
    "%": ("%", Decimal(1)),
    "tonnes": ("t", Decimal(1)),
    "tonne": ("t", Decimal(1)),
    "tons": ("t", Decimal(1)),
    "ton": ("t", Decimal(1)),
    "kilograms": ("kg", Decimal(1)),
    "kilogram": ("kg", Decimal(1)),
    "kg": ("kg", Decimal(1)),
    "pounds": ("kg", Decimal("0.45359237")),
    "lbs": ("kg", Decimal("0.45359237")),
    "euros": ("EUR", Decimal(1)),
    "euro": ("EUR", Decimal(1)),
    "dollars": ("USD", Decimal(1)),
    "hours": ("min", Decimal(60)),
    "hour": ("min", Decimal(60)),
    "hrs": ("min", Decimal(60)),
    "minutes": ("min", Decimal(1)),
    "minute": ("min", Decimal(1)),
    "mins": ("min", Decimal(1)),
}
# Currency signs written before an amount; a dollar sign with a country prefix is that country's dollar.
CURRENCY_SIGNS = {
    "us$": "USD",
    "a$": "AUD",
    "c$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "euro": "EUR",
}
LOST_CURRENCY = "¤"  # a sign lost in the text's encoding ("?" or U+FFFD before the amount): some currency

# Readers see canonical units under these names; distances also in miles for US readers.
UNIT_NAMES = {
    "min": "min",
    "km/h": "km/h",
    "km": "km",
    "m2": "m²",
    "km2": "km²",
    "m": "m",
    "%": "%",
    "t": "t",
    "kg": "kg",
}
DIMENSIONS = {
    "min": "duration",
    "km/h": "speed",
    "km": "distance",
    "m2": "area",
    "km2": "area",
    "m": "length",
    "%": "percent",
    "t": "weight",
    "kg": "weight",
    **dict.fromkeys(sorted({*CURRENCY_SIGNS.values(), LOST_CURRENCY}), "money"),
}

UNIT_PATTERN = "|".join(sorted((re.escape(u).replace(r"\ ", r"[\s-]+") for u in UNITS), key=len, reverse=True))


def word_number(text: str) -> Decimal | None:
    """'twenty-six' -> 26, 'seven' -> 7, 'two dozen' -> 24; None when it is not a number word."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total, current = Decimal(0), Decimal(0)
    for word in words:
        if word in WORDS and word != "half":
            current += WORDS[word]
        elif word in MULTIPLIERS and word not in ("m", "bn"):
            current = (current or Decimal(1)) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + current, Decimal(0)
        elif word != "and":
            return None
    return total + current


def parse_number(text: str) -> Decimal | None:
    """A written amount without qualifiers: '1,200', '.38', '110bn', '2.5 million', 'twenty-six', 'half a'."""
    t = text.strip().lower()
    if t in ("half", "half a", "half an"):
        return Decimal("0.5")
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?|\.\d+)\s*-?\s*([a-z]+)?", t)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        if m.group(2):
            if m.group(2) not in MULTIPLIERS:
                return None
            value *= MULTIPLIERS[m.group(2)]
        return value
    return word_number(t)


def convert(value: Decimal | None, unit: str | None) -> tuple[Decimal | None, str | None]:
    """A value in a written unit -> the same value in the canonical unit of its dimension."""
    if unit is None:
        return value, None
    canonical, factor = UNITS.get(unit.lower(), (unit, Decimal(1)))
    return (None if value is None else value * factor), canonical


def approx_bounds(value: Decimal, share: Decimal = Decimal("0.1")) -> tuple[Decimal, Decimal]:
    """'about 30' -> [27, 33]: approximate amounts stand for a range around the figure."""
    slack = abs(value) * share
    return value - slack, value + slack


def plain(value: Decimal | None) -> str:
    """A Decimal as a reader writes it: 193.1, 15800, 0.38 without exponent noise."""
    if value is None:
        return "?"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.quantize(Decimal('0.01')).normalize():f}"


def large(value: Decimal | None) -> str:
    """A sum as a reader writes it: 110 billion, 22.4 billion, 900."""
    if value is None:
        return "?"
    for scale, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(value) >= scale:
            return f"{plain(value / scale)} {word}"
    return plain(value)

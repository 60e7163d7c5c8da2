"""Find the figures in a sentence and read them as intervals, exactly as written.

"about 700" is 700..700 (approx), "more than 800" is 800..None,
"600-900" is 600..900, "up to 500" is None..500. Tolerances are the
detector's business. "nearly/almost/close to N" is 0.9N..N approx: the writer
places the true figure just below N ("nearly 1,000" is 900..1,000), while
"just under N" and "fewer than N" are None..N. Plural scales are vague
and read after ACLED's most conservative coding: "dozens" is 12..None,
"hundreds" 100..None, "thousands" 1,000..None, "tens of thousands" 10,000..None,
"hundreds of thousands" 100,000..None; the scale is the lower bound and the
upper end is open.

Number words and mixed forms are read too: "4 thousand", "one million",
"four hundred and twelve", "half a million", "two dozen", "scores of".
An ordinal that numbers a death or a victim states a tally: "the 16th
fatality" is at least 16.

Dates, times, years, ages, durations, ordinals of anything else, codes and
model numbers ("Il-76", "Flight 370"), phone numbers and temperatures are not
figures; money and percentages are figures with a unit, returned only when
asked for (`with_units`): what a claim counts is people and things. Works on
plain text: no model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from streams.models import FigureValue, Qualifier

__all__ = ["Figure", "parse_figures"]

_TOKEN = re.compile(r"[$£€¥₹]?\d+(?:[,.]\d+)*%?|[A-Za-z]+(?:['’-][A-Za-z]+)*\.?|[-–—]|\S")
_DIGITS = re.compile(r"^([$£€¥₹]?)(\d+(?:[,.]\d+)*)(%?)$")
_CURRENCIES = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollars": "USD", "usd": "USD", "pounds": "GBP", "euros": "EUR", "euro": "EUR",
    "rupees": "INR", "yen": "JPY", "yuan": "CNY", "shillings": "KES", "dinars": "LYD",
    "riyals": "SAR",
}  # fmt: skip
_CURRENCY_PREFIXES = {"us$": "USD", "rs": "INR", "inr": "INR", "ksh": "KES", "kes": "KES"}
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000,
    "crore": 10_000_000, "billion": 1_000_000_000,
}  # fmt: skip
_PLURAL_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
_SCORES = "scores"  # 'scores of people': vague, 20
_HALF = {"half": 0.5}  # 'half a million', 'half a dozen'
_VAGUE_MULTIPLIERS = {"tens": 10, "hundreds": 100}
_SEVERAL = {"several", "a few", "some"}

_VERBS_ABOVE = frozenset("exceeded exceeds exceeding surpassed surpasses topped tops".split())
"""Verbs that put a figure above N ('the toll has exceeded 1,000'); the verb stays out of the
figure's span, which the parse reads from the number."""
_QUALIFIERS: dict[tuple[str, ...], Qualifier] = {
    ("about",): Qualifier.APPROX,
    ("around",): Qualifier.APPROX,
    ("approximately",): Qualifier.APPROX,
    ("roughly",): Qualifier.APPROX,
    ("some",): Qualifier.APPROX,
    ("estimated",): Qualifier.APPROX,
    ("an", "estimated"): Qualifier.APPROX,
    ("close", "to"): Qualifier.APPROX,
    ("nearly",): Qualifier.APPROX,
    ("almost",): Qualifier.APPROX,
    ("more", "than"): Qualifier.MORE_THAN,
    ("over",): Qualifier.MORE_THAN,
    ("above",): Qualifier.MORE_THAN,
    ("upwards", "of"): Qualifier.MORE_THAN,
    ("in", "excess", "of"): Qualifier.MORE_THAN,
    **{(verb,): Qualifier.MORE_THAN for verb in _VERBS_ABOVE},
    ("at", "least"): Qualifier.AT_LEAST,
    ("no", "fewer", "than"): Qualifier.AT_LEAST,
    ("no", "less", "than"): Qualifier.AT_LEAST,
    ("up", "to"): Qualifier.UP_TO,
    ("as", "many", "as"): Qualifier.UP_TO,
    ("as", "much", "as"): Qualifier.UP_TO,
    ("at", "most"): Qualifier.AT_MOST,
    ("no", "more", "than"): Qualifier.AT_MOST,
    ("fewer", "than"): Qualifier.AT_MOST,
    ("less", "than"): Qualifier.AT_MOST,
    ("under",): Qualifier.AT_MOST,
    ("below",): Qualifier.AT_MOST,
    ("just", "under"): Qualifier.AT_MOST,
}
_LONGEST_QUALIFIER = max(len(words) for words in _QUALIFIERS)
_JUST_BELOW = {("nearly",), ("almost",), ("close", "to")}
"""Hedges that place the figure just below N: 0.9N..N."""
JUST_BELOW_SHARE = 0.9
"""'nearly N' reaches down to this share of N (the labelling convention of claimwatch's
development set: 'almost two million' is 1.8-2.0 million)."""
_NUMBER_WORDS = sorted(
    {*_UNITS, *_TENS, *_SCALES, *_PLURAL_SCALES, *_VAGUE_MULTIPLIERS, "dozen", _SCORES},
    key=len,
    reverse=True,
)
_MAY_HOLD_A_NUMBER = re.compile(
    rf"\d|(?<![A-Za-z])(?:{'|'.join(_NUMBER_WORDS)})(?![A-Za-z])", re.IGNORECASE
)
"""Every figure has digits or a number word ('seven', 'thousands', 'a dozen'): text with
neither is skipped unread, which is most sentences (the tagger asks of every one)."""
_RANGE_OPENERS = {"between": "and", "from": "to"}
_RANGE_DASHES = {"-", "–", "—", "to"}
_CHANGE_WORDS = {
    "rose", "risen", "rise", "rises", "climbed", "increased", "jumped", "grew", "fell",
    "dropped", "declined", "revised", "raised", "lowered", "up", "down",
}  # fmt: skip
_PERCENT_WORDS = {"percent", "pct"}
_MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
}  # fmt: skip
_TIME_UNITS = {
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days",
    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds",
    "sec", "secs", "decade", "decades", "century", "centuries", "am", "pm", "a.m", "p.m",
    "o'clock", "gmt", "utc", "bc", "ad",
}  # fmt: skip
_AGE_WORDS = {"aged", "age", "ages", "no", "number", "page", "no.", "nos", "tel", "phone"}
_TEMPERATURE_WORDS = {"degrees", "degree", "°", "°c", "°f", "celsius", "fahrenheit"}
_CODE_WORDS = {
    "train", "flight", "route", "highway", "interstate", "bus", "platform", "gate", "room",
    "article", "section", "chapter", "clause", "channel", "level", "category", "phase",
    "stage", "model", "version", "series", "terminal", "runway", "pier", "block", "sector",
    "ward", "resolution", "amendment", "proposition", "unit", "line", "lane", "road",
    "street", "avenue", "exit", "district", "zone", "camp", "brigade", "battalion",
    "division", "regiment", "squadron", "group", "team", "week", "day", "year", "season",
    "episode", "volume", "vol", "issue", "table", "figure", "fig", "case", "bill",
}  # fmt: skip
"""A number right after one of these, capitalised ('Flight 370', 'Train 12841', 'Section 144'),
names something; it counts nothing."""
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_ORDINAL_TALLIES = {"death", "fatality", "victim", "casualty", "body", "arrest"}
"""'the 16th fatality', 'the 500th arrest': the ordinal is a running count of these."""
_ORDINAL_PERSONS = {
    "person", "man", "woman", "child", "resident", "patient", "pilgrim", "passenger",
    "protester", "migrant", "soldier", "worker",
}  # fmt: skip
"""'the 16th person to die': a count when the person is followed by `_ORDINAL_OUTCOMES`."""
_ORDINAL_OUTCOMES = {"die", "perish", "succumb", "be"}
_ORDINAL_EPITHETS = {"confirmed", "known", "reported", "recorded", "official"}
_RATIO_WORDS = {"times", "fold"}
_NOT_ONE_BEFORE = {"no", "the", "this", "that", "every", "any", "which", "each"}
_NOT_ONE_AFTER = {"of", "another", "day", "time", "way", "side", "hand", "thing"}


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure in a text: its character span, its interval as written, and how it is hedged."""

    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    text: str

    def to_value(self) -> FigureValue:
        return FigureValue(
            low=self.low, high=self.high, qualifier=self.qualifier, unit=self.unit, text=self.text
        )


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Number:
    value: float
    end: int  # index of the token after the number
    vague: bool = False
    scaled: bool = False
    unit: str | None = None
    ordinal: bool = False


def parse_figures(text: str, *, with_units: bool = False) -> list[Figure]:
    """Every figure in `text`, left to right, with offsets into `text`.

    Money and percentages ('$5 million', '83%') are read but returned only
    `with_units`: a claim counts people and things.
    """
    if not _MAY_HOLD_A_NUMBER.search(text):
        return []
    toks = [
        _Tok(m.group(), m.group().lower().rstrip("."), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]
    figures: list[Figure] = []
    i = 0
    while i < len(toks):
        figure, i = _figure_at(text, toks, i)
        if figure is not None and (with_units or figure.unit is None):
            figures.append(figure)
    return figures


def _figure_at(text: str, toks: Sequence[_Tok], i: int) -> tuple[Figure | None, int]:
    qualifier, j = _qualifier_at(toks, i)
    opener = toks[i].low if toks[i].low in _RANGE_OPENERS else None
    if opener:
        j = i + 1
    first = _number_at(toks, j)
    if first is None:
        return None, i + 1
    if first.ordinal:
        start, stop = toks[j].start, toks[first.end - 1].end
        tally = Figure(start, stop, first.value, None, Qualifier.AT_LEAST, None, text[start:stop])
        return tally, first.end
    aged = i > 0 and toks[i - 1].low in _AGE_WORDS and toks[i].low not in _VERBS_ABOVE
    if _not_a_figure(toks, j, first) or aged:
        second = _range_end(toks, i, first, opener)
        return None, second.end if second is not None else first.end
    end, low = first.end, first.value
    high: float | None = first.value
    unit = first.unit
    if first.vague:
        qualifier, low, high = Qualifier.VAGUE, first.value, None
    else:
        second = _range_end(toks, i, first, opener)
        if second is not None:
            if second.scaled and not first.scaled and first.value < second.value:
                low = first.value * (second.value / _unscaled(toks[first.end + 1]))
            qualifier, high, end = Qualifier.RANGE, second.value, second.end
            unit = unit or second.unit
        elif opener:
            return None, i + 1
        if qualifier is Qualifier.APPROX and _just_below(toks, i, j):
            low = round(low * JUST_BELOW_SHARE, 6)  # 'nearly 1,000': 900..1,000
        qualifier, end = _postfix(toks, end, qualifier)
        unit, end = _unit_after(toks, end, unit)
    qualifier = qualifier or Qualifier.EXACT
    bounds = _bounds(qualifier, low, high)
    start = toks[j].start if toks[i].low in _VERBS_ABOVE else toks[i].start
    stop = toks[end - 1].end
    figure = Figure(start, stop, *bounds, qualifier, unit, text[start:stop])
    return figure, end


def _qualifier_at(toks: Sequence[_Tok], i: int) -> tuple[Qualifier | None, int]:
    for size in range(_LONGEST_QUALIFIER, 0, -1):
        words = tuple(t.low for t in toks[i : i + size])
        if len(words) == size and words in _QUALIFIERS:
            return _QUALIFIERS[words], i + size
    return None, i


def _just_below(toks: Sequence[_Tok], i: int, j: int) -> bool:
    """The hedge between tokens i and j is 'nearly', 'almost' or 'close to'."""
    return tuple(t.low for t in toks[i:j]) in _JUST_BELOW


def _number_at(toks: Sequence[_Tok], i: int) -> _Number | None:
    """A number starting at token i: digits, number words, scales, or a vague plural."""
    if i >= len(toks):
        return None
    tok = toks[i]
    vague = _vague_at(toks, i)
    if vague is not None:
        return vague
    digits = _DIGITS.match(tok.text)
    if digits:
        raw = digits.group(2)
        if raw.count(".") > 1 or ("," in raw and not _GROUPED.match(raw)):
            return None  # a dotted date or version ('12.03.2025'), or not a number
        value = float(raw.replace(",", ""))
        ordinal = _ordinal_tally(toks, i, raw)
        if ordinal is not None:
            return ordinal
        unit = "percent" if digits.group(3) else _CURRENCIES.get(digits.group(1))
        if unit is None and i > 0 and toks[i - 1].end == tok.start:
            unit = _CURRENCY_PREFIXES.get(toks[i - 1].low)  # 'US$5.5', 'Rs10'
        if unit is None and i > 0 and toks[i - 1].low in _CURRENCY_PREFIXES:
            unit = _CURRENCY_PREFIXES[toks[i - 1].low]  # 'Rs 10 lakh', 'KSh 500'
        return _scaled(toks, i + 1, value, unit)
    if tok.low in ("a", "an") and i + 1 < len(toks):
        nxt = toks[i + 1].low
        if nxt in _SCALES or nxt == "dozen":
            return _scaled(toks, i + 1, 1.0, None)
        return None
    if tok.low in _HALF and i + 2 < len(toks) and toks[i + 1].low in ("a", "an"):
        if toks[i + 2].low in _SCALES or toks[i + 2].low == "dozen":
            return _scaled(toks, i + 2, _HALF[tok.low], None)
        return None
    return _words_at(toks, i)


def _ordinal_tally(toks: Sequence[_Tok], i: int, raw: str) -> _Number | None:
    """'the 16th fatality', 'the 16th confirmed death', 'the 16th person to die': at least 16."""
    if not raw.isdigit() or i + 1 >= len(toks):
        return None
    suffix = toks[i + 1]
    if suffix.low not in _ORDINAL_SUFFIXES or suffix.start != toks[i].end:
        return None
    k = i + 2
    if k < len(toks) and toks[k].low in _ORDINAL_EPITHETS:
        k += 1
    if k >= len(toks):
        return None
    noun = toks[k].low
    if noun in _ORDINAL_TALLIES:
        return _Number(float(raw), i + 2, ordinal=True)
    outcome = [t.low for t in toks[k + 1 : k + 3]]
    if (
        noun in _ORDINAL_PERSONS
        and outcome[:1] == ["to"]
        and outcome[1:]
        and (outcome[1] in _ORDINAL_OUTCOMES)
    ):
        return _Number(float(raw), i + 2, ordinal=True)
    return None


def _vague_at(toks: Sequence[_Tok], i: int) -> _Number | None:
    """'thousands', 'tens of thousands', 'hundreds of thousands', 'several thousand'."""
    words = [t.low for t in toks[i : i + 3]]
    if len(words) == 3 and words[0] in _VAGUE_MULTIPLIERS and words[1] == "of":
        if words[2] in _PLURAL_SCALES:
            base = _VAGUE_MULTIPLIERS[words[0]] * _PLURAL_SCALES[words[2]]
            return _Number(float(base), i + 3, vague=True)
    if words and words[0] in _PLURAL_SCALES:
        return _Number(float(_PLURAL_SCALES[words[0]]), i + 1, vague=True)
    if words[:2] == [_SCORES, "of"]:
        return _Number(20.0, i + 1, vague=True)
    for size in (2, 1):
        lead = " ".join(words[:size])
        if lead in _SEVERAL and len(words) > size and words[size] in _SCALES:
            if lead == "some" and i + size + 1 < len(toks) and toks[i + size + 1].low == "of":
                return None
            return _Number(float(_SCALES[words[size]]), i + size + 1, vague=True)
    return None


def _words_at(toks: Sequence[_Tok], i: int) -> _Number | None:
    total, current, j, seen = 0.0, 0.0, i, False
    while j < len(toks):
        word = toks[j].low
        if word == "and":
            if not (seen and _continues_after_and(toks, j)):
                break  # 'four hundred and twelve', 'one thousand and twenty'
            j += 1
            continue
        parts = word.split("-")  # 'sixty-one', 'three hundred-sixty-one'
        if not all(p in _UNITS or p in _TENS or p in _SCALES or p == "dozen" for p in parts):
            break
        if not seen and parts[0] not in _UNITS and parts[0] not in _TENS:
            break
        for part in parts:
            if part in _UNITS:
                current += _UNITS[part]
            elif part in _TENS:
                current += _TENS[part]
            elif part == "hundred":
                current *= 100
            elif part == "dozen":
                current *= 12
            else:
                total += current * _SCALES[part]
                current = 0.0
        seen, j = True, j + 1
    if not seen:
        return None
    scaled = any(p in _SCALES for k in range(i, j) for p in toks[k].low.split("-"))
    return _Number(total + current, j, scaled=scaled)


def _continues_after_and(toks: Sequence[_Tok], j: int) -> bool:
    """'and' inside a number: after 'hundred' or a scale, before a unit or a ten."""
    if j + 1 >= len(toks) or toks[j - 1].low not in _SCALES:
        return False
    nxt = toks[j + 1].low
    return nxt in _UNITS or nxt in _TENS or nxt.split("-")[0] in _TENS


def _scaled(toks: Sequence[_Tok], j: int, value: float, unit: str | None) -> _Number:
    scaled = False
    while j < len(toks) and (toks[j].low in _SCALES or toks[j].low == "dozen"):
        value *= _SCALES.get(toks[j].low, 12)
        scaled, j = True, j + 1
    return _Number(value, j, scaled=scaled, unit=unit)


def _unscaled(tok: _Tok) -> float:
    """The value of a scaled number without its scale words ('3' of '3 million')."""
    plain = _DIGITS.match(tok.text)
    return float(plain.group(2).replace(",", "")) if plain else 1.0


def _range_end(toks: Sequence[_Tok], i: int, first: _Number, opener: str | None) -> _Number | None:
    j = first.end
    if j >= len(toks):
        return None
    joiner = toks[j].low
    if opener:
        if joiner != _RANGE_OPENERS[opener]:
            return None
        if opener == "from" and i > 0 and toks[i - 1].low in _CHANGE_WORDS:
            return None
    elif joiner not in _RANGE_DASHES or (joiner == "to" and i > 0 and toks[i - 1].low == "from"):
        return None
    if joiner in ("-", "–", "—") and toks[j].start != toks[j - 1].end:
        return None
    second = _number_at(toks, j + 1)
    if second is None or second.vague or second.value <= first.value and not second.scaled:
        return None
    return second


def _postfix(
    toks: Sequence[_Tok], j: int, qualifier: Qualifier | None
) -> tuple[Qualifier | None, int]:
    words = tuple(t.low for t in toks[j : j + 2])
    if words == ("or", "more"):
        return Qualifier.AT_LEAST, j + 2
    if words == ("or", "so"):
        return Qualifier.APPROX, j + 2
    if words[:1] == ("plus",) or (words[:1] == ("+",) and toks[j].start == toks[j - 1].end):
        return Qualifier.AT_LEAST, j + 1
    return qualifier, j


def _unit_after(toks: Sequence[_Tok], j: int, unit: str | None) -> tuple[str | None, int]:
    if j < len(toks):
        word = toks[j].low
        if word in _PERCENT_WORDS or word == "%":
            return "percent", j + 1
        if word == "per" and j + 1 < len(toks) and toks[j + 1].low == "cent":
            return "percent", j + 2
        if word in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[word], j + 1
    return unit, j


def _bounds(
    qualifier: Qualifier, low: float, high: float | None
) -> tuple[float | None, float | None]:
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return low, None
    if qualifier in (Qualifier.UP_TO, Qualifier.AT_MOST):
        return None, high
    return low, high


def _clock(toks: Sequence[_Tok], j: int) -> bool:
    """'a.m.' / 'p.m.' written with dots, which the tokenizer splits in two."""
    return j + 1 < len(toks) and toks[j].low in ("a", "p") and toks[j + 1].low == "m"


def _ratio_of(toks: Sequence[_Tok], j: int) -> bool:
    """Token j starts the 'M' of 'N in M': a plain number that is not a year."""
    number = _number_at(toks, j)
    if number is None or number.vague:
        return False
    return not (toks[j].text.isdigit() and len(toks[j].text) == 4 and not number.scaled)


def _day_of_month(tok: _Tok, number: _Number) -> bool:
    """A plain 1..31 with no scale or unit: beside a month name it is a day."""
    plain = _DIGITS.match(tok.text)
    if not plain or number.scaled or number.unit or not plain.group(2).isdigit():
        return False
    return 1 <= int(plain.group(2)) <= 31


def _is_month(tok: _Tok) -> bool:
    """A month name as dates write it: capitalised, so the modal 'may' is not one."""
    return tok.low in _MONTHS and tok.text[:1].isupper()


def _is_code_word(tok: _Tok) -> bool:
    """'Flight 370', 'Train 12841', 'Section 144': a capitalised name of a numbered thing."""
    return tok.low in _CODE_WORDS and tok.text[:1].isupper()


def _glued_digits_after(toks: Sequence[_Tok], j: int) -> bool:
    return j + 1 < len(toks) and toks[j + 1].start == toks[j].end and toks[j + 1].text[0].isdigit()


def _phone_like(toks: Sequence[_Tok], i: int) -> bool:
    """A phone number or code: a leading zero ('0800'), a '+' glued in front ('+44'), or three
    or more digit groups in a row ('0800 123 456', '555-123-4567')."""
    raw = toks[i].text
    if not raw.isdigit():
        return False
    if len(raw) > 1 and raw[0] == "0":
        return True
    if i > 0 and toks[i - 1].text == "+" and toks[i - 1].end == toks[i].start:
        return True
    run = 1
    for step in (-1, 1):
        k = i
        while 0 <= k + step < len(toks):
            nxt = toks[k + step]
            sep = None
            if nxt.text in ("-", ".") and 0 <= k + 2 * step < len(toks):
                sep, nxt = nxt, toks[k + 2 * step]
            left, right = (nxt, toks[k]) if step < 0 else (toks[k], nxt)
            gap = right.start - left.end
            if not nxt.text.isdigit() or gap > (1 if sep is None else 2 + len(sep.text)):
                break
            if sep is not None and (sep.start - left.end > 0 or right.start - sep.end > 0):
                break
            run, k = run + 1, k + (2 if sep is not None else 1) * step
    return run >= 3


def _value(raw: str) -> float:
    return float(raw.replace(",", "")) if raw.count(".") <= 1 else float("inf")


_QUANTIFIERS = frozenset({"of", "some", "about", "around", "nearly", "almost", "over", "than"})
"""Words that lead a count ('a total of 1950 arrests'): a year never follows them and a noun."""


def _counted_after_quantifier(before: _Tok | None, after: _Tok | None) -> bool:
    """'a total of 1950 arrests', 'some 1900 people': a four-digit count, not a year."""
    return (
        before is not None
        and after is not None
        and before.low in _QUANTIFIERS
        and after.text.isalpha()
        and after.text.islower()
        and (after.low.endswith("s") or after.low in ("people", "police"))
        and after.low not in _TIME_UNITS
    )


def _not_a_figure(toks: Sequence[_Tok], i: int, number: _Number) -> bool:
    """Dates, times, years, ages, durations, ratios ('three times'), ordinals, codes, phone
    numbers, temperatures and idioms such as 'one of'."""
    tok = toks[i]
    before = toks[i - 1] if i > 0 else None
    after = toks[number.end] if number.end < len(toks) else None
    if number.vague:
        return False
    day = _day_of_month(tok, number)
    if before is not None and (
        (day and _is_month(before)) or before.low in _AGE_WORDS or _is_code_word(before)
    ):
        return True
    if _phone_like(toks, i):
        return True
    if after is not None:
        glued = after.start == toks[number.end - 1].end
        if glued and (after.text[0].isalpha() or after.text == "/"):
            return True
        if glued and after.text == ":" and _glued_digits_after(toks, number.end):
            return True  # a clock time '10:30'; '412: the number of people' is a figure
        if (day and _is_month(after)) or after.low in _TIME_UNITS or after.low in _RATIO_WORDS:
            return True
        if after.low == "in" and _ratio_of(toks, number.end + 1):
            return True  # a ratio: 'nearly 1 in 3', 'one in five'
        if after.low in _TEMPERATURE_WORDS:
            return True
        if _clock(toks, number.end):
            return True
        if after.text in ("-", "–") and glued and number.end + 1 < len(toks):
            nxt = toks[number.end + 1]
            if nxt.low.split("-")[0] in _TIME_UNITS:
                return True
            paired = _DIGITS.match(nxt.text)
            if paired and nxt.start == after.end and _value(paired.group(2)) <= number.value:
                return True  # a score or a span of years: '1-0', '2024-25'
    if before is not None and before.low == "in" and i > 1:
        ratio = _number_at(toks, i - 2)
        if ratio is not None and ratio.end == i - 1 and _ratio_of(toks, i):
            return True
    if before is not None and before.text in ("-", "–") and before.start == tok.start - 1:
        if i > 1 and toks[i - 2].end == before.start and toks[i - 2].text[-1].isalnum():
            return True
    if (
        before is not None
        and before.end == tok.start
        and (before.text[-1].isalnum() or before.text in ":/")
    ):
        return True
    plain = _DIGITS.match(tok.text)
    if plain and not number.scaled and not number.unit:
        raw = plain.group(2)
        if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100:
            return not _counted_after_quantifier(before, after)
    if tok.low == "one":
        if (before is not None and before.low in _NOT_ONE_BEFORE) or (
            after is not None and after.low in _NOT_ONE_AFTER
        ):
            return True
    return False

"""Stage 3: every quantitative mention in the cleaned texts, with its characters in the raw file.

Kinds: `number` (digits or words), `ordinal`, `percent`, `money` (full amount and ISO currency),
`date` (years, months, days, ranges, decades, fiscal years, "start of 2018") and `name` for tokens
that look numeric but name something ("G-7", "Group of Seven", "2+2", "Flight 17", "America First").
Names are kept in the table, tagged `name`, so a reader can see they were recognised and set aside.

The bare word "one" (and "a"/"an") is not counted: in these texts it is a pronoun or determiner far
more often than a count ("one of the", "one such call"); it is counted inside compounds ("twenty-one").
Number words are parsed by `words_to_number` (a few lines, tested) rather than a dependency: the
candidates rewrite whole texts (losing offsets) or raise on non-number words.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dates import MONTH_PATTERN, MONTHS, month_number
from .outputs import format_number, read_text_table, write_csv

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "dozen": 12}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
                 "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
                 "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100}
CURRENCIES = {"$": "USD", "US$": "USD", "¥": "JPY", "€": "EUR", "£": "GBP",
              "yen": "JPY", "dollars": "USD", "dollar": "USD", "rubles": "RUB", "roubles": "RUB",
              "euros": "EUR", "yuan": "CNY"}

_UNIT_WORD = "|".join(sorted((w for w in UNITS if w != "one"), key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SCALE_WORD = "|".join(SCALES)
# "twenty-one", "eighty-nine", "four", "two hundred", "one million" (bare "one" is not a count).
_NUMBER_WORDS = (rf"(?:(?:{_TENS_WORD})(?:-(?:{_ONES}))?|{_UNIT_WORD}|one(?=\s+(?:{_SCALE_WORD})))"
                 rf"(?:\s+(?:{_SCALE_WORD}))*")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = rf"(?:{_DIGITS})(?:\s+(?:{_SCALE_WORD}))?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH = MONTH_PATTERN
_FULL_MONTH = (r"(?:January|February|March|April|June|July|August|September|October|November"
               r"|December)")
_DATE_RANGE_SEP = r"\s*(?:-|–|—|to|and|through|until)\s*"

# (kind, pattern); where two candidates overlap, the longer wins, then the earlier in this list.
PATTERNS: list[tuple[str, str, re.Pattern]] = []


def _pattern(kind: str, name: str, regex: str, flags: int = 0) -> None:
    PATTERNS.append((kind, name, re.compile(regex, flags)))


_pattern("name", "group_of", r"\bG-?(?:7|8|20)\b|\bGroup of (?:Seven|Eight|Twenty)\b")
_pattern("name", "two_plus_two", r"(?<![\d+])2\s?\+\s?2(?![\d+])")
_pattern("name", "flight", r"\b(?:Flight|Article|Resolution|Route|Unit) \d+\b")
_pattern("name", "slogan", r"\bAmerica First\b")
_pattern("money", "symbol_money", rf"(?:US\$|\$|¥|€|£)\s?{_AMOUNT}")
_pattern("money", "word_money", rf"\b{_AMOUNT}\s+(?:yen|dollars?|rubles|roubles|euros|yuan)\b")
_pattern("percent", "percent", rf"(?:\b{_NUMBER_WORDS}|(?<![\w.]){_DIGITS})\s?(?:%|percent\b|per cent\b)",
         re.I)
_pattern("date", "day_range_year", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY},?\s+{_YEAR}\b")
_pattern("date", "month_day_year", rf"\b{_MONTH}\s?{_DAY},?\s+{_YEAR}\b")
_pattern("date", "day_month_year", rf"\b{_DAY}\s+{_MONTH}\s+{_YEAR}\b")
_pattern("date", "day_range", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY}\b(?!,?\s+{_YEAR})")
_pattern("date", "month_day", rf"\b{_MONTH}\s?{_DAY}\b(?!,?\s+{_YEAR})(?![\d:])")
_pattern("date", "month_range_year", rf"\b{_FULL_MONTH}{_DATE_RANGE_SEP}{_FULL_MONTH},?\s+{_YEAR}\b")
_pattern("date", "month_year", rf"\b(?:{_FULL_MONTH}|May)\s+{_YEAR}\b")
_pattern("date", "fiscal_year", rf"\b(?:fiscal(?: year)?\s+|FY\s?){_YEAR}\b")
_pattern("date", "part_of_year", rf"\b(?:start|beginning|end|middle|first half|second half)\s+of\s+{_YEAR}\b")
_DECADE = r"(?:1[5-9]|20)\d0s"
_pattern("date", "decades", rf"\b{_DECADE}(?:\s+and\s+{_DECADE})?\b")
_pattern("date", "year_range", rf"\b{_YEAR}\s?[-–]\s?(?:{_YEAR}|\d\d)\b")
_pattern("date", "year", rf"(?<![\d,.$])\b{_YEAR}\b(?!\d|,\d|\.\d)")
_pattern("date", "month", rf"\b{_FULL_MONTH}\b|(?<=\b(?:in|of|by) )May\b")
_pattern("ordinal", "ordinal_digits", r"\b\d+(?:st|nd|rd|th)\b")
_pattern("ordinal", "ordinal_words", rf"\b(?:(?:{_TENS_WORD})-)?(?:{'|'.join(ORDINAL_WORDS)})\b", re.I)
_pattern("number", "digits", rf"(?<![\w.,$]){_AMOUNT}(?![\w])")
_pattern("number", "number_words", rf"\b{_NUMBER_WORDS}\b", re.I)


@dataclass(frozen=True)
class Mention:
    """One quantitative mention in a cleaned text."""
    source_id: str
    mention_id: str
    kind: str
    pattern: str
    surface: str
    value: float | str | None
    unit: str
    date_start: str
    date_end: str
    year_inferred: str  # the year a year-less date took from the source's date, or "unknown"
    start: int
    end: int
    raw_start: int
    raw_end: int
    sentence: str


# --- values ----------------------------------------------------------------------------------
def words_to_number(words: str) -> int:
    """The integer a run of English number words names: "twenty-one" -> 21, "four billion" -> 4e9."""
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower().strip()):
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        elif word != "and":
            raise ValueError(f"not a number word: {word!r}")
    return total + current


def parse_amount(text: str) -> float:
    """"4 billion" -> 4e9, "38.5" -> 38.5, "4,888" -> 4888, "twenty-one" -> 21."""
    match = re.match(rf"({_DIGITS})\s*(.*)$", text.strip())
    if not match:
        return float(words_to_number(text))
    value = float(match[1].replace(",", ""))
    for scale in match[2].split():
        value *= SCALES.get(scale.lower(), 1)
    return value


def _ordinal_value(text: str) -> int:
    text = text.lower()
    if text[0].isdigit():
        return int(re.match(r"\d+", text).group())
    if "-" in text:
        tens, ordinal = text.split("-", 1)
        return TENS[tens] + ORDINAL_WORDS[ordinal]
    return ORDINAL_WORDS[text]


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def date_bounds(name: str, surface: str, context_year: int | None) -> tuple[str, str, str]:
    """(date_start, date_end, year_inferred) of a date mention; a year-less date takes `context_year`."""
    months = [month_number(m) for m in re.findall(_MONTH, surface)]
    days = [int(d) for d in re.findall(r"(?<!\d)\d{1,2}(?!\d)", surface)]
    years = [int(y) for y in re.findall(r"\d{4}", surface)]
    inferred = ""
    if not years and name in ("day_range", "month_day", "month"):
        if context_year is None:
            return "", "", "unknown"
        years, inferred = [context_year], str(context_year)
    year = years[0] if years else None
    if name in ("day_range_year", "day_range"):
        start, end = dt.date(years[-1], months[0], days[0]), dt.date(years[-1], months[0], days[1])
    elif name in ("month_day_year", "day_month_year", "month_day"):
        start = end = dt.date(year, months[0], days[0])
    elif name == "month_range_year":
        start, end = _month_bounds(years[-1], months[0])[0], _month_bounds(years[-1], months[-1])[1]
    elif name in ("month_year", "month"):
        start, end = _month_bounds(year, months[0])
    elif name == "fiscal_year":  # Japan's fiscal year runs April to March
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    elif name == "part_of_year":
        quarter = {"start": 1, "beginning": 1, "first half": 1, "middle": 2, "second half": 3, "end": 4}
        part = next(k for k in quarter if surface.lower().startswith(k))
        first_month = {1: 1, 2: 4, 3: 7, 4: 10}[quarter[part]]
        last_month = {"first half": 6, "second half": 12}.get(part, first_month + 2)
        start, end = dt.date(year, first_month, 1), _month_bounds(year, last_month)[1]
    elif name == "decades":
        decades = [int(d) for d in re.findall(r"(\d{4})s", surface)]
        start, end = dt.date(decades[0], 1, 1), dt.date(decades[-1] + 9, 12, 31)
    elif name == "year_range":
        first, last = re.findall(r"\d{4}|\d\d(?!\d)", surface)[:2]
        last_year = int(last) if len(last) == 4 else int(first[:2] + last)
        start, end = dt.date(int(first), 1, 1), dt.date(last_year, 12, 31)
    else:  # year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return start.isoformat(), end.isoformat(), inferred


def _value(kind: str, name: str, surface: str, context_year: int | None):
    """(value, unit, date_start, date_end, year_inferred) of a mention."""
    if kind == "name":
        return None, "", "", "", ""
    if kind == "money":
        symbol = re.match(r"US\$|\$|¥|€|£", surface)
        word = re.search(r"(yen|dollars?|rubles|roubles|euros|yuan)$", surface)
        unit = CURRENCIES[symbol.group() if symbol else word.group(1)]
        amount = re.sub(r"^(?:US\$|\$|¥|€|£)\s?|\s+(?:yen|dollars?|rubles|roubles|euros|yuan)$", "", surface)
        return parse_amount(amount), unit, "", "", ""
    if kind == "percent":
        amount = re.sub(r"\s?(?:%|percent|per cent)$", "", surface, flags=re.I)
        return parse_amount(amount), "percent", "", "", ""
    if kind == "ordinal":
        return _ordinal_value(surface), "", "", "", ""
    if kind == "date":
        start, end, inferred = date_bounds(name, surface, context_year)
        value = start if start == end else f"{start}/{end}" if start else ""
        return value, "", start, end, inferred
    return parse_amount(surface), "", "", "", ""


# --- finding ---------------------------------------------------------------------------------
def _families() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    """One regex per kind: its patterns as named alternatives, most specific first, and an anchor
    that must occur in a text for the kind to be looked for at all (no "%", no percentages)."""
    anchors = {"percent": re.compile(r"%|per ?cent", re.I),
               "money": re.compile(r"[$¥€£]|yen|dollar|ruble|rouble|euro|yuan")}
    families = []
    for kind in dict.fromkeys(k for k, _, _ in PATTERNS):
        members = [(name, pattern) for k, name, pattern in PATTERNS if k == kind]
        combined = "|".join(f"(?P<{name}>(?i:{pattern.pattern}))" if pattern.flags & re.I
                            else f"(?P<{name}>{pattern.pattern})" for name, pattern in members)
        families.append((kind, re.compile(combined), anchors.get(kind)))
    return families


FAMILIES = _families()
_PRIORITY = {name: i for i, (_, name, _) in enumerate(PATTERNS)}
# Every pattern starts at one of these tokens: a digit, a currency sign, or one of these words.
_TOKEN = re.compile(r"[A-Za-z]+|\d+|[$¥€£]")
_STARTING_WORDS = ({m for m in MONTHS} | set(UNITS) | set(TENS) | set(ORDINAL_WORDS)
                   | {"fiscal", "fy", "start", "beginning", "end", "middle", "first", "second", "g",
                      "group", "flight", "article", "resolution", "route", "unit", "america", "us"})


def _candidates(text: str) -> list[tuple[int, int, int, str, str]]:
    """Every pattern match, tried only where a pattern can start (a scan per pattern is 4x slower)."""
    families = [(kind, pattern) for kind, pattern, anchor in FAMILIES if not anchor or anchor.search(text)]
    found = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        if not (word[0].isdigit() or word in "$¥€£" or word.lower() in _STARTING_WORDS):
            continue
        for kind, pattern in families:
            match = pattern.match(text, token.start())
            if match and match.end() > match.start():
                found.append((match.start(), match.end(), _PRIORITY[match.lastgroup], kind, match.lastgroup))
    return found


def _select(candidates):
    """Non-overlapping candidates: longest first, then by pattern priority."""
    chosen: list[tuple[int, int, int, str, str]] = []
    taken = [False] * (max((c[1] for c in candidates), default=0) + 1)
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if not any(taken[cand[0]:cand[1]]):
            chosen.append(cand)
            for i in range(cand[0], cand[1]):
                taken[i] = True
    return sorted(chosen)


_SENTENCE_BREAK = re.compile(r"(?<=[.?!…])[\"”’]?\s+(?=[\"“‘(]?[A-Z])|\n\n")
_ABBREVIATIONS = re.compile(r"(?:\b[A-Z]\.|\bU\.S\.|\bU\.N\.|\bDr\.|\bMr\.|\bMs\.|\bMrs\.|\bSt\.|"
                            r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; abbreviations such as "U.S." or "Nov." do not end one."""
    spans, start = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        head = text[start:match.start()].rstrip("\"”’")
        if match.group() != "\n\n" and _ABBREVIATIONS.search(head):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def extract_mentions(cleaned, context_date: str = "") -> list[Mention]:
    """Every quantitative mention in a `CleanedSource`, in text order, with raw offsets."""
    text = cleaned.text
    context_year = int(context_date[:4]) if context_date else None
    sentences = sentence_spans(text)
    sentence_starts = [start for start, _ in sentences]
    mentions = []
    for number, (start, end, _, kind, name) in enumerate(_select(_candidates(text)), start=1):
        surface = text[start:end]
        try:
            value, unit, date_start, date_end, inferred = _value(kind, name, surface, context_year)
        except ValueError:  # "February 30, 2018": looks like a date, is none; not a quantity either
            continue
        raw_start, raw_end = cleaned.raw_span(start, end)
        s, e = sentences[max(bisect.bisect_right(sentence_starts, start) - 1, 0)]
        sentence = text[s:e] if s <= start < e else ""
        mentions.append(Mention(cleaned.source_id, f"{cleaned.source_id}:m{number:03d}", kind, name,
                                surface, value, unit, date_start, date_end, inferred, start, end,
                                raw_start, raw_end, sentence))
    return mentions


MENTION_COLUMNS = ["source_id", "mention_id", "kind", "pattern", "surface", "value", "unit",
                   "date_start", "date_end", "year_inferred", "start", "end", "raw_start", "raw_end",
                   "sentence"]


def mentions_table(mentions: list[Mention]) -> pd.DataFrame:
    """Mentions as a table; numeric values written without a spurious '.0'."""
    frame = pd.DataFrame([m.__dict__ for m in mentions], columns=MENTION_COLUMNS)
    frame["value"] = [format_number(v) if isinstance(v, float) else "" if v is None else str(v)
                      for v in frame["value"]]
    return frame


def write_mentions(mentions: list[Mention], data_dir: str | Path) -> Path:
    return write_csv(mentions_table(mentions), Path(data_dir) / "mentions.csv")


def read_mentions(data_dir: str | Path) -> pd.DataFrame:
    """data/mentions.csv as written by notebook 03, everything as text but offsets."""
    path = Path(data_dir) / "mentions.csv"
    frame = read_text_table(path)
    for column in ("start", "end", "raw_start", "raw_end"):
        frame[column] = frame[column].astype(int)
    return frame

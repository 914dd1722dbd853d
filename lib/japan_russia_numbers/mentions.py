"""Stage 3: every quantitative mention in the cleaned texts, with its characters in the raw file.

Kinds: `number` (digits or words), `ordinal`, `percent`, `money` (full amount and ISO currency),
`date` (years, months, days, ranges, decades, fiscal years, "start of 2018", "last September") and
`name` for tokens that look numeric but name something ("G-7", "Group of Seven", "2+2", "Flight 17",
"America First", designations such as "Su-35", "F-15J" or "S-400", project names such as
"Sakhalin-2" or "Arctic LNG 2", "World War Two", "UTC+3"). Names are kept in the table, tagged
`name`, so a reader can see they were recognised and set aside.

The bare word "one" is counted only where it quantifies a noun ("only one violation", "one Chinese
drone", "one-day visit"); it is not counted where it is a pronoun or part of an idiom ("one of the",
"no one", "one another", "one such call", "this one", "one by one", "one day" meaning some day).
See `_one_is_a_count`. "a"/"an" are never counted; "one" is always counted inside compounds
("twenty-one", "one million").

Digits are read in any script: full-width "１，１６８" is 1168 and "２０１８年" the year 2018. Patterns
run on a same-length copy of the text in which every Unicode decimal digit is its ASCII digit and every
full-width sign its ASCII sign, so offsets, surfaces and raw spans are those of the text itself.
A comma followed by exactly one or two digits is a decimal comma ("27,5%", "3,5 million"): no
thousands separator is followed by fewer than three digits; "1,004" stays 1004.

Every date mention carries a `date_note`: where a year-less date took its year from, or why it has
none. Number words are parsed by `words_to_number` (a few lines, tested) rather than a dependency: the
candidates rewrite whole texts (losing offsets) or raise on non-number words.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import unicodedata
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
CURRENCIES = {"$": "USD", "US$": "USD", "$US": "USD", "¥": "JPY", "€": "EUR", "£": "GBP",
              "yen": "JPY", "dollars": "USD", "dollar": "USD", "rubles": "RUB", "roubles": "RUB",
              "euros": "EUR", "yuan": "CNY"}
# Abbreviated scales as business copy prints them: "17.2bn yen", "$110mn", "$5m" (bare "m" only
# after a currency sign: "5m" alone is as often five metres).
SCALE_ABBREVIATIONS = {"bn": 1_000_000_000, "mn": 1_000_000, "m": 1_000_000, "tn": 1_000_000_000_000,
                       "trn": 1_000_000_000_000}

_UNIT_WORD = "|".join(sorted((w for w in UNITS if w != "one"), key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SCALE_WORD = "|".join(SCALES)
# "twenty-one", "eighty-nine", "four", "two hundred", "one million" (bare "one": see _one_is_a_count).
_NUMBER_WORDS = (rf"(?:(?:{_TENS_WORD})(?:-(?:{_ONES}))?|{_UNIT_WORD}|one(?=\s+(?:{_SCALE_WORD})))"
                 rf"(?:\s+(?:{_SCALE_WORD}))*")
# Thousands separators need three digits after each comma; a comma followed by exactly one or two
# digits (and no further digit) cannot be one, so it is a decimal comma: "27,5", "3,5".
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?![\d,])"
_DIGITS = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?![,\d])|{_DECIMAL_COMMA}|\d+(?:\.\d+)?"
_SCALE_ABBR = r"(?:bn|mn|trn|tn)\b"
_AMOUNT = rf"(?:{_DIGITS})(?:\s+(?:{_SCALE_WORD})|\s?{_SCALE_ABBR})?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH = MONTH_PATTERN
_FULL_MONTH = (r"(?:January|February|March|April|June|July|August|September|October|November"
               r"|December)")
_ANY_FULL_MONTH = rf"(?:{_FULL_MONTH}|May)"
_DATE_RANGE_SEP = r"\s*(?:-|–|—|to|and|through|until)\s*"
_MONTH_RANGE_SEP = r"\s*(?:-|–|—|to|through|until)\s*"
_LAST_YEAR = r"(?:\s+(?:of\s+)?(?:last|this)\s+year\b)"
# Words that, written "<Word>-<digits>", are not names: months ("Aug-2018"), prefixes ("mid-2018").
_NOT_NAME_PREFIX = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
                    r"|April|June|July|August|September|October|November|December|FY|No|Pre|Post|Mid"
                    r"|Late|Early|Since|Circa|Fiscal|Year|Top|Over|Under|Page|Age)")

# (kind, pattern); where two candidates overlap, the longer wins, then the earlier in this list.
PATTERNS: list[tuple[str, str, re.Pattern]] = []


def _pattern(kind: str, name: str, regex: str, flags: int = 0) -> None:
    PATTERNS.append((kind, name, re.compile(regex, flags)))


_pattern("name", "group_of", r"\bG-?(?:7|8|20)\b|\bGroup of (?:Seven|Eight|Twenty|7|8|20)\b")
_pattern("name", "two_plus_two", r"(?<![\d+])2\s?\+\s?2(?![\d+])|\b(?:2|[Tt]wo)[- ]plus[- ](?:2|two)\b")
_pattern("name", "flight", r"\b(?:Flight|Article|Resolution|Route|Unit) \d+\b")
_pattern("name", "slogan", r"\bAmerica First\b")
# Wars by number: "World War Two", "World War II", "World War 2", "WWII", "the Second World War".
_pattern("name", "world_war", r"\bWorld War (?:[Oo]ne|[Tt]wo|[Tt]hree|III|II|I|[123])\b"
                              r"|\bWW(?:III|II|I|[123])\b|\b(?:First|Second|Third) World War\b")
# Designations: a short letter code, a hyphen and digits, perhaps a variant suffix or a plural:
# aircraft, missiles and ships ("Su-35", "F-15J", "Tu-154MD", "MiG-31", "S-400", "Kh-101", "F-15s").
_pattern("name", "designation", rf"\b(?!{_NOT_NAME_PREFIX}-)[A-Z][A-Za-z]{{0,4}}-\d{{1,4}}"
                                r"(?:[A-Z]{1,3}\d{0,2})?s?\b(?![.,]\d)")
# "<Capitalised word>-<digits>" names: "Sakhalin-2", "Tupolev-142", "Sukhoi-24" (years are not names).
_pattern("name", "hyphen_name", rf"\b(?!{_NOT_NAME_PREFIX}-)[A-Z][a-z]{{2,}}-\d{{1,3}}(?:[A-Z]{{1,3}})?\b"
                                r"(?![.,]\d)")
# LNG projects: "Arctic LNG 2", "Yamal LNG" (not "Russian LNG", "Japanese LNG": nationality words).
_pattern("name", "lng_project", r"\b[A-Z][a-z]+ LNG[- ]\d\b"
                                r"|\b(?!(?:The|This|That|These|Those|Its|Their|Our|Any|All|New)\b)"
                                r"[A-Z][a-z]+(?<!an|se|sh) LNG\b(?![- ]\d)")
# A roman numeral after a capitalised word names a model or a monarch: "Phantom II", "Elizabeth II".
_pattern("name", "roman_numeral", r"\b[A-Z][a-z]+ (?:II|III|IV|VI|VII|VIII)\b(?![-'’\w])")
_pattern("name", "time_zone", r"\b(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d\d)?\b")
_pattern("money", "symbol_money", rf"(?:US\$|\$US|\$|¥|€|£)\s?(?:{_AMOUNT}|(?:{_DIGITS})m\b)")
_pattern("money", "word_money", rf"\b{_AMOUNT}\s+(?:yen|dollars?|rubles|roubles|euros|yuan)\b")
_pattern("percent", "percent", rf"(?:\b{_NUMBER_WORDS}|(?<![\w.]){_DIGITS})\s?(?:%|percent\b|per cent\b|pct\b)",
         re.I)
_pattern("date", "day_range_year", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY},?\s+{_YEAR}\b")
_pattern("date", "month_day_year", rf"\b{_MONTH}\s?{_DAY},?\s+{_YEAR}\b")
_pattern("date", "day_month_year", rf"\b{_DAY}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b")
_pattern("date", "day_range", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY}\b(?!,?\s+{_YEAR})")
_pattern("date", "month_day", rf"\b{_MONTH}\s?{_DAY}\b(?!,?\s+{_YEAR})(?![\d:])")
_pattern("date", "month_range_year", rf"\b{_FULL_MONTH}{_DATE_RANGE_SEP}{_FULL_MONTH},?\s+{_YEAR}\b")
_pattern("date", "month_year", rf"\b(?:{_FULL_MONTH}|May)\s+{_YEAR}\b")
# Year-less month ranges: "April-September", "October to March", "April-December last year".
_pattern("date", "month_range",
         rf"\b{_ANY_FULL_MONTH}{_MONTH_RANGE_SEP}{_ANY_FULL_MONTH}\b(?!,?\s+{_YEAR}){_LAST_YEAR}?")
# A month the text places against its own date: "last September", "June last year", "March of this year".
_pattern("date", "month_relative", rf"\blast\s+{_ANY_FULL_MONTH}\b|\b{_ANY_FULL_MONTH}{_LAST_YEAR}")
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
_pattern("number", "one", r"\bone\b(?!-(?:on|sided|half|third|quarter|fifth|tenth)\b)", re.I)


# --- "one" -----------------------------------------------------------------------------------
# "one" is a count when it quantifies a noun, perhaps through adjectives or a hyphen ("only one
# violation", "one Chinese drone", "one-day visit"); it is a pronoun or an idiom when what follows is a
# function word or punctuation ("one of", "one another", "one such", "one by one", "this one.") or when
# a determiner precedes it ("no one", "the one shown", "every one").
_ONE_DETERMINERS = {"no", "any", "every", "some", "the", "this", "that", "which", "each", "either",
                    "neither", "what", "whichever", "another"}
_ONE_NOT_BEFORE = {"of", "another", "such", "by", "who", "whom", "whose", "that", "which", "where",
                   "when", "what", "is", "was", "are", "were", "be", "been", "being", "has", "had",
                   "have", "would", "will", "can", "could", "may", "might", "must", "should", "shall",
                   "does", "did", "do", "in", "on", "at", "to", "for", "with", "from", "as", "than",
                   "and", "or", "but", "nor", "if", "while", "after", "before", "about", "into", "among",
                   "he", "she", "it", "they", "we", "you", "i", "his", "her", "its", "their", "our",
                   "my", "your", "me", "him", "them", "us", "else", "thing", "way"}
# "one day" / "one time" mean "some day" / "once" unless a quantity word leads in: "in one day".
_ONE_IDIOM_NOUNS = {"day", "time", "point"}
_ONE_COUNT_LEADS = {"in", "within", "for", "only", "just", "than", "over", "after", "about", "nearly",
                    "almost", "least", "per", "of"}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^\w\n]*$")
_WORD_AFTER = re.compile(r"^(\s+|-)([A-Za-z]+)")


def _one_is_a_count(text: str, start: int, end: int) -> bool:
    """True if the "one" at text[start:end] counts something (see the rules above)."""
    before = _WORD_BEFORE.search(text[max(start - 30, 0):start])
    previous = before.group(1).lower() if before else ""
    after = _WORD_AFTER.match(text[end:end + 30])
    if not after:                                   # "this one.", "one, two", "one's"
        return False
    hyphen, following = after.group(1) == "-", after.group(2).lower()
    if hyphen:                                      # "one-day visit", "the one-year extension"
        return following not in _ONE_NOT_BEFORE
    if previous in _ONE_DETERMINERS or following in _ONE_NOT_BEFORE:
        return False
    if following in _ONE_IDIOM_NOUNS and previous not in _ONE_COUNT_LEADS:
        return False
    if text[start].isupper() and previous[:1].isalpha() and before.group(1)[0].isupper() \
            and not re.search(r"[.?!:\n]", before.group()):
        return False                                # "Channel One", "Air Force One": a name
    return True


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
    date_note: str      # for a date: where a year-less date's year came from, or why it has none
    start: int
    end: int
    raw_start: int
    raw_end: int
    sentence: str
    # Where on the page: "body" (start/end are offsets in the cleaned body), or "title" / "caption"
    # (start/end are offsets in that line of the raw page, which the cleaner kept out of the body).
    zone: str = "body"


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
    """"4 billion" -> 4e9, "38.5" -> 38.5, "4,888" -> 4888, "27,5" -> 27.5, "17.2bn" -> 1.72e10,
    "twenty-one" -> 21; digits of any script ("１，１６８" -> 1168)."""
    text = _matchable(text).strip()
    match = re.match(rf"({_DIGITS})\s*(.*)$", text)
    if not match:
        return float(words_to_number(text))
    number = match[1]
    decimal_comma = re.fullmatch(_DECIMAL_COMMA, number)
    value = float(number.replace(",", ".") if decimal_comma else number.replace(",", ""))
    for scale in match[2].split():
        value *= SCALES.get(scale.lower(), SCALE_ABBREVIATIONS.get(scale.lower(), 1))
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


_YEARLESS = ("day_range", "month_day", "month", "month_range", "month_relative")


def date_bounds(name: str, surface: str, context_year: int | None,
                context_month: int | None = None) -> tuple[str, str, str]:
    """(date_start, date_end, year_inferred) of a date mention; a year-less date takes `context_year`
    ("last year" the year before it; "last September" the latest September before the context date;
    a year-less range whose end month comes before its start, "October to March", ends in it)."""
    surface = _matchable(surface)
    months = [month_number(m) for m in re.findall(_MONTH, surface)]
    days = [int(d) for d in re.findall(r"(?<!\d)\d{1,2}(?!\d)", surface)]
    years = [int(y) for y in re.findall(r"\d{4}", surface)]
    inferred = ""
    if not years and name in _YEARLESS:
        if context_year is None:
            return "", "", "unknown"
        year = context_year
        if re.search(r"\blast\s+year\b", surface, re.I):
            year -= 1
        elif name == "month_relative" and surface.lower().startswith("last"):
            year -= 1 if context_month is None or months[0] >= context_month else 0
        years, inferred = [year], str(year)
    year = years[0] if years else None
    if name in ("day_range_year", "day_range"):
        start, end = dt.date(years[-1], months[0], days[0]), dt.date(years[-1], months[0], days[1])
    elif name in ("month_day_year", "day_month_year", "month_day"):
        start = end = dt.date(year, months[0], days[0])
    elif name == "month_range_year":
        start, end = _month_bounds(years[-1], months[0])[0], _month_bounds(years[-1], months[-1])[1]
    elif name == "month_range":
        first_year = year - 1 if months[-1] < months[0] else year
        start, end = _month_bounds(first_year, months[0])[0], _month_bounds(year, months[-1])[1]
    elif name in ("month_year", "month", "month_relative"):
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


NO_CONTEXT_DATE = "year-less date and no date for the text"


def date_note(name: str, surface: str, inferred: str, context_date: str, context_source: str) -> str:
    """Where a year-less date's year came from, or why it has none; empty for a date with its year."""
    if inferred == "unknown":
        return NO_CONTEXT_DATE
    if not inferred:
        return ""
    source = context_source if context_date in context_source else f"{context_source} {context_date}"
    if re.search(r"\blast\s+year\b", surface, re.I):
        return f"'last year': the year before {source}"
    if name == "month_relative" and surface.lower().startswith("last"):
        return f"'last' month: the latest such month before {source}"
    return f"year from {source}"


_CURRENCY_SYMBOL = r"US\$|\$US|\$|¥|€|£"
_CURRENCY_WORD = r"yen|dollars?|rubles|roubles|euros|yuan"


def _value(kind: str, name: str, surface: str, context_year: int | None, context_month: int | None = None):
    """(value, unit, date_start, date_end, year_inferred) of a mention."""
    if kind == "name":
        return None, "", "", "", ""
    plain = _matchable(surface)
    if kind == "money":
        symbol = re.match(_CURRENCY_SYMBOL, plain)
        word = re.search(rf"({_CURRENCY_WORD})$", plain)
        unit = CURRENCIES[symbol.group() if symbol else word.group(1)]
        amount = re.sub(rf"^(?:{_CURRENCY_SYMBOL})\s?|\s+(?:{_CURRENCY_WORD})$", "", plain)
        return parse_amount(amount), unit, "", "", ""
    if kind == "percent":
        amount = re.sub(r"\s?(?:%|percent|per cent|pct)$", "", plain, flags=re.I)
        return parse_amount(amount), "percent", "", "", ""
    if kind == "ordinal":
        return _ordinal_value(plain), "", "", "", ""
    if kind == "date":
        start, end, inferred = date_bounds(name, plain, context_year, context_month)
        value = start if start == end else f"{start}/{end}" if start else ""
        return value, "", start, end, inferred
    if name == "one":
        return 1.0, "", "", "", ""
    return parse_amount(plain), "", "", "", ""


# --- finding ---------------------------------------------------------------------------------
def _families() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    """One regex per kind: its patterns as named alternatives, most specific first, and an anchor
    that must occur in a text for the kind to be looked for at all (no "%", no percentages)."""
    anchors = {"percent": re.compile(r"%|per ?cent|pct", re.I),
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
# Every pattern starts at one of these tokens: a digit, a currency sign, or one of these words; a
# name may also start at any capitalised word ("Su-35", "Sakhalin-2", "World War Two").
_TOKEN = re.compile(r"[A-Za-z]+|\d+|[$¥€£]")
_STARTING_WORDS = ({m for m in MONTHS} | set(UNITS) | set(TENS) | set(ORDINAL_WORDS)
                   | {"fiscal", "fy", "start", "beginning", "end", "middle", "first", "second", "g",
                      "group", "flight", "article", "resolution", "route", "unit", "america", "us",
                      "last"})


def _ascii_twin(char: str) -> str:
    """The ASCII character `char` stands for when reading numbers, or `char` itself: a digit of any
    script ("２", "٣") its ASCII digit, a full-width sign ("，", "％", "＄") its ASCII sign; a CJK
    character a middle dot (a non-word character), so "２０１８年" ends a word at "年"."""
    if char.isascii():
        return char
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    if "\uff01" <= char <= "\uff5e":
        return unicodedata.normalize("NFKC", char)
    if char == "\uffe5":  # full-width yen sign
        return "¥"
    if "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
        return "·"
    return char


def _matchable(text: str) -> str:
    """`text` with each character replaced by its `_ascii_twin`: the same length, so every offset in it
    is an offset in `text`, and surfaces are cut from `text` itself."""
    if text.isascii():
        return text
    return "".join(_ascii_twin(char) for char in text)


def _candidates(text: str) -> list[tuple[int, int, int, str, str]]:
    """Every pattern match, tried only where a pattern can start (a scan per pattern is 4x slower).
    `text` is the `_matchable` text."""
    families = [(kind, pattern) for kind, pattern, anchor in FAMILIES if not anchor or anchor.search(text)]
    names = [(kind, pattern) for kind, pattern in families if kind == "name"]
    found = []
    for token in _TOKEN.finditer(text):
        word = token.group()
        if word[0].isdigit() or word in "$¥€£" or word.lower() in _STARTING_WORDS:
            tried = families
        elif word[0].isupper():
            tried = names
        else:
            continue
        for kind, pattern in tried:
            match = pattern.match(text, token.start())
            if not match or match.end() <= match.start():
                continue
            if match.lastgroup == "one" and not _one_is_a_count(text, match.start(), match.end()):
                continue
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


def extract_mentions(cleaned, context_date: str = "", context_source: str = "the stated date") -> list[Mention]:
    """Every quantitative mention in a `CleanedSource`, in text order, with raw offsets.

    `context_date` (ISO "YYYY-MM-DD", or "YYYY-MM" when only a month is known) is the date year-less
    dates are read against; `context_source` says where it came from ("the stated date", "the URL's
    date '/2018/09/02/'"), and each such date's `date_note` repeats it."""
    text = cleaned.text
    matchable = _matchable(text)
    context = re.match(r"(\d{4})(?:-(\d{2}))?", context_date or "")
    context_year = int(context[1]) if context else None
    context_month = int(context[2]) if context and context[2] else None
    sentences = sentence_spans(text)
    sentence_starts = [start for start, _ in sentences]
    mentions = []
    for number, (start, end, _, kind, name) in enumerate(_select(_candidates(matchable)), start=1):
        surface = text[start:end]
        try:
            value, unit, date_start, date_end, inferred = _value(kind, name, surface, context_year,
                                                                 context_month)
        except ValueError:  # "February 30, 2018": looks like a date, is none; not a quantity either
            continue
        note = date_note(name, surface, inferred, context_date, context_source) if kind == "date" else ""
        raw_start, raw_end = cleaned.raw_span(start, end)
        s, e = sentences[max(bisect.bisect_right(sentence_starts, start) - 1, 0)]
        sentence = text[s:e] if s <= start < e else ""
        mentions.append(Mention(cleaned.source_id, f"{cleaned.source_id}:m{number:03d}", kind, name,
                                surface, value, unit, date_start, date_end, inferred, note, start, end,
                                raw_start, raw_end, sentence))
    return mentions


MENTION_COLUMNS = ["source_id", "mention_id", "zone", "kind", "pattern", "surface", "value", "unit",
                   "date_start", "date_end", "year_inferred", "date_note", "start", "end", "raw_start",
                   "raw_end", "sentence"]


def mention_row(m: Mention) -> dict:
    """A mention as a table row; a numeric value written without a spurious '.0'."""
    value = format_number(m.value) if isinstance(m.value, float) else "" if m.value is None else str(m.value)
    return {**m.__dict__, "value": value}


def mentions_table(mentions: list[Mention]) -> pd.DataFrame:
    """Mentions as a table."""
    return pd.DataFrame([mention_row(m) for m in mentions], columns=MENTION_COLUMNS)


def read_mentions(data_dir: str | Path, zones: tuple[str, ...] = ("body",)) -> pd.DataFrame:
    """data/mentions.csv as written by notebook 01, everything as text but offsets; by default the
    body's mentions only (claims, checks and tables are about the article), `zones=None` for all."""
    path = Path(data_dir) / "mentions.csv"
    frame = read_text_table(path)
    if zones is not None:
        frame = frame[frame["zone"].isin(zones)].reset_index(drop=True)
    for column in ("start", "end", "raw_start", "raw_end"):
        frame[column] = frame[column].astype(int)
    return frame

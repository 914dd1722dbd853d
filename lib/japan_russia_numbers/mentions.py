"""Stage 3: every quantitative mention in the cleaned texts, with its characters in the raw file.

Kinds: `number` (digits or words, fractions, multipliers), `ordinal`, `percent`, `money` (full amount
and ISO currency), `date` (years, months, days, ranges, decades, fiscal years, "start of 2018", "last
September", clock times) and `name` for tokens that look numeric but name something ("G-7", "Group of
Seven", "2+2", "Flight 17", "America First", designations such as "Su-35", "F-15J" or "S-400", project
names such as "Sakhalin-2" or "Arctic LNG 2" and its short form "Arctic 2", "World War Two", "UTC+3",
ranks such as "first deputy", list enumerators "1." and "(2)" at the start of a line). Names are kept
in the table, tagged `name`, so a reader can see they were recognised and set aside.

Fractions and multipliers are `number`s, as the dev corpus labels them. A fraction is a share of a
counted whole: "three-quarters" (0.75), "two thirds", "one-fifth", and "a quarter"/"a fifth"/"a third"
followed by "of" (the surface is the fraction word: "a"/"an" are never counted). Without "of" the word is
an ordinal or nothing: "the fifth meeting" is the ordinal 5, "a third round" the ordinal 3, "the first
quarter" and "the April-June quarter" are periods, not shares. "half" is 0.5 as a share ("half of the
flights", "more than half the total"), not after an ordinal or a determiner ("the first half of 2019",
"the second half of the period", "this half"), nor in "half-year". A fraction of a unit of time ("a quarter
of a century", "half an hour") is a duration idiom, not a share, and is not counted. Multipliers: "twice",
"double the ...", "triple the ...", "threefold" (2, 2, 3, 3), and the verbs "doubled", "tripled", "quadrupled"
(and "doubling" ...), which state the same multiple: the scramble sets label "more than doubled" as a change
of +100 percent, though two older mention sets leave out "trade doubled to $US 23 billion" ("halved" is not
counted).

A clock time ("5:30 p.m.", "11:08", "17:30 GMT") is one `date` mention dated the text's own date (its
month, when only the month is known), never the numbers 5 and 30.

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
none. A year-less date ("December 13", "September", "Sept. 25", "April-June") takes the latest year
that puts it no more than two months after the text's date (`dates.year_of`: news reports the past,
and looks ahead a few weeks), or, when the words of its clause before it speak of the future ("will",
"scheduled", "planned for", "expected to", ...), the first occurrence from the text's month on. The
relative forms say their year themselves: "September last year", "March of this year", "last July"
(the latest July before the text's month), "next March", "this March". A range takes the year of its
start ("October to March" read in April 2013 is October 2012 to March 2013); an explicit year phrase
dates its end ("October to March 2013", "April-December last year"). With no date for the text, a
year-less date has no value and its note says so (`NO_CONTEXT_DATE`, `NO_CONTEXT_TIME`).

Number words are parsed by `words_to_number` (a few lines, tested) rather than a dependency: the
candidates rewrite whole texts (losing offsets) or raise on non-number words.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dates import GRACE_MONTHS, MONTH_PATTERN, MONTHS, month_number, year_of
from .outputs import format_number, read_text_table

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
CURRENCY_CODES = ("JPY", "USD", "RUB", "EUR", "CNY", "GBP")  # ISO 4217, printed before an amount: "JPY80.6bn"
CURRENCIES = {"$": "USD", "US$": "USD", "$US": "USD", "¥": "JPY", "€": "EUR", "£": "GBP",
              **{code: code for code in CURRENCY_CODES},
              "yen": "JPY", "dollars": "USD", "dollar": "USD", "rubles": "RUB", "roubles": "RUB",
              "euros": "EUR", "yuan": "CNY"}
# Abbreviated scales as business and wire copy prints them: "17.2bn yen", "$110mn", "$9.6 bln" and
# "395.5 bln yen" (TASS, Interfax), "$5m" (bare "m" only after a currency sign: "5m" alone is as often five
# metres), "500K people" (a "k" only when joined to the digits), "31.3 thsd tonnes" (APK-Inform, Interfax).
SCALE_ABBREVIATIONS = {"bn": 1_000_000_000, "mn": 1_000_000, "m": 1_000_000, "tn": 1_000_000_000_000,
                       "trn": 1_000_000_000_000, "bln": 1_000_000_000, "mln": 1_000_000,
                       "trln": 1_000_000_000_000, "k": 1_000, "thsd": 1_000, "ths": 1_000}

_UNIT_WORD = "|".join(sorted((w for w in UNITS if w != "one"), key=len, reverse=True))
_TENS_WORD = "|".join(TENS)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_SCALE_WORD = "|".join(SCALES)
# "twenty-one", "eighty-nine", "four", "two hundred", "one million" (bare "one": see _one_is_a_count).
_NUMBER_WORDS = (rf"(?:(?:{_TENS_WORD})(?:-(?:{_ONES}))?|{_UNIT_WORD}|one(?=\s+(?:{_SCALE_WORD})))"
                 rf"(?:\s+(?:{_SCALE_WORD}))*"
                 # "five hundred and fifty", as British copy writes it
                 rf"(?:(?<=hundred)\s+and\s+(?:(?:{_TENS_WORD})(?:-(?:{_ONES}))?|{_UNIT_WORD}|one)\b)?")
# Thousands separators need three digits after each comma; a comma followed by exactly one or two
# digits (and no further digit) cannot be one, so it is a decimal comma: "27,5", "3,5".
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}(?![\d,])"
# thousands grouped by a space, as Russian and European copy prints them: "65 000", "1 200 000"
_SPACED_THOUSANDS = r"\d{1,3}(?:[ \u00a0\u202f\u2009'’]\d{3})+(?![\d,.])"  # and "30’000", the Swiss way
_DIGITS = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?!\d|,\d)|{_DECIMAL_COMMA}|{_SPACED_THOUSANDS}|\d+(?:\.\d+)?"
# the abbreviations that may follow the digits after a space ("9.6 bln"); "m" and "k" are read only where
# said above
_SPACED_ABBR = "|".join(sorted((a for a in SCALE_ABBREVIATIONS if a not in ("m", "k")), key=len, reverse=True))
_SCALE_ABBR = rf"(?:(?:{_SPACED_ABBR})\b|(?<=\d)[kK]\b)"
_AMOUNT = rf"(?:{_DIGITS})(?:(?:\s+|-)(?:{_SCALE_WORD})|\s?{_SCALE_ABBR})?"  # "4 billion", "$2-billion", "17.2bn"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_MONTH = MONTH_PATTERN
_FULL_MONTH = (r"(?:January|February|March|April|June|July|August|September|October|November"
               r"|December)")
_ANY_FULL_MONTH = rf"(?:{_FULL_MONTH}|May)"
_DATE_RANGE_SEP = r"\s*(?:-|–|—|to|and|through|until)\s*"
_MONTH_RANGE_SEP = r"\s*(?:-|–|—|to|through|until)\s*"
# "last year", "of this year", "next year" after a year-less date: the text's year, one before or after.
_RELATIVE_YEAR = r"(?:\s+(?:of\s+)?(?:last|this|next)\s+year\b)"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
# Words that, written "<Word>-<digits>", are not names: months ("Aug-2018"), prefixes ("mid-2018").
_NOT_NAME_PREFIX = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March"
                    r"|April|June|July|August|September|October|November|December|FY|No|Pre|Post|Mid"
                    r"|Late|Early|Since|Circa|Fiscal|Year|Top|Over|Under|Page|Age)")

# (kind, pattern); where two candidates overlap, the longer wins, then the earlier in this list.
PATTERNS: list[tuple[str, str, re.Pattern]] = []


def _pattern(kind: str, name: str, regex: str, flags: int = 0) -> None:
    PATTERNS.append((kind, name, re.compile(regex, flags)))


# Identifiers of books, papers, forms and people, which no reader counts: a form number ("OMB No. 0704-0188": a
# year never starts with 0), an ISBN ("978-5-91891-208-9"), a DOI ("10.31278/1810-6374-2019-17-4-78-108"), an
# ORCID ("0000-0001-9711-8993"), a ResearcherID ("T-7270-2017"), and a run of nine or more digits without
# separators (a Scopus AuthorID "57200138622"; a quantity that large is printed with separators or a scale word)
_pattern("name", "identifier", r"\b97[89]-\d{1,5}-\d{1,7}-\d{1,7}-[\dX]\b|\b10\.\d{4,9}/[^\s\])>,;]+|\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b|\b[A-Z]-\d{4}-\d{4}\b"
                               r"|(?<![\d.,])\d{9,}(?![\d.,])|\b0\d{3}-\d{4}\b")
# A web address, whose digits are part of its name ("http://hdl.handle.net/10945/4801", "www.site.com/2016/10/27/…")
_pattern("name", "web_address", r"\b(?:https?://|www\.)[^\s<>\"'“”‘’()\[\]]+[^\s<>\"'“”‘’()\[\].,;:!?]")
# A periodical's volume and issue ("Volume: 3 Issue: 205", "Vol. 17, No. 4") and a US ZIP code after its state
# ("Arlington, VA 22202-4302"): numbers that name, not count
_pattern("name", "issue_number", r"(?<=\bVolume: )\d{1,4}\b|(?<=\bVolume )\d{1,4}\b|(?<=\bVol\. )\d{1,4}\b"
                                 r"|(?<=\bIssue: )\d{1,4}\b|(?<=\bIssue )\d{1,4}\b|(?<=\b[A-Z]{2} )\d{5}(?:-\d{4})?\b")
_pattern("name", "group_of", r"\bG-?(?:7|8|20)\b|\bGroup of (?:Seven|Eight|Twenty|7|8|20)\b")
_pattern("name", "two_plus_two", r"(?<![\d+])2\s?\+\s?2(?![\d+])|\b(?:2|[Tt]wo)[- ][Pp]lus[- ](?:2|[Tt]wo)\b")  # "Two Plus Two format"
_pattern("name", "flight", r"\b(?:Flight|Article|Resolution|Route|Unit) \d+\b")
_pattern("name", "slogan", r"\bAmerica First\b")
# a numbered plant, reactor or site after its proper name: "Fukushima No. 1", "Unit No. 2"
_pattern("name", "numbered_site", r"\b[A-Z][a-z]+ No\. ?\d{1,2}\b")
# a Japanese vessel's name and number: "the No. 31 Kyoshin Maru", "Koshin Maru No. 31", "Eiho Maru 172"
_pattern("name", "vessel", r"\bNo\. ?\d{1,3} [A-Z][a-z]+ Maru\b|\b[A-Z][a-z]+ Maru (?:No\. ?)?\d{1,3}\b")
# a quoted name that ends in a number: the ship “Aurora 2”, the operation "Vostok 2018", the drill "Zapad 1"
_pattern("name", "quoted_name", r"(?<=[“\"])(?:[A-Z][\w-]*\s){1,3}\d{1,4}(?=[”\"])")
# a line of latitude named by its ordinal: "the 38th parallel"
_pattern("name", "parallel", r"\b\d{1,2}(?:st|nd|rd|th) parallel\b")
# Wars by number: "World War Two", "World War II", "World War 2", "WWII", "the Second World War".
_pattern("name", "world_war", r"\bWorld War (?:[Zz]ero|[Oo]ne|[Tt]wo|[Tt]hree|III|II|I|[0123])\b"
                              r"|\bWW(?:III|II|I|[123])\b|\b(?:First|Second|Third) World War\b")
# Designations: a short letter code, a hyphen and digits, perhaps a variant suffix or a plural:
# aircraft, missiles and ships ("Su-35", "F-15J", "Tu-154MD", "MiG-31", "S-400", "Kh-101", "F-15s").
_pattern("name", "designation", rf"\b(?!{_NOT_NAME_PREFIX}-)[A-Z][A-Za-z]{{0,4}}-\d{{1,4}}"
                                r"(?:[A-Z]{1,3}\d{0,2})?s?\b(?![.,]\d)")
# "<Capitalised word>-<digits>" names: "Sakhalin-2", "Tupolev-142", "Sukhoi-24" (years are not names).
_pattern("name", "hyphen_name", rf"\b(?!{_NOT_NAME_PREFIX}-)[A-Z][a-z]{{2,}}-\d{{1,3}}(?:[A-Z]{{1,3}})?\b"
                                r"(?![.,]\d)")
# A project or field named with its number, spelt without the hyphen: "Sakhalin 1 project", "Sakhalin 1's
# stakes" (once so named, the text's other "Sakhalin 1" are the same name: see `_short_names`).
_PROJECT_NOUNS = r"project|projects|oil|gas|field|fields|consortium|venture|stakes?|crude|block|blocks|pipeline|equity|operator"
_pattern("name", "numbered_project", rf"\b[A-Z][a-z]{{2,}} \d{{1,2}}(?=(?: and \d{{1,2}})?\s+(?:{_PROJECT_NOUNS})\b|['’]s\b)")
# the second of two such names that share their first word: the "2" of "the Sakhalin 1 and 2 projects"
_pattern("name", "elided_project", rf"(?<=[a-z] \d and )\d{{1,2}}(?=\s+(?:{_PROJECT_NOUNS})\b)")
# LNG projects: "Arctic LNG 2", "Yamal LNG" (not "Russian LNG", "Japanese LNG": nationality words).
_pattern("name", "lng_project", r"\b[A-Z][a-z]+ (?:LNG[- ]\d|\d LNG)\b"
                                r"|\b(?!(?:The|This|That|These|Those|Its|Their|Our|Any|All|New)\b)"
                                r"[A-Z][a-z]+(?<!an|se|sh) LNG\b(?![- ]\d)")
# A roman numeral after a capitalised word names a model or a monarch: "Phantom II", "Elizabeth II".
_pattern("name", "roman_numeral", r"\b[A-Z][a-z]+ (?:II|III|IV|VI|VII|VIII)\b(?![-'’\w])")
# Ranks that start with an ordinal: "first deputy chief of staff", "First Lady", "second secretary".
_pattern("name", "rank", r"\b(?:first|second|third)\s+(?:deputy|vice|lady|secretary)\b", re.I)
# A list's enumerator at the start of a line, indented or not: "1. General remarks", "(1) President Putin ...",
# "  2. Such actions ...", "• (1) Japan will suspend ..." (a ministry's statement).
_LINE_START = r"(?:(?<![^\n])|(?<=\n[ \t])|(?<=\n[ \t]{2})|(?<=\n[ \t]{3})|(?<=\n[ \t]{4}))"
_OPENING_PAREN = r"(?<=\()(?:(?<![^\n]\()|(?<=\n[•*-] \()|(?<=\n[ \t][•*-] \()|(?<=\n[ \t]{2}[•*-] \())"  # "(1)", "• (1)"
_pattern("name", "enumerator", r"(?:" + _LINE_START + "|" + _OPENING_PAREN + r")\d{1,2}(?=[.)][ \t]+[A-Z(])"
                               r"|(?<![^\n])\d{1,2}(?=:[ \t]+[A-Za-z])")  # also "2: give half to ..."
# A Title Case name that starts with a number word, inside a sentence: the “Eight-Point Cooperation Plan”,
# the Five-Year Plan (at a sentence start the capital says nothing; lower case, "an eight-point plan",
# the number counts).
_pattern("name", "numbered_title", r"(?:(?<=[a-z0-9,;:] )|(?<=[“\"‘(]))(?:One|Two|Three|Four|Five|Six|Seven|Eight"
                                   r"|Nine|Ten|Twelve|Twenty|Hundred)-[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
# A company's securities code as Japanese wire copy prints it ("Mitsui & Co. <8031>") or a Tokyo ticker
# ("8031.T"): four digits that name a listed company.
_pattern("name", "securities_code", r"(?<=<)\d{4}(?=>)|\b\d{4}\.T\b")
# A bare number in parentheses ending a line or a bullet point: a photo's or a list item's number in a
# gallery ("Photograph of the leaders shaking hands (1)"), never a count.
_pattern("name", "item_number", r"(?<=\()\d{1,2}(?=\)[ \t]*(?:\n|$|[•▪●◦‣∙]))")
# A footnote's mark after a word or a sentence: "far lower than other G7 nations.[1]"
_pattern("name", "footnote_mark", r"(?:(?<=[\w.,;:)%”\"\]]\[)|(?<=[\w.,;:)%”\"\]] \[))\d{1,3}(?=\])")  # "as POWs. [1] [2]"
# A military unit named by its ordinal: "101st Rifle Division", "27th Army", "2nd Far Eastern Front"
_pattern("name", "military_unit", r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){0,3}(?:Division|Regiment|Army|Brigade|"
                                  r"Battalion|Front|Fleet|Air Fleet|Corps|Squadron|Wing|Detachment|Flotilla|Company|"
                                  r"Base|District|Guards?)\b")
_pattern("name", "time_zone", r"\b(?:UTC|GMT)\s?[+−-]\s?\d{1,2}(?::?\d\d)?\b")
# a sign or an ISO code before the amount: "$630m", "¥214", "JPY80.6bn", "USD 1.2 billion" ("m" tried first, so
# that "$630m" is not read as $630)
_pattern("money", "symbol_money", rf"(?:US\$|\$US|\$|¥|€|£|\b(?:{'|'.join(CURRENCY_CODES)})(?=\s?\d))\s?"
                                  rf"(?:(?:{_DIGITS})m\b|{_AMOUNT})")
_pattern("money", "word_money", rf"\b{_AMOUNT}\s+(?:yen|dollars?|rubles|roubles|euros|yuan)\b")
_pattern("percent", "percent", rf"(?:\b{_NUMBER_WORDS}|(?<![\w.]){_DIGITS})\s?(?:%|percent\b|per cent\b|pct\b)",
         re.I)
# a span across two months, the year at its end: "August 28 — September 5, 1945", "Dec. 28-Jan. 3, 2014"
_pattern("date", "cross_month_range_year", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_MONTH}\s?{_DAY},?\s+{_YEAR}\b")
_pattern("date", "day_range_year", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY},?\s+{_YEAR}\b")
# Day first, as British and much translated copy writes them: "15-16 December 2016", "15-16 December",
# "14th September" (with a year, "27th April, 2022" is a `day_month_year`).
_pattern("date", "day_first_range_year", rf"\b{_DAY}{_DATE_RANGE_SEP}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b")
_pattern("date", "day_first_range", rf"\b{_DAY}{_DATE_RANGE_SEP}{_DAY}\s+{_MONTH}\b(?!,?\s+{_YEAR})"
                                    rf"{_RELATIVE_YEAR}?")
_pattern("date", "day_month", rf"(?<![\d.,:/-])\b{_DAY}(?:st|nd|rd|th)?\s+{_MONTH}\b(?!,?\s+{_YEAR}){_RELATIVE_YEAR}?")
_pattern("date", "month_day_year", rf"\b{_MONTH}\s?{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR}\b")  # "March 10th, 2022" too
_pattern("date", "year_month_day", rf"\b{_YEAR}\s+{_MONTH}\s+{_DAY}\b(?![,.:]?\d)")  # a stamp year first: "2018 May 25"
_pattern("date", "day_month_year", rf"\b{_DAY}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b")
_pattern("date", "day_range", rf"\b{_MONTH}\s?{_DAY}{_DATE_RANGE_SEP}{_DAY}\b(?!,?\s+{_YEAR}){_RELATIVE_YEAR}?")
_pattern("date", "month_day", rf"\b{_MONTH}\s?{_DAY}(?:st|nd|rd|th)?\b(?!,?\s+{_YEAR})(?![\d:]){_RELATIVE_YEAR}?")
_pattern("date", "month_range_year", rf"\b{_FULL_MONTH}{_DATE_RANGE_SEP}{_FULL_MONTH},?\s+{_YEAR}\b")
_pattern("date", "month_year", rf"\b(?:{_FULL_MONTH}|May),?\s+(?:of\s+)?{_YEAR}\b")  # "March 2009", "February, 1945", "August of 1945"
# Year-less month ranges: "April-September", "October to March", "Jan-Mar", "April-December last year".
_pattern("date", "month_range",
         rf"\b(?:{_ANY_FULL_MONTH}{_MONTH_RANGE_SEP}{_ANY_FULL_MONTH}|{_ABBR_MONTH}\s?[-–]\s?{_ABBR_MONTH})\b"
         rf"(?!,?\s+{_YEAR}){_RELATIVE_YEAR}?")
# A month the text places against its own date: "last September", "next March", "this March", "June last
# year", "March of this year".
_pattern("date", "month_relative",
         rf"\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s+{_ANY_FULL_MONTH}\b|\b{_ANY_FULL_MONTH}{_RELATIVE_YEAR}")
_pattern("date", "fiscal_year", rf"\b(?:fiscal(?: year)?\s+|FY\s?){_YEAR}\b"
                                rf"|\b{_YEAR}\s+(?:fiscal|financial|business)\s+year\b")
_pattern("date", "part_of_year", rf"\b(?:start|beginning|end|middle|first half|second half)\s+of\s+{_YEAR}\b")
# a quarter of a named year: "the first quarter of 2017" (January-March), "Q1 2017", "1Q 2017"; "the first quarter
# of fiscal 2017" and "the fiscal first quarter of 2017" are of Japan's fiscal year (April-June 2017)
_pattern("date", "quarter_of_year", rf"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\s+"
                                    rf"(?:of\s+)?(?:the\s+(?=fiscal))?(?:(?:fiscal(?:\s+year)?|FY)\s?)?{_YEAR}\b"
                                    rf"|\bfiscal\s+(?:first|second|third|fourth)\s+quarter\s+(?:of\s+)?{_YEAR}\b"
                                    rf"|\bQ[1-4]\s+{_YEAR}\b|\b[1-4]Q\s+{_YEAR}\b", re.I)
# A clock time, with its "a.m."/"p.m." if any: "5:30 p.m.", "11:08", "17:50:42", "10 a.m."; dated the text's
# date, so that its hour and minutes are never read as numbers.
_AM_PM = r"(?:[ap]\.m\.?|[AP]\.M\.?|(?:am|pm|AM|PM)\b)"
_pattern("date", "clock_time", rf"(?<![\d:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])(?:\s?{_AM_PM})?"
                               rf"|(?<![\d:.,])(?:1[0-2]|0?[1-9])\s?{_AM_PM}"
                               # British style, the minutes after a dot: "10.30 a.m.", "11.45pm" (with its a.m. or p.m.,
                               # or it is a decimal)
                               rf"|(?<![\d:.,])(?:1[0-2]|0?[1-9])\.[0-5]\d\s?{_AM_PM}")
_DECADE = r"(?:1[5-9]|20)\d0s"
_pattern("date", "decades", rf"\b{_DECADE}(?:\s+and\s+{_DECADE})?\b")
# a decade of the 1900s in words or short: "in the nineties", "the '80s", "the 70s" (after "the": "in his forties" is
# an age)
_DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                 "seventies": 1970, "eighties": 1980, "nineties": 1990}
_pattern("date", "decade_words", rf"(?<=\bthe )(?:nineteen[- ])?(?:{'|'.join(_DECADE_WORDS)})\b"
                                 r"|(?:(?<=\bthe )|(?<=\bthe ')|(?<=\bthe ’))[2-9]0s\b", re.I)
# a season or marketing year across two calendar years: "the season-2017/18", "the 2016/17 MY"
_pattern("date", "split_year", rf"\b{_YEAR}/\d\d\b(?!/)")
# an ISO date, as infoboxes and data pages print it: "Date Signed: 1855-02-07"
_pattern("date", "iso_date", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b")
# a date written with dots, day first as European and Russian pages write it: "19.02.2013", "06.09.2022"
_pattern("date", "dotted_date", rf"(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.{_YEAR}(?![\d]|\.\d)")
# a century: "the seventeenth century", "the 19th century", "the twenty-first century"; two of them: "the 18th
# and 19th centuries" (from the first's start to the second's end)
_CENTURY_ORDINAL = (r"(?:(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
                    r"nineteenth|twentieth)|\d{1,2}-?(?:st|nd|rd|th))")
_pattern("date", "century", rf"\b{_CENTURY_ORDINAL}(?:[- ]century|\s+(?:and|or|to)\s+{_CENTURY_ORDINAL}\s+centuries)\b", re.I)
# a day of the text's month, as Japanese wire copy in English writes it: "the summit meeting on the 5th"
_pattern("date", "day_of_month", r"(?<=\bon the )(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
                                 r"(?=\s*(?:[,.;:)!?]|$|\s(?:at|in|when|after|before|of this month)\b))")
# "2006-2007", "2006-07", and in chronologies "1904-5", "1938-9"; in words "from 2001 to 2008", "between
# 1992 and 1997", "1939 to 1945"
_pattern("date", "year_range", rf"\b{_YEAR}\s?[-–]\s?(?:{_YEAR}|\d\d)\b|\b{_YEAR}[-–]\d(?![\d,.])"
                               rf"|\b{_YEAR}\s+(?:to|through|until|till)\s+{_YEAR}\b(?![\d,.]\d)"
                               rf"|(?<=\bbetween ){_YEAR}\s+and\s+{_YEAR}\b(?![\d,.]\d)")
_pattern("date", "year", rf"(?<![\d,.$])\b{_YEAR}\b(?!\d|,\d|\.\d)")
_pattern("date", "month", rf"\b{_FULL_MONTH}\b|(?<=\b(?:in|of|by) )May\b")
# Fractions and multipliers (see the module docstring). Listed before the ordinals, so that "fifth" in "a
# fifth of" is the fraction 0.2 and not the ordinal 5.
DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10}
MULTIPLIERS = {"twice": 2, "double": 2, "thrice": 3, "triple": 3, "quadruple": 4, "pair": 2, "dozen": 12,
               # the verbs say it too: "the figure more than doubled", "doubling from a year earlier"
               **{f"{stem}{ending}": n for stem, n in (("doubl", 2), ("tripl", 3), ("trebl", 3), ("quadrupl", 4))
                  for ending in ("ed", "ing")}}
MULTIPLIER_VERBS = {word for word in MULTIPLIERS if word.endswith(("ed", "ing"))}
_ONE_PART = "|".join(DENOMINATORS)
_PARTS = "halves|" + "|".join(f"{d}s" for d in DENOMINATORS if d != "half")
_HALVED_UNITS = "century|decade|year|month|week|day|hour|minute"
_NOT_DURATION = rf"(?!\s+of\s+an?\s+(?:{_HALVED_UNITS})\b)"
# "three-quarters", "one-fifth", "two thirds", "one quarter of": a number word and a part.
_pattern("number", "fraction", rf"\b(?:{_ONES})(?:-(?:{_ONE_PART}|{_PARTS})|\s+(?:{_PARTS})|\s+(?:{_ONE_PART})"
                               rf"(?=\s+of\b|\s*\(\d))\b(?!-){_NOT_DURATION}", re.I)  # or before its share: "one third (34%)"
# "a quarter of all cases", "a fifth of its budget": the part alone, after "a", before "of".
_pattern("number", "a_fraction", rf"(?<=\b[Aa] )(?:{_ONE_PART})(?=\s+of\b){_NOT_DURATION}")
# "half" as a share: "half of the flights", "more than half the total"; not "the first half of 2019"; and
# a change by half ("fell by half").
_pattern("number", "half", r"(?<!first )(?<!second )(?<!latter )(?<!former )(?<!other )(?<!the )(?<!this )"
                           r"(?<!that )(?<!each )(?<!and a )\bhalf(?=\s+(?:of|the|its|their|his|her|our|all)\b|\s*\(\d)"
                           + _NOT_DURATION + r"|(?<=\bby )half\b(?![\s-]+(?:an? |hour|day|year|month|week|time))", re.I)
def _right_after(phrases) -> str:
    """A position right after any of `phrases` (re's look-behinds are of fixed width: one for each phrase)."""
    return "|".join(f"(?<=\\b{phrase})" for phrase in phrases)


_AFTER_MODAL = _right_after(f"{modal} {even}" for modal in ("can", "could", "will", "would", "may", "might", "should",
                                                             "must") for even in ("", "even "))
# "twice", "double the previous year", "triple that", "threefold", and the verbs: "more than doubled", "tripling"
_pattern("number", "multiplier", rf"(?<!think )(?<!thought )\btwice\b|\bthrice\b"
                                 r"|\b(?:doubl|tripl|trebl|quadrupl)(?:ed|ing)\b"
                                 r"|\b(?:double|triple|quadruple)(?=(?:\s+(?:or|and)(?:\s+even)?\s+(?:double|triple|quadruple))*"
                                 r"\s+(?:the|that|this|those|these|its|their|his|her|our|what)\b)"
                                 # a verb after a modal: "can double", "could even triple" (not "double-digit")
                                 rf"|(?:{_AFTER_MODAL})(?:double|triple|quadruple)\b(?![- ]digit)"
                                 rf"|\b(?:{_ONES}|ten)-?fold\b"
                                 # "a pair of bombers", "a dozen ships": counts; "dozens of" is not one.
                                 r"|(?<=\b[Aa] )(?:pair|dozen)(?=\s+(?:of\s+)?[a-z])", re.I)
# A number and a half: "two and a half years" 2.5, "one and a half million tons" 1.5 million (also written
# without the article: "two and half hours"), and a unit and a half, "a year and a half" 1.5 (the unit is the
# phrase's: "an hour and a half").
_pattern("number", "and_a_half", rf"\b(?:one|{_UNIT_WORD}|{_TENS_WORD}(?:-(?:{_ONES}))?|\d{{1,3}})\s+and\s+(?:a\s+)?half"
                                 rf"(?:\s+(?:{_SCALE_WORD}))?\b|(?:(?<=\b[Aa] )|(?<=\b[Aa]n ))(?:{_HALVED_UNITS})\s+and\s+a\s+half\b", re.I)
_pattern("ordinal", "ordinal_digits", r"\b(?:\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b")  # "the 100,000th visitor"
# Not in compound adjectives: "first-hand accounts", "second-rate", "first-class", "third-party"; nor the idioms
# "third countries", "third parties" (countries or parties other than the two concerned: no rank) and "a third
# country", "a third party".
_pattern("ordinal", "ordinal_words", rf"\b(?:(?:{_TENS_WORD})-)?(?:{'|'.join(ORDINAL_WORDS)})\b"
                                     r"(?!-(?:hand|rate|class|party|person|degree)\b)"
                                     r"(?!(?<=third)\s+(?:countries|parties)\b)(?!(?<=\b[Aa] third)\s+(?:country|party)\b)", re.I)
# a number with its unit glued on: "1900cc", "50km", "20kg" (the number is the mention)
_pattern("number", "glued_unit", rf"(?<![\w.,$])(?:{_DIGITS})(?=(?:cc|km|kg|mm|cm|kW|MW|GW|kWh|mph|kph|ft|mi|ml|mL|oz|lbs?)\b)")
# metres glued to the number, where a dimension says so ("Length: 299m", "2.1m ice thickness"); elsewhere a glued
# "m" is as often millions ("$2.1m")
_DIMENSIONS = ("length", "breadth", "width", "height", "depth", "draft", "draught", "thickness", "diameter", "span")
_pattern("number", "glued_metres", r"(?:" + _right_after(f"{name}{joint}" for word in _DIMENSIONS
                                                          for name in (word, word.capitalize()) for joint in (": ", " ", " of "))
         + r")\d+(?:\.\d+)?(?=m\b)|(?<![\w.,$€£¥])\d+(?:\.\d+)?(?=m\s+(?:ice\s+)?(?:thick(?:ness)?|long|wide|high|deep|tall)\b)")
# a player's shirt number in a photo caption: "Tatyana Burina #23 of Russia"
_pattern("name", "shirt_number", r"(?<=[a-z] #)\d{1,3}(?= of [A-Z])")
# a whole number and a fraction: "about 5 1/2 hours" 5.5
_pattern("number", "mixed_fraction", r"(?<![\w.,/])\d{1,3} [1-9]/(?:[2-9]|1[0-6])(?![\w/])")
_pattern("number", "digits", rf"(?<![\w.,$]){_AMOUNT}(?![\w])")
_pattern("number", "number_words", rf"\b{_NUMBER_WORDS}\b", re.I)
_pattern("number", "one", r"\bone\b(?!-(?:on|sided|half|third|quarter|fifth|tenth)\b)", re.I)


# --- "one" -----------------------------------------------------------------------------------
# "one" is a count when it quantifies a noun, perhaps through adjectives or a hyphen ("only one
# violation", "one Chinese drone", "one-day visit"); it is a pronoun or an idiom when what follows is a
# function word or punctuation ("one of", "one another", "one such", "one by one", "this one.") or when
# a determiner precedes it ("no one", "the one shown", "every one"). After "up", "down" or "by" it is the
# size of a change ("down one, according to the ministry").
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
_ONE_CHANGE_LEADS = {"up", "down", "by"}
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^\w\n]*$")
_WORD_AFTER = re.compile(r"^(\s+|-)([A-Za-z]+)")


def _one_is_a_count(text: str, start: int, end: int) -> bool:
    """True if the "one" at text[start:end] counts something (see the rules above)."""
    before = _WORD_BEFORE.search(text[max(start - 30, 0):start])
    previous = before.group(1).lower() if before else ""
    after = _WORD_AFTER.match(text[end:end + 30])
    if previous in _ONE_CHANGE_LEADS and not re.search(r"\bone\s+by\s+$", text[max(start - 12, 0):start], re.I):
        return True                                 # "down one,", "up by one": a change by one
    if not after:                                   # "this one.", "one, two", "one's"
        return False
    hyphen, following = after.group(1) == "-", after.group(2).lower()
    if re.search(r"\bone-(?:to|on)-$", text[max(start - 8, 0):start], re.I):
        return False                                # "a one-to-one meeting", "one-on-one talks": an idiom
    if hyphen:                                      # "one-day visit", "the one-year extension"
        return following not in _ONE_NOT_BEFORE and following not in {"off", "sided"}  # not "a one-off loss"
    if previous in _ONE_DETERMINERS or following in _ONE_NOT_BEFORE:
        return False
    if following in _ONE_IDIOM_NOUNS and previous not in _ONE_COUNT_LEADS:
        return False
    if text[start].isupper() and previous[:1].isalpha() and before.group(1)[0].isupper() \
            and not re.search(r"[.?!:\n]", before.group()):
        return False                                # "Channel One", "Air Force One": a name
    return True


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’-]* $")
_CAPITALISED_AFTER = re.compile(r" [A-Z][a-z]")
_LINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _inside_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised number word between two capitalised words, in a line written in lower case: part of a
    proper name ("the Huis Ten Bosch amusement park"), not a count. (In a Title Case line, a headline,
    every word is capitalised and "Two" may well count: "Russia Sends Two Bombers".)"""
    if not text[start].isupper() or not _CAPITALISED_BEFORE.search(text, max(0, start - 40), start) \
            or not _CAPITALISED_AFTER.match(text, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words = _LINE_WORD.findall(text, line_start, line_end if line_end >= 0 else len(text))
    return sum(w[0].islower() for w in words) >= len(words) / 2


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
    value = float(number.replace(",", ".") if decimal_comma else re.sub(r"[,\s\u00a0\u202f\u2009'’]", "", number))
    for scale in re.split(r"[\s-]+", match[2].strip(" -")) if match[2].strip(" -") else ():
        value *= SCALES.get(scale.lower(), SCALE_ABBREVIATIONS.get(scale.lower(), 1))
    return value


def _ordinal_value(text: str) -> int:
    text = text.lower()
    if text[0].isdigit():
        return int(re.match(r"[\d,]+", text).group().replace(",", ""))
    if "-" in text:
        tens, ordinal = text.split("-", 1)
        return TENS[tens] + ORDINAL_WORDS[ordinal]
    return ORDINAL_WORDS[text]


_YEARLESS = ("day_of_month", "day_range", "day_first_range", "month_day", "day_month", "month", "month_range", "month_relative",
             "clock_time")
_DAYS_FIRST = ("day_range", "day_first_range", "month_day", "day_month")  # year-less dates that name a day
NO_CONTEXT_DATE = "year-less date and no date for the text"
NO_CONTEXT_TIME = "time of day and no date for the text"
# Words that, before a year-less date in its clause, put it ahead of the text's date: "will hold talks on
# March 20", "a tour planned for October", "a visit scheduled in April", "the summit due in July", "exempted until
# September", "before the end of December".
_FUTURE_CUE = re.compile(r"\b(?:will|shall|next|upcoming|forthcoming|scheduled|planned|plans?\s+to|planning\s+to|until"
                         r"|expected\s+to|set\s+(?:to|for)|due\s+(?:to\s+be|in|on)|to\s+be\s+held|(?:before|by)\s+the\s+end\s+of)\b",
                         re.I)
# "not ... until" names when something happened, not how long it lasts: "talks didn't get underway until May
# 27", "it was not until March" ("exempted until September" still looks ahead)
_NEGATED_UNTIL = re.compile(r"\b(?:not|never|didn[’']t|wasn[’']t|weren[’']t|hadn[’']t)\b.*\buntil\b", re.I)


# "since" right before the date looks back, whatever came before it: "they will join ... who have been on the
# ISS since early October"
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[- ]?\s*)?$", re.I)


def _future_cue(lead: str) -> re.Match | None:
    cue = _FUTURE_CUE.search(lead)
    if cue and _SINCE.search(lead):
        return None
    return None if cue and cue.group().lower() == "until" and _NEGATED_UNTIL.search(lead) else cue


# Words that make a year-less date one a figure is compared with, so never after the text's date: "down 5.8
# percent from the poll in January", "compared with October", "higher than in March".
_COMPARED_CUE = re.compile(r"\b(?:(?:down|up|rose|risen|fell|fallen|increased?|decreased?|declined?|dropped|drop|rise|fall)"
                           r"\s+(?:\S+\s+){0,4}?from|compared\s+(?:with|to)|than)\b", re.I)
# What ends a clause before a date: its lead-in words are those after the last of these.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|--|—|\s[-–]\s")

Context = tuple[int, int, "int | None"]  # the text's date: year, month, and day (None if only the month is known)


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _after(year: int, month: int, day: int | None, context: Context) -> bool:
    """True if the date lies after the context date, at the precision both have."""
    if day is None or context[2] is None:
        return (year, month) > context[:2]
    return (year, month, day) > context


def date_bounds(name: str, surface: str, context: Context | None = None, source: str = "",
                lead: str = "", sentence_year: int | None = None,
                entry_year: int | None = None, opening_year: int | None = None) -> tuple[str, str, str, str]:
    """(date_start, date_end, year_inferred, date_note) of a date mention. A year-less one in an entry of
    a chronology takes `entry_year`, the year that heads its line ("— 1945: ... Tokyo's Aug. 15 surrender");
    else it is read against `context` (described as `source` in its note); `lead` is the words of its
    clause before it. Without a context, it takes `sentence_year`, the one year its sentence names, if given."""
    surface = _matchable(surface)
    months = [month_number(m) for m in re.findall(_MONTH, surface)]
    days = [int(d) for d in re.findall(r"(?<!\d)\d{1,2}(?!\d)", surface)]
    years = [int(y) for y in re.findall(r"\d{4}", surface)]
    given = entry_year or opening_year or (sentence_year if context is None else None)
    if name in _YEARLESS and not years and given and months:
        first_day = days[0] if name in _DAYS_FIRST else None
        start = dt.date(given, months[0], first_day) if first_day else _month_bounds(given, months[0])[0]
        end_year = given + (months[-1] < months[0])
        end = dt.date(end_year, months[-1], days[-1]) if first_day else _month_bounds(end_year, months[-1])[1]
        why = "the chronology entry it is in, which that year heads" if entry_year else \
            "its sentence, which opens with that year" if opening_year else \
            "its sentence, which names that year and no other (the text has no date)"
        return start.isoformat(), end.isoformat(), str(given), f"year {given} from {why}"
    if name in _YEARLESS and not years:
        return _yearless_bounds(name, surface, months, days, context, source, lead)
    year = years[0] if years else None
    if name == "cross_month_range_year":  # "Dec. 28-Jan. 3, 2014" starts in 2013
        start = dt.date(years[-1] - (months[0] > months[1]), months[0], days[0])
        end = dt.date(years[-1], months[1], days[1])
    elif name in ("day_range_year", "day_first_range_year"):
        start, end = dt.date(years[-1], months[0], days[0]), dt.date(years[-1], months[0], days[1])
    elif name in ("month_day_year", "day_month_year", "year_month_day"):
        start = end = dt.date(year, months[0], days[0])
    elif name == "month_range_year":  # the year dates the end: "October to March 2013" starts in 2012
        first_year = years[-1] - (months[-1] < months[0])
        start, end = _month_bounds(first_year, months[0])[0], _month_bounds(years[-1], months[-1])[1]
    elif name == "month_year":
        start, end = _month_bounds(year, months[0])
    elif name == "fiscal_year":  # Japan's fiscal year runs April to March
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    elif name == "quarter_of_year":
        number = int(re.search(r"[1-4]", surface)[0]) if re.search(r"\b(?:Q[1-4]|[1-4]Q|[1-4](?:st|nd|rd|th))\b",
                                                                 surface) else _ordinal_value(surface.split()[0]
                                                                 if not surface.lower().startswith("fiscal")
                                                                 else surface.split()[1])
        first_month = 3 * number - 2 + (3 if re.search(r"(?i)\bfiscal\b|\bFY", surface) else 0)
        start_year = year + (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
        start, end = dt.date(start_year, first_month, 1), _month_bounds(start_year, first_month + 2)[1]
    elif name == "part_of_year":
        quarter = {"start": 1, "beginning": 1, "first half": 1, "middle": 2, "second half": 3, "end": 4}
        part = next(k for k in quarter if surface.lower().startswith(k))
        first_month = {1: 1, 2: 4, 3: 7, 4: 10}[quarter[part]]
        last_month = {"first half": 6, "second half": 12}.get(part, first_month + 2)
        start, end = dt.date(year, first_month, 1), _month_bounds(year, last_month)[1]
    elif name == "decades":
        decades = [int(d) for d in re.findall(r"(\d{4})s", surface)]
        start, end = dt.date(decades[0], 1, 1), dt.date(decades[-1] + 9, 12, 31)
    elif name == "decade_words":
        short = re.search(r"([2-9])0s", surface)
        decade = 1900 + 10 * int(short[1]) if short else _DECADE_WORDS[surface.lower().split()[-1].split("-")[-1]]
        start, end = dt.date(decade, 1, 1), dt.date(decade + 9, 12, 31)
    elif name == "iso_date":
        start = end = dt.date.fromisoformat(surface)
    elif name == "dotted_date":
        day, month, year_ = (int(part) for part in surface.split("."))
        try:
            start = end = dt.date(year_, month, day)
        except ValueError:
            return "", "", "", f"no such day: {surface}"
    elif name == "century":
        numbers = [_ordinal_value(o) for o in re.findall(_CENTURY_ORDINAL, surface, re.I)]
        start, end = dt.date(100 * numbers[0] - 99, 1, 1), dt.date(100 * numbers[-1], 12, 31)
    elif name in ("year_range", "split_year"):
        first, last = re.findall(r"\d{4}|\d{1,2}(?!\d)", surface)[:2]
        last_year = int(last) if len(last) == 4 else int(first[:4 - len(last)] + last)
        start, end = dt.date(int(first), 1, 1), dt.date(last_year, 12, 31)
    else:  # year
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return start.isoformat(), end.isoformat(), "", ""


def _yearless_bounds(name, surface, months, days, context, source, lead) -> tuple[str, str, str, str]:
    """`date_bounds` of a date printed without its year: the year comes from the text's date by the rules
    of the module docstring, and the note says which rule and from what."""
    if context is None:
        return "", "", "unknown", NO_CONTEXT_TIME if name == "clock_time" else NO_CONTEXT_DATE
    year, month, day = context
    if name == "clock_time":  # a time of day: the text's own date, or its month when that is all we know
        start, end = (dt.date(*context),) * 2 if day else _month_bounds(year, month)
        return start.isoformat(), end.isoformat(), str(year), f"time of day '{surface}' on {source}"
    if name == "day_of_month":
        return _day_of_month_bounds(days[0], context, source, lead)
    first_day = days[0] if name in _DAYS_FIRST else None
    what = calendar.month_name[months[0]] + (f" {first_day}" if first_day else "")
    relative_year = re.search(r"\b(last|this|next)\s+year\b", surface, re.I)
    relative_month = re.match(r"(last|next|this)\s", surface, re.I)
    if relative_year:    # "June last year", "April-December last year": the phrase dates the (range's) end
        end_year = year + {"last": -1, "this": 0, "next": 1}[relative_year[1].lower()]
        start_year = end_year - (months[-1] < months[0])
        how = f"'{relative_year.group()}'"
    elif relative_month:  # "last September", "next March", "this March"
        rule = relative_month[1].lower()
        start_year = end_year = year if rule == "this" else year_of(months[0], None, context, rule)
        how = {"last": f"'last {what}', the latest {what} before it", "this": f"'this {what}', its year",
               "next": f"'next {what}', the first {what} after it"}[rule]
    else:
        cue = _future_cue(lead)
        compared = None if cue else _COMPARED_CUE.search(lead)
        start_year = year_of(months[0], first_day, context, "future" if cue else "not_after" if compared else "past")
        end_year = start_year + (months[-1] < months[0])   # "October to March" ends the next year
        if cue:
            how = f"the first {what} from its month on ('{cue.group()}' before it)"
        elif compared:
            how = f"the latest {what} not after it, as what a figure is compared with ('{compared.group()}' before it)"
        elif _after(start_year, months[0], first_day, context):
            how = f"{what}{',' if first_day else ''} {start_year} lies at most {GRACE_MONTHS} months after it"
        else:
            how = f"the latest {what} not after it"
        how += " (the range's start)" if name == "month_range" else ""
    if first_day is not None:   # "Sept. 25", "Nov. 27 to 30"
        start, end = dt.date(start_year, months[0], days[0]), dt.date(start_year, months[0], days[-1])
    else:                       # "September", "April-June", "last July"
        start, end = _month_bounds(start_year, months[0])[0], _month_bounds(end_year, months[-1])[1]
    return start.isoformat(), end.isoformat(), str(start_year), f"year {start_year} from {source}: {how}"


def _day_of_month_bounds(number: int, context: Context, source: str, lead: str) -> tuple[str, str, str, str]:
    """"on the 5th": that day of the text's month if it is not after the text's date, else of the month
    before; after a cue such as "will", the first such day from the text's date on."""
    year, month, day = context
    if day is None:
        return "", "", "unknown", f"a day of the month, and {source} names no day"
    cue = _future_cue(lead)
    step = (1 if number < day else 0) if cue else (-1 if number > day else 0)
    year, month = (year + (month + step - 1) // 12, (month + step - 1) % 12 + 1)
    if number > calendar.monthrange(year, month)[1]:
        return "", "", "unknown", f"no day {number} in {calendar.month_name[month]} {year}"
    found = dt.date(year, month, number).isoformat()
    how = f"the first day {number} from it on ('{cue.group()}' before it)" if cue else f"the latest day {number} not after it"
    return found, found, str(year), f"the month of {source}: {how}"


_CURRENCY_SYMBOL = r"US\$|\$US|\$|¥|€|£|" + "|".join(CURRENCY_CODES)
_CURRENCY_WORD = r"yen|dollars?|rubles|roubles|euros|yuan"


def fraction_value(surface: str) -> float:
    """The number a fraction or multiplier names: "three-quarters" 0.75, "fifth" (of "a fifth of") 0.2,
    "half" 0.5, "twice" 2, "threefold" 3."""
    words = re.split(r"[\s-]+", surface.lower())
    if words[-1] in MULTIPLIERS:
        return float(MULTIPLIERS[words[-1]])
    if words[-1].endswith("fold"):     # "threefold", "three-fold"
        return float(UNITS[words[0].removesuffix("fold")])
    part = "half" if words[-1] == "halves" else words[-1].removesuffix("s")
    return (UNITS[words[0]] if len(words) > 1 else 1) / DENOMINATORS[part]


_FRACTIONS = ("fraction", "a_fraction", "half", "multiplier")


def _value(kind: str, name: str, surface: str, context: Context | None = None, source: str = "",
           lead: str = "", sentence_year: int | None = None, entry_year: int | None = None,
           opening_year: int | None = None):
    """(value, unit, date_start, date_end, year_inferred, date_note) of a mention."""
    if kind == "name":
        return None, "", "", "", "", ""
    plain = _matchable(surface)
    if kind == "money":
        symbol = re.match(_CURRENCY_SYMBOL, plain)
        word = re.search(rf"({_CURRENCY_WORD})$", plain)
        unit = CURRENCIES[symbol.group() if symbol else word.group(1)]
        amount = re.sub(rf"^(?:{_CURRENCY_SYMBOL})\s?|\s+(?:{_CURRENCY_WORD})$", "", plain)
        return parse_amount(amount), unit, "", "", "", ""
    if kind == "percent":
        amount = re.sub(r"\s?(?:%|percent|per cent|pct)$", "", plain, flags=re.I)
        return parse_amount(amount), "percent", "", "", "", ""
    if kind == "ordinal":
        return _ordinal_value(plain), "", "", "", "", ""
    if kind == "date":
        start, end, inferred, note = date_bounds(name, plain, context, source, lead, sentence_year, entry_year,
                                                 opening_year)
        value = start if start == end else f"{start}/{end}" if start else ""
        return value, "", start, end, inferred, note
    if name == "one":
        return 1.0, "", "", "", "", ""
    if name == "and_a_half":
        whole, scale = re.fullmatch(r"(.+?)\s+and\s+(?:a\s+)?half(?:\s+(\w+))?", plain, re.I).groups()
        return ((1.0 if whole.lower() in _HALVED_UNITS.split("|") else parse_amount(whole)) + 0.5) * \
            _SCALES.get((scale or "").lower(), 1), "", "", "", "", ""
    if name in _FRACTIONS:
        return fraction_value(plain), "", "", "", "", ""
    if name == "mixed_fraction":
        whole, numerator, denominator = (int(x) for x in re.split(r"[ /]", plain))
        return whole + numerator / denominator, "", "", "", "", ""
    return parse_amount(plain), "", "", "", "", ""


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
_STARTING_WORDS = ({m for m in MONTHS} | set(UNITS) | set(TENS) | set(ORDINAL_WORDS) | set(DENOMINATORS)
                   | set(MULTIPLIERS) | {f"{u}fold" for u in (*_ONES.split("|"), "ten")} | set(_DECADE_WORDS)
                   | {"fiscal", "fy", "start", "beginning", "end", "middle", "first", "second", "g",
                      "group", "flight", "article", "resolution", "route", "unit", "america", "us",
                      "last", "next", "this", "http", "https", "www", "q",
                      *(c.lower() for c in CURRENCY_CODES), *_HALVED_UNITS.split("|")})


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
    # One translation table per distinct character, not a call per character (typographic quotes and
    # dashes make most real texts non-ASCII).
    return text.translate({ord(char): _ascii_twin(char) for char in set(text) if not char.isascii()})


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
            if match.lastgroup == "number_words" and _inside_a_name(text, match.start(), match.end()):
                continue
            found.append((match.start(), match.end(), _PRIORITY[match.lastgroup], kind, match.lastgroup))
    return found


_INLINE_ENUMERATOR = re.compile(r"(?<![\w(])\(([1-9])\)(?=\s+[A-Za-z])")


def _inline_enumerators(text: str) -> list[tuple[int, int, int, str, str]]:
    """A list numbered inside a paragraph: "At the conclusion of the war, (1) the USSR broke the pact, (2) Japan
    allied with the United States and (3) the Northern Territories became disputed": "(1)", "(2)", "(3)" in
    turn in one paragraph are the list's enumerators, names; a lone "(3)" may be a count ("Taiwan (3)")."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", text):
        marks = list(_INLINE_ENUMERATOR.finditer(text, paragraph.start(), paragraph.end()))
        run = []
        for mark in marks + [None]:
            if mark is not None and int(mark[1]) == len(run) + 1:
                run.append(mark)
                continue
            if len(run) >= 2:
                found += [(m.start(1), m.end(1), -1, "name", "enumerator") for m in run]
            run = [mark] if mark is not None and mark[1] == "1" else []
    return found


def _short_names(text: str, chosen) -> list[tuple[int, int, int, str, str]]:
    """A name that ends in a number, said again without its middle words: "Arctic 2" after "Arctic LNG 2"
    names the same project (a short form of a name the text has given in full)."""
    found = []
    for start, end, _, kind, pattern in chosen:
        # and a "<Name> <digit>" project said again: "Sakhalin 1" after "Sakhalin 1 project"
        shape = r"([A-Z][a-z]+) (\d{1,2})" if pattern == "numbered_project" else r"([A-Z][a-z]+)\s.+\s(\d{1,2})"
        full = re.fullmatch(shape, text[start:end]) if kind == "name" else None
        if full:
            found += [(m.start(), m.end(), -1, "name", "short_name")
                      for m in re.finditer(rf"\b{full[1]}[ -]{full[2]}\b(?![.,]?\d)", text)]
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
    date '/2018/09/02/'"), and each such date's `date_note` repeats it with the year taken and the rule
    that took it. A date's clause up to it (`lead`) tells whether the text looks ahead to it."""
    text = cleaned.text
    matchable = _matchable(text)
    found = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", context_date or "")
    # (year, month, day or None); a year alone is read as its December, so nothing in it is "ahead"
    context = (int(found[1]), int(found[2] or 12), int(found[3]) if found[3] else None) if found else None
    source = context_source if context_date in context_source else f"{context_source} {context_date}"
    sentences = sentence_spans(text)
    sentence_starts = [start for start, _ in sentences]
    candidates = _candidates(matchable) + _inline_enumerators(matchable)
    chosen = _select(candidates + _short_names(matchable, _select(candidates)))
    mentions = []
    for number, (start, end, _, kind, name) in enumerate(chosen, start=1):
        surface = text[start:end]
        s, e = sentences[max(bisect.bisect_right(sentence_starts, start) - 1, 0)]
        sentence = text[s:e] if s <= start < e else ""
        lead = text[s:start] if sentence else ""
        lead = lead[max((m.end() for m in _CLAUSE_BREAK.finditer(lead)), default=0):]
        # a text with no date of its own: a year-less date takes the one calendar year its sentence names
        # ("four summits were held in 2016, including ... Putin's visit to Japan 15-16 December")
        years = set(_SENTENCE_YEAR.findall(sentence)) if context is None and kind == "date" else set()
        entry = _CHRONOLOGY_ENTRY.match(text, text.rfind("\n", 0, start) + 1) if kind == "date" else None
        # "In 2013, the sides held three more top-level meetings — June 17, ...": the year the sentence opens with
        opening = _OPENING_YEAR.match(text, s, start) if kind == "date" and sentence else None
        try:
            value, unit, date_start, date_end, inferred, note = _value(
                kind, name, surface, context, source, lead, int(years.pop()) if len(years) == 1 else None,
                int(entry["year"]) if entry else None, int(opening["year"]) if opening else None)
        except ValueError:  # "February 30, 2018": looks like a date, is none; not a quantity either
            continue
        raw_start, raw_end = cleaned.raw_span(start, end)
        mentions.append(Mention(cleaned.source_id, f"{cleaned.source_id}:m{number:03d}", kind, name,
                                surface, value, unit, date_start, date_end, inferred, note, start, end,
                                raw_start, raw_end, sentence))
    return _dot_thousands(_shared_scale(_ordered_spans(mentions, text), text), text)


_OPENING_YEAR = re.compile(r"\W*(?:In|During|Throughout)\s+(?P<year>(?:19|20)\d\d),\s")  # "In 2013, ..."
_DECIMAL_COMMA_USED = re.compile(r"(?<![\d,.])\d{1,3},\d{1,2}(?![\d,])")   # "2,72", "0,3 per cent"
_COMMA_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])")   # "1,168"
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")                          # "747.706"


def _dot_thousands(mentions: list[Mention], text: str) -> list[Mention]:
    """In a text that writes decimals with a comma ("2,72", "0,3 per cent") and never groups thousands with
    one, a dot before three digits groups thousands: "747.706 barrels" is 747,706 (a page kept in Italian or
    German number style)."""
    if not _DECIMAL_COMMA_USED.search(text) or _COMMA_THOUSANDS.search(text):
        return mentions
    return [dataclasses.replace(m, value=float(m.surface.replace(".", "")))
            if m.kind == "number" and _DOT_THOUSANDS.fullmatch(m.surface) else m for m in mentions]


_SPAN_OPENS = re.compile(r"\b(?:between|from)\s+$", re.I)
_SPAN_JOINS = re.compile(r"\s*(?:and|to|through|till|until|-|–)\s*")


def _ordered_spans(mentions: list[Mention], text: str) -> list[Mention]:
    """A span of two year-less dates ends after it starts: "between June 1 and September 30" read in June
    2022 is June 1 to September 30, 2022, though September 30 on its own would be the latest one, 2021."""
    for i, (first, second) in enumerate(zip(mentions, mentions[1:])):
        if first.kind == second.kind == "date" and first.date_start and second.date_start and \
                second.year_inferred.isdigit() and second.date_start < first.date_start and \
                _SPAN_JOINS.fullmatch(text, first.end, second.start) and _SPAN_OPENS.search(text, 0, first.start):
            year = int(second.year_inferred) + 1
            start, end = str(year) + second.date_start[4:], str(year) + second.date_end[4:]
            if start.endswith("-02-29") or end.endswith("-02-29"):
                continue  # no leap day that year: left as it was read
            value = str(second.value).replace(second.date_start, start).replace(second.date_end, end)
            mentions[i + 1] = dataclasses.replace(
                second, value=value, date_start=start, date_end=end,
                year_inferred=str(year), date_note=f"year {year} from the span it closes: the first "
                                                   f"{second.surface} after '{first.surface}' ({first.date_start}), "
                                                   f"where the span starts")
    return mentions


# a line of a chronology headed by its year: "— 1945: The Soviet Union declares war", "1956 – Joint Declaration"
_CHRONOLOGY_ENTRY = re.compile(rf"[—–•*-]?\s*(?P<year>{_YEAR})\s*(?::|\s[—–-]\s)")
# a calendar year in a sentence (not a fiscal one: "the 2023 financial year" ends in 2024)
_SENTENCE_YEAR = re.compile(r"(?<![\d,.$])(?<!fiscal )(?<!FY)(?<!FY )(?:19|20)\d\d(?!\d|,\d)"
                            r"(?!\s+(?:fiscal|financial|business)\s+year)")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           **{abbreviation: float(factor) for abbreviation, factor in SCALE_ABBREVIATIONS.items()}}
_SCALE_WORD = re.compile(rf"\b(thousand|million|billion|trillion)\b|(?<=\d)\s?({_SPACED_ABBR}|m|k)\b", re.I)
_RANGE_JOIN = re.compile(r"\s?(?:-|–|—|to)\s?|\s(?:and)\s")


def _shared_scale(mentions: list[Mention], text: str) -> list[Mention]:
    """A range whose second bound carries the scale carries it for both, and a currency on either bound is
    the range's: "200-300 million yen" starts at 200 million yen, "$1.56-2.34 million" runs from 1.56 to
    2.34 million dollars, "between 10 and 20 million" starts at 10 million."""
    out = list(mentions)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        scale = _SCALE_WORD.search(second.surface)
        join = text[first.end:second.start]
        if (first.kind not in ("number", "money") or second.kind not in ("number", "money") or not scale
                or first.pattern in _FRACTIONS  # "doubled to $23 billion": a multiplier, no bound of a range
                or _SCALE_WORD.search(first.surface) or not isinstance(first.value, float)
                or not _RANGE_JOIN.fullmatch(join)
                or (join.strip() == "and" and not text[:first.start].lower().endswith("between "))):
            continue
        factor = _SCALES[(scale[1] or scale[2]).lower()]
        kind = "money" if "money" in (first.kind, second.kind) else "number"
        unit = first.unit or second.unit
        out[i] = dataclasses.replace(first, kind=kind, pattern="range_shared_scale", value=first.value * factor,
                                     unit=unit)
        out[i + 1] = dataclasses.replace(second, kind=kind, unit=unit)
    return out


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


def read_mentions(data_dir: str | Path, zones: tuple[str, ...] | None = ("body",), sources=None,
                  kinds=None, columns: list[str] | None = None) -> pd.DataFrame:
    """data/mentions.csv as written by notebook 01, everything as text but offsets; by default the
    body's mentions only (claims, checks and tables are about the article), `zones=None` for all;
    with `sources` or `kinds`, only the mentions of those sources or kinds; with `columns`, only those."""
    only = {"zone": zones, "source_id": sources, "kind": kinds}
    frame = read_text_table(Path(data_dir) / "mentions.csv", columns,
                            **{k: v for k, v in only.items() if v is not None})
    for column in ("start", "end", "raw_start", "raw_end"):
        if column in frame:
            frame[column] = frame[column].astype(int)
    return frame

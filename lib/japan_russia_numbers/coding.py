"""Per-document claim coding: what each number of a text claims, read with the claims lexicon.

The lexicon is data (`data/rules/claim_metrics.csv`, `claim_subjects.csv`, `claim_periods.csv`,
`claim_roles.csv`, each entry with a reason); this module holds only the reading order and the period
arithmetic. A number is coded when its sentence is about a metric (the metric's trigger) and the number
counts that metric: a counting word after it ("390 times", "23 Russian individuals"), or, for metrics
read by cue (scrambles), a level or change verb, a role cue or a country right after it ("rose to 851",
"up by eighty-nine", "638 against Chinese aircraft"). Then, in that order of evidence:

- subject: a metric with a default subject that is not read by cue (a tally of two leaders, a series of
  meetings) always has it; otherwise the nearest subject word in the number's clause (countries listed
  after "including" are parts, not the subject; "Chinese and Russian" is both); for a share, the first
  one after it; else the nearest one earlier in the sentence; else the subject of the claim before it in
  the sentence ("rose to 851, up 280"); else, after an anaphor ("This figure was up ..."), the subject of
  the text's previous claim; else the first one later in the sentence, before its next number; else the
  metric's default (`total` for scrambles: a count that names no country is the total);
- period: a period phrase in the clause, else one earlier in the sentence; else the period of the claim
  the anaphor points to, of the claim before it in the sentence, of the text's topic (the first period
  a sentence about the metric states), of the previous claim; a running tally is as of the text's date.
  Phrases after "from", "than", "compared with" are the period compared with, not the claim's own, and a
  number after them ("up from 904 in fiscal 2017") is the level of that period; relative phrases are
  resolved with the text's date (`context_date`); a numbered quarter without fiscal wording is the
  calendar's ("the third quarter of 2015" is fiscal Q2); "since records began" after a superlative is the
  span of a record, not a period; levels of one subject and period that differ within one sentence (a
  series the sentence does not date one by one) get no period rather than a guessed one;
- role: `previous_record`, `record`, `change` (signed), `share`, else `level` (a percentage: `share`).

Each coded claim keeps its evidence (the sentence, with raw offsets), the mention that carries its
value, and the rules that coded it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .mentions import MULTIPLIER_VERBS, sentence_spans
from .prefilter import Prefiltered, prefiltered

LEXICON_FILES = ("claim_metrics.csv", "claim_subjects.csv", "claim_periods.csv", "claim_roles.csv")
# How long after a period ends a text typically reports it: "the fiscal year" with no year, in a text of
# mid-April, is the one that ended in March.
REPORTING_LAG = dt.timedelta(days=45)
LEAD_SENTENCES = 2  # the opening sentences whose fiscal period, named before any figure, the figures after take
# not the comma of a list of countries ("Chinese, Russian forces"), nor an "and" before a country word
_CLAUSE_BREAK = re.compile(r"[;:—]|(?<!Chinese)(?<!Russian)(?<!Taiwanese)(?<!Korean),\s|"
                           r",\s(?!(?:Chinese|Russian|Taiwanese|North Korean)\b)|\s[–-]\s|"
                           r"\b(?:and|while|whereas|but|with)\s(?!(?:\w+\s)?(?:Chinese|Russian|Taiwanese|North Korean|Soviet)\b)")
_BASE_CUE = re.compile(r"\bover\s+(?:the\s+|a\s+)?$"  # "over the previous year"; "just over 700 times in" is about 700
                       # "a 16 per cent increase on the same period the previous year"
                       r"|\b(?:increase|decrease|rise|fall|drop|jump|gain|decline|up|down)\s+(?:by\s+)?"
                       r"(?:[\d,.]+\s*(?:percent|per cent|%)?\s+)?on\s+(?:the\s+|a\s+)?$"  # "up by 81 on the previous year"
                       # "only one less than the record set in 1984": the record's year
                       r"|\b(?:than|from|since|compared (?:with|to))\s+(?:the\s+|a\s+)?(?:previous\s+|all-time\s+|former\s+)?"
                       r"(?:record|high|peak)\s+(?:set\s+|recorded\s+|reached\s+)?(?:(?:in|of|during)\s+)?(?:fiscal\s+)?$"
                       # "more than 700 times in fiscal 2022" rounds 700; "280 more than the 390 in ..." compares
                       r"|\b(?:from|(?<!\bmore )(?<!\bless )(?<!\bfewer )than|than(?!\s+\d)|compared (?:with|to)|versus|"
                       r"vs\.?|against)\s+(?:in\s+)?(?:the\s+|a\s+)?"
                       # "from 851 in fiscal 2016", "from a total of 851 in fiscal 2016": the level compared with
                       r"(?:(?:total|figure|level|high|record|peak)\s+of\s+)?"
                       # "than the 778 scrambles Japanese pilots made the previous fiscal year"; not past a "to"
                       # ("from 851 in fiscal 2016 to 500 in 2017": 2017 is the 500's own)
                       r"(?:(?:only\s+|just\s+)?(?:\d[\d,.]*|once|twice|one|two|three|four|five|six|seven|eight|nine|ten)"
                       r"\s*%?\s*(?:(?!to\b)[\w-]+\s+){0,7}?(?:the\s+)?)?$"
                       # "surpassed the total for fiscal 2005", "exceeding the figure of fiscal 2015"
                       r"|\b(?:surpass|exceed|outnumber|top(?:ped|ping|s)?\b|best(?:ed|ing|s)?\b)\w*\s+(?:the\s+|its\s+|a\s+)?"
                       r"(?:[\w-]+\s+){0,3}?(?:for|of|in|during)\s+(?:the\s+)?$", re.I)
# words of a statistic: a sentence with them and no figure announces figures to come
_STATISTIC = re.compile(r"\b(?:the (?:number|count|tally|frequency) of|the (?:figures|statistics|data) (?:show|showed|shows))\b", re.I)
# a count that passed a mark ("the number exceeded 100": about 100), unless the mark is one it passed so often
# ("exceeded 1,000 twice in the past": a threshold)
_PASSED = re.compile(r"\b(?:exceeded|surpassed|topped)\s+(?:the\s+)?$", re.I)
_HOW_OFTEN = re.compile(r"\s*(?:once|twice|thrice|again|[\w-]+\s+times\b|several\s+times|for\s+the\s+\w+\s+time)", re.I)
# a number after "from" or "than" in a sentence about a change is the level compared with: "up from 904"
_BASE_NUMBER = re.compile(r"\b(?:up|down|rose|risen|fell|fallen|increased|decreased|declined|dropped|jumped|climbed|grew|grown|surged|"
                          r"slipped|increase|decrease|rise|drop|decline|fall|more|fewer|less|higher|lower|greater|larger|"
                          r"smaller|compared)\b"
                          # (words between: up to 30 of any, up to 50 with no clause break: "a decrease in sorties
                          # against Chinese aircraft from 462 to 392")
                          r"(?:(?:[^.;]|(?<=\d)\.(?=\d)){0,30}?|[^.;,]{0,50}?)\b(?:from|than|with|(?<=compared )to)\s+(?:about\s+|some\s+|around\s+|only\s+|just\s+)?(?:the\s+)?"
                          r"(?:(?:year|month|quarter)[- ](?:earlier|ago|before)\s+|previous\s+|prior\s+)?"  # "the year-earlier 146"
                          r"(?:(?:a\s+)?(?:total|figure|level|high|record|peak)\s+of\s+)?"  # "fell from a total of 851"
                          r"(?<!\bmore than )(?<!\bfewer than )(?<!\bless than )$", re.I)  # "more than 40": about 40
_ANAPHOR = re.compile(r"^\W*(?:(?:during|in|for|over|by) [^,.;\d]{0,40}, )?"  # "During the same period this year, the number"
                      r"(?:(?:while|although|though|but|and|yet) )?"  # "While the figure was down from 612"
                      r"(?:(?:this|that|these|those|the) (?:[\w-]+ )?(?:figure|figures|number|numbers|total|tally|"
                      r"count|format|meeting|meetings)|of (?:those|them|which|these)|that[’']s|that (?:is|was)|"
                      r"this (?:is|was)|(?:this|that|it) (?:happened|happens|occurred|marked|marks|represented|represents)|"
                      r"(?:this|that|it) (?:(?:far|well|easily|just) )?(?:exceed|beat|surpass|top|outstrip)(?:s|ed|es)?)\b",
                     re.I)  # "This happened ... 947 times"; "It far exceeds the 24 recorded in the first half of 2012"
# "The number of Chinese drones detected by the ministry more than tripled": a count of sightings, which carries
# no metric from the sentence before (scrambles are counted by the flights they answer, not by those seen)
_SIGHTINGS = re.compile(r"^\W*the (?:[\w-]+ )?(?:number|numbers|total|count) of [^,.;]{0,60}?\b(?:detected|spotted|"
                        r"sighted|observed|tracked|seen)\b", re.I)
# "The number of scrambles fell 109": a new noun phrase, which carries the metric but names its own subject
_NEW_PHRASE = re.compile(r"^\W*the (?:[\w-]+ )?(?:number|numbers|total|figure|count|tally) of (?!about )[a-z]", re.I)
# "accounted for 70 percent of the incidents": a share of what the sentence before counted
_SHARE_OF_BEFORE = re.compile(r"\bof (?:the|all|those|these) (?:incidents|cases|total|occasions|times|them)\b", re.I)
_LEVEL_CUE = re.compile(r"\b(?:totall?ed|total of|totall?ing|reached|reaching|rose to|fell to|dropped to|declined to|"
                        r"increased to|decreased to|climbed to|jumped to|jumping to|rising to|falling to|dropping to|"
                        r"surged to|stood at|hit|numbered|came to|"
                        r"amounted to|accounted for|at|of|were|was|numbering|with|down to|(?:soared|leapt|leaped|grew|"
                        r"slipped|plunged|slid|eased|swelled) to|from (?:a|the) [^.;\d,]{1,40}? to|"
                        r"\d[\d,.]*\s*(?:percent|per cent|%|times)?\s+to|"
                        # "jumped from 873, in the 2015 fiscal year, to 1,168": the level changed to
                        r"from\s+\d[\d,.]*,?(?:\s+(?:in|during|for)\s+(?:the\s+)?(?:fiscal\s+(?:year\s+)?)?(?:19|20)\d\d"
                        r"(?:\s+fiscal\s+year)?)?,?\s+to)\s+"
                        r"(?:a (?:record|total of)\s+|an? all-time high of\s+|about\s+|"
                        r"some\s+|nearly\s+|almost\s+|around\s+|roughly\s+|more than\s+|over\s+|just over\s+|close to\s+)?$",
                        re.I)
_OTHER_UNITS = re.compile(r"^\s*(?:-|\s)?(?:[A-Z][A-Za-z]*-?\d+[\w-]*\s+)?(?:hours?|days?|weeks?|months?|years?|minutes?|seconds?|km|kilomet(?:er|re)s?|"
                          r"miles?|nautical|meters?|metres?|feet|knots|degrees?|(?:war)?planes?|aircraft|jets?|"
                          r"fighters?|bombers?|drones?|helicopters?|ships?|vessels?|islands?|points?|"
                          r"[“\"‘']?(?:[\w-]+\s+)?[“\"‘']?flights?)\b",
                          re.I)  # "15 “unusual flights”" are flights, not scrambles
_RECORD_AFTER = re.compile(r"\b(?:a record|(?:a |the )?record[- ]high|an all-time high|the (?:most|highest|largest)"
                           r"(?: number)? (?:ever|on record|since [^.;\d]{0,60}?\b(?:began|started)))\b", re.I)
_SET_IN = re.compile(r"\s*(?:scrambles|times)?,?\s*(?:set|recorded|logged|registered|reached|marked)\b", re.I)
_RATIO = re.compile(r"\s*times\s+(?:the(?!\s+(?:previous|prior|preceding|last|same|year|fiscal|financial)\b)|that|more|"
                    r"higher|larger|bigger|greater|faster|as\s+(?:many|much|\w+\s+as))\b", re.I)
# "four times the pace", "twice as many"; not "425 times as a precaution", nor a count followed by its period
# ("down from 999 times the previous fiscal year", "a jump from 174 times the previous year")
# the verbs of scrambling that take the count as their object: "scrambled to intercept 785 inbound flights",
# "responded to 149 alerts"
_TAKES_COUNT = re.compile(r"\b(?:intercept(?:ed|ing|s)?|respond(?:ed|ing|s)? to|(?:were|was) scrambled)\s+(?:some\s+|about\s+|nearly\s+|"
                          r"almost\s+|around\s+|roughly\s+|more than\s+|over\s+|just over\s+)?$", re.I)
_FLIGHTS = re.compile(r"\s*(?:[\w-]+\s+)?flights\b", re.I)
_LEAD_RECORD = re.compile(r"\b(?:a|the) (?:new )?record(?:[- ]high)? number\b|\brecord[- ]high number\b|"
                          r"\b(?:the )?(?:most|highest number of) (?:times )?(?:ever|on record)\b", re.I)
_OTHER_EVENT = re.compile(r"\b(?:violat\w*|encroach\w*|intru(?:sions?|ded)|detected|spotted|sighted)\b", re.I)
# "mainly for Russian planes", "mostly in response to Chinese aircraft": the larger part, not the figure's subject
# "mainly for Russian planes", "mostly in response to an increase in approaching Chinese aircraft"
_MOSTLY = re.compile(r"\b(?:mainly|mostly|largely|chiefly|primarily|predominantly|majority|the rest|the remainder)\b"
                     r"[^,;.\d]{0,50}$", re.I)  # "..., with the majority ... from Chinese aircraft and the rest ... from Russia"
# a percentage in apposition between a count and its subject: "464 -- or 66 percent -- were for"
_APPOSITION = re.compile(r"\s*(?:--|—|–|,)\s*or\s+(?:about\s+|some\s+|nearly\s+)?[\d.]+\s*(?:percent|per cent|%|pct)\s*"
                         r"(?:--|—|–|,)", re.I)
_BASE_LEVEL = "the level a change is measured from"
_SUCH = re.compile(r"\bsuch\s+(?:[\w-]+\s+)?(?:scrambles|flights|sorties|intercepts|interceptions|incidents|cases)\b", re.I)
_NAMED_RECORD = re.compile(r"\b(?:record|peak|all-time high|record high)\s+of\s+$", re.I)
_THAN_RECORD = re.compile(r"\s*(?:times\s+)?(?:fewer|less|lower|more|higher)\s+than\s+(?:the\s+|a\s+)?(?:previous\s+|"
                          r"all-time\s+|former\s+)?(?:record|high|peak)\b", re.I)
_SURPASSED = re.compile(r"\b(?:surpass|exceed|outnumber|outstrip|best)(?:s|ed|ing)?\s+(?:the\s+)?$", re.I)
_NAMED_PART = re.compile(r"\b[A-Z][\w’'-]*\s*\(\s*$")  # a count in brackets after a name: "Western Air Defense Force (133)"
_BRACKET_AFTER_WORDS = re.compile(r"(?:\b[\w’'-]+\s+){1,3}\(\s*$")  # "Russian moves (", "aircraft from China ("
_AIR_UNIT = re.compile(r"\b(?:Northern|North-?[Ee]astern|Southwestern|South-?[Ww]estern|Western|Central|Southern|"
                       r"Eastern)\s+(?:Air\s+Defen[cs]e\s+(?:Force|Command|Sector)|Composite\s+Air\s+Division)\b")
_CLOSES = re.compile(r"\s*(?:[a-z]+\s*)?\)")
_CODED_KINDS = {"number", "percent", "money", "ordinal"}
_RECORD_SPAN = re.compile(r"\b(?:most|highest|largest|biggest|greatest|lowest|fewest|smallest|record|first time)\b"
                          r"[^.;,]{0,40}$", re.I)
# a country named as a cause is not whom a figure counts: "1,168 times amid China's military activity", "173
# times as Tokyo saw a sharp slide in ... Russian aircraft"
# "as" with a clause after it, not "classified as others" nor "even as" (a contrast)
_CAUSE = re.compile(r"\bamid\b|(?<!\beven )\bas\s+"
                    r"(?!(?:well|many|much|often|of|for|to|regards|part|a result|against|compared|opposed)\b)"
                    r"[\w’'-]+\s+[\w’'-]+\s", re.I)
_WHOLE_OF = re.compile(r"\bof (?:the|its|all|their|this|that)\s+(?:[\w-]+\s+){0,2}$", re.I)
_LISTED = re.compile(r"\b(?:including|such as|among them|among which)\b[^,;.]*$", re.I)


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class MetricRule:
    metric: str
    trigger: re.Pattern | None
    counts: re.Pattern | None
    kinds: frozenset
    by_cue: bool
    fiscal_series: bool    # counted by fiscal year: a bare year in a text that reports fiscal years is one
    default_subject: str   # the subject of a count that names none ("total" for scrambles)
    unit: str
    default_period: str    # "as_of_text": a running tally, as of the text's date
    # words that make a sentence about the metric for its own figures only: the sentence after it is not
    # read as continuing it
    weak_trigger: re.Pattern | None = None


@dataclass(frozen=True)
class Lexicon:
    metrics: tuple
    subjects: tuple      # (subject, pattern)
    periods: tuple       # (name, pattern or None)
    roles: tuple         # (role, side, pattern, sign)

    @cached_property
    def kinds_chosen_by_role(self) -> frozenset:
        """The kinds of number a metric without trigger words takes by the number's role (a percentage
        with a share cue): only for these is the role read before a sentence is known to be about a metric."""
        return frozenset(k for r in self.metrics if r.trigger is None and (r.by_cue or r.metric == "share")
                         for k in r.kinds)


def _compile(pattern: str, where: str) -> re.Pattern | Prefiltered | None:
    """The lexicon's pattern, tried only on texts that contain a word it needs (`prefilter`: most of the
    sentences it is tried on are about something else)."""
    if not pattern:
        return None
    try:
        return prefiltered(re.compile(pattern, re.I))
    except re.error as error:
        raise LexiconError(f"{where}: not a regular expression: {error}") from None


def load_lexicon(rules_dir: str | Path) -> Lexicon:
    """The claims lexicon from its four files; a missing file, column or reason, or a bad pattern, is an
    error naming the file and line."""
    import csv

    rules_dir = Path(rules_dir)
    tables = {}
    for name in LEXICON_FILES:
        path = rules_dir / name
        if not path.is_file():
            raise LexiconError(f"{path}: missing (the claims lexicon has {', '.join(LEXICON_FILES)})")
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for line, row in enumerate(rows, start=2):
            if not (row.get("reason") or "").strip():
                raise LexiconError(f"{path}, line {line}: every entry needs a reason")
        tables[name] = [(f"{path}, line {line}", row) for line, row in enumerate(rows, start=2)]
    metrics = tuple(MetricRule(r["metric"], _compile(r["trigger"], w), _compile(r["counts"], w),
                               frozenset(r["kinds"].split(";")), r["by_cue"] == "yes", r["fiscal_series"] == "yes",
                               r["default_subject"],
                               r["unit"], r["default_period"], _compile(r.get("weak_trigger") or "", w))
                    for w, r in tables["claim_metrics.csv"])
    subjects = tuple((r["subject"], _compile(r["pattern"], w)) for w, r in tables["claim_subjects.csv"])
    periods = tuple((r["name"], _compile(r["pattern"], w)) for w, r in tables["claim_periods.csv"])
    roles = tuple((r["role"], r["side"], _compile(r["pattern"], w), -1 if r["sign"] == "-" else 1)
                  for w, r in tables["claim_roles.csv"])
    unknown = {name for name, _ in periods} - set(_PERIOD_READERS)
    if unknown:
        raise LexiconError(f"{rules_dir / 'claim_periods.csv'}: no reader for period name(s) {sorted(unknown)}")
    return Lexicon(metrics, subjects, periods, roles)


# --- periods ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A period a figure is for: a fiscal year or part of one, a calendar year, a span of days, or
    everything since a year."""
    label: str
    start: dt.date | None
    end: dt.date | None

    def shifted(self, years: int) -> "Period":
        """The same period `years` later (earlier when negative)."""
        if match := re.fullmatch(r"FY(\d{4})(.*)", self.label):
            return fiscal_period(int(match[1]) + years, match[2].strip())
        if re.fullmatch(r"\d{4}", self.label):
            return calendar_year(int(self.label) + years)
        if self.start and self.end and not self.label.startswith("since"):
            start, end = _add_years(self.start, years), _add_years(self.end, years)
            return Period(_dates_label(start, end), start, end)
        return self


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


FISCAL_PARTS = {"": (0, 12), "H1": (0, 6), "H2": (6, 12), "Q1": (0, 3), "Q2": (3, 6), "Q3": (6, 9),
                "Q4": (9, 12), "Q1-Q3": (0, 9)}


def fiscal_period(year: int, part: str = "") -> Period:
    """Japan's fiscal year `year` (April `year` to March `year`+1), or a part of it."""
    first, last = FISCAL_PARTS[part]
    start_month = 4 + first
    end_month = 3 + last
    start = dt.date(year + (start_month - 1) // 12, (start_month - 1) % 12 + 1, 1)
    end = _month_end(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1)
    return Period(f"FY{year} {part}".strip(), start, end)


def calendar_year(year: int) -> Period:
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def fiscal_year_of(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _dates_label(start: dt.date, end: dt.date) -> str:
    if start == end:
        return start.isoformat()
    if start.day == 1 and end == _month_end(start.year, start.month):
        return f"{start:%Y-%m}"
    return f"{start.isoformat()}/{end.isoformat()}"


@dataclass(frozen=True)
class _Found:
    """A period phrase found in a sentence."""
    name: str
    start: int
    end: int
    match: re.Match | None
    dates: tuple = ()  # for a dated mention: (start, end)


_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5}


def _years_back(found: _Found) -> int:
    """How many years before a claim's period the same period compared with is ("two years ago": 2)."""
    years = (found.match.groupdict().get("years") if found.match else None) or "1"
    return _YEARS.get(years.lower()) or int(years)


def _year(found: _Found) -> int | None:
    groups = found.match.groupdict() if found.match else {}
    if groups.get("yy"):  # "FY22"
        return 2000 + int(groups["yy"])
    return int(groups["y"]) if groups.get("y") else None


def _anchor_year(found: _Found, today: dt.date | None) -> int | None:
    """The fiscal year a fiscal-year phrase names."""
    year = _year(found)
    if found.name == "fiscal_year_split" or found.name == "fiscal_year":
        return year
    if found.name == "fiscal_year_ending":  # without a year: the year that ended by the text's date
        return year - 1 if year else (fiscal_year_of(today) - 1 if today else None)
    if not today:
        return None
    if found.name == "last_fiscal_year":
        return fiscal_year_of(today) - 1
    if found.name == "this_fiscal_year":
        return fiscal_year_of(today)
    return fiscal_year_of(today - REPORTING_LAG)  # unqualified_fiscal_year


_MONTH_NUMBER = {"jan": 1, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "sep": 9, "oct": 10, "dec": 12}
_QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                  "final": 4, "last": 4}


def _part(found: _Found) -> str:
    if found.name == "first_half":
        return "H1"
    if found.name == "second_half":
        return "H2"
    if found.name == "nine_months":
        return "Q1-Q3"
    groups = found.match.groupdict()
    # a quarter named by its first month ("April-June") or its last ("the three months to June")
    if month := groups.get("m1") or groups.get("qe"):
        return f"Q{(_MONTH_NUMBER[month.lower()[:3]] - 4) % 12 // 3 + 1}"
    return f"Q{_numbered_quarter(found)}"


def _numbered_quarter(found: _Found) -> int | None:
    """The number of a quarter named by it ("the third quarter", "Q3", "the final quarter"), else None."""
    groups = found.match.groupdict() if found.match else {}
    word = (groups.get("q") or groups.get("ql") or "").lower()
    return _QUARTER_WORDS.get(word) or (int(groups["qn"]) if groups.get("qn") else None)


def _calendar_quarter(found: _Found) -> int | None:
    """A numbered quarter with no fiscal wording is a quarter of the calendar year, as the wires write it
    ("the third quarter of 2015" is July-September); "the fiscal second quarter" is not."""
    if found.name != "quarter" or not (number := _numbered_quarter(found)):
        return None
    return None if re.search(r"\b(?:fiscal|financial|business)\s+(?:year\s+)?$", found.match.string[:found.start], re.I) \
        else number


_ANCHORS = {"fiscal_year_split", "fiscal_year_ending", "fiscal_year", "last_fiscal_year", "this_fiscal_year",
            "unqualified_fiscal_year"}
_PARTS = {"first_half", "second_half", "nine_months", "quarter"}
_RELATIVE_ANCHORS = {"last_fiscal_year", "this_fiscal_year", "unqualified_fiscal_year"}
_PERIOD_READERS = _ANCHORS | _PARTS | {"same_period_before", "same_period_in_year", "this_period", "part_before", "same_period_this_year",
                                       "since", "since_month",
                                       "through_month",
                                       "calendar_year", "last_year", "date_mention", "day_range", "full_year"}


def resolve_period(found: list[_Found], today: dt.date | None, previous: Period | None, fiscal_text: bool,
                   fiscal_series: bool = False) -> tuple[Period | None, str]:
    """The period the phrases of one clause name together ("the first half of fiscal 2017" is a part and
    an anchor), and the rule that read it. `previous` is the period a relative phrase ("the same period a
    year earlier", "during this period") refers to; `fiscal_series` says the metric is counted by fiscal
    year, so that in a text that reports fiscal years a bare year ("in 2018") is that fiscal year."""
    anchors = [f for f in found if f.name in _ANCHORS]
    # "surpassed 725 times registered in the full fiscal year": a whole year, whatever part the clause names
    parts = [f for f in found if f.name in _PARTS] if not any(f.name == "full_year" for f in found) else []
    years = [f for f in found if f.name == "calendar_year"]
    if anchors or parts:
        part = _part(parts[0]) if parts else ""
        year = _anchor_year(anchors[0], today) if anchors else None
        calendar = _year(years[0]) if years else None  # the calendar year the part falls in
        if calendar is None and today and parts and any(
                f.name == "last_year" and 0 <= f.start - parts[0].end <= 12 for f in found):
            calendar = today.year - 1  # "from April to December last year", "the first half of last year"
        quarter = _calendar_quarter(parts[0]) if parts and not anchors else None
        if quarter:  # calendar Q3 (July-September) is fiscal Q2
            part = f"Q{(quarter + 2) % 4 + 1}"
            if calendar is None and today:  # the calendar quarter reported on
                calendar = (today - REPORTING_LAG).year
        months_year = parts[0].match.groupdict().get("cy") if parts and parts[0].match else None
        if year is None and months_year:  # "from April to December 2025": the year of the last month named
            calendar = int(months_year)
            year = calendar - (1 if part in ("Q4", "H2") else 0)
        if year is None and calendar is not None:  # "January-March 2018" is the last quarter of fiscal 2017
            year = calendar - (1 if part == "Q4" else 0)
        if year is None and not anchors and previous and previous.label.startswith("FY"):
            year = int(previous.label[2:6])  # "the first half": of the year before; "this fiscal year" needs a date
        if year is None and today:
            year = fiscal_year_of(today - REPORTING_LAG)
        if year is None:
            return None, ""
        if not anchors and calendar is None and today and fiscal_period(year, part).start > today:
            year -= 1  # "fell from 146 in the period between January and March" in July: a part that has begun
        return fiscal_period(year, part), "+".join(f.name for f in (anchors[:1] + parts[:1]))
    first = found[0] if found else None
    if first is None:
        return None, ""
    if first.name == "date_mention":  # "announced on July 18 that ... between April and June": the span counted
        first = next((f for f in found if f.name == "day_range"), first)
    if first.name == "same_period_before":
        return (previous.shifted(-_years_back(first)), first.name) if previous else (None, "")
    if first.name == "same_period_in_year":
        if previous and (match := re.fullmatch(r"FY\d{4}(.*)", previous.label)):
            return fiscal_period(_year(first), match[1].strip()), first.name
        return (calendar_year(_year(first)), first.name) if not fiscal_series else (fiscal_period(_year(first)), first.name)
    if first.name == "same_period_this_year":  # "From April 1, 2012 through June 30, 2012, 15 ... During the
        # same period this year, the number jumped to 69": the part of the claim before, in the text's year
        if previous and previous.start and today:
            return previous.shifted(today.year - previous.start.year), first.name
        return None, ""
    if first.name == "part_before":  # "the previous record of 198, set over the preceding three months"
        if previous and (quarter := re.fullmatch(r"FY(\d{4}) Q([1-4])", previous.label)):
            year, number = int(quarter[1]), int(quarter[2])
            return fiscal_period(year - (number == 1), f"Q{(number - 2) % 4 + 1}"), first.name
        return None, ""
    if first.name == "this_period":
        return (previous, first.name) if previous else (None, "")
    if first.name == "since":
        year = _year(first)
        label = f"since {year}" if year else "since records began"
        return Period(label, dt.date(year, 1, 1) if year else None, today), first.name
    if first.name == "since_month" and today:
        return _since_month(first.match, today), first.name
    if first.name == "through_month" and today:
        return _through_month(first.match, today, fiscal_series), first.name
    if first.name == "calendar_year":
        if fiscal_series and fiscal_text:
            return fiscal_period(_year(first)), "calendar_year read as the fiscal year (a text that reports fiscal years)"
        return calendar_year(_year(first)), first.name
    if first.name == "last_year" and today:
        if fiscal_text:
            return fiscal_period(fiscal_year_of(today) - 1), "last_year (a text that reports fiscal years)"
        return calendar_year(today.year - 1), first.name
    if first.name == "date_mention":
        start, end = (dt.date.fromisoformat(d) for d in first.dates)
        return Period(_dates_label(start, end), start, end), first.name
    if first.name == "day_range":
        return _day_range(first.match, today), first.name
    return None, ""


YEARLESS_PART = "part of a fiscal year the text does not date:"  # in a claim's rule, before the part's label


def yearless_part(found: list[_Found]) -> str:
    """The part of a fiscal year ("H1", "Q1-Q3", "Q2") the phrases of a clause name when nothing dates it
    ("in the first half", "during the April-June quarter" in a text with no date), or ""."""
    if any(f.name in _ANCHORS or f.name in {"full_year", "calendar_year", "last_year"} for f in found):
        return ""
    parts = [f for f in found if f.name in _PARTS]
    if not parts:
        return ""
    quarter = _calendar_quarter(parts[0])
    return f"Q{(quarter + 2) % 4 + 1}" if quarter else _part(parts[0])


def _since_month(match: re.Match, today: dt.date) -> Period:
    """From the last 1st of the month named to the text's date; when a fiscal part starts then and has
    ended by the text's date, the longest such part ("since April", written on 6 July, is April-June)."""
    from .dates import month_number

    month = month_number(match["m"])
    start = dt.date(today.year - (1 if month > today.month else 0), month, 1)
    for part in ("", "Q1-Q3", "H1", "Q1", "H2", "Q2", "Q3", "Q4"):
        whole = fiscal_period(fiscal_year_of(start), part)
        if whole.start == start and whole.end <= today:
            return whole
    return Period(_dates_label(start, today), start, today)


def _span_period(start: dt.date, end: dt.date) -> Period:
    """The days from `start` to `end`; when they are a whole fiscal year or part of one, that period."""
    for part in FISCAL_PARTS:
        whole = fiscal_period(fiscal_year_of(start), part)
        if whole.start == start and whole.end == end:
            return whole
    return Period(_dates_label(start, end), start, end)


def _month_of_fiscal_year(surface: str, year: int) -> tuple[str, str] | None:
    """(first day, last day) of the month `surface` names ("May") within fiscal year `year`, or None."""
    from .dates import month_number

    try:
        month = month_number(surface.strip().rstrip("."))
    except (KeyError, ValueError):
        return None
    calendar_year = year + (1 if month < 4 else 0)
    return dt.date(calendar_year, month, 1).isoformat(), _month_end(calendar_year, month).isoformat()


def _through_month(match: re.Match, today: dt.date, fiscal_series: bool) -> Period:
    """From the start of the year being counted (April, for a series counted by fiscal year) to the end of the
    last such month by the text's date; a fiscal part that spans just that ("through September" is April to
    September, the first half) is that part."""
    from .dates import month_number

    month = month_number(match["m"])
    end_year = today.year - (1 if month > today.month else 0)
    end = _month_end(end_year, month)
    start = dt.date(fiscal_year_of(end), 4, 1) if fiscal_series else dt.date(end_year, 1, 1)
    return _span_period(start, end)


def _day_range(match: re.Match, today: dt.date | None) -> Period | None:
    """A span of days; one that covers whole parts of a fiscal year ("between April 1 and Sept. 30") is
    that part (a missing year is the fiscal year being reported on, as for "the fiscal year")."""
    from .dates import month_number

    m1, m2 = month_number(match["m1"]), month_number(match["m2"])
    groups = match.groupdict()  # days and years each may be missing
    if groups.get("y1"):
        y1 = int(groups["y1"])
    elif groups.get("y2"):
        y1 = int(groups["y2"]) - (1 if m2 < m1 else 0)
    elif today:
        reported = fiscal_year_of(today - REPORTING_LAG)
        y1 = reported + (1 if m1 < 4 else 0)
    else:
        return None
    y2 = int(groups["y2"]) if groups.get("y2") else y1 + (1 if m2 < m1 else 0)
    try:  # "between April 2024 and March 2025": from the first of one month to the last of the other
        start = dt.date(y1, m1, int(groups["d1"]) if groups.get("d1") else 1)
        end = dt.date(y2, m2, int(groups["d2"])) if groups.get("d2") else _month_end(y2, m2)
    except ValueError:
        return None
    return _span_period(start, end)


def find_periods(sentence: str, lexicon: Lexicon, dated: list[tuple[int, int, str, str]]) -> list[_Found]:
    """Period phrases of a sentence, longest first where they overlap, plus the months and days the
    extractor dated (`dated`: start, end, date_start, date_end, in sentence offsets) where no phrase of
    the lexicon reads them ("April-September this year" is the first half of a fiscal year)."""
    found = []
    for name, pattern in lexicon.periods:
        if pattern is None:
            continue
        for match in pattern.finditer(sentence):
            found.append(_Found(name, match.start(), match.end(), match))
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: -(f.end - f.start)):  # the longest reading of a phrase wins
        if not any(k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    if any(name == "date_mention" for name, _ in lexicon.periods):
        kept += [_Found("date_mention", s, e, None, (ds, de)) for s, e, ds, de in dated
                 if not any(k.start < e and s < k.end for k in kept)]
    kept.sort(key=lambda f: f.start)
    # "the most since records began", "the highest since 1958": the span a record is counted over, not a period
    return [f for f in kept if not (f.name == "since" and _RECORD_SPAN.search(sentence, max(0, f.start - 60), f.start))]


def _own_and_base(sentence: str, found: list[_Found]) -> tuple[list[_Found], list[_Found]]:
    """The period phrases of a sentence that are the claims' own, and those compared with; a phrase joined
    to a compared one ("from the July-September period of 2014") is compared with too."""
    own, base = [], []
    last = None  # the phrase before, if compared with
    for f in found:
        compared = _is_base(sentence, f) or bool(last and re.fullmatch(
            r"\s*(?:period|quarter|months|half)?\s*(?:of|in)?\s*", sentence[last.end:f.start]))
        (base if compared else own).append(f)
        last = f if compared else None
    return own, base


_DURATION = re.compile(r"(?:nine|six|three|twelve|\d{1,2})[- ]months?\b", re.I)


def _is_base(sentence: str, found: _Found) -> bool:
    """A period after "from", "than", "compared with": what a figure is compared with."""
    lead = sentence[:found.start]
    if found.name in _PARTS and re.search(r"\bfrom\s+$", lead, re.I) and found.match and \
            re.match(r"[A-Z][a-z]+\s*(?:-|–|to|through)", found.match[0]):
        return False  # "from April to June", "from April to December" names the part, not what it is compared with
    if re.search(r"\bover\s+(?:the\s+|a\s+)?$", lead, re.I) and _DURATION.match(sentence, found.start):
        return False  # "883 times over the nine months through December": the span counted over
    return bool(_BASE_CUE.search(lead[-70:]))  # room for "than the 778 scrambles Japanese pilots made "


# --- coding one text -------------------------------------------------------------------------------
CODED_COLUMNS = ["claim_id", "source_id", "zone", "metric", "subject", "period", "date_start", "date_end",
                 "compared_period", "value", "unit", "role", "mention_id", "quote", "raw_start", "raw_end", "rule"]


@dataclass
class CodedClaim:
    claim_id: str
    source_id: str
    zone: str
    metric: str
    subject: str
    period: str
    date_start: str
    date_end: str
    compared_period: str
    value: str
    unit: str
    role: str
    mention_id: str
    quote: str
    raw_start: int
    raw_end: int
    rule: str


_OUT_OF = re.compile(r"\s+out\s+of\s+(?:every\s+)?", re.I)
OUT_OF_MAX_WHOLE = 10  # "three out of four" is a fraction; "464 out of 669" two counts


def _parts_out_of(sentence: str, offset: int, inside: list) -> dict[str, tuple[float, str]]:
    """Fractions said as a part out of a small whole ("nearly three out of four of those occasions", "one out of
    every five"): the part's mention id -> (the fraction, the whole's mention id)."""
    numbers = [m for m in inside if m.kind == "number" and isinstance(m.value, float)]
    return {part.mention_id: (part.value / whole.value, whole.mention_id) for part, whole in zip(numbers, numbers[1:])
            if 0 < part.value < whole.value <= OUT_OF_MAX_WHOLE
            and _OUT_OF.fullmatch(sentence, part.end - offset, whole.start - offset)}


ASIDE_MAX_WORDS = 4  # ", close to a record,", ", up 156,": an aside between a figure and its period
_OPENS_PHRASE = re.compile(r"(?:(?:in|during|for|over|through|throughout)\s+)?(?:the\s+)?")


def _after_an_aside(sentence: str, clause: tuple[int, int], own: list[_Found]) -> list[_Found]:
    """The period phrases that open the clause after a short aside that follows `clause` ("943 times, close to a
    record, in fiscal year 2014"), or none."""
    def next_clause(end: int) -> tuple[int, int] | None:
        cut = _CLAUSE_BREAK.match(sentence, end)
        return _clause(sentence, cut.end(), cut.end()) if cut else None

    aside = next_clause(clause[1])
    if aside is None or not 0 < len(sentence[aside[0]:aside[1]].split()) <= ASIDE_MAX_WORDS:
        return []
    following = next_clause(aside[1])
    return [f for f in own if following and following[0] <= f.start and
            _OPENS_PHRASE.fullmatch(sentence, following[0], f.start)]


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence around [start, end): between clause breaks (", ", ";", "and", "while")."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, end)), len(sentence))
    return left, right


def _subject(lexicon: Lexicon, sentence: str, span: tuple[int, int], start: int, end: int,
             side: str = "both") -> str:
    """The nearest subject word within `span` of the sentence ("both" sides of the number, after it
    winning a tie; or only "before" or "after" it), or ""."""
    best = None
    for subject, pattern in lexicon.subjects:
        for match in pattern.finditer(sentence, *span):
            if _LISTED.search(sentence, max(0, end if match.start() >= end else 0, match.start() - 40), match.start()):
                continue  # "foreign planes, including Russian as well as Chinese aircraft": parts, not the subject
            if subject == "total" and _WHOLE_OF.search(sentence, max(0, match.start() - 40), match.start()) and \
                    not (match.end() <= start and not sentence[match.end():start].strip()):
                # ("of the total 544 alerts": the 544 is the total itself)
                continue  # "half of the nine-month total": the whole a share is of, not the subject
            after = match.start() >= end
            if (side == "before" and after) or (side == "after" and not after) or (not after and match.end() > start):
                continue
            if _CAUSE.search(sentence, end, match.start()) if after else \
                    _CAUSE.search(sentence, max(0, match.start() - 30), match.start()):
                continue
            if after and _MOSTLY.search(sentence, max(end, match.start() - 60), match.start()):
                continue  # "340 times in April-June, mainly for Russian planes"
            distance = match.start() - end if after else start - match.end() + 0.5
            if best is None or distance < best[0]:
                best = (distance, subject, match.start(), match.end())
    if best is None:
        return ""
    _, subject, first, last = best
    for other, pattern in lexicon.subjects:  # "Chinese and Russian aircraft", "Chinese, Russian forces": both
        if other == subject:
            continue
        joined = _JOINED_SUBJECT.match(sentence, last)
        if joined and pattern.match(sentence, joined.end()):
            return _together(subject, other)
        if any(_JOINED_SUBJECT.fullmatch(sentence, m.end(), first) for m in pattern.finditer(sentence, 0, first)):
            return _together(other, subject)
    return subject


_JOINED_SUBJECT = re.compile(r"\s*,\s*|\s+(?:and|or|and/or|as well as)\s+")
# Reports call the whole count "scrambles against Chinese and Russian aircraft" (the two make up all but a
# few percent of it, and the labels of every scramble set read it so): together they are the total.
_TOGETHER = {frozenset({"China", "Russia"}): "total"}


def _together(first: str, second: str) -> str:
    if "other" in {first, second}:  # "Taiwanese and other aircraft": the rest together
        return "other"
    return _TOGETHER.get(frozenset({first, second}), f"{first} and {second}")


# a multiplier that compares ("twice as often", "triple the figure", "threefold year-on-year", "up over
# threefold", "a threefold rise"), and one that is a rate ("twice a day"); else it counts ("up from only twice in 2003")
_COMPARES_AFTER = re.compile(r"\s*(?:as\s+(?:many|much|often|frequently|high|large)|more|higher|larger|greater|"
                             r"(?:rise|increase|jump|growth|surge|gain)s?|"
                             r"(?:year-on-year|on-year|on the year|from|compared|over|the|that|those|what))\b", re.I)
_COMPARES_BEFORE = re.compile(r"\b(?:up|rose|risen|increased|grew|jumped|surged|climbed|soared|an? increase of)"
                              r"\s+(?:by\s+)?(?:over\s+|more than\s+|nearly\s+|almost\s+|about\s+|roughly\s+|some\s+)?$",
                              re.I)
_MULTIPLIES = re.compile(r"\s*(?:the|that|those|what)\b", re.I)  # "triple the number in ...", "double that of ..."
# a figure named again with "the": "The 523 scrambles by the JASDF constitute a 9.9 percent increase"
_DEFINITE = re.compile(r"(?:^|\W)(?:the|these|those)\s+$", re.I)
_TIMES = re.compile(r"\s*times\b", re.I)
_TIMES_MORE = re.compile(r"\s*times\s+(?=more\b|higher\b|greater\b|as\s+(?:many|much|high)\b)", re.I)
# what a multiplier multiplies, when it says: "doubled the number of fighters dispatched", "double the number of"
_MULTIPLIED_WHAT = re.compile(r"\s+the\s+(?:number|count|total|figure)\s+of\s+(?P<noun>(?:[\w’'-]+\s+){0,3}[\w’'-]+)", re.I)
_TIMES_THE = re.compile(r"\s*times\s+(?=(?:the|that|those)\s+(?:number|level|figure|total|count|tally)\b)", re.I)
_RATE_AFTER = re.compile(r"\s*(?:a|an|per|each|every)\s+(?:day|week|month|year|night|hour)\b", re.I)


def _multiplied(sentence: str, start: int, end: int) -> bool | None:
    """Whether a multiplier ("twice", "threefold") compares two levels (True), counts (False), or is a rate
    (None)."""
    if sentence[start:end].lower() in MULTIPLIER_VERBS:  # "the number more than doubled": always a change
        return True
    if _RATE_AFTER.match(sentence, end):
        return None
    return bool(_COMPARES_AFTER.match(sentence, end) or _COMPARES_BEFORE.search(sentence[max(0, start - 40):start]))


def _number_role(lexicon: Lexicon, before: str, after: str, kind: str, fraction: bool) -> tuple[str, int]:
    role, sign = _role(lexicon, before, after, kind)
    if role == "share" and kind != "percent" and not fraction:
        role = "level"  # "accounted for 575, or 74 pct": the count is a level, the percentage the share
    return role, sign


def _role(lexicon: Lexicon, before: str, after: str, kind: str) -> tuple[str, int]:
    before, after = before[-120:], after[:160]
    for role, side, pattern, sign in lexicon.roles:
        if pattern.search(before) if side == "before" else pattern.match(after):
            return role, sign
    return ("share" if kind == "percent" else "level"), 1


def _counts(rule: MetricRule, after: str) -> bool:
    return bool(rule.counts and _counting_words(rule.counts.pattern).match(after))


@functools.cache
def _counting_words(counts: str) -> re.Pattern:
    """A metric's counting words after a number: up to three words between ("147 times", "96 such
    scrambles"), none a unit of time ("20 specific days with events": the count is of days)."""
    return re.compile(rf"\s*(?:(?!(?:days?|weeks?|months?|years?|hours?)\b)[\w’'-]+\s+){{0,3}}?(?:{counts})\b", re.I)


def _metric(lexicon: Lexicon, kind: str, sentence: str, before: str, after: str, role: str,
            about: set) -> tuple[MetricRule, str] | None:
    """The first metric this number counts, and why; `about`: the metrics the sentence is about (its
    trigger words name them, or it carries them from the sentence before)."""
    if kind == "number" and _RATIO.match(after):  # "four times the pace of a decade ago"
        return None
    for rule in lexicon.metrics:
        if kind not in rule.kinds:
            continue
        if rule.trigger is not None and rule.metric not in about:
            continue
        if _counts(rule, after):
            return rule, "counting word after the number"
        if kind in {"money", "ordinal"} and rule.trigger is not None:
            return rule, "an amount in a sentence about it"
        if rule.metric == "share" and role == "share":
            return rule, "a share cue"
        if rule.by_cue:
            if kind == "number" and _TAKES_COUNT.search(before[-40:]) and (
                    _FLIGHTS.match(after) or not _OTHER_UNITS.match(after)):  # not "to intercept two bombers"
                return rule, "a number the scramble verb takes"  # "scrambled to intercept 785 inbound flights"
            if kind == "number" and _OTHER_UNITS.match(after):  # "the 12-month period", "two bombers"
                continue
            if role != "level" and (kind != "percent" or role in {"share", "change"}):
                return rule, f"{role} cue in a sentence about it"
            if kind == "number" and _LEVEL_CUE.search(before[-50:]):
                return rule, "level verb before the number"
            if kind == "number" and _PASSED.search(before[-30:]) and not _HOW_OFTEN.match(after):
                return rule, "a level the count passed ('in 2005 the number exceeded 100')"
            if apposition := _APPOSITION.match(after):
                after = after[apposition.end():]
            subject_after = re.match(r"\s*(?:of them\s+|of which\s+|of those\s+)?(?:(?:were|was)\s+for\s+|(?:were\s+|was\s+)?"
                                     r"(?:against|toward|towards|in response to|involving|involved|targeting|targeted)\b)",
                                     after, re.I)
            # "were by Chinese aircraft", "237 to Russian aircraft", "156 for China": a country right after
            named_after = re.match(r"\s*(?:(?:were|was)\s+(?:by\s+)?|(?:to|for)\s+(?:the\s+)?)", after, re.I)
            if kind == "number" and (subject_after or named_after and any(
                    p.match(after, named_after.end()) for _, p in lexicon.subjects)):
                return rule, "a country after the number"
            if kind == "number" and _BASE_NUMBER.search(before[-80:]):
                return rule, _BASE_LEVEL
            if kind == "number" and _CLOSES.match(after) and (bracket := _BRACKET_AFTER_WORDS.search(before)) and any(
                    p.search(bracket[0]) for _, p in lexicon.subjects):
                return rule, "a count in brackets after a country"  # "in response to Russian moves (175)"
    return None


def _continues(lexicon: Lexicon, metrics: set, kind: str, sentence: str, before: str, after: str,
               role: str) -> tuple[MetricRule, str] | None:
    """A number of a sentence that continues the sentence before, when the sentence names a country: it
    counts that metric as in a sentence about it ("to Russian aircraft in 134 cases, down one";
    "Encounters with Chinese aircraft, which accounted for half of the total, jumped to 164")."""
    if not any(pattern.search(sentence) for _, pattern in lexicon.subjects) or _OTHER_EVENT.search(sentence):
        return None  # "two cases of ... actual encroachment into its air space": violations, not scrambles
    chosen = _metric(lexicon, kind, sentence, before, after, role, metrics)
    if chosen and chosen[1] != _BASE_LEVEL:  # "jumped from four to 10": only with the change itself coded
        return chosen[0], f"{chosen[1]}, in a sentence continuing one about it"
    return None


def code_text(text: str, mentions: list, zone: str, source_id: str, lexicon: Lexicon, context_date: str,
              raw_span, fiscal_text: bool) -> list[CodedClaim]:
    """Coded claims of one text (the body, or one title or caption line); `mentions` are this text's,
    with start/end in it; `raw_span(start, end)` maps a span of the text to the raw page."""
    today = _context_day(context_date)
    claims: list[CodedClaim] = []
    previous: dict[str, tuple[CodedClaim, Period | None]] = {}  # the last claim of each metric, and its period
    topic: dict[str, Period] = {}  # the first period stated in a sentence about each metric: the text's topic
    # in a text with no date, the part of a fiscal year ("between April and June") its first sentence about a
    # metric names, and the part of the last claim of each metric whose part was read without its year
    topic_part: dict[str, str] = {}
    previous_part: dict[str, str] = {}
    last_claim: CodedClaim | None = None
    lead: dict[str, tuple[str, bool]] = {}  # metric: the subject and record a lead with no figure announces
    about_before: set = set()  # the metrics the sentence before is about
    sentence_before: list = []  # the claims of the sentence before
    pointed: dict[str, str] = {}  # metric: the one subject the sentence before named without giving a figure
    opening: list[str] = []  # the text's first sentences, while none of them gave a figure
    # a text with no date that names one fiscal year: its months without a year are that year's ("31 occasions
    # in May" where the text says April is "the first month of the fiscal year 2024")
    named_years = {m.date_start[:4] for m in mentions if m.pattern == "fiscal_year" and m.date_start}
    text_fiscal_year = int(named_years.pop()) if today is None and len(named_years) == 1 else None

    @functools.cache
    def lead_period() -> Period | None:
        """A fiscal year or part of one the text's opening names before any figure ("Japanese fighter pilots
        responded to challenges by Chinese military aircraft during fiscal year 2021 at a pace second only to
        a record ..."): the period the figures after it are of; read only when a figure needs it."""
        for sentence in opening:
            named = [f for f in find_periods(sentence, lexicon, []) if f.name in _ANCHORS | _PARTS
                     and not _is_base(sentence, f)]
            if named and (period := resolve_period(named, today, None, fiscal_text, True)[0]):
                return period
        return None

    for number_of_sentence, (s, e) in enumerate(sentence_spans(text)):
        sentence = text[s:e]
        inside = [m for m in mentions if s <= m.start < e]
        about = {r.metric: r for r in lexicon.metrics if r.trigger is not None and r.trigger.search(sentence)}
        weakly = {r.metric for r in lexicon.metrics if r.weak_trigger is not None and r.metric not in about
                  and r.weak_trigger.search(sentence)}
        anaphor = bool(_ANAPHOR.match(sentence)) and not _SIGHTINGS.match(sentence)
        # an anaphor ("This figure", "This format") continues the metric of the sentence before
        carried = (({last_claim.metric} if last_claim else set()) | about_before) \
            if anaphor or _SHARE_OF_BEFORE.search(sentence) else set()
        # so does a sentence that names no metric of its own but counts for a country right after one that
        # coded a claim ("JASDF fighters responded to Chinese aircraft 340 times, up 59 times"), when it
        # names a country (see `_continues`)
        continued = {last_claim.metric} & about_before if last_claim and not about else set()
        # one sentence continues; a second would be a chain with nothing to hold it, unless an anaphor holds it
        about_before = set(about)
        dated = [(m.start - s, m.end - s, m.date_start, m.date_end) for m in inside
                 if m.kind == "date" and m.date_start and m.pattern not in {"year", "fiscal_year", "decade"}]
        dated += [(m.start - s, m.end - s, *month) for m in inside if text_fiscal_year is not None and
                  m.pattern == "month" and not m.date_start and (month := _month_of_fiscal_year(m.surface, text_fiscal_year))]
        found = None  # the sentence's period phrases, read once a number of it is coded (or for the topic)
        in_sentence: list[tuple[CodedClaim, Period | None, bool]] = []
        joined_to = None  # (metric rule, kind, end) of the last figure coded in the sentence
        parts = _parts_out_of(sentence, s, inside)  # "three out of four": the part's mention -> the fraction
        wholes = {whole for _, whole in parts.values()}
        for m in inside:
            if m.kind not in _CODED_KINDS or m.mention_id in wholes:
                continue
            multiplied = m.pattern == "multiplier" and _multiplied(sentence, m.start - s, m.end - s)
            if m.pattern == "multiplier" and multiplied is None:  # "twice a day" is a rate
                continue
            # "more than seven times the number recorded in FY2021": a number of times another count, a change
            times_the = _TIMES_THE.match(sentence, m.end - s) if m.kind == "number" and not multiplied else None
            if times_the is None and m.kind == "number" and isinstance(m.value, float) and not m.value.is_integer():
                # "an increase of more than 1.5 times compared to 2020": no count is a fraction, so a multiple
                times_the = _TIMES.match(sentence, m.end - s)
            if times_the is None and m.pattern == "number_words":
                # "eight times more than in the same period last year": a multiple in words (a count of that many
                # more, "24 times more than a year earlier", is written in digits by the translations that say it)
                times_the = _TIMES_MORE.match(sentence, m.end - s)
            multiplied = multiplied or bool(times_the)
            multiplier_end = times_the.end() if times_the else m.end - s
            if zone == "body" and not text[m.end:].strip() and not _ENDED.search(text):
                continue  # the last word of a page cut off mid-sentence ("but a decline of 25"): its unit is lost
            start, end = m.start - s, m.end - s
            before, after = sentence[:start], sentence[end:]
            # "72 and 26 percent of the intercepts": the unit after the second figure is the first's too
            kind = "percent" if m.kind == "number" and _SHARED_PERCENT.match(after) else m.kind
            fraction = m.pattern in {"fraction", "a_fraction", "half"} or m.mention_id in parts
            metrics = carried | about.keys() | weakly
            # the role cues are read once they can matter: for choosing the metric (a sentence about one, or
            # a kind a rule without trigger words picks by its role), else only for a number then coded
            role = sign = None
            if multiplied:  # "twice as often as a year earlier", "up threefold on-year": a change in percent
                role, sign, after = "change", 1, ""
            elif m.mention_id in parts:
                role, sign = "share", 1  # a part out of a whole is a share of it
            elif metrics or continued or kind in lexicon.kinds_chosen_by_role:
                role, sign = _number_role(lexicon, before, after, kind, fraction)
            chosen = _metric(lexicon, kind, sentence, before, after, role or "level", metrics)
            if continued and (chosen is None or chosen[0].trigger is None):  # a metric of any sentence ("a
                # share cue") yields to the one the sentence continues ("71 percent of cases were caused by ...")
                chosen = _continues(lexicon, continued, kind, sentence, before, after, role) or chosen
            if chosen is None and joined_to is not None and kind == joined_to[1] and \
                    _JOINED.fullmatch(sentence[joined_to[2]:start]):  # "were 722 and 266, respectively"
                chosen = joined_to[0], "a figure joined by 'and' to the figure before it"
            if chosen is None:
                continue
            if role is None:
                role, sign = _number_role(lexicon, before, after, kind, fraction)
            if role == "change" and _THAN_RECORD.match(after):
                continue  # "only one less than the record set in 1984": a gap to a record, no change over a period
            rule, why = chosen
            if multiplied and (what := _MULTIPLIED_WHAT.match(sentence, m.end - s)) and not _counts(rule, what["noun"]):
                continue  # "has doubled the number of fighters dispatched for each intercept": not of scrambles
            joined_to = (rule, kind, end)
            if found is None:
                found = find_periods(sentence, lexicon, dated)
            clause = _clause(sentence, start, end)
            # a number compared with is a level even when a record cue follows ("a sharp increase from eight
            # and a record high": the record is the figure before it)
            base_number = rule.by_cue and role in {"level", "record"} and bool(_BASE_NUMBER.search(before[-80:]))
            if rule.by_cue and not base_number and _SURPASSED.search(before[-40:]):
                # "already surpassed 725 times registered in the full fiscal year": the level surpassed,
                # when its clause names the period it is of
                base_number = any(end <= f.start < clause[1] for f in _own_and_base(sentence, found)[1])
            if kind == "ordinal":
                role = "number_in_series"
            elif base_number and not _NAMED_RECORD.search(before[-30:]):  # "down from a peak of 1,168": a record
                role = "level"
            value = parts[m.mention_id][0] if m.mention_id in parts else float(m.value)
            if fraction and role in {"share", "change"}:  # "a quarter of all cases" is 25 percent, "by half" 50
                value, unit = value * 100, "percent"
            elif fraction:  # "overlaps with about half of Japan's": a fraction is no count
                continue
            elif multiplied:  # "twice as many" is 100 percent more, "threefold" 200 percent more
                value, unit = (value - 1) * 100, "percent"
            else:
                unit = "percent" if kind == "percent" else (m.unit if kind == "money" else rule.unit)
            reasons = [f"metric {rule.metric}: {why}"]
            following = _next_number(sentence, inside, s, end)
            subject, how = _claim_subject(lexicon, rule, sentence, clause, start, end, role, in_sentence,
                                          previous.get(rule.metric) if anaphor and not _NEW_PHRASE.match(sentence)
                                          else None, following)
            if how.startswith("none named") and _DEFINITE.search(before) and (same := next(
                    (c for c in reversed(claims) if c.metric == rule.metric and c.value == _number(value)
                     and c.role in ("level", "record") and c.zone == zone), None)):
                subject, how = same.subject, "of the same figure given before ('The 523 scrambles by the JASDF ...')"
            if how.startswith("none named") and (_NAMED_PART.search(before) and _CLOSES.match(after) or
                                                 _AIR_UNIT.search(before)):
                continue  # "the Northern Air Defense Force (198 scrambles)", "The Southwestern Air Defense Force
                # ... handled 411 scrambles": a part by unit or region, not a country's
            if rule.metric in lead and how.startswith("none named") and lead[rule.metric][0] and not base_number:
                subject, how = lead[rule.metric][0], "of the text's lead, which gave no figure"
            elif how.startswith("none named") and _SUCH.search(before) and rule.metric in previous:
                # "compared with just 93 scrambles ... In the year that ended on March 31, such scrambles rose"
                subject, how = previous[rule.metric][0].subject, "of the claim before it, which 'such' points to"
            elif anaphor and how.startswith("none named") and pointed.get(rule.metric):
                # "... a sharp fall in the number of scrambles against Chinese aircraft. That figure fell from 851"
                subject, how = pointed[rule.metric], "of the sentence before, which the anaphor points to"
            if subject:
                reasons.append(f"subject {how}")
            # the period of the claim before it in the sentence, not of a level compared with ("from 107 in
            # fiscal 2005 to 1": the 1 is not of fiscal 2005)
            before_claim = next((p for c, p, compared_level in reversed(in_sentence)
                                 if not compared_level and c.role != "previous_record"), None)
            # a share after a share ("73 percent of all cases from April to December. ... with 26 percent of
            # the total") is of the same whole, whatever period the text is about
            share_after_share = role == "share" and rule.metric in previous and previous[rule.metric][0].role == "share"
            reference = (previous[rule.metric][1] if (anaphor or share_after_share) and rule.metric in previous else None) \
                or before_claim or topic.get(rule.metric) or (previous[rule.metric][1] if rule.metric in previous else None) \
                or (lead_period() if rule.fiscal_series else None)
            own, base = _own_and_base(sentence, found)
            if multiplied and _MULTIPLIES.match(sentence, multiplier_end):
                # "more than triple the number in the same period last year": the period of what it multiplies
                own, base = [f for f in own if f.start < end], base + [f for f in own if f.start >= end]
            in_clause = [f for f in own if clause[0] <= f.start < clause[1]]
            if not in_clause and re.match(r"\s*when\b", sentence[clause[0]:clause[1]], re.I):
                # "compared to the same quarter last year, when Japanese jets were scrambled 110 times"
                before_when = _clause(sentence, max(0, clause[0] - 3), max(0, clause[0] - 3))
                in_clause = [f for f in found if before_when[0] <= f.start and f.end <= clause[0]]
            if base_number:  # "up from 904 in fiscal 2017": the level of the period compared with
                in_clause = [f for f in base if clause[0] <= f.start < clause[1]] or [
                    _Found("same_period_before", 0, 0, None)]
                reference = before_claim or reference
                if reference is None and own:  # "figures for 2023 show a decrease ... from 462 to 392": the
                    # period before the one the sentence reports on
                    reference = resolve_period(own, today, None, fiscal_text, rule.fiscal_series)[0]
            period, how = resolve_period(in_clause, today, reference, fiscal_text, rule.fiscal_series)
            where = "in the clause"
            if period is None and (role == "previous_record" or role == "record" and _SET_IN.match(after)):
                # "the previous high of 944 — ... in 1984", "the record high of 164 scrambles, set during ..."
                period, how = resolve_period([f for f in own if end <= f.start < end + 70] or [
                    f for f in base if end <= f.start < end + 70 and f.name == "part_before"], today, reference,
                                             fiscal_text, rule.fiscal_series)  # ("set over the preceding three months")
                where = "after it in the sentence"
            if period is None and not base_number:  # a phrase before the number, not one of a later clause
                period, how = resolve_period([f for f in own if f.start < clause[1]], today, reference, fiscal_text,
                                             rule.fiscal_series)
                where = "in the sentence"
                if period is not None and any(c.role == "previous_record" and c.period == period.label
                                              for c, _, _ in in_sentence):
                    period = None  # "since a record 944 in 1984 and up more than 16 percent": the record's year
            if period is None and not base_number and (after_aside := _after_an_aside(sentence, clause, own)):
                # "scrambled 943 times, close to a record, in fiscal year 2014": the period past a short aside
                period, how = resolve_period(after_aside, today, reference, fiscal_text, rule.fiscal_series)
                where = "after an aside"
            relative = today is None and any(f.name in _RELATIVE_ANCHORS for f in in_clause)  # "so far this
            # fiscal year" in an undated text: a period the text names but no one can place, so none is carried
            if period is None and reference is not None and role != "previous_record" and not relative:  # an earlier record is
                # never of the period being reported on
                period, how, where = reference, "carried", (
                    "from the claim the anaphor points to" if anaphor and rule.metric in previous
                    else "from the claim before it in the sentence" if before_claim
                    else "from the text's topic" if rule.metric in topic
                    else "from the previous claim" if rule.metric in previous else "from the text's opening")
            if period is None and rule.default_period == "as_of_text" and today:
                period, how, where = Period(f"as of {today.isoformat()}", today, today), "a running tally", "as of the text's date"
            if period is not None and how == "calendar_year" and role in {"record", "previous_record"} and \
                    (same := _same_part(reference, period.start.year)):
                # "173 times between April and June ... following the all-time high of 199 in 2016": that quarter
                period, how = same, "the same part of the year named"
            if period is not None:
                reasons.append(f"period {how} {where}")
            elif today is None and not base_number and role != "previous_record":
                # "594 times in the first half" in a text with no date: the part is read, its year is not;
                # `claims.date_by_series` may find it in the official series. With no period phrase of its own
                # the claim takes the part of the claim before it in the sentence, else of the text's topic
                stated = [f for f in own if f.start < clause[1]]
                part = yearless_part(in_clause) or yearless_part(stated)
                carried_part = "" if part or stated else (
                    (in_sentence and previous_part.get(rule.metric)) or topic_part.get(rule.metric)
                    or previous_part.get(rule.metric, ""))
                if part or carried_part:
                    reasons.append(f"period {YEARLESS_PART} {part or carried_part}" + ("" if part else " (carried)"))
                    previous_part[rule.metric] = part or carried_part
            compared = ""
            if role == "change" and period is not None:
                base_in_clause = [f for f in base if clause[0] <= f.start < clause[1]] or base
                # "up 80% on the year": the period compared with is the same one a year before, not this one
                base_in_clause = [_Found("same_period_before", f.start, f.end, f.match) if f.name == "this_period"
                                  and re.search(r"\bon\s+$", sentence[:f.start]) else f for f in base_in_clause]
                base_period, _ = resolve_period(base_in_clause, today, period, fiscal_text, rule.fiscal_series) \
                    if base_in_clause else (None, "")
                compared = base_period.label if base_period else ""
            if role == "change":
                value *= sign
            if rule.metric in lead and lead[rule.metric][1] and role == "level" and not base_number and \
                    subject == (lead[rule.metric][0] or rule.default_subject):
                role = "record"  # "scrambled ... a record number of times for the July-September period. ...
                reasons.append("role record: the text's lead calls it one")  # scrambled 117 times"
                lead[rule.metric] = (lead[rule.metric][0], False)
            raw_start, raw_end = raw_span(s, e)
            claim = CodedClaim(
                f"{source_id}:claim{len(claims) + 1:03d}", source_id, zone, rule.metric, subject,
                period.label if period else "", period.start.isoformat() if period and period.start else "",
                period.end.isoformat() if period and period.end else "", compared, _number(value), unit, role,
                m.mention_id, sentence, raw_start, raw_end, "; ".join(reasons))
            claims.append(claim)
            in_sentence.append((claim, period, base_number))
            # an anaphor ("That's a 13.5 percent increase") points past a level compared with, and past a
            # record of another period named in passing ("the all-time high of 199 in 2016"); an earlier
            # record ("besting the previous high of 944 ... in 1984") is never the period a text goes on about
            # a share after a count in its sentence ("883 times ..., with 73 percent of the incidents involving
            # Chinese aircraft") is a part of that count: "The number was up 316" is about the whole
            part_of_before = role == "share" and any(c.role != "share" and not base for c, _, base in in_sentence[:-1])
            if not base_number and role != "previous_record" and not part_of_before and not (
                    role == "record" and before_claim is not None and period != before_claim):
                previous[rule.metric] = (claim, period)
            last_claim = claim
        if carried and in_sentence:  # "The overall number of incidents was up 295": a claim an anaphor held
            about_before |= {c.metric for c, _, _ in in_sentence}
        level_before = next((c for c, _, base in sentence_before if c.role == "level" and not base), None)
        if anaphor and not in_sentence and level_before and _RECORD_AFTER.search(sentence):
            level_before.role = "record"  # "The number, also a record-high, ...": the level before is a record
            level_before.rule += "; role record: the next sentence calls it one"
        sentence_before = in_sentence
        if not claims and number_of_sentence < LEAD_SENTENCES:
            opening.append(sentence)  # an opening sentence that gave no figure
        _open_series_periods([c for c, _, _ in in_sentence])
        _respectively(lexicon, sentence, [c for c, _, base in in_sentence if not base],
                      {m.mention_id: m.start - s for m in inside})
        for metric in {c.metric for c, _, _ in in_sentence}:
            lead.pop(metric, None)  # a lead's subject and record go to the first sentence with figures
        for metric, rule in about.items():  # a first sentence about a metric that gives no figure of it is a
            # lead: "Japan scrambled fighter jets ... by Chinese planes a record high number of times ..."
            if rule.by_cue and metric not in topic and metric not in previous and metric not in lead and \
                    not any(c.metric == metric for c, _, _ in in_sentence):
                clause, named = _trigger_clause_subjects(lexicon, rule, sentence)
                if found is None:
                    found = find_periods(sentence, lexicon, dated)
                if any(f.name != "date_mention" and clause[0] <= f.start < clause[1] for f in found) or \
                        _STATISTIC.search(sentence, *clause):
                    # a lead announces a period's figure ("for the July-September period") or a statistic ("The
                    # figures show a significant rise in the number of interceptions ... against Chinese intruders"),
                    # unlike a report of one incident ("scrambled fighter jets on Friday after Russian patrol aircraft")
                    lead[metric] = (named.pop() if len(named) == 1 else "",  # one subject, or none to give
                                    bool(_LEAD_RECORD.search(sentence, *clause)))
        pointed = {}
        for metric, rule in about.items():  # a sentence about a metric with no figure of it, naming one subject
            if rule.by_cue and not any(c.metric == metric for c, _, _ in in_sentence):
                _, named = _trigger_clause_subjects(lexicon, rule, sentence)
                if len(named) == 1:
                    pointed[metric] = named.pop()
        for metric, rule in about.items():  # the first period a text states about a metric is its topic
            if metric not in topic:
                if found is None:
                    found = find_periods(sentence, lexicon, dated)
                own_phrases = [f for f in found if not _is_base(sentence, f) and f.name != "date_mention"]
                period, _ = resolve_period(own_phrases, today, None, fiscal_text, rule.fiscal_series)
                if period is None and text_fiscal_year is not None:  # a text with no date that counts by month:
                    # "31 occasions in May", its May dated by the one fiscal year the text names, is its topic
                    period, _ = resolve_period([f for f in found if not _is_base(sentence, f)], today, None,
                                               fiscal_text, rule.fiscal_series)
                if period is None and today is None and metric not in topic_part:
                    topic_part[metric] = yearless_part(own_phrases)
                earlier_records = {c.period for c, _, _ in in_sentence if c.role == "previous_record"}
                if period is not None and period.label not in earlier_records:
                    # ("besting the previous high of 944 ... in 1984": an earlier record's year is no topic)
                    topic[metric] = period
    return claims


def _trigger_clause_subjects(lexicon: Lexicon, rule: MetricRule, sentence: str) -> tuple[tuple[int, int], set]:
    """The clause of the sentence where its metric's first trigger word stands, and the subjects named in any
    clause with a trigger word (not as a cause: "amid China's ...")."""
    triggers = list(rule.trigger.finditer(sentence))
    clauses = [_clause(sentence, trigger.start(), trigger.end()) for trigger in triggers]
    # every clause with a trigger word: "an increase in air interceptions of Chinese UAVs ..., even as it said
    # that its overall fighter air scrambles had dwindled" names two subjects, so the lead gives none
    return clauses[0], {subject for clause in clauses for subject, pattern in lexicon.subjects
                        for match in pattern.finditer(sentence, *clause)
                        if not _CAUSE.search(sentence, max(clause[0], match.start() - 40), match.start())}


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
_SHARED_PERCENT = re.compile(r"\s*(?:,|and|or|,\s*and)\s*\d[\d.]*\s*(?:percent|per cent|%)")
# only "and" between two figures: "722 and 266", or "and" after the first one's year: "150 in 2011 and 300 in 2012"
_JOINED = re.compile(r"(?:\s+(?:in|for|during)\s+(?:(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?)?(?:19|20)\d\d)?,?\s+and\s+")
_ENDED = re.compile(r"[.!?…\"”’)\]]\s*$")  # a text that ends a sentence, not one the page cut off


def _respectively(lexicon: Lexicon, sentence: str, claims: list[CodedClaim], starts: dict[str, int]) -> None:
    """"Chinese and Russian aircraft were 722 and 266, respectively": the figures before "respectively" take
    the countries named before it, in order, when there are as many of each (`starts`: where each claim's
    mention starts in the sentence)."""
    respectively = _RESPECTIVELY.search(sentence)
    claims = [c for c in claims if respectively and starts[c.mention_id] < respectively.start()]
    if len(claims) < 2 or len({c.metric for c in claims}) != 1:
        return
    named = sorted((match.start(), subject) for subject, pattern in lexicon.subjects if subject != "total"
                   for match in pattern.finditer(sentence, 0, respectively.start()))
    subjects = list(dict.fromkeys(subject for _, subject in named))
    if len(subjects) == len(claims):
        for claim, subject in zip(claims, subjects):
            claim.subject = subject
            claim.rule += "; subject by 'respectively', in the order the sentence names them"


def _same_part(reference: Period | None, year: int) -> Period | None:
    """The part of a fiscal year `reference` covers (a half, a quarter, nine months), in the year `year`."""
    match = re.fullmatch(r"FY(\d{4}) (\S+)", reference.label) if reference else None
    if not match or match[2] not in FISCAL_PARTS:
        return None
    return fiscal_period(int(match[1]) + year - reference.start.year, match[2])


def _next_number(sentence: str, inside: list, offset: int, end: int) -> int:
    """Where the number after the one ending at `end` starts (or the sentence's end); a percentage in
    apposition ("851 scrambles, or 73 percent, came in response to Chinese flights") is passed over."""
    for m in inside:
        start = m.start - offset
        if start >= end and m.kind in _CODED_KINDS:
            if m.kind == "percent" and re.fullmatch(r"[\s\w]{0,20}?,?\s+or\s+", sentence[end:start]):
                end = m.end - offset
                continue
            return start
    return len(sentence)


def _open_series_periods(claims: list[CodedClaim]) -> None:
    """Levels of one sentence with the same metric, subject, period and unit but different values are a series
    whose periods the sentence does not name one by one ("increased every three months, first from 15 times
    rising to 54 times, then 91 times"): their period is left open rather than guessed."""
    groups: dict[tuple, list[CodedClaim]] = {}
    for claim in claims:  # a level whose own clause names its period is dated ("fell from 479 the previous year")
        if claim.role in {"level", "record"} and claim.period and "in the clause" not in claim.rule:
            groups.setdefault((claim.metric, claim.subject, claim.period, claim.unit), []).append(claim)
    for group in groups.values():
        if len({c.value for c in group}) > 1:
            for claim in group:
                claim.period, claim.date_start, claim.date_end = "", "", ""
                claim.rule = re.sub(r"; period [^;]*", "", claim.rule) + \
                    f"; period left open: {len(group)} different levels of one subject for one period in a sentence"


_PART_OF = re.compile(r"\b\d[\d,.]*\s*(?:%|percent|per cent|pct)?\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?$", re.I)  # "464 out of 669"


def _claim_subject(lexicon: Lexicon, rule: MetricRule, sentence: str, clause: tuple[int, int], start: int,
                   end: int, role: str, in_sentence: list, anaphoric, following: int) -> tuple[str, str]:
    """Whom a figure is about, and where that was found (see the module's docstring)."""
    if rule.default_subject and not rule.by_cue:
        return rule.default_subject, f"always {rule.default_subject}"
    if _PART_OF.search(sentence, 0, start) and rule.default_subject:
        return rule.default_subject, "the whole a part is of ('234 of the 371 cases', '60% of the 544 scrambles')"
    if subject := _subject(lexicon, sentence, clause, start, end):
        return subject, "in the clause"
    if role == "share" and (subject := _subject(lexicon, sentence, (end, len(sentence)), start, end, "after")):
        return subject, "after the share"  # "64 percent of the total, or 638 scrambles were against Chinese"
    if subject := _subject(lexicon, sentence, (0, start), start, end, "before"):
        return subject, "earlier in the sentence"
    if in_sentence:
        return in_sentence[-1][0].subject, "of the claim before it in the sentence"
    if anaphoric:
        return anaphoric[0].subject, "of the claim the anaphor points to"
    if following < len(sentence):  # not from the next number's own clause: "the number of scrambles decreased
        following = max(end, _clause(sentence, following, following)[0])  # by 198, with [Chinese] down by 192"
    if subject := _subject(lexicon, sentence, (end, following), start, end, "after"):
        return subject, "later in the sentence, before its next number's clause"
    if rule.default_subject:
        return rule.default_subject, f"none named: {rule.default_subject}"
    return "", ""


def _context_day(context_date: str) -> dt.date | None:
    """The text's date as a day; a month alone ("2013-01") is read as its 15th."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", context_date[:10]):
        return dt.date.fromisoformat(context_date[:10])
    if re.fullmatch(r"\d{4}-\d\d", context_date[:7]) and len(context_date) == 7:
        return dt.date.fromisoformat(context_date + "-15")
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 6))


_FISCAL_WORDS = re.compile(r"\b(?:fiscal|financial year|business year|FY\s?\d{4}|year (?:to|through|ending|ended) "
                           r"March)\b", re.I)


def code_document(cleaned, mentions: list, context_date: str, lexicon: Lexicon) -> list[CodedClaim]:
    """Coded claims of one cleaned source: its body, then its title, standfirst and caption lines, each
    read on its own (a claim is never carried from one zone to another)."""
    fiscal_text = bool(_FISCAL_WORDS.search(cleaned.text))
    body = [m for m in mentions if m.zone == "body"]
    claims = code_text(cleaned.text, body, "body", cleaned.source_id, lexicon, context_date, cleaned.raw_span,
                       fiscal_text)
    for zone, start, end in cleaned.zones:
        line = [m for m in mentions if m.zone != "body" and start <= m.raw_start < end]
        if not line:
            continue
        found = code_text(cleaned.raw[start:end], line, zone, cleaned.source_id, lexicon, context_date,
                          lambda a, b, offset=start: (offset + a, offset + b), fiscal_text)
        for claim in found:
            claim.claim_id = f"{cleaned.source_id}:claim{len(claims) + 1:03d}"
            if not claim.period and (lead := _body_lead(claims, claim)):
                # "Japan's scrambles at Chinese drones up threefold on-year": a headline states the lead's figure
                claim.period, claim.date_start, claim.date_end = lead.period, lead.date_start, lead.date_end
                who = f"{lead.subject} " if lead.subject else ""
                claim.rule += f"; period of the body's first {who}claim of the metric (a {zone} sums up the lead)"
            claims.append(claim)
    return claims


def _body_lead(claims: list[CodedClaim], claim: CodedClaim) -> CodedClaim | None:
    """The first claim of the body with the metric and subject of `claim` and a period, if the body has one."""
    return next((c for c in claims if c.zone == "body" and c.metric == claim.metric and c.subject == claim.subject
                 and c.period and c.role != "previous_record"), None)


def coded_row(claim: CodedClaim) -> dict:
    """Its fields in order (all flat, so no deep copy as `dataclasses.asdict` makes)."""
    return dict(vars(claim))

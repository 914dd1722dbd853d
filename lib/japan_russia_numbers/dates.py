"""Calendar vocabulary shared by the stages: month names and standalone date lines."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    # in capitals, as date lines under a headline print them ("JANUARY 05, 2019")
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?"
)

# A date printed on its own, as bylines and datelines print it:
# "July 9, 2018", "9 December 2018", "2018-12-09", "Tue, 11 Mar 2014".
_DATE_FORMS = [
    re.compile(rf"(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_PATTERN}),?\s+(?P<year>\d{{4}})"),  # "12 Apr, 2022 15:32"
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    re.compile(rf"(?<!\d)(?P<year>(?:19|20)\d\d)\s+(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?!\d)"),  # "2018 May 25"
    # the numeric months of Japanese, Chinese and Korean pages: "2022年4月6日", "2022년 4월 6일", and "6 4月 2022"
    # as a Japanese locale prints a day-first stamp
    re.compile(r"(?P<year>\d{4})\s?[年년]\s?(?P<month>\d{1,2})\s?[月월]\s?(?P<day>\d{1,2})\s?[日일]"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\s+(?P<month>\d{1,2})\s?[月월]\s+(?P<year>\d{4})(?!\d)"),
]


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation such as "Dec." or "December"."""
    return MONTHS[name.rstrip(".").lower()]


def parse_full_date(text: str) -> dt.date | None:
    """The date in a string such as "July 9, 2018" (searched anywhere in it), or None."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if match and (date := _valid(match)):
            return date
    return None


_US_NUMERIC_DATE = re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b")


def parse_us_numeric_date(text: str) -> dt.date | None:
    """The date of a US-style stamp such as "Fri, 03/17/2017 - 14:00" (month first), or None."""
    match = _US_NUMERIC_DATE.search(text)
    return _valid(match) if match else None


_DAY_FIRST_DATE = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[-./])(?P<month>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/.-])")


def parse_day_first_date(text: str) -> dt.date | None:
    """The date of a day-first stamp such as "24-09-2020 11:41 IST" or "Published on 23/04/2013", when the
    day cannot be a month (above 12), or written with dots ("10.06.2015": the dotted form is the day-first
    one of European and Russian usage; American dates are written with slashes); an ambiguous "05-06-2020"
    or "05/06/2020" is None."""
    match = _DAY_FIRST_DATE.search(text)
    return _valid(match) if match and (int(match["day"]) > 12 or "." in match.group()) else None


def is_iso_date(text: str) -> bool:
    """True if `text` is a valid ISO calendar date YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# Dates a URL or a file name carries: "/2018/09/02/", "-2014-04-09", "18-Apr-2013", "20150716" (also
# at the end of an id such as "idINL4N0ZV2PY20150715", or at the start of one such as "201610177664");
# then a year and month alone, "/2013/01/".
_PATH_DATES = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_.](?P<month>[01]\d)[-_.](?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"(?<!\d)(?P<day>[0-3]?\d)-(?P<month>{MONTH_PATTERN})-(?P<year>(?:19|20)\d\d)(?!\d)", re.I),
    # yyyymmdd; at the end of an id it may follow one digit of the id ("...N10Y920140409")
    re.compile(r"(?<!\d\d)(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
    # an article id that begins with its date and runs on: "/201610177664/", "yjj2020040900904"
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)\d{1,6}(?!\d)"),
]
_PATH_MONTH = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)(?:/|$)")
# Full dates in running text: "July 9, 2018", "9 December 2018", "14th October, 2022", "2018-12-09".
_TEXT_DATES = [
    re.compile(rf"\b(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH_PATTERN}),?\s+(?P<year>\d{{4}})\b"),
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
]


def _valid(match: re.Match) -> dt.date | None:
    month = match["month"]
    month = int(month) if month.isdigit() else month_number(month)
    try:
        return dt.date(int(match["year"]), month, int(match["day"]))
    except (ValueError, KeyError):
        return None


# a date that opens or closes a span ("April 1, 2016 — March 31, 2017", "May 5 to June 1, 2016"): a period's
# bound, not a day the text was written on
_SPAN_AFTER = re.compile(r"\s*(?:—|–|-|to|through|until|till)\s*(?:\d|" + MONTH_PATTERN + r")", re.I)
_SPAN_BEFORE = re.compile(r"\d\s*(?:—|–|-|to|through|until|till)\s*$", re.I)


def _first_date(text: str, forms: list[re.Pattern], spans: bool = True) -> tuple[dt.date, str] | None:
    """The earliest valid date any of `forms` finds in `text`, and the characters that gave it; with
    `spans` False, not a date that opens or closes a span of days."""
    found = []
    for form in forms:
        for match in form.finditer(text):
            date = _valid(match)
            if date and not spans and (_SPAN_AFTER.match(text, match.end()) or
                                       _SPAN_BEFORE.search(text[max(0, match.start() - 12):match.start()])):
                continue
            if date:
                found.append((match.start(), date, match.group()))
                break
    if not found:
        return None
    _, date, surface = min(found, key=lambda item: item[0])
    return date, surface


def _path_date(path: str) -> tuple[str, str] | None:
    """(ISO date, the characters that gave it) from a URL or file name; "YYYY-MM" for a month alone."""
    found = _first_date(path, _PATH_DATES)
    if found:
        return found[0].isoformat(), found[1]
    match = _PATH_MONTH.search(path)
    if match and 1 <= int(match["month"]) <= 12:
        return f"{match['year']}-{int(match['month']):02d}", match.group().rstrip("/")
    return None


def context_date(text: str, url: str = "", file_name: str = "") -> tuple[str, str]:
    """(ISO date, how it was found) to read a text's year-less dates against, from, in order: a full date
    in the URL ("/2018/09/02/", "20150716", "-2014-04-09", "...PY20150715", "yjj2020040900904") or the
    file name, which a site or a saver gives the publication date; the first full date in the text
    ("Month D, YYYY", "D Month YYYY", "YYYY-MM-DD"), which may be an event's; a year and month in the URL
    or file name ("/2013/01/" gives "2013-01"); ("", "") if none."""
    paths = [(_path_date(place), name) for place, name in ((url, "URL"), (file_name, "file name")) if place]
    for found, name in paths:
        if found and len(found[0]) == 10:
            return found[0], f"the date in the {name} '{found[1]}'"
    found = _first_date(text, _TEXT_DATES, spans=False)
    if found:
        return found[0].isoformat(), f"the first full date in the text '{found[1]}'"
    for found, name in paths:
        if found:
            return found[0], f"the date in the {name} '{found[1]}'"
    return "", ""


# --- the year of a year-less date ---------------------------------------------------------------------
# News reports mostly the past, and looks ahead mostly a few weeks: a year-less date takes the latest
# year that puts it no more than GRACE_MONTHS after the text's date ("December 13" in a text of
# 2013-04-18 is 2012-12-13; "December 15" in one of 2016-11-19 is 2016-12-15; "January" in one of
# November is next January). Two months covers the announcements of the dev corpus (a meeting "in
# July" written on June 8, "planned for October" on September 4, "December 15" on November 19) while
# a month four or more months ahead is, in reports of statistics and incidents, the past year's
# ("November" and "December" in April, "September" in April). Like dateparser's
# PREFER_DATES_FROM='past', with a grace window.
GRACE_MONTHS = 2


def year_of(month: int, day: int | None, context: tuple[int, int, int | None], rule: str = "past") -> int:
    """The year of a year-less month (and day) read against `context` (year, month, day or None):
    rule "past" (see above), "future" (the first occurrence whose month is not before the context's
    month: the text says the date is ahead), "last" (the latest whose month is before the context's
    month: "last September"), "next" (the first whose month is after it: "next March"), "not_after"
    (the latest not after the context, without the grace of "past": a figure compared with). A day is
    compared only when the context has one; otherwise whole months."""
    year, context_month, context_day = context
    candidates = (year - 1, year, year + 1)
    if rule == "past":
        limit = year * 12 + context_month - 1 + GRACE_MONTHS       # months since year 0, plus grace
        if day is None or context_day is None:
            return max(y for y in candidates if y * 12 + month - 1 <= limit)
        return max(y for y in candidates if (y * 12 + month - 1, day) <= (limit, context_day))
    if rule == "not_after":
        if day is None or context_day is None:
            return max(y for y in candidates if (y, month) <= (year, context_month))
        return max(y for y in candidates if (y, month, day) <= (year, context_month, context_day))
    at = year * 12 + context_month
    test = {"future": lambda m: m >= at, "last": lambda m: m < at, "next": lambda m: m > at}[rule]
    fitting = [y for y in candidates if test(y * 12 + month)]
    return max(fitting) if rule == "last" else min(fitting)

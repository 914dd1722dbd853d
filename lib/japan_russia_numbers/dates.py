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
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)

# A date printed on its own, as bylines and datelines print it:
# "July 9, 2018", "9 December 2018", "2018-12-09", "Tue, 11 Mar 2014".
_DATE_FORMS = [
    re.compile(rf"(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})"),
    re.compile(rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_PATTERN})\s+(?P<year>\d{{4}})"),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
]


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation such as "Dec." or "December"."""
    return MONTHS[name.rstrip(".").lower()]


def parse_full_date(text: str) -> dt.date | None:
    """The date in a string such as "July 9, 2018" (searched anywhere in it), or None."""
    for form in _DATE_FORMS:
        match = form.search(text)
        if match:
            month = match["month"]
            month = int(month) if month.isdigit() else month_number(month)
            try:
                return dt.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                continue
    return None


def is_iso_date(text: str) -> bool:
    """True if `text` is a valid ISO calendar date YYYY-MM-DD."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True

"""The work on one source, done once: clean it, date it, extract its mentions.

`process_document` is a pure function of one raw text and what the manifest says of it, so a corpus run
can apply it to each source independently. A problem of content in one source (no article body left
after cleaning) makes that source `skipped` with a reason instead of failing the run; a source that was
processed but whose text has known defects is `warned`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cleaning import CleanedSource, CleaningError, SourceRule, clean_source, cleaned_status
from .mentions import Mention, extract_mentions


@dataclass
class DocumentResult:
    """What the per-document stages made of one source."""
    source_id: str
    status: str                  # ok, warned or skipped
    reason: str                  # why warned or skipped; empty when ok
    cleaned: CleanedSource | None
    context_date: str = ""       # the date year-less dates are read against
    context_source: str = ""     # where that date came from
    mentions: list[Mention] = field(default_factory=list)


def document_date(cleaned: CleanedSource, stated_date: str) -> tuple[str, str]:
    """The date a text's year-less dates are read against, and where it came from."""
    if stated_date:
        return stated_date, f"the stated date {stated_date}"
    found = cleaned.metadata.get("date", "")
    if found:
        return found, f"the page's {cleaned.metadata.get('date_found_in', 'date')} {found}"
    return "", ""


def process_document(raw: str, source_id: str, rules: list[SourceRule] = (), stated_date: str = "",
                     url: str = "", file_name: str = "") -> DocumentResult:
    """Clean, date and extract one source; never raises for a problem of content."""
    try:
        cleaned = clean_source(raw, source_id, rules)
    except CleaningError as error:
        return DocumentResult(source_id, "skipped", str(error).removeprefix(f"{source_id}: "), None)
    date, how = document_date(cleaned, stated_date)
    mentions = extract_mentions(cleaned, date, how) if date else extract_mentions(cleaned)
    status, reason = cleaned_status(cleaned)
    return DocumentResult(source_id, status, reason, cleaned, date, how, mentions)

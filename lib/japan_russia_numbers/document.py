"""The work on one source, done once: clean it, date it, extract its mentions.

`process_document` is a pure function of one raw text and what the manifest says of it, so a corpus run
can apply it to each source independently. A problem of content in one source (no article body left
after cleaning) makes that source `skipped` with a reason instead of failing the run; a source that was
processed but whose text has known defects is `warned`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .coding import CODED_COLUMNS, CodedClaim, Lexicon, code_document, coded_row
from .cleaning import (QUALITY_COLUMNS, REMOVAL_COLUMNS, SUMMARY_COLUMNS, CleanedSource, CleaningError, SourceRule,
                       character_rows, clean_source, cleaned_status, quality_rows, removal_rows, summary_row)
from .dates import context_date
from .framing import FRAMING_COLUMNS, topic_rows
from .mentions import MENTION_COLUMNS, Mention, extract_mentions, mention_row


@dataclass
class DocumentResult:
    """What the per-document stages made of one source."""
    source_id: str
    status: str                  # ok, warned or skipped
    reason: str                  # why warned or skipped; empty when ok
    cleaned: CleanedSource | None
    context_date: str = ""       # the date year-less dates are read against
    context_source: str = ""     # where that date came from
    mentions: list[Mention] = field(default_factory=list)  # body first, then title and captions
    claims: list[CodedClaim] = field(default_factory=list)  # what its numbers claim (with a lexicon)


def document_date(cleaned: CleanedSource, stated_date: str = "", url: str = "",
                  file_name: str = "") -> tuple[str, str]:
    """The date a text's year-less dates are read against, and where it came from: the manifest's
    stated date, else the page's own publication date (published stamp, date line, page metadata),
    else the first full date in the body, a date in the URL, a date in the file name."""
    if stated_date:
        return stated_date, f"the stated date {stated_date}"
    found = cleaned.metadata.get("date", "")
    if found:
        return found, f"the page's {cleaned.metadata.get('date_found_in', 'date')} {found}"
    return context_date(cleaned.text, url, file_name)


@dataclass
class _Zone:
    """A title or caption line of the raw page, read by the extractor like a cleaned text."""
    source_id: str
    text: str
    offset: int

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset + start, self.offset + end


def zone_mentions(cleaned: CleanedSource, date: str, how: str) -> list[Mention]:
    """Mentions in the page's title and captions, numbered apart from the body's (`id:t001`, `id:c001`)."""
    found, counts = [], {}
    for zone, start, end in cleaned.zones:
        view = _Zone(cleaned.source_id, cleaned.raw[start:end], start)
        for mention in extract_mentions(view, date, how) if date else extract_mentions(view):
            counts[zone] = counts.get(zone, 0) + 1
            found.append(dataclasses.replace(
                mention, zone=zone, mention_id=f"{cleaned.source_id}:{zone[0]}{counts[zone]:03d}"))
    return found


def process_document(raw: str, source_id: str, rules: list[SourceRule] = (), stated_date: str = "",
                     url: str = "", file_name: str = "", lexicon: Lexicon | None = None) -> DocumentResult:
    """Clean, date, extract and (given a claims lexicon) code one source; never raises for a problem
    of content."""
    try:
        cleaned = clean_source(raw, source_id, rules)
    except CleaningError as error:
        return DocumentResult(source_id, "skipped", str(error).removeprefix(f"{source_id}: "), None)
    date, how = document_date(cleaned, stated_date, url, file_name)
    mentions = extract_mentions(cleaned, date, how) if date else extract_mentions(cleaned)
    status, reason = cleaned_status(cleaned)
    mentions += zone_mentions(cleaned, date, how)
    claims = code_document(cleaned, mentions, date, lexicon) if lexicon else []
    return DocumentResult(source_id, status, reason, cleaned, date, how, mentions, claims)


# --- the corpus: every source once, in parallel, its rows streamed to the stage's tables ------------
STATUS_COLUMNS = ["source_id", "file", "status", "reason", "title_found", "byline_found", "site_found",
                  "date_found", "date_found_in", "context_date", "context_source", "mentions"]
TABLE_COLUMNS = {"source_status": STATUS_COLUMNS, "removed": REMOVAL_COLUMNS, "cleaning_summary": SUMMARY_COLUMNS,
                 "characters_by_rule": ["source_id", "fate", "characters"], "text_quality": QUALITY_COLUMNS,
                 "mentions": MENTION_COLUMNS, "coded_claims": CODED_COLUMNS, "framing": FRAMING_COLUMNS}
SERIAL_MAX_SOURCES = 40       # below this, worker processes cost more than they save
BATCH_SOURCES = 25            # sources per task sent to a worker: fewer, larger messages
PROGRESS_MIN_SOURCES = 200    # a progress bar on the terminal for runs at least this long


@dataclass
class DocumentRows:
    """What one source contributes to the corpus tables: plain rows, cheap to send between processes
    (the offset map stays behind; `cleaning.load_cleaned` rebuilds it from the removals)."""
    source_id: str
    text: str | None                       # the cleaned body; None when skipped
    tables: dict[str, list[list[str]]]     # table name -> this source's rows, cells in `TABLE_COLUMNS` order
    status: str = ""                       # ok, warned or skipped


def document_rows(source, rules: list[SourceRule] = (), lexicon: Lexicon | None = None,
                  topics: list | None = None) -> DocumentRows:
    """The per-document work, once: read, clean, date, extract, code, and count the framing `topics`
    (`framing.compile_topics`); the rows of every per-document table."""
    if source.unreadable:
        result = DocumentResult(source.source_id, "skipped", source.unreadable, None)
    else:
        result = process_document(source.read_text(), source.source_id, rules, source.stated_date,
                                  source.url, source.file, lexicon)
    c = result.cleaned
    found = c.metadata if c else {}
    status = {"source_id": source.source_id, "file": source.file, "status": result.status,
              "reason": result.reason, "title_found": found.get("title", ""),
              "byline_found": found.get("byline", ""), "site_found": found.get("site", ""),
              "date_found": found.get("date", ""), "date_found_in": found.get("date_found_in", ""),
              "context_date": result.context_date,
              "context_source": result.context_source, "mentions": len(result.mentions)}
    tables = {"source_status": [status]}
    if c:
        tables.update(removed=removal_rows(c), cleaning_summary=[summary_row(c)],
                      characters_by_rule=character_rows(c), text_quality=quality_rows(c),
                      mentions=[mention_row(m) for m in result.mentions],
                      coded_claims=[coded_row(k) for k in result.claims],
                      framing=topic_rows(source.source_id, c.text, topics or []))
    # every cell as text, every column present, in the columns' order: the writer then only lays rows out
    # (done here, in the worker, rather than for a whole corpus in the process that writes)
    tables = {name: [["" if (cell := row.get(column)) is None else str(cell) for column in TABLE_COLUMNS[name]]
                     for row in rows] for name, rows in tables.items()}
    return DocumentRows(source.source_id, c.text if c else None, tables, result.status)


def _document_batch(batch: list, rules: list[SourceRule], lexicon: Lexicon | None = None,
                    topics: list | None = None) -> list[DocumentRows]:
    return [document_rows(source, rules, lexicon, topics) for source in batch]


def process_corpus(sources: list, rules: list[SourceRule] = (), workers: int = 0, scheduler: str = "",
                   lexicon: Lexicon | None = None, topics: list | None = None):
    """`document_rows` of every source, in the sources' order, as they finish: in this process for a
    small corpus or `workers=1`; in worker processes (`workers`, 0 = every core) otherwise; on a Dask
    cluster when `scheduler` gives its address ("tcp://host:8786"). The order, and so every output
    byte, is the same whichever way."""
    sources = list(sources)
    batches = [sources[i:i + BATCH_SOURCES] for i in range(0, len(sources), BATCH_SOURCES)]
    progress = _progress(len(sources))
    if scheduler:
        results = _on_dask(batches, rules, lexicon, topics, scheduler)
    elif workers == 1 or len(sources) < SERIAL_MAX_SOURCES:
        results = (_document_batch(batch, rules, lexicon, topics) for batch in batches)
    else:
        results = _on_processes(batches, rules, lexicon, topics, workers or os.cpu_count() or 1)
    try:
        for batch in results:
            yield from batch
            progress.update(len(batch))
    finally:
        progress.close()


_WORKER_SETTINGS: tuple = ()  # (rules, lexicon, topics) of a worker process, set once when it starts


def _set_worker_settings(*settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _worker_batch(batch: list) -> list[DocumentRows]:
    return _document_batch(batch, *_WORKER_SETTINGS)


def _on_processes(batches, rules, lexicon, topics, workers):
    import concurrent.futures
    import multiprocessing
    # fork: workers inherit the imported package instead of importing it again (fast start), and the
    # settings given to each when it starts, instead of unpickling the lexicon's patterns with every batch;
    # the notebook kernel has no threads of its own that a fork could break.
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_set_worker_settings,
                                                initargs=(rules, lexicon, topics)) as pool:
        yield from pool.map(_worker_batch, batches)


def _on_dask(batches, rules, lexicon, topics, scheduler):
    from distributed import Client

    with Client(scheduler) as client:
        # the settings go to every worker once, not inside each task
        rules, lexicon, topics = client.scatter([list(rules), lexicon, topics], broadcast=True)
        futures = client.map(_document_batch, batches, rules=rules, lexicon=lexicon, topics=topics, pure=False)
        for future in futures:  # in order: the outputs do not depend on which worker finished first
            yield future.result()


def _progress(total: int):
    """A progress bar on the terminal that runs the study (never in a notebook's recorded output,
    which must not change between runs); silent for small corpora, when not on a terminal, and under
    CI=true (a CI log gets the runner's one line per notebook)."""
    import sys

    from tqdm import tqdm
    quiet = total < PROGRESS_MIN_SOURCES or os.environ.get("CI") == "true"
    return tqdm(total=total, unit="doc", desc="per-document work", file=sys.__stderr__,
                disable=True if quiet else None, leave=False)


def write_corpus(documents, data_dir, columnar: bool = False) -> dict[str, int]:
    """Stream every source's rows into the per-document tables of `data_dir` (`TABLE_COLUMNS`) and its
    body to `clean/<source_id>.txt`; each table, and `clean/`, appears whole or not at all. Returns the
    sources per status."""
    import shutil
    import tempfile

    from .outputs import TableWriter

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    writers = {name: TableWriter(data_dir / f"{name}.csv", cols, columnar and name != "source_status")
               for name, cols in TABLE_COLUMNS.items()}
    # the bodies go to a new folder that replaces `clean/` whole at the end: no half-written text, no stale one
    staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".clean.", suffix=".tmp"))
    counts: dict[str, int] = {}
    try:
        for document in documents:
            for name, rows in document.tables.items():
                writers[name].add(rows)
            status = document.status
            counts[status] = counts.get(status, 0) + 1
            if document.text is not None:
                with open(staging / f"{document.source_id}.txt", "w", encoding="utf-8", newline="") as handle:
                    handle.write(document.text + "\n")
    except BaseException:
        for writer in writers.values():
            writer.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for writer in writers.values():
        writer.close()
    _replace_folder(staging, data_dir / "clean")
    return counts


def _replace_folder(new: Path, folder: Path) -> None:
    """Put the folder `new` in the place of `folder` (the old one, if any, removed after the swap)."""
    import shutil

    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o777 & ~umask)  # mkdtemp makes 0700; the study's folders are ordinary ones
    old = None
    if folder.exists():
        old = folder.with_name(f"{new.name}.old")
        folder.rename(old)
    new.rename(folder)
    if old is not None:
        shutil.rmtree(old)


def process_folder(sources_dir, data_dir, rules_file, workers: int = 0, scheduler: str = "", lexicon_dir=None,
                   terms_file=None):
    """Notebook 01's work: verify the folder's sources, do the per-document work on each once, write
    the per-document tables (with the claims the lexicon in `lexicon_dir` codes and the framing topics of
    `terms_file`) and the manifest the run used (a provisional one filled in with what the cleaner found
    in each page). Returns (sources, provisional, status table)."""
    from .cleaning import load_source_rules
    from .coding import load_lexicon
    from .framing import compile_topics, load_terms
    from .outputs import PARQUET_MIN_SOURCES, read_text_table
    from .sources import read_manifest, validate_manifest, write_verified_manifest

    manifest, provisional = read_manifest(sources_dir)
    sources = validate_manifest(manifest, Path(sources_dir), provisional)
    lexicon = load_lexicon(lexicon_dir) if lexicon_dir else None
    topics = compile_topics(load_terms(terms_file)) if terms_file else None
    documents = process_corpus(sources, load_source_rules(rules_file), workers, scheduler, lexicon, topics)
    write_corpus(documents, data_dir, columnar=len(sources) >= PARQUET_MIN_SOURCES)
    status = read_text_table(Path(data_dir) / "source_status.csv")
    write_verified_manifest(sources, data_dir, provisional, status)
    return sources, provisional, status

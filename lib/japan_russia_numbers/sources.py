"""Stage 1: the raw sources and their manifest, verified before anything reads them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dates import is_iso_date, parse_full_date
from .outputs import read_text_table, records, write_csv

MANIFEST_NAME = "sources.csv"
MANIFEST_COLUMNS = ["source_id", "file", "sha256", "outlet", "title", "author",
                    "stated_date", "genre", "url"]
# A source larger than this is refused before it is read: the study's texts are a few kB,
# and a clear refusal beats an unbounded run on a file that is probably not an article.
MAX_SOURCE_BYTES = 5_000_000
# How many leading lines may hold a title or date line when no manifest describes a source.
HEADER_LINES = 25
# A source_id names files (data/clean/<source_id>.txt); file systems allow 255 bytes a name.
MAX_ID_LENGTH = 100


class SourceError(ValueError):
    """A source or manifest problem; the message names the file and the problem."""


@dataclass(frozen=True)
class Source:
    """One raw text and what the manifest says about it."""
    source_id: str
    file: str
    sha256: str
    outlet: str
    title: str
    author: str
    stated_date: str
    genre: str
    url: str
    path: Path
    # Why the text cannot be read (undecodable, binary, empty); only for a folder without a manifest,
    # where such a file is skipped with this reason rather than stopping the run.
    unreadable: str = ""

    def read_text(self) -> str:
        """The raw text, exactly as stored (checked when the manifest was loaded)."""
        return read_source_text(self.path)


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_source_text(path: str | Path) -> str:
    """Decode a raw source as UTF-8, refusing empty, oversized or undecodable files by name."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"{path}: file is missing")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"{path}: {size:,} bytes is over the limit of {MAX_SOURCE_BYTES:,} bytes "
                          "for one source; split it or raise MAX_SOURCE_BYTES")
    data = path.read_bytes()
    if not data.strip():
        raise SourceError(f"{path}: file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 text (byte {data[error.start]:#04x} at offset "
                          f"{error.start}); re-save it as UTF-8") from None
    if "\x00" in text:
        raise SourceError(f"{path}: contains NUL bytes; this looks like binary data, not text")
    return text


def slugify(name: str) -> str:
    """A short readable identifier: lower case, runs of other characters as '_'; a name longer than
    MAX_ID_LENGTH keeps its start and a hash of the whole, so it stays unique and usable as a file name."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "source"
    if len(slug) > MAX_ID_LENGTH:
        slug = f"{slug[:MAX_ID_LENGTH - 13].rstrip('_')}_{hashlib.sha256(name.encode()).hexdigest()[:12]}"
    return slug


def resolve_inside(sources_dir: Path, name: str, what: str) -> Path:
    """The path of `name` in SOURCES, refusing absolute paths, `..` and symlinks that lead outside."""
    where = sources_dir / MANIFEST_NAME
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        raise SourceError(f"{where}: {what} {name!r} is not a plain path inside {sources_dir}; "
                          "sources are read only from inside SOURCES")
    path = sources_dir / name
    if len(Path(name).parts) == 1 and not path.is_symlink():
        return path  # a file of the folder itself (the common case, and one lstat rather than two resolves)
    if not _inside(path.resolve(), sources_dir.resolve()):
        raise SourceError(f"{path}: is a link to {path.resolve()}, outside {sources_dir}; "
                          "sources are read only from inside SOURCES")
    return path


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _header_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()[:HEADER_LINES] if line.strip()]


def provisional_row(path: Path) -> dict:
    """A manifest row for a text that came without one: its id, file and checksum. Title, author and
    date are left to the cleaner, which finds them in the page (notebook 01 writes what it found)."""
    return {"source_id": slugify(path.stem), "file": path.name, "sha256": sha256_of(path), "outlet": "",
            "title": "", "author": "", "stated_date": "", "genre": "unknown", "url": ""}


def _first_line(path: Path) -> str:
    """The first line of a cleaned body (a page without a headline is named by its first sentence,
    not by a URL or a time stamp above it), or "" if the page has none."""
    if not path.is_file():
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.readline().strip()[:200]


def header_title(text: str) -> str:
    """For a page without an article body: its first line that is not a date."""
    return next((line for line in _header_lines(text) if parse_full_date(line) is None), "")[:200].lstrip("\ufeff")


def provisional_manifest(sources_dir: Path) -> pd.DataFrame:
    """A manifest for a folder of `.txt` files that came without one."""
    files = [resolve_inside(sources_dir, p.name, "file") for p in sorted(sources_dir.glob("*.txt"))]
    if not files:
        raise SourceError(f"{sources_dir}: no .txt sources and no {MANIFEST_NAME}")
    rows = [provisional_row(path) for path in files]
    frame = pd.DataFrame(rows, columns=MANIFEST_COLUMNS)
    # Stems such as "a-b" and "a_b" slug alike; number repeats so ids stay unique.
    seen: dict[str, int] = {}
    for index, slug in enumerate(frame["source_id"]):
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            frame.loc[index, "source_id"] = f"{slug}_{seen[slug]}"
    return frame


def read_manifest(sources_dir: str | Path) -> tuple[pd.DataFrame, bool]:
    """The manifest table of a folder and whether it was provisional (built from the texts)."""
    sources_dir = Path(sources_dir)
    if not sources_dir.is_dir():
        raise SourceError(f"{sources_dir}: sources folder does not exist")
    manifest_path = sources_dir / MANIFEST_NAME
    if not manifest_path.exists() and not manifest_path.is_symlink():
        return provisional_manifest(sources_dir), True
    resolve_inside(sources_dir, MANIFEST_NAME, "manifest")
    try:
        frame = read_text_table(manifest_path)
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise SourceError(f"{manifest_path}: cannot be read as CSV: {error}") from None
    missing = [c for c in MANIFEST_COLUMNS if c not in frame.columns]
    if missing:
        raise SourceError(f"{manifest_path}: missing column(s) {', '.join(missing)}")
    if frame.empty:
        raise SourceError(f"{manifest_path}: lists no sources (a header and no rows)")
    return frame[MANIFEST_COLUMNS], False


def validate_manifest(frame: pd.DataFrame, sources_dir: Path, provisional: bool = False) -> list[Source]:
    """Check every row against its file and return the sources; the first problem raises, except that
    in a folder without a manifest a file that cannot be read as text is returned as `unreadable`."""
    manifest_path = sources_dir / MANIFEST_NAME
    duplicated = frame.loc[frame["source_id"].duplicated(), "source_id"].tolist()
    if duplicated:
        raise SourceError(f"{manifest_path}: duplicate source_id {duplicated[0]!r}")
    sources = []
    for row in records(frame):
        where = f"{manifest_path}, source_id {row['source_id']!r}"
        if not re.fullmatch(r"[a-z0-9_]+", row["source_id"]):
            raise SourceError(f"{where}: source_id must be lower-case letters, digits and '_'")
        if len(row["source_id"]) > MAX_ID_LENGTH:
            raise SourceError(f"{manifest_path}, source_id {row['source_id'][:40]!r}...: "
                              f"{len(row['source_id'])} characters is over the limit of {MAX_ID_LENGTH}")
        if row["stated_date"] and not is_iso_date(row["stated_date"]):
            raise SourceError(f"{where}: stated_date {row['stated_date']!r} is not an ISO date "
                              "(YYYY-MM-DD) or empty")
        path = resolve_inside(sources_dir, row["file"], "file")
        try:
            text = read_source_text(path)  # missing, empty, oversized or non-UTF-8 files fail here, by name
            actual = hashlib.sha256(text.encode("utf-8")).hexdigest()  # UTF-8 round-trips: the file's bytes
        except SourceError as error:
            if not provisional or not path.is_file():
                raise
            row["unreadable"] = str(error).removeprefix(f"{path}: ")
            actual = sha256_of(path)
        if actual != row["sha256"]:
            raise SourceError(f"{path}: checksum mismatch: manifest says {row['sha256']}, "
                              f"file has {actual}; the raw source changed or the manifest is wrong")
        sources.append(Source(**row, path=path))
    return sources


def load_sources(sources_dir: str | Path) -> list[Source]:
    """Every source of a folder, each verified against the manifest (or a provisional one)."""
    sources_dir = Path(sources_dir)
    frame, provisional = read_manifest(sources_dir)
    return validate_manifest(frame, sources_dir, provisional)


def verified_subset(data_dir: str | Path, sources_dir: str | Path, source_ids) -> list[Source]:
    """The sources among `source_ids` of the manifest notebook 01 verified (`data/sources.csv`), each
    checked again against its file; the rest of a large corpus is not read again."""
    frame = read_text_table(Path(data_dir) / "sources.csv")
    frame = frame.loc[frame["source_id"].isin(set(source_ids)), MANIFEST_COLUMNS].reset_index(drop=True)
    return validate_manifest(frame, Path(sources_dir))


def write_verified_manifest(sources: list[Source], data_dir: str | Path, provisional: bool,
                            found: pd.DataFrame | None = None) -> Path:
    """Write the manifest the run used, with a column saying whether it was provisional. A provisional
    manifest takes title, author, outlet and date from what the cleaner `found` in each page
    (`data/source_status.csv`); a page with no headline found gets the first line of its cleaned body as
    title, and a page without a body its first line."""
    frame = pd.DataFrame([{c: getattr(s, c) for c in MANIFEST_COLUMNS} for s in sources], columns=MANIFEST_COLUMNS)
    if provisional and found is not None:
        found = found.set_index("source_id").reindex(frame["source_id"]).fillna("")
        frame["title"] = [t[:200].lstrip("\ufeff") if t or s.unreadable else
                          _first_line(Path(data_dir) / "clean" / f"{s.source_id}.txt") or header_title(s.read_text())
                          for t, s in zip(found["title_found"], sources)]
        frame["author"] = list(found["byline_found"])
        frame["outlet"] = list(found["site_found"])
        frame["stated_date"] = list(found["date_found"])
    frame["manifest"] = "provisional" if provisional else "given"
    return write_csv(frame, Path(data_dir) / "sources.csv")


def sources_table(sources: list[Source]) -> pd.DataFrame:
    """The sources as a table for reading: one row each, with sizes."""
    rows = [{"source_id": s.source_id, "outlet": s.outlet, "title": s.title, "author": s.author,
             "stated_date": s.stated_date, "genre": s.genre,
             "characters": "" if s.unreadable else len(s.read_text()),
             "sha256": s.sha256[:12]} for s in sources]
    return pd.DataFrame(rows)

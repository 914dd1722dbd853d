"""The manifest is the contract between the raw files and the study."""

import csv
import shutil
from pathlib import Path

import pytest

from japan_russia_numbers.sources import (
    SourceError, load_sources, read_source_text,
)

ROOT = Path(__file__).resolve().parents[1]


def test_seeds_are_byte_copies_of_the_shared_originals():
    """Against ../shared/seeds where the checkout sits beside it; everywhere (a CI clone too) against the
    SHA-256 the manifest recorded from those originals."""
    import hashlib

    shared = ROOT.parent / "shared" / "seeds"
    for original in shared.glob("*.txt") if shared.is_dir() else ():
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes()
    with open(ROOT / "seeds" / "sources.csv", encoding="utf-8", newline="") as handle:
        recorded = {row["file"]: row["sha256"] for row in csv.DictReader(handle)}
    assert recorded and sorted(recorded) == sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    for name, digest in recorded.items():
        assert hashlib.sha256((ROOT / "seeds" / name).read_bytes()).hexdigest() == digest, name


def test_manifest_describes_every_seed(seed_sources):
    assert sorted(s.file for s in seed_sources.values()) == sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert seed_sources["nikkei"].stated_date == "2018-12-09"
    assert seed_sources["russia_insider"].stated_date == ""


def _rewrite_manifest(folder: Path, edit):
    path = folder / "sources.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_changed_source_fails_checksum_naming_the_file(corpus_copy):
    target = corpus_copy / "002_f34feaa46e2a04f2.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("20 meetings", "21 meetings"),
                      encoding="utf-8")
    with pytest.raises(SourceError, match=r"002_f34feaa46e2a04f2\.txt: checksum mismatch"):
        load_sources(corpus_copy)


def test_missing_source_file_is_named(corpus_copy):
    (corpus_copy / "003_e0e16d8f34210287.txt").unlink()
    with pytest.raises(SourceError, match=r"003_e0e16d8f34210287\.txt: file is missing"):
        load_sources(corpus_copy)


def test_duplicate_source_id_is_refused(corpus_copy):
    def duplicate(rows):
        rows[1]["source_id"] = rows[0]["source_id"]
    _rewrite_manifest(corpus_copy, duplicate)
    with pytest.raises(SourceError, match=r"sources\.csv: duplicate source_id 'tni_forum'"):
        load_sources(corpus_copy)


def test_malformed_stated_date_is_refused(corpus_copy):
    def misdate(rows):
        rows[2]["stated_date"] = "9 December 2018"
    _rewrite_manifest(corpus_copy, misdate)
    with pytest.raises(SourceError, match=r"'nikkei': stated_date '9 December 2018' is not an ISO date"):
        load_sources(corpus_copy)


@pytest.mark.parametrize("content, problem", [
    ("Kuriles café".encode("latin-1"), "not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8|NUL bytes"),
    (b"", "file is empty"),
    (b"  \n\n ", "file is empty"),
])
def test_unreadable_text_is_refused_by_name(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=rf"bad\.txt: ({problem})"):
        read_source_text(path)


def test_folder_without_manifest_gets_a_provisional_one_with_what_the_cleaner_found(corpus_copy, tmp_path):
    from japan_russia_numbers.document import process_folder
    from japan_russia_numbers.outputs import read_text_table
    (corpus_copy / "sources.csv").unlink()
    process_folder(corpus_copy, tmp_path / "data", ROOT / "data/rules/cleaning_rules.csv")
    manifest = read_text_table(tmp_path / "data" / "sources.csv").set_index("file")
    assert set(manifest["manifest"]) == {"provisional"}
    assert manifest.loc["002_f34feaa46e2a04f2.txt", "stated_date"] == "2018-12-09"
    assert manifest.loc["002_f34feaa46e2a04f2.txt", "title"] == "Japan woos Russia for its own security"
    assert manifest.loc["003_e0e16d8f34210287.txt", "stated_date"] == ""
    # The forum panel's "Joined Dec 18, 2010" and "What's new" are chrome, not the date and title.
    assert manifest.loc["000_87ed16cc0efeee3f.txt", "stated_date"] == "2018-07-09"
    assert manifest.loc["000_87ed16cc0efeee3f.txt", "title"].startswith("Japan Seeks to Neutralize")
    assert manifest.loc["001_b78376088f1c647a.txt", "stated_date"] == "2014-03-11"
    assert len(load_sources(corpus_copy)) == 5


def test_a_page_without_a_headline_is_named_by_its_first_sentence_not_a_url_or_a_stamp(tmp_path):
    from japan_russia_numbers.document import process_folder
    from japan_russia_numbers.outputs import read_text_table
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pages = ROOT / "tests/data/scrambles"
    for page in ("dev2/pages/p09.txt", "blind3/pages/c01.txt"):  # a time stamp, a bare URL above the story
        shutil.copy(pages / page, corpus)
    process_folder(corpus, tmp_path / "data", ROOT / "data/rules/cleaning_rules.csv")
    titles = read_text_table(tmp_path / "data" / "sources.csv").set_index("file")["title"]
    assert titles["p09.txt"].startswith("(AP) - TOKYO, April 15 (Kyodo) — Japanese Air Self-Defense Force")
    assert titles["c01.txt"].startswith("Russian Air Force Flying Near Japan More Frequently")

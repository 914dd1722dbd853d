"""The per-document stage: each source worked on once, the same bytes in one process, in worker processes
and on a Dask cluster; large corpora in Parquet; titles and captions kept as zones of their own."""

from pathlib import Path

import pandas as pd
import pytest

from japan_russia_numbers import document
from japan_russia_numbers.cleaning import load_cleaned
from japan_russia_numbers.outputs import read_text_table
from japan_russia_numbers.sources import load_sources

from conftest import ROOT, SEEDS

RULES = ROOT / "data" / "rules" / "cleaning_rules.csv"
DEV_PAGES = ROOT / "tests" / "data" / "dev_corpus" / "pages"


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory):
    """A folder of 48 real pages (the development corpus and copies with a distinct first line): enough
    for worker processes to be used."""
    folder = tmp_path_factory.mktemp("pages")
    pages = sorted(DEV_PAGES.glob("*.txt"))
    for number in range(48):
        page = pages[number % len(pages)]
        (folder / f"p{number:02d}_{page.name}").write_bytes(f"Copy {number}\n".encode() + page.read_bytes())
    return folder


def _run(folder: Path, out: Path, **how) -> dict[str, bytes]:
    document.process_folder(folder, out, RULES, lexicon_dir=ROOT / "data" / "rules",
                            terms_file=ROOT / "data" / "rules" / "framing_terms.csv", **how)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_worker_processes_and_a_dask_cluster_write_the_same_bytes_as_one_process(real_pages, tmp_path):
    from distributed import LocalCluster

    serial = _run(real_pages, tmp_path / "serial", workers=1)
    assert len(serial) > 48
    assert _run(real_pages, tmp_path / "processes", workers=2) == serial
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        assert _run(real_pages, tmp_path / "dask", scheduler=cluster.scheduler_address) == serial


def test_each_source_is_cleaned_once(real_pages, tmp_path, monkeypatch):
    calls = []
    original = document.clean_source
    monkeypatch.setattr(document, "clean_source", lambda raw, *a, **k: calls.append(1) or original(raw, *a, **k))
    document.process_folder(real_pages, tmp_path / "data", RULES, workers=1)
    assert len(calls) == 48


def test_a_large_corpus_writes_parquet_that_reads_back_as_the_same_table(real_pages, tmp_path):
    sources = load_sources(real_pages)
    rules = []
    document.write_corpus(document.process_corpus(sources, rules, workers=1), tmp_path / "csv")
    document.write_corpus(document.process_corpus(sources, rules, workers=1), tmp_path / "parquet", columnar=True)
    for table in ("mentions", "removed", "characters_by_rule", "cleaning_summary"):
        assert not (tmp_path / "parquet" / f"{table}.csv").exists()
        pd.testing.assert_frame_equal(read_text_table(tmp_path / "parquet" / f"{table}.csv"),
                                      read_text_table(tmp_path / "csv" / f"{table}.csv"))
    assert (tmp_path / "parquet" / "source_status.csv").exists()  # one row per source: always CSV
    # a few columns of the rows asked for read the same from either format, in the order asked for
    wanted = dict(columns=["surface", "source_id", "date_start"], kind=["date"])
    few = read_text_table(tmp_path / "parquet" / "mentions.csv", **wanted)
    pd.testing.assert_frame_equal(few, read_text_table(tmp_path / "csv" / "mentions.csv", **wanted))
    whole = read_text_table(tmp_path / "csv" / "mentions.csv")
    expected = whole[whole["kind"] == "date"][["surface", "source_id", "date_start"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(few, expected)
    assert len(few) > 0


def test_offsets_are_rebuilt_from_the_recorded_removals_without_cleaning_again(tmp_path):
    sources, _, _ = document.process_folder(SEEDS, tmp_path, RULES)
    for c in load_cleaned(sources, tmp_path):
        raw = c.raw
        for m in read_text_table(tmp_path / "mentions.csv").query("zone == 'body' and source_id == @c.source_id").itertuples():
            assert c.raw_span(int(m.start), int(m.end)) == (int(m.raw_start), int(m.raw_end))
            assert raw[int(m.raw_start):int(m.raw_end)] == m.surface


def test_a_stale_cleaned_text_is_refused_by_name(tmp_path):
    sources, _, _ = document.process_folder(SEEDS, tmp_path, RULES)
    (tmp_path / "clean" / "nikkei.txt").write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"clean/nikkei\.txt: missing or stale"):
        load_cleaned(sources, tmp_path)


def test_a_caption_date_is_evidence_kept_apart_from_the_body(seed_sources):
    # russia_insider prints "May 6, 2016" only in a photo caption; the article itself is undated.
    source = seed_sources["russia_insider"]
    result = document.process_document(source.read_text(), source.source_id)
    captions = [m for m in result.mentions if m.zone == "caption"]
    assert [(m.surface, m.date_start, m.mention_id) for m in captions] == [
        ("May 6, 2016", "2016-05-06", "russia_insider:c001")]
    assert "May 6, 2016" not in result.cleaned.text
    assert source.read_text()[captions[0].raw_start:captions[0].raw_end] == "May 6, 2016"


def test_a_title_number_is_a_title_mention_and_not_in_the_body():
    # b14: "Russian trade with Japan doubled to $US 23 billion as energy imports increase" is the title.
    raw = (DEV_PAGES / "b14.txt").read_text(encoding="utf-8")
    result = document.process_document(raw, "b14")
    title = [m for m in result.mentions if m.zone == "title"]
    assert result.status == "ok" and any(m.kind == "money" and m.value == 23e9 for m in title)
    assert all(raw[m.raw_start:m.raw_end] == m.surface for m in result.mentions)


def test_the_cleaned_texts_are_replaced_whole_and_none_of_a_dropped_source_remains(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for page in sorted(DEV_PAGES.glob("*.txt"))[:3]:
        (folder / page.name).write_bytes(page.read_bytes())
    document.process_folder(folder, tmp_path / "data", RULES, workers=1)
    first = sorted(p.name for p in (tmp_path / "data" / "clean").iterdir())
    assert len(first) == 3
    dropped = sorted(folder.glob("*.txt"))[0]
    dropped.unlink()
    document.process_folder(folder, tmp_path / "data", RULES, workers=1)
    assert sorted(p.name for p in (tmp_path / "data" / "clean").iterdir()) == first[1:]
    assert [p.name for p in (tmp_path / "data").iterdir() if p.name.startswith(".")] == []  # no staging left


@pytest.mark.parametrize("table", ["claims", "checks"])
def test_claims_and_checks_of_a_large_corpus_are_parquet_and_read_back_the_same(table, tmp_path):
    from japan_russia_numbers.outputs import write_table

    committed = read_text_table(ROOT / "data" / f"{table}.csv")  # real rows: quotes, commas, empty cells
    write_table(committed, tmp_path / f"{table}.csv", columnar=True)
    assert not (tmp_path / f"{table}.csv").exists() and (tmp_path / f"{table}.parquet").exists()
    pd.testing.assert_frame_equal(read_text_table(tmp_path / f"{table}.csv"), committed)
    write_table(committed, tmp_path / f"{table}.csv")  # a later, smaller corpus: CSV, no stale Parquet
    assert (tmp_path / f"{table}.csv").exists() and not (tmp_path / f"{table}.parquet").exists()
    assert (tmp_path / f"{table}.csv").read_bytes() == (ROOT / "data" / f"{table}.csv").read_bytes()


def test_a_table_read_for_some_sources_and_kinds_is_the_same_from_csv_and_parquet(real_pages, tmp_path):
    sources = load_sources(real_pages)
    for folder, columnar in (("csv", False), ("parquet", True)):
        document.write_corpus(document.process_corpus(sources, [], workers=1), tmp_path / folder, columnar=columnar)
    wanted = {"source_id": [sources[0].source_id, sources[3].source_id], "kind": ["date"]}
    from_csv = read_text_table(tmp_path / "csv" / "mentions.csv", **wanted)
    from_parquet = read_text_table(tmp_path / "parquet" / "mentions.csv", **wanted)
    assert not (tmp_path / "parquet" / "mentions.csv").exists() and len(from_csv) > 2
    pd.testing.assert_frame_equal(from_parquet, from_csv)
    assert set(from_csv["source_id"]) == set(wanted["source_id"]) and set(from_csv["kind"]) == {"date"}

"""The claimex wheel, installed in a fresh venv, on real news text."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pandas
import pytest
from conftest import REPOSITORY, SEED_STORIES, seed_document

import claimex

KHARKIV_REPORTS = [
    {
        "id": "wire-a",
        "source": "wire-a.example",
        "date": "2022-03-01",
        "text": "At least 10 civilians were killed in Kharkiv on Tuesday when shells hit a market, the regional governor said.",
    },
    {
        "id": "wire-b",
        "source": "wire-b.example",
        "date": "2022-03-02",
        "text": "Russian shelling killed 21 civilians in Kharkiv on Tuesday, according to the mayor, "
        "who said that rescuers worked through the night.",
    },
]
"""Two sources counting the same dead: compare puts their figures in one group."""


def run_cli(*arguments: str) -> None:
    """Runs `claimex extract ARGUMENTS` (the binary $CLAIMEX_CLI, else the checkout's
    release build) on 2 threads with the ONNX Runtime library the package uses."""
    cli = os.environ.get("CLAIMEX_CLI", str(REPOSITORY / "target/release/claimex"))
    ort = str(claimex.onnxruntime_library())
    command = [cli, "extract", *arguments, "--threads", "2", "--no-progress", "--ort-lib", ort]
    subprocess.run(command, check=True, capture_output=True)


def test_extract_finds_a_seed_storys_figure_and_speaker(nlp: claimex.Pipeline) -> None:
    story = SEED_STORIES[0]
    record = nlp.extract(seed_document(story))
    assert record["id"] == story.stem and record["status"] == "ok"
    killed = [c for c in record["claims"] if c["kind"] == "killed"]
    assert any(c["low"] == 13000 and c["qualifier"] == "more_than" for c in killed), killed
    speakers = {q["speaker"]["name"] for q in record["quotes"] if q["speaker"]}
    assert "Dominic Raab" in speakers
    assert any(e["label"] == "PER" and e["text"] == "Dominic Raab" for e in record["entities"])


def test_extract_takes_plain_text(nlp: claimex.Pipeline) -> None:
    record = nlp.extract("Officials said 12 people were killed in the strike on the market.")
    assert record["id"] == "<python>:1"
    assert [(c["kind"], c["low"], c["high"]) for c in record["claims"]] == [("killed", 12, 12)]


def test_pipe_streams_records_in_input_order(nlp: claimex.Pipeline) -> None:
    documents = [seed_document(path) for path in SEED_STORIES]
    records = nlp.pipe(iter(documents), batch_size=2)
    assert not isinstance(records, list)
    records = list(records)
    assert [r["id"] for r in records] == [path.stem for path in SEED_STORIES]
    assert all(r["status"] == "ok" for r in records)
    assert sum(len(r["claims"]) for r in records) > 0


def test_pipe_gives_the_records_of_the_cli(nlp: claimex.Pipeline, tmp_path: Path) -> None:
    output = tmp_path / "claims.jsonl"
    run_cli(str(SEED_STORIES[0].parent), "-o", str(output))
    from_cli = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert list(nlp.pipe(seed_document(path) for path in SEED_STORIES)) == from_cli


def test_pipe_keeps_a_failed_document_in_place_as_an_error_record(nlp: claimex.Pipeline) -> None:
    documents = ["Two soldiers were wounded.", {"id": "empty-one", "text": "  "}, {"title": "no text"}]
    records = list(nlp.pipe(documents, batch_size=2))
    assert [r["status"] for r in records] == ["ok", "error", "error"]
    assert [r["id"] for r in records] == ["<python>:1", "empty-one", "<python>:3"]
    assert "empty \"text\" field" in records[1]["error"]
    assert "missing \"text\"" in records[2]["error"]


def test_python_threads_run_while_the_core_annotates(nlp: claimex.Pipeline) -> None:
    documents = [seed_document(path) for path in SEED_STORIES]
    annotating = threading.Thread(target=lambda: list(nlp.pipe(documents)))
    started = time.perf_counter()
    annotating.start()
    longest_pause, last = 0.0, time.perf_counter()
    while annotating.is_alive():
        now = time.perf_counter()
        longest_pause, last = max(longest_pause, now - last), now
    took = time.perf_counter() - started
    assert took > 0.2, "too short a run to tell"
    assert longest_pause < took / 2, f"this thread stood still {longest_pause:.2f}s of {took:.2f}s: the GIL was held"


def test_a_bad_record_raises_naming_the_document(nlp: claimex.Pipeline) -> None:
    with pytest.raises(claimex.DocumentError, match="document 'broken-7'.*empty \"text\" field") as raised:
        nlp.extract({"id": "broken-7", "text": ""})
    assert isinstance(raised.value, claimex.ClaimexError)
    assert raised.value.record["status"] == "error"
    with pytest.raises(TypeError, match="not int"):
        nlp.extract(7)  # type: ignore[arg-type]


def test_claims_frame_is_the_parquet_output_of_the_cli(nlp: claimex.Pipeline, tmp_path: Path) -> None:
    story = SEED_STORIES[0]
    parquet = tmp_path / "claims.parquet"
    run_cli(str(story), "--format", "parquet", "-o", str(parquet))
    from_cli = pandas.read_parquet(parquet)
    frame = claimex.claims_frame([nlp.extract(seed_document(story))])
    assert list(frame.columns) == list(from_cli.columns)
    assert len(frame) > 0
    pandas.testing.assert_frame_equal(frame, from_cli)


def test_claims_frame_of_no_claims_has_the_columns(nlp: claimex.Pipeline) -> None:
    frame = claimex.claims_frame([nlp.extract("The talks ended without an agreement.")])
    assert frame.empty
    assert {"doc_id", "kind", "low", "high", "attributed_to", "paragraph_text"} <= set(frame.columns)


def test_compare_groups_two_sources_counting_the_same_dead(nlp: claimex.Pipeline) -> None:
    records = list(nlp.pipe(KHARKIV_REPORTS))
    groups = claimex.compare(records, min_sources=2)
    assert len(groups) == 1, groups
    figures = {(entry["doc_id"], entry["low"]) for entry in groups[0]["entries"]}
    assert figures == {("wire-a", 10), ("wire-b", 21)}
    assert groups[0]["independent_sources"] == 2


def test_compare_reads_records_it_did_not_make_with_an_error_naming_them() -> None:
    with pytest.raises(claimex.ClaimexError, match=r"record 1 \(id \"odd\"\) is not a claimex record"):
        claimex.compare([{"id": "odd"}])


def test_an_unknown_profile_is_a_claimex_error() -> None:
    with pytest.raises(claimex.ClaimexError, match="no profile"):
        claimex.Pipeline(ner=False, profile="atlantis")

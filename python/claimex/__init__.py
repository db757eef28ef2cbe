"""claimex for Python: news text to records of entities, quotes and numeric claims.

A thin layer over claimex's Rust core, the one the ``claimex`` CLI runs, in the style of
spaCy: load a :class:`Pipeline` once, then ``extract`` one document or ``pipe`` many.
Each record is a dict, the same JSON as a line of ``claimex extract``;
:func:`claims_frame` gives their claims as a pandas DataFrame with the columns of
``claimex extract --format parquet``, and :func:`compare` groups figures across sources
as ``claimex compare --json`` does.

>>> import claimex
>>> nlp = claimex.Pipeline()
>>> record = nlp.extract("Officials said 12 people were killed in the strike.")
>>> [(claim["kind"], claim["low"]) for claim in record["claims"]]
[('killed', 12)]

The models ship inside the package; ONNX Runtime is the one inside the ``onnxruntime``
package this one depends on. The GIL is released while the core works.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from claimex._native import ClaimexError, NativePipeline, __version__, claims_parquet, compare_groups

if TYPE_CHECKING:
    import pandas

__all__ = [
    "ClaimexError",
    "Document",
    "DocumentError",
    "Pipeline",
    "Record",
    "__version__",
    "claims_frame",
    "compare",
    "onnxruntime_library",
]

Record = dict[str, Any]
"""An output record: a JSON object as ``claimex extract`` writes one line."""

Document = Union[str, Mapping[str, Any]]
"""A document: plain text, or a mapping with the fields of a JSONL input line (``id``,
``text`` or ``html``, ``title``, ``date``, ``source``, ``url``)."""

MODELS = Path(__file__).parent / "models"
"""The models shipped inside the package: ``ner`` and ``attribution``."""

GEO = Path(__file__).parent / "geo"
"""The GeoNames place index shipped inside the package (``places.tsv``)."""


class DocumentError(ClaimexError):
    """A document that could not be read or annotated; the message names it.

    ``record`` is its error record, as ``claimex extract`` writes for it.
    """

    def __init__(self, record: Record) -> None:
        super().__init__(f"document {record['id']!r}: {record['error']}")
        self.record = record


def onnxruntime_library() -> Path:
    """The ONNX Runtime shared library inside the installed ``onnxruntime`` package.

    Found without importing the package; raises :class:`ClaimexError` when it is
    missing.
    """
    spec = importlib.util.find_spec("onnxruntime")
    locations = spec.submodule_search_locations if spec else None
    libraries = sorted(Path(locations[0], "capi").glob("libonnxruntime.so*")) if locations else []
    if not libraries:
        raise ClaimexError(
            "no libonnxruntime.so in the onnxruntime package: pip install the onnxruntime version "
            "claimex depends on (pip show claimex)"
        )
    return libraries[0]


class Pipeline:
    """Every stage of claimex with its model, loaded once; annotates documents.

    ``ner``: find named entities. ``attribution``: run the joint NER and attribution model
    (one pass, both heads), merging its attributions with the rules' quotes; by default on
    whenever ``ner`` is, as in the CLI. ``attribution=False`` runs the separate NER model and
    the rules' quotes alone (the CLI's ``--no-attribution``). ``threads``: worker threads for the rule stages and ONNX Runtime
    (default: one per core). ``profile``: the conflict profile, a built-in name
    (``default``, ``ukraine``) or a path to a profile JSON file.
    """

    def __init__(
        self,
        ner: bool = True,
        attribution: Optional[bool] = None,
        threads: Optional[int] = None,
        profile: str = "default",
    ) -> None:
        attribution = ner if attribution is None else attribution
        uses_model = ner or attribution
        os.environ.setdefault("CLAIMEX_GEO", str(GEO))
        self._native = NativePipeline(
            ner=ner,
            attribution=attribution,
            threads=threads,
            profile=profile,
            ner_dir=str(MODELS / "ner"),
            attribution_dir=str(MODELS / "attribution"),
            ort_lib=str(onnxruntime_library()) if uses_model else None,
        )

    def extract(self, document: Document) -> Record:
        """Annotates one document and returns its record.

        Raises :class:`DocumentError`, naming the document, when it cannot be read or
        annotated (an empty text, a missing ``text`` field).
        """
        record = self._annotate([document], first_position=1)[0]
        if record["status"] == "error":
            raise DocumentError(record)
        return record

    def pipe(self, documents: Iterable[Document], batch_size: int = 256) -> Iterator[Record]:
        """Annotates documents, ``batch_size`` at a time, yielding records in input order.

        Each batch is annotated together (the model batches across its documents); the
        default is the CLI's ``--chunk-size``, so the records are the CLI's byte for byte
        (the model's padding depends on the batch). A
        document that cannot be read or annotated yields an error record (``status``
        ``"error"``, ``error`` saying why), as in the CLI, and the rest go on.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1 (got {batch_size})")
        position = 1
        documents = iter(documents)
        while batch := list(itertools.islice(documents, batch_size)):
            yield from self._annotate(batch, first_position=position)
            position += len(batch)

    def _annotate(self, documents: list[Document], first_position: int) -> list[Record]:
        """The records of ``documents``, annotated together; a document without an id is
        named ``<python>:N``, N counting from ``first_position``."""
        lines = [_input_line(document) for document in documents]
        return [json.loads(record) for record in self._native.annotate(lines, first_position)]


def _input_line(document: Document) -> str:
    """A document as a JSONL input line: a string is the text; a mapping gives the fields
    (dates and other values JSON lacks are written as their ``str``)."""
    if isinstance(document, str):
        return json.dumps({"text": document})
    if isinstance(document, Mapping):
        return json.dumps(dict(document), default=str)
    raise TypeError(f"a document is a str or a mapping of JSONL fields, not {type(document).__name__}")


def claims_frame(records: Iterable[Record]) -> pandas.DataFrame:
    """The claims of ``records`` as a pandas DataFrame, one row per claim, with the columns
    of ``claimex extract --format parquet`` (the core writes the same Parquet, read back
    with pyarrow). Needs pandas and pyarrow (``pip install 'claimex[pandas]'``)."""
    import pandas

    parquet = claims_parquet([json.dumps(record) for record in records])
    return pandas.read_parquet(io.BytesIO(parquet))


def compare(
    records: Iterable[Record],
    per_document: bool = False,
    min_sources: int = 1,
    profile: str = "default",
) -> list[dict[str, Any]]:
    """Groups the figures of ``records`` that count the same thing, as ``claimex compare
    --json`` prints them: each group's key, its claims in date order and how the figures
    move. Only groups with at least ``min_sources`` independent sources are kept (distinct
    documents with ``per_document``); ``profile`` as in :class:`Pipeline`."""
    groups = compare_groups(
        [json.dumps(record) for record in records],
        per_document=per_document,
        min_sources=min_sources,
        profile=profile,
    )
    return json.loads(groups)["groups"]

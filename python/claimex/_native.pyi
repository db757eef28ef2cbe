"""Type stubs of claimex._native, the Rust extension module (python/src/lib.rs).

Documents and records cross it as JSON text: a document is a JSONL input line, a record
an output line of ``claimex extract``. Use the ``claimex`` package's API instead.
"""

from pathlib import Path
from typing import Optional, Union

__version__: str

class ClaimexError(Exception):
    """An error of claimex: a model, runtime or profile that cannot be loaded, a record
    that cannot be read, or a document that failed."""

class NativePipeline:
    """The pipeline's stages with their model, loaded once."""

    def __init__(
        self,
        *,
        ner: bool,
        attribution: bool,
        threads: Optional[int],
        profile: str,
        ner_dir: Optional[Union[str, Path]],
        attribution_dir: Optional[Union[str, Path]],
        ort_lib: Optional[Union[str, Path]],
    ) -> None: ...
    def annotate(self, lines: list[str], first_position: int) -> list[str]:
        """Annotates JSONL input lines together; one output record (JSON) per line, in order."""

def claims_parquet(records: list[str]) -> bytes:
    """The Parquet bytes of the records' claims, as ``claimex extract --format parquet`` writes."""

def compare_groups(records: list[str], *, per_document: bool, min_sources: int, profile: str) -> str:
    """The JSON ``claimex compare --json`` prints for the records."""

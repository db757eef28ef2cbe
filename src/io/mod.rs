//! Readers that turn files, directories and streams into documents, and the writer that
//! turns annotated documents into output records.

pub mod parquet;
pub mod read;
pub mod resume;
pub mod write;

pub use read::{read_inputs, read_jsonl, DocError, Input};

//! The stage contract: every stage names the layers it requires and the layers it
//! assigns, and one ordered list of stages ([`Stages`]) drives the batch run, the bench,
//! the fuzz targets and the tests.
//!
//! A stage either annotates one document at a time ([`Stage::run`], run in parallel
//! over a chunk) or a whole chunk at once ([`Stage::run_batch`], for the transformer,
//! which batches sentences across documents). [`Stages::new`] refuses a list in which a
//! stage requires a layer no earlier stage assigns, and the runner refuses to run a stage
//! on a document that lacks a required layer: a missing input is an error, never an
//! empty layer.

use crate::doc::Doc;
use std::fmt;

/// A layer of a [`Doc`] that a stage assigns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Content and boilerplate spans, title, byline, date.
    Cleaning,
    /// Words, numbers and punctuation.
    Tokens,
    /// Sentence spans.
    Sentences,
    /// Named entities.
    Entities,
    /// Source, cue and content tags of the attribution head.
    Attribution,
    /// Quotes with resolved speakers.
    Quotes,
    /// Count-like number mentions.
    Quantities,
    /// Numeric claims.
    Claims,
    /// The victims of the article's own incident.
    Tally,
    /// The GeoNames places of the claims and the document.
    Places,
}

impl Layer {
    fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// The set of layers a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layers(u16);

impl Layers {
    /// Whether the set holds `layer`.
    pub fn has(self, layer: Layer) -> bool {
        self.0 & layer.bit() != 0
    }

    /// Adds `layers` to the set.
    pub fn add(&mut self, layers: &[Layer]) {
        for layer in layers {
            self.0 |= layer.bit();
        }
    }

    /// The first of `layers` the set lacks.
    pub fn first_missing(self, layers: &[Layer]) -> Option<Layer> {
        layers.iter().copied().find(|&layer| !self.has(layer))
    }
}

/// Why a stage could not run on a document or a chunk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    /// A required layer was not assigned by any earlier stage.
    #[error("stage {stage} requires the {layer} layer, which no earlier stage assigned")]
    MissingLayer {
        /// The stage.
        stage: &'static str,
        /// The layer it lacks.
        layer: Layer,
    },
    /// The stage failed on its input (a model error, for one).
    #[error("stage {stage} failed: {reason}")]
    Failed {
        /// The stage.
        stage: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// One step of the pipeline.
pub trait Stage: Send + Sync {
    /// A short name ("clean", "quotes") for errors, the bench and the fuzz targets.
    fn name(&self) -> &'static str;

    /// The layers the stage reads and cannot run without.
    fn requires(&self) -> &'static [Layer];

    /// The layers the stage fills.
    fn assigns(&self) -> &'static [Layer];

    /// Annotates one document.
    fn run(&self, doc: &mut Doc) -> Result<(), StageError>;

    /// Whether the stage works on whole chunks ([`Stage::run_batch`]) rather than one
    /// document at a time.
    fn batched(&self) -> bool {
        false
    }

    /// Annotates several documents at once; by default one after another.
    fn run_batch(&self, docs: &mut [&mut Doc]) -> Result<(), StageError> {
        docs.iter_mut().try_for_each(|doc| self.run(doc))
    }
}

/// An ordered list of stages whose requirements are met by earlier stages.
pub struct Stages(Vec<Box<dyn Stage>>);

impl Stages {
    /// Checks that every stage's required layers are assigned by an earlier stage.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Stages, StageError> {
        let mut assigned = Layers::default();
        for stage in &stages {
            if let Some(layer) = assigned.first_missing(stage.requires()) {
                return Err(StageError::MissingLayer { stage: stage.name(), layer });
            }
            assigned.add(stage.assigns());
        }
        Ok(Stages(stages))
    }

    /// The stages, in order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Stage> {
        self.0.iter().map(|stage| stage.as_ref())
    }

    /// The stages up to and including the one named `last` (all of them when none is).
    pub fn until(&self, last: &str) -> impl Iterator<Item = &dyn Stage> {
        let end = self.0.iter().position(|s| s.name() == last).map_or(self.0.len(), |i| i + 1);
        self.0[..end].iter().map(|stage| stage.as_ref())
    }

    /// The stage named `name`.
    pub fn get(&self, name: &str) -> Option<&dyn Stage> {
        self.iter().find(|s| s.name() == name)
    }

    /// Runs every stage on one document, in order.
    pub fn annotate(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.iter().try_for_each(|stage| run_checked(stage, doc))
    }
}

/// Runs a stage on a document after checking that its required layers are there, and
/// records the layers it assigned.
pub fn run_checked(stage: &dyn Stage, doc: &mut Doc) -> Result<(), StageError> {
    check(stage, doc)?;
    stage.run(doc)?;
    doc.layers.add(stage.assigns());
    Ok(())
}

/// Whether a document holds every layer a stage requires.
pub fn check(stage: &dyn Stage, doc: &Doc) -> Result<(), StageError> {
    match doc.layers.first_missing(stage.requires()) {
        Some(layer) => Err(StageError::MissingLayer { stage: stage.name(), layer }),
        None => Ok(()),
    }
}

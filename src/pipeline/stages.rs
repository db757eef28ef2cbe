//! The stages of claimex, in the one order they run (see [`stages`]):
//!
//! | stage    | requires                                | assigns                 |
//! |----------|-----------------------------------------|-------------------------|
//! | clean    |                                         | Cleaning                |
//! | tokens   |                                         | Tokens                  |
//! | segment  | Cleaning                                | Sentences               |
//! | model    | Tokens, Sentences                       | Entities (+Attribution) |
//! | quotes   | Cleaning, Tokens, Sentences             | Quotes                  |
//! | numbers  | Tokens, Sentences                       | Quantities              |
//! | claims   | Cleaning, Tokens, Sentences, Quotes, Quantities | Claims          |
//! | tally    | Quantities, Claims                      | Tally                   |
//!
//! The model stage is left out when no model runs (`--no-ner`); the quotes stage then
//! works from its rules alone. Each stage is a thin adapter over its module's function.

use super::stage::{Layer, Stage, StageError, Stages};
use crate::doc::{Doc, Span};
use crate::geo::{self, Gazetteer};
use crate::profile::Profile;
use crate::tagger::{self, Tag, TagInput, Tagger};
use crate::tokens::Tokens;
use crate::{attribution, claims, clean, ner, numbers, quotes, segment, tally};
use std::path::PathBuf;
use std::sync::Arc;

/// The transformer run over every sentence, between the structure and the rule stages.
pub enum Transformer {
    /// None: the entity and attribution layers are not assigned.
    Off,
    /// The NER model: fills the entity layer.
    Ner(ner::Model),
    /// The joint NER and attribution model: one pass fills the attribution layer, whose
    /// spans the quotes stage merges with its rules, and the entity layer when
    /// `entities` is set.
    Joint {
        /// The model.
        model: attribution::Model,
        /// Whether its NER head fills the entity layer.
        entities: bool,
    },
}

/// Which transformer a pipeline runs and where its files are: what the CLI's model
/// flags, the web server and the Python package choose from (`None`: the default
/// directory, its environment variable first).
#[derive(Debug, Clone, Default)]
pub struct ModelChoice {
    /// Skip entities: no NER model, and the joint model's NER head unused.
    pub no_ner: bool,
    /// Run the joint NER and attribution model in place of the NER model (the CLI's,
    /// the web app's and the Python package's default).
    pub attribution: bool,
    /// The NER model directory.
    pub ner_dir: Option<PathBuf>,
    /// The joint model directory.
    pub attribution_dir: Option<PathBuf>,
    /// The ONNX Runtime shared library.
    pub ort_lib: Option<PathBuf>,
}

impl ModelChoice {
    /// The choice for scoring entities alone: the NER head of the model the pipeline
    /// would run (the joint model's when `attribution` is set and no NER model directory
    /// is given), loaded as an NER model.
    pub fn ner_head_only(&self) -> ModelChoice {
        let ner_dir = match (&self.ner_dir, self.attribution) {
            (None, true) => Some(attribution::model_dir(self.attribution_dir.as_deref())),
            (dir, _) => dir.clone(),
        };
        ModelChoice { attribution: false, ner_dir, ..self.clone() }
    }
}

impl Transformer {
    /// Loads the transformer `choice` asks for, its sessions on `threads` threads: the
    /// joint model when `attribution` is set, else the NER model unless `no_ner`.
    pub fn load(choice: &ModelChoice, threads: usize) -> Result<Transformer, tagger::Error> {
        if !choice.attribution && choice.no_ner {
            return Ok(Transformer::Off);
        }
        let runtime = tagger::init_runtime(choice.ort_lib.as_deref())?;
        if choice.attribution {
            let dir = attribution::model_dir(choice.attribution_dir.as_deref());
            let model = attribution::Model::load(runtime, &dir, threads)?;
            return Ok(Transformer::Joint { model, entities: !choice.no_ner });
        }
        Ok(Transformer::Ner(ner::Model::load(runtime, &ner::model_dir(choice.ner_dir.as_deref()), threads)?))
    }
}

/// Every stage, in order, around `transformer`, with the claims stage knowing `profile`
/// and the places stage `gazetteer`.
pub fn stages(transformer: Transformer, profile: Arc<Profile>, gazetteer: &'static Gazetteer) -> Stages {
    let mut list: Vec<Box<dyn Stage>> = vec![Box::new(Clean), Box::new(Tokenize), Box::new(Segment)];
    match transformer {
        Transformer::Off => {}
        Transformer::Ner(model) => list.push(Box::new(Model::Ner(model))),
        Transformer::Joint { model, entities } => list.push(Box::new(Model::Joint { model, entities })),
    }
    list.extend([
        Box::new(Quotes) as Box<dyn Stage>,
        Box::new(Numbers),
        Box::new(Claims { profile }),
        Box::new(TallyStage),
        Box::new(Geography { gazetteer }),
    ]);
    Stages::new(list).expect("the built-in stage order meets every requirement")
}

/// The rule stages alone (no model), with the default profile and the process's
/// gazetteer.
///
/// # Panics
/// When the GeoNames index is missing (`make geo` builds it).
pub fn rule_stages() -> Stages {
    let gazetteer = geo::gazetteer().unwrap_or_else(|error| panic!("{error}"));
    stages(Transformer::Off, crate::profile::default_profile(), gazetteer)
}

/// [`clean::clean`]: content and boilerplate spans, title, byline, date.
struct Clean;

impl Stage for Clean {
    fn name(&self) -> &'static str {
        "clean"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Cleaning]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.cleaning = clean::clean(doc);
        Ok(())
    }
}

/// [`Tokens::new`]: the token layer, over the normalised text.
struct Tokenize;

impl Stage for Tokenize {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.tokens = Tokens::new(&doc.normalized);
        Ok(())
    }
}

/// [`segment::sentences`]: sentence spans within the content.
struct Segment;

impl Stage for Segment {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Cleaning]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.sentences = segment::sentences(doc);
        Ok(())
    }
}

/// [`quotes::quotes`]: who said what (merging the attribution layer when assigned).
struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Cleaning, Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.quotes = quotes::quotes(doc);
        Ok(())
    }
}

/// [`numbers::quantities`]: count-like number mentions.
struct Numbers;

impl Stage for Numbers {
    fn name(&self) -> &'static str {
        "numbers"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quantities]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.quantities = numbers::quantities(doc, claims::counting_verbs());
        Ok(())
    }
}

/// [`claims::claims`]: numeric claims, with the profile's sides and whole countries.
struct Claims {
    profile: Arc<Profile>,
}

impl Stage for Claims {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Cleaning, Layer::Tokens, Layer::Sentences, Layer::Quotes, Layer::Quantities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Claims]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.claims = claims::claims(doc, &self.profile);
        Ok(())
    }
}

/// [`tally::tally`]: the victims of the article's own incident.
struct TallyStage;

impl Stage for TallyStage {
    fn name(&self) -> &'static str {
        "tally"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Quantities, Layer::Claims]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Tally]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.tally = tally::tally(doc);
        Ok(())
    }
}

/// [`geo::places`]: the GeoNames places of the claims and of the document.
struct Geography {
    gazetteer: &'static Gazetteer,
}

impl Stage for Geography {
    fn name(&self) -> &'static str {
        "places"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Claims]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Places]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        doc.places = geo::places(doc, self.gazetteer);
        Ok(())
    }
}

/// The transformer stage: one model pass over the sentences of a whole chunk.
enum Model {
    Ner(ner::Model),
    Joint { model: attribution::Model, entities: bool },
}

impl Model {
    fn tagger(&self) -> &Tagger {
        match self {
            Model::Ner(model) => model.tagger(),
            Model::Joint { model, .. } => model.tagger(),
        }
    }

    /// Stores one document's tags, one list per head of the model.
    fn store(&self, doc: &mut Doc, mut heads: Vec<Vec<Tag>>) {
        match self {
            Model::Ner(_) => store_entities(doc, heads.swap_remove(0)),
            Model::Joint { entities, .. } => {
                doc.attribution = attribution::tags(&doc.text, heads.swap_remove(1));
                if *entities {
                    store_entities(doc, heads.swap_remove(0));
                }
            }
        }
    }
}

impl Stage for Model {
    fn name(&self) -> &'static str {
        "model"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens, Layer::Sentences]
    }
    fn assigns(&self) -> &'static [Layer] {
        match self {
            Model::Ner(_) => &[Layer::Entities],
            Model::Joint { entities: true, .. } => &[Layer::Entities, Layer::Attribution],
            Model::Joint { entities: false, .. } => &[Layer::Attribution],
        }
    }
    fn batched(&self) -> bool {
        true
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        self.run_batch(&mut [doc])
    }

    /// Runs the tagger over each document's sentences (one document per call, so that a
    /// document's tags never depend on the others of its chunk), moves the tags to
    /// document offsets and hands each document its tags.
    fn run_batch(&self, docs: &mut [&mut Doc]) -> Result<(), StageError> {
        for doc in docs.iter_mut() {
            let inputs: Vec<TagInput> = doc
                .sentences
                .iter()
                .map(|&span| TagInput { text: doc.slice(span), offset: span.start, tokens: doc.tokens.within(span) })
                .collect();
            let predictions = self
                .tagger()
                .predict(&inputs)
                .map_err(|error| StageError::Failed { stage: self.name(), reason: error.to_string() })?;
            let tags: Vec<Vec<Tag>> = predictions
                .into_iter()
                .map(|per_text| {
                    let spans = doc.sentences.iter().zip(per_text);
                    spans
                        .flat_map(|(within, tags)| {
                            tags.into_iter().map(|t| Tag {
                                span: Span::new(t.span.start + within.start, t.span.end + within.start),
                                ..t
                            })
                        })
                        .collect()
                })
                .collect();
            self.store(doc, tags);
        }
        Ok(())
    }
}

/// Fills the entity layer from NER tags in document offsets.
fn store_entities(doc: &mut Doc, tags: Vec<Tag>) {
    doc.entities = ner::consolidate(&doc.text, &doc.sentences, ner::entities(tags));
}

//! Quote attribution: direct, indirect and mixed quotes with resolved speakers.
//!
//! The stage runs in four steps, all on [`Doc::normalized`] (one ASCII byte per
//! quotation mark) and mapped back to [`Doc::text`] at the end:
//!
//! 1. `text`: content paragraphs, top-level quotation pairs (curly or straight double
//!    marks, doubled apostrophes, nested marks inside, quotations reopened paragraph
//!    after paragraph; single marks only outside double ones and never apostrophes) and
//!    sentence units that are never cut inside a quotation;
//! 2. `frames`: from every cue word outside quotation marks, an attribution frame
//!    (speaker mention, cue, content), giving `Candidate`s;
//! 3. `assemble`: quotations the frames left alone are attached to a cue-only unit
//!    around them ("Raab said on Twitter.", "Mr Johnson said:"), to a speaker written
//!    just before them when they open with a cue ("X “agreed that ...”"), or to the
//!    speaker of the quotation just before (a quotation continued); the rest are scare
//!    quotes and are dropped;
//! 4. `speakers`: mentions are resolved in text order to canonical names.
//!
//! Content spans: inside the marks for direct quotes; the reported clause, without its
//! final punctuation (closing marks kept), for indirect and mixed ones. A continued
//! quotation has no cue and its speaker's span is the mention of the quotation before.
//!
//! A `Candidate` is a (source, cue, content) triple, the shape an attribution model
//! predicts too: model predictions can later be merged into the candidate list before
//! step 4.

mod frames;
mod lexicon;
mod speakers;
mod text;

use crate::doc::{AttributionPart, CueKind, Doc, Quote, QuoteKind, Span, SpanIndex, Speaker};
use lexicon::{NOT_SOURCE_ENDS, NOT_SOURCE_TAILS};
use std::collections::HashMap;
use text::{Pair, Range, Tokens, Unit};

/// Where a candidate's speaker comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A mention in the text: a name, an office, a pronoun.
    Mention(Range),
    /// The speaker of the attribution before (a quotation continued without a cue).
    Previous,
}

/// An attribution before speaker resolution, in normalised byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The words attributed (inside the marks for direct quotes).
    pub content: Range,
    /// The cue.
    pub cue: Option<Range>,
    /// The speaker.
    pub source: Option<Source>,
}

/// Attributions in the document, in order of their content.
pub fn quotes(doc: &Doc) -> Vec<Quote> {
    let text = &doc.normalized.text;
    let paras = text::paragraphs(doc);
    let pairs = text::pairs(doc, &paras);
    let units = text::units(doc, &paras, &pairs);
    let tokens = Tokens::new(doc, &paras);
    let found: Vec<frames::Found> = units.iter().map(|&unit| frames::find(text, unit, &pairs, &tokens)).collect();
    let mut candidates = assemble(&units, &pairs, &found, text, &tokens);
    merge_model_candidates(doc, &mut candidates);
    resolve(doc, &units, &found, candidates, &tokens)
}

/// Whether `word` (in any case) is a speech verb that cues an attribution ("said",
/// "told", "warned"): the one list of cue verbs, for stages that ask about a word the
/// quote layer does not cover.
pub fn is_cue_verb(word: &str) -> bool {
    lexicon::CUE_VERBS.contains(&word.to_lowercase().as_str())
}

/// Bytes between a tagged content and its cue, or a cue and its source, at most.
const MODEL_LINK_BYTES: usize = 160;

/// Merges the attribution model's attributions into the rule candidates: a tagged
/// attribution replaces the rule candidates whose content it overlaps (the model's
/// spans follow the PolNeAR conventions and score higher on them); rule candidates the
/// model missed stay.
///
/// Each tagged content takes the nearest tagged cue in its paragraph and that cue the
/// nearest tagged source; a content without a cue is left out. Contents that take the
/// same cue are one attribution (“A,” she said, “B.”): its content runs from the first
/// to the last, as PolNeAR's discontinuous contents do. A cue that no content took but
/// that has a source takes its nearest content too (two speakers of one statement), or,
/// when it ends its paragraph with a colon, the content opening the next paragraph; a cue
/// whose source already has that content is a piece of the same attribution's cue ("said
/// in a statement") and adds nothing.
/// The kind follows the quotation marks: inside a pair, direct; holding one, mixed;
/// else indirect.
fn merge_model_candidates(doc: &Doc, candidates: &mut Vec<Candidate>) {
    let tags = ModelTags::new(doc);
    let mut tagged: Vec<Candidate> = Vec::new();
    let mut by_cue: HashMap<Range, usize> = HashMap::new();
    for &content in tags.of(AttributionPart::Content) {
        let Some(cue) = tags.nearest(AttributionPart::Cue, content) else { continue };
        let (cue_range, content_range) = (tags.range(cue), tags.range(content));
        if let Some(same) = by_cue.get(&cue_range).map(|&k| &mut tagged[k]) {
            same.content = (same.content.0.min(content_range.0), same.content.1.max(content_range.1));
            same.kind = model_kind(&doc.normalized.text, same.content);
        } else {
            by_cue.insert(cue_range, tagged.len());
            tagged.push(tags.candidate(content, cue));
        }
    }
    for &cue in tags.of(AttributionPart::Cue) {
        if by_cue.contains_key(&tags.range(cue)) || tags.nearest(AttributionPart::Source, cue).is_none() {
            continue;
        }
        let free = |c: &Span| {
            let (start, end) = tags.range(*c);
            !tagged.iter().any(|t| t.content.0 < end && start < t.content.1)
        };
        let introduced = || tags.introduced(cue).filter(free);
        if let Some(content) = tags.nearest(AttributionPart::Content, cue).or_else(introduced) {
            let candidate = tags.candidate(content, cue);
            if !tagged.iter().any(|t| same_attribution(t, &candidate)) {
                tagged.push(candidate);
            }
        }
    }
    let contents = SpanIndex::new(tagged.iter().map(|t| Span::new(t.content.0, t.content.1)));
    candidates.retain(|c| !contents.overlaps(Span::new(c.content.0, c.content.1)));
    candidates.extend(tagged);
    candidates.sort_by_key(|c| c.content);
}

/// Whether two model attributions are one: overlapping contents from the same source,
/// so the second cue is another piece of the first's ("said ... in a statement").
fn same_attribution(a: &Candidate, b: &Candidate) -> bool {
    a.source.is_some() && a.source == b.source && a.content.0 < b.content.1 && b.content.0 < a.content.1
}

/// The slot of a part in [`ModelTags::parts`].
fn part_index(part: AttributionPart) -> usize {
    match part {
        AttributionPart::Source => 0,
        AttributionPart::Cue => 1,
        AttributionPart::Content => 2,
    }
}

/// The attribution model's tags of a document, by part, and how they are linked.
struct ModelTags<'a> {
    doc: &'a Doc,
    /// The spans of each [`AttributionPart`] (by its index), in text order.
    parts: [Vec<Span>; 3],
}

impl<'a> ModelTags<'a> {
    /// Sorts the attribution layer of `doc` by part.
    fn new(doc: &'a Doc) -> Self {
        let mut parts: [Vec<Span>; 3] = Default::default();
        for tag in &doc.attribution {
            parts[part_index(tag.part)].push(tag.span);
        }
        ModelTags { doc, parts }
    }

    /// The spans tagged as `part`, in text order.
    fn of(&self, part: AttributionPart) -> &[Span] {
        &self.parts[part_index(part)]
    }

    /// The span in normalised byte offsets.
    fn range(&self, span: Span) -> Range {
        let n = &self.doc.normalized;
        (n.from_original(span.start), n.from_original(span.end))
    }

    /// The `part` span nearest to `to` in its paragraph, within [`MODEL_LINK_BYTES`].
    fn nearest(&self, part: AttributionPart, to: Span) -> Option<Span> {
        let paragraph = self.doc.paragraph_containing(to).unwrap_or(to);
        let spans = self.of(part);
        let first = spans.partition_point(|s| s.end + MODEL_LINK_BYTES < to.start);
        let end = spans.partition_point(|s| s.start <= to.end + MODEL_LINK_BYTES).max(first);
        spans[first..end]
            .iter()
            .copied()
            .filter(|s| paragraph.contains(*s) && !s.overlaps(to))
            .map(|s| (gap(s, to), s))
            .filter(|&(g, _)| g <= MODEL_LINK_BYTES)
            .min_by_key(|&(g, _)| g)
            .map(|(_, s)| s)
    }

    /// The content that opens the next paragraph when `cue` ends its own with a colon
    /// ("Limbaugh added:" above a block quotation).
    fn introduced(&self, cue: Span) -> Option<Span> {
        let (text, paragraphs) = (&self.doc.normalized.text, &self.doc.cleaning.content);
        let at = crate::doc::containing(paragraphs, cue)?;
        let cue_end = self.range(cue).1;
        let rest = text[cue_end..self.range(paragraphs[at]).1].trim();
        let colon = rest == ":" || (rest.is_empty() && text[..cue_end].ends_with(':'));
        let next = paragraphs.get(at + 1).filter(|_| colon)?;
        let next_start = self.range(*next).0;
        let opens = |c: &Span| text[next_start..self.range(*c).0].chars().all(|ch| ch.is_whitespace() || ch == '"');
        let contents = self.of(AttributionPart::Content);
        let first = contents.partition_point(|c| c.start < next.start);
        contents[first..].iter().take_while(|c| c.start < next.end).copied().find(|c| next.contains(*c) && opens(c))
    }

    /// The attribution of `content` with `cue` and the cue's nearest source.
    fn candidate(&self, content: Span, cue: Span) -> Candidate {
        let source = self
            .nearest(AttributionPart::Source, cue)
            .map(|s| source_span(self.doc, s))
            .filter(|s| names_someone(self.doc.slice(*s)))
            .map(|s| Source::Mention(self.range(s)));
        let content = self.range(content);
        Candidate { kind: model_kind(&self.doc.normalized.text, content), content, cue: Some(self.range(cue)), source }
    }
}

/// A tagged source cleaned up to PolNeAR's source spans: widened to the whole of every
/// entity it cuts ("Donald" of "Donald Trump"), then cut as [`source_text_len`] says.
fn source_span(doc: &Doc, tagged: Span) -> Span {
    let entities = doc.entities.iter().filter(|e| e.span.overlaps(tagged));
    let span = entities.fold(tagged, |s, e| Span::new(s.start.min(e.span.start), s.end.max(e.span.end)));
    Span::new(span.start, span.start + source_text_len(&doc.text[span.start..span.end], &doc.text[span.end..]))
}

/// The length of a source's text without trailing prepositions or [`NOT_SOURCE_TAILS`]
/// ("federal prosecutors in", "Trump, in particular,"), and with the comma that closes
/// an apposition ("Scott Pruitt, the attorney general of Oklahoma,") but no lone one
/// ("Mr. Kamin,"). `after` is the text that follows the source.
fn source_text_len(source: &str, after: &str) -> usize {
    let mut text = source.trim_end();
    loop {
        let bare = text.trim_end_matches([',', ' ']);
        if let Some(head) = NOT_SOURCE_TAILS.iter().find_map(|a| strip_suffix_word(bare, a)) {
            text = head.trim_end_matches([',', ' ']);
            continue;
        }
        match text.rsplit_once(' ') {
            Some((head, last)) if is_not_source_end(last) => text = head.trim_end(),
            _ => break,
        }
    }
    let closes_apposition = text.len() == source.trim_end().len() && after.starts_with(',');
    match text.strip_suffix(',') {
        Some(without) if !without.contains(',') => without.len(),
        None if closes_apposition && text.contains(',') => text.len() + 1,
        _ => text.len(),
    }
}

/// Whether a cleaned source's text can name a speaker: not empty and not a lone word no
/// source ends with (a tagged "at" alone names nobody).
fn names_someone(source: &str) -> bool {
    let source = source.trim();
    !source.is_empty() && !is_not_source_end(source)
}

/// Whether a source's last word is one it never ends with ([`NOT_SOURCE_ENDS`]).
fn is_not_source_end(word: &str) -> bool {
    NOT_SOURCE_ENDS.contains(&word.to_lowercase().as_str())
}

/// `text` without a trailing whole word or phrase `suffix` (ASCII case-insensitive).
fn strip_suffix_word<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let head = text.get(..cut)?;
    let whole = head.ends_with([' ', ',']);
    (whole && text[cut..].eq_ignore_ascii_case(suffix)).then_some(head)
}

/// Bytes between two spans that do not overlap.
fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Direct when the content sits inside quotation marks, mixed when it holds one.
fn model_kind(text: &str, content: Range) -> QuoteKind {
    let before = text.get(..content.0).and_then(|t| t.trim_end().chars().next_back());
    let after = text.get(content.1..).and_then(|t| t.trim_start().chars().next());
    let inside = text.get(content.0..content.1).unwrap_or("");
    match (before == Some('"') && after == Some('"'), inside.contains('"')) {
        (true, _) => QuoteKind::Direct,
        (false, true) => QuoteKind::Mixed,
        (false, false) => QuoteKind::Indirect,
    }
}

/// Frame candidates plus the quotations attached by position, in content order.
fn assemble(units: &[Unit], pairs: &[Pair], found: &[frames::Found], text: &str, tokens: &Tokens) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = found.iter().flat_map(|f| f.candidates.iter().copied()).collect();
    let mut used = UsedPairs::new(pairs, &out);
    attach_orphans(units, pairs, found, text, &mut used, &mut out);
    for (index, pair) in pairs.iter().enumerate().filter(|(_, p)| p.is_double(text)) {
        if used.is_used(index) {
            continue;
        }
        let Some(u) = units.partition_point(|u| u.start <= pair.open).checked_sub(1) else { continue };
        let candidate = opened_by_cue(text, tokens, pair, found[u].subject).or_else(|| {
            continues(text, pair, units[u], units, &out).then_some(Candidate {
                kind: QuoteKind::Direct,
                content: pair.inner(),
                cue: None,
                source: Some(Source::Previous),
            })
        });
        if let Some(c) = candidate {
            used.mark(pairs, c.content);
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.content);
    out
}

/// Which quotation pairs a candidate's content already covers, answered without scanning
/// the candidates: pairs are sorted by their opening mark, and the furthest closing mark
/// so far bounds the pairs a content can overlap.
struct UsedPairs {
    used: Vec<bool>,
    /// For each pair, the furthest closing mark of it and the pairs before it.
    reach: Vec<usize>,
}

impl UsedPairs {
    /// The pairs covered by `candidates`.
    fn new(pairs: &[Pair], candidates: &[Candidate]) -> Self {
        let mut far = 0;
        let reach = pairs.iter().map(|p| {
            far = far.max(p.close);
            far
        });
        let reach = reach.collect();
        let mut used = UsedPairs { used: vec![false; pairs.len()], reach };
        for c in candidates {
            used.mark(pairs, c.content);
        }
        used
    }

    /// Marks the pairs overlapping `content` (`content.0 <= close && open < content.1`).
    fn mark(&mut self, pairs: &[Pair], content: Range) {
        let first = self.reach.partition_point(|&far| far < content.0);
        let end = pairs.partition_point(|p| p.open < content.1).max(first);
        for k in (first..end).filter(|&k| pairs[k].close >= content.0) {
            self.used[k] = true;
        }
    }

    /// Whether pair `index` is covered.
    fn is_used(&self, index: usize) -> bool {
        self.used[index]
    }
}

/// Words a quotation needs to be taken by a cue-only unit (shorter ones are scare quotes).
const MIN_ORPHAN_WORDS: usize = 4;

/// Gives each cue-only unit ("Raab said on Twitter.") the last free double quotation
/// of its paragraph within the two units before it, and each unit ending `X said:` the
/// quotation that opens the next unit.
fn attach_orphans(
    units: &[Unit],
    pairs: &[Pair],
    found: &[frames::Found],
    text: &str,
    used: &mut UsedPairs,
    out: &mut Vec<Candidate>,
) {
    for (u, f) in found.iter().enumerate() {
        let Some(orphan) = f.orphan else { continue };
        let free = |k: usize, used: &UsedPairs| pairs[k].is_double(text) && !used.is_used(k);
        let pair = if orphan.forward {
            let next = units.get(u + 1).map_or(usize::MAX, |next| next.start);
            let k = pairs.partition_point(|p| p.open < next);
            (k < pairs.len() && pairs[k].open == next && free(k, used)).then_some(k)
        } else {
            let earlier = units[u.saturating_sub(2)..u]
                .iter()
                .find(|before| before.para == units[u].para)
                .map_or(units[u].start, |before| before.start);
            let long = |p: &Pair| {
                text.get(p.inner().0..p.inner().1).is_some_and(|t| t.split_whitespace().count() >= MIN_ORPHAN_WORDS)
            };
            let (first, end) =
                (pairs.partition_point(|p| p.open < earlier), pairs.partition_point(|p| p.open < orphan.source.0));
            let before = |k: &usize| pairs[*k].close < orphan.source.0;
            (first..end.max(first)).rev().filter(before).find(|&k| long(&pairs[k]) && free(k, used))
        };
        if let Some(pair) = pair.map(|k| pairs[k]) {
            let source = Some(Source::Mention(orphan.source));
            used.mark(pairs, pair.inner());
            out.push(Candidate { kind: QuoteKind::Direct, content: pair.inner(), cue: Some(orphan.cue), source });
        }
    }
}

/// `SPEAKER “agreed that ...”`: a quotation right after the unit's subject that opens
/// with a cue word.
fn opened_by_cue(text: &str, tokens: &Tokens, pair: &Pair, subject: Option<Range>) -> Option<Candidate> {
    let subject = subject?;
    let between = text.get(subject.1..pair.open)?;
    if !between.trim().is_empty() {
        return None;
    }
    let inner = pair.inner();
    let first = tokens.within(inner).into_iter().next().filter(|t| t.word)?;
    let word = text[first.start..first.end].to_lowercase();
    lexicon::CUE_VERBS.contains(&word.as_str()).then_some(Candidate {
        kind: QuoteKind::Direct,
        content: inner,
        cue: Some((first.start, first.end)),
        source: Some(Source::Mention(subject)),
    })
}

/// Whether a quotation that is a whole unit continues the attribution just before it
/// (in the same or the previous unit).
fn continues(text: &str, pair: &Pair, unit: Unit, units: &[Unit], out: &[Candidate]) -> bool {
    let whole = pair.open == unit.start
        && text.get(pair.end()..unit.end).is_some_and(|rest| rest.trim().chars().all(|c| ".,!?".contains(c)));
    let k = units.partition_point(|u| u.start < unit.start);
    let previous_start = k.checked_sub(1).map_or(unit.start, |p| units[p].start);
    whole && out.iter().any(|c| c.source.is_some() && c.content.1 <= pair.open && c.content.1 >= previous_start)
}

/// Resolves every candidate's speaker, walking mentions and unit subjects in text order.
fn resolve(
    doc: &Doc,
    units: &[Unit],
    found: &[frames::Found],
    candidates: Vec<Candidate>,
    tokens: &Tokens,
) -> Vec<Quote> {
    let mut resolver = speakers::Resolver::new(doc, units, tokens);
    let mut mentions: Vec<Range> = found.iter().filter_map(|f| f.subject).collect();
    mentions.extend(candidates.iter().filter_map(|c| match c.source {
        Some(Source::Mention(range)) => Some(range),
        _ => None,
    }));
    mentions.sort();
    mentions.dedup();
    let resolved: Vec<(Range, Option<Speaker>)> = mentions.into_iter().map(|m| (m, resolver.resolve(m))).collect();
    let lookup =
        |range: Range| resolved.binary_search_by_key(&range, |(m, _)| *m).ok().and_then(|k| resolved[k].1.clone());
    let n = &doc.normalized;
    let mut quotes: Vec<Quote> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let mention = match c.source {
            Some(Source::Mention(range)) => Some(range),
            _ => None,
        };
        let (speaker, cue_kind) = if c.source == Some(Source::Previous) {
            quotes.last().map_or((None, CueKind::Speech), |q| (q.speaker.clone(), q.cue_kind))
        } else {
            let cue = c.cue.map_or("", |(a, b)| &n.text[a..b]);
            let quoted = c.kind != QuoteKind::Indirect;
            (mention.and_then(lookup), lexicon::cue_kind(cue, mention.map(|(a, b)| &n.text[a..b]), quoted))
        };
        quotes.push(Quote {
            kind: c.kind,
            content: n.span_to_original(c.content.0, c.content.1),
            cue: c.cue.map(|(a, b)| n.span_to_original(a, b)),
            cue_kind,
            speaker,
        });
    }
    quotes
}

#[cfg(test)]
mod tests;

//! Matching copy of a text: curly quotes, dashes and odd spaces folded to ASCII, soft
//! hyphens and zero-width joiners dropped.
//!
//! Stages run their patterns on [`Normalized::text`] and map every match back with
//! [`Normalized::to_original`], so offsets always refer to the original text.

use crate::doc::Span;

/// A normalised copy of a text with a byte-offset map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text; same characters as the original except the folded and the
    /// dropped ones.
    pub text: String,
    /// For each byte of `text` plus one past the end, the matching original byte offset.
    origin: Vec<u32>,
}

/// The ASCII stand-in for a character, when it has one.
fn fold(ch: char) -> Option<char> {
    Some(match ch {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => ' ',
        '\u{200B}' | '\u{FEFF}' => ' ',
        _ => return None,
    })
}

/// Whether a character is invisible inside a word and dropped from the normalised text:
/// the soft hyphen of hyphenated web text ("vic\u{AD}tim") and zero-width joiners.
fn is_dropped(ch: char) -> bool {
    matches!(ch, '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

impl Normalized {
    /// Builds the normalised copy of `original`.
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (byte, ch) in original.char_indices().filter(|(_, ch)| !is_dropped(*ch)) {
            let out = fold(ch).unwrap_or(ch);
            for _ in 0..out.len_utf8() {
                origin.push(byte as u32);
            }
            text.push(out);
        }
        origin.push(original.len() as u32);
        Normalized { text, origin }
    }

    /// The original byte offset of a normalised byte offset (a character boundary).
    pub fn to_original(&self, byte: usize) -> usize {
        self.origin[byte] as usize
    }

    /// The original span of a normalised span.
    pub fn span_to_original(&self, start: usize, end: usize) -> Span {
        Span::new(self.to_original(start), self.to_original(end))
    }

    /// The normalised byte offset of an original byte offset (a character boundary).
    pub fn from_original(&self, byte: usize) -> usize {
        self.origin.partition_point(|&o| (o as usize) < byte)
    }

    /// The normalised text under an original span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.from_original(span.start)..self.from_original(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_soft_hyphens_keeping_offsets() {
        let original = "The vic\u{ad}tim, a neigh\u{ad}bor, was shot.";
        let n = Normalized::new(original);
        assert_eq!(n.text, "The victim, a neighbor, was shot.");
        let start = n.text.find("neighbor").unwrap();
        let span = n.span_to_original(start, start + "neighbor".len());
        assert_eq!(&original[span.start..span.end], "neigh\u{ad}bor");
        assert_eq!(n.slice(span), "neighbor");
        assert_eq!(n.to_original(n.text.len()), original.len());
    }

    #[test]
    fn folds_quotes_dashes_and_spaces_keeping_offsets() {
        let original = "Raab’s “statement” – 14\u{a0}000";
        let n = Normalized::new(original);
        assert_eq!(n.text, "Raab's \"statement\" - 14 000");
        let start = n.text.find("statement").unwrap();
        let span = n.span_to_original(start, start + "statement".len());
        assert_eq!(&original[span.start..span.end], "statement");
        assert_eq!(n.slice(span), "statement");
        assert_eq!(n.to_original(n.text.len()), original.len());
    }
}

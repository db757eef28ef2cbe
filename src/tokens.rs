//! The token layer: words, numbers and punctuation of a document, computed once.
//!
//! Tokens are found in the normalised text ([`Normalized`]: curly quotes and dashes
//! folded) and carry both spans: `span` into the original text, `norm` into the
//! normalised one. A word is a run of letters with inner apostrophes or hyphens
//! ("o'clock", "well-known") or an initialism with stops ("U.S."); a number is a run of
//! digits with inner `.` or `,` ("13,000", "2.5"); every other non-space character is a
//! token of its own, so brackets and quote marks never join a word ("(Reuters)" is "(",
//! "Reuters", ")"), as in CoNLL-2003's tokens.
//!
//! Each token has a [`CaseClass`]: the feature the transformer models get next to each
//! sub-word. [`CaseClass::of`] is the one definition, shared by the runtime (the class of
//! the token a sub-word lies in) and the training recipes, which call `claimex
//! case-classes` on each CoNLL token, or ask for the runtime's own tokens of a text and
//! their classes ([`case_spans`]), instead of defining it again.

use crate::doc::Span;
use crate::normalize::Normalized;
use regex::Regex;
use std::sync::LazyLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, with inner apostrophes or hyphens, or an initialism ("U.S.").
    Word,
    /// Digits, with inner `.` or `,`.
    Number,
    /// Any other single character.
    Punct,
}

/// The case of a token's letters, as the models see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseClass {
    /// No letters ("(", "13,000").
    NoLetters = 0,
    /// All letters lower case.
    Lower = 1,
    /// First letter upper case, the rest lower case; also a single capital ("I", "A").
    Capitalised = 2,
    /// Two or more letters, all upper case ("NATO", "U.S.").
    Upper = 3,
    /// Anything else ("McCain", "iPhone").
    Mixed = 4,
}

impl CaseClass {
    /// The case class of a token's text.
    pub fn of(token: &str) -> CaseClass {
        let mut letters = token.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else { return CaseClass::NoLetters };
        let (mut rest_lower, mut rest_upper) = (true, true);
        for c in letters {
            rest_lower &= !c.is_uppercase();
            rest_upper &= !c.is_lowercase();
        }
        match (first.is_uppercase(), rest_lower, rest_upper) {
            (false, true, _) => CaseClass::Lower,
            (true, true, _) => CaseClass::Capitalised,
            (true, false, true) => CaseClass::Upper,
            _ => CaseClass::Mixed,
        }
    }

    /// The id the models take as `token_type_ids`.
    pub fn id(self) -> i64 {
        self as i64
    }
}

/// One token of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    /// Where it is in the normalised text.
    pub norm: Span,
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// The case of its letters.
    pub case: CaseClass,
    /// Whether whitespace comes right before it (false for the text's first token).
    pub space_before: bool,
}

impl Token {
    /// Whether the token is a number ("13,000").
    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Lu}(?:\.\p{Lu})+\.?|\p{L}+(?:['-]\p{L}+)*)|(\d+(?:[.,]\d+)*)|\S").expect("valid regex")
});

/// The tokens of a normalised text, with spans in that text (`span` and `norm` equal).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut previous_end = 0;
    TOKEN
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let kind = if c.get(1).is_some() {
                TokenKind::Word
            } else if c.get(2).is_some() {
                TokenKind::Number
            } else {
                TokenKind::Punct
            };
            let space_before = whole.start() > previous_end;
            previous_end = whole.end();
            let span = Span::new(whole.start(), whole.end());
            Some(Token { span, norm: span, kind, case: CaseClass::of(without_clitic(whole.as_str())), space_before })
        })
        .collect()
}

/// The tokens of a text as a document's token layer cuts them (normalised first), each as
/// `(start, end, class id)` in character (code point) offsets of the text: what a training
/// recipe needs to give a sub-word the class the runtime gives it.
pub fn case_spans(text: &str) -> Vec<(usize, usize, i64)> {
    let mut chars_before = text.char_indices().map(|(at, _)| at).chain([text.len()]).enumerate();
    let mut char_at = |byte: usize| chars_before.find(|&(_, at)| at == byte).map_or(0, |(index, _)| index);
    let tokens = Tokens::new(&Normalized::new(text));
    tokens
        .all()
        .iter()
        .map(|token| {
            let start = char_at(token.span.start);
            let end = start + text[token.span.start..token.span.end].chars().count();
            (start, end, token.case.id())
        })
        .collect()
}

/// Clitics CoNLL-2003 splits off as tokens of their own ("NATO 's", "do n't").
const CLITICS: [&str; 7] = ["'s", "'re", "'ll", "'ve", "'d", "'m", "n't"];

/// A word without its trailing clitic: the part whose case CoNLL's token has.
fn without_clitic(word: &str) -> &str {
    CLITICS
        .iter()
        .find_map(|clitic| {
            let cut = word.len().checked_sub(clitic.len())?;
            (cut > 0 && word.is_char_boundary(cut) && word[cut..].eq_ignore_ascii_case(clitic)).then(|| &word[..cut])
        })
        .unwrap_or(word)
}

/// The token layer of a document: its tokens in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    items: Vec<Token>,
}

impl Tokens {
    /// Tokenises a document's normalised text; spans map back to the original text.
    pub fn new(normalized: &Normalized) -> Tokens {
        let mut items = tokenize(&normalized.text);
        for token in &mut items {
            token.span = normalized.span_to_original(token.norm.start, token.norm.end);
        }
        Tokens { items }
    }

    /// Every token, in order.
    pub fn all(&self) -> &[Token] {
        &self.items
    }

    /// The tokens that lie inside an original-text span, in order.
    pub fn within(&self, span: Span) -> &[Token] {
        let first = self.items.partition_point(|t| t.span.start < span.start);
        let end = first + self.items[first..].partition_point(|t| t.span.end <= span.end);
        &self.items[first..end]
    }

    /// The tokens of one sentence, for a stage that reads the sentence's normalised text
    /// alone: those that overlap its original `span`, with `norm` counted from the start
    /// of that sentence's text. A token the boundary cuts ("6abc.com|A man", where
    /// boilerplate ends mid-word) is clipped to the sentence, keeping its kind.
    pub fn in_sentence(&self, normalized: &Normalized, span: Span) -> Vec<Token> {
        let (base, end) = (normalized.from_original(span.start), normalized.from_original(span.end));
        let first = self.items.partition_point(|t| t.span.end <= span.start);
        self.items[first..]
            .iter()
            .take_while(|t| t.span.start < span.end)
            .map(|t| Token {
                span: Span::new(t.span.start.max(span.start), t.span.end.min(span.end)),
                norm: Span::new(t.norm.start.max(base) - base, t.norm.end.min(end) - base),
                ..*t
            })
            .filter(|t| !t.norm.is_empty())
            .collect()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, tokens: &[Token]) -> Vec<&'a str> {
        tokens.iter().map(|t| &text[t.span.start..t.span.end]).collect()
    }

    #[test]
    fn brackets_quotes_and_hyphens_are_tokens_of_their_own() {
        let text = "(Reuters) \u{201c}U.S.-led\u{201d} well-known O'Neill's 13,000 \u{2014} 2.5 NATO\u{2019}s";
        let tokens = Tokens::new(&Normalized::new(text));
        assert_eq!(
            texts(text, tokens.all()),
            [
                "(",
                "Reuters",
                ")",
                "\u{201c}",
                "U.S.",
                "-",
                "led",
                "\u{201d}",
                "well-known",
                "O'Neill's",
                "13,000",
                "\u{2014}",
                "2.5",
                "NATO\u{2019}s"
            ]
        );
        let classes: Vec<i64> = tokens.all().iter().map(|t| t.case.id()).collect();
        assert_eq!(
            classes,
            [0, 2, 0, 0, 3, 0, 1, 0, 1, 4, 0, 0, 0, 3],
            "NATO's takes the class of NATO, as CoNLL's 'NATO' token"
        );
        assert!(tokens.all()[10].is_number() && !tokens.all()[1].is_number());
        assert_eq!(tokens.all()[11].norm.len(), 1, "the em dash is folded to '-' in the normalised text");
    }

    #[test]
    fn case_classes_follow_the_training_contract() {
        for (word, class) in [
            ("(", CaseClass::NoLetters),
            ("1996", CaseClass::NoLetters),
            ("said", CaseClass::Lower),
            ("Reuters", CaseClass::Capitalised),
            ("I", CaseClass::Capitalised),
            ("NATO", CaseClass::Upper),
            ("U.S.", CaseClass::Upper),
            ("McCain", CaseClass::Mixed),
            ("iPhone", CaseClass::Mixed),
            ("Ukraine's", CaseClass::Capitalised),
        ] {
            assert_eq!(CaseClass::of(word), class, "{word}");
        }
    }

    #[test]
    fn case_spans_give_the_runtime_tokens_in_characters() {
        let text = "\u{201c}P. Simmons\u{201d} told NATO\u{2019}s élite";
        let spans = case_spans(text);
        let pieces: Vec<(&str, i64)> = spans
            .iter()
            .map(|&(start, end, class)| {
                let at = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
                (&text[at(start)..at(end)], class)
            })
            .collect();
        assert_eq!(
            pieces,
            [
                ("\u{201c}", 0),
                ("P", 2),
                (".", 0),
                ("Simmons", 2),
                ("\u{201d}", 0),
                ("told", 1),
                ("NATO\u{2019}s", 3),
                ("élite", 1)
            ],
            "the initial's stop is a token of its own, with no letters"
        );
    }

    #[test]
    fn tokens_within_a_span() {
        let text = "One. Two three. Four";
        let tokens = Tokens::new(&Normalized::new(text));
        assert_eq!(texts(text, tokens.within(Span::new(5, 15))), ["Two", "three", "."]);
        assert!(tokens.within(Span::new(3, 3)).is_empty());
    }

    #[test]
    fn a_sentence_view_counts_from_its_own_start() {
        let text = "One. \u{201c}Two\u{201d} three.";
        let normalized = Normalized::new(text);
        let tokens = Tokens::new(&normalized);
        let base = normalized.from_original(5);
        let local = tokens.in_sentence(&normalized, Span::new(5, text.len()));
        let sentence = &normalized.text[base..];
        let words: Vec<&str> = local.iter().map(|t| &sentence[t.norm.start..t.norm.end]).collect();
        assert_eq!(words, ["\"", "Two", "\"", "three", "."]);
    }

    #[test]
    fn a_token_a_sentence_boundary_cuts_is_clipped() {
        let text = "Shooting | 6abc.comA man is hurt";
        let normalized = Normalized::new(text);
        let tokens = Tokens::new(&normalized);
        let cut = text.find("A man").unwrap();
        let before = tokens.in_sentence(&normalized, Span::new(0, cut));
        let after = tokens.in_sentence(&normalized, Span::new(cut, text.len()));
        assert_eq!(texts(text, &before[before.len() - 1..]), ["com"]);
        assert_eq!(texts(text, &after), ["A", "man", "is", "hurt"]);
        assert_eq!(after[0].norm, Span::new(0, 1));
    }
}

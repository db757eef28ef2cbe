//! List items inside one paragraph: "1) The first item 2) The second item".
//!
//! A paragraph is a list when it opens with a list marker: an enumerator (a number of up
//! to three digits or one lower-case letter) written `1.`, `1)`, `1.)` or `(1)`,
//! optionally after a bullet ("• 9.", "⁃9."). Each next item starts at the marker that
//! continues the sequence (same bullet, same style, the next number or letter) after
//! white space and before a space, so items need no stop to be told apart, and a number
//! that merely looks like a marker ("in 2) cases") never cuts a paragraph that is not a
//! list.

use std::ops::Range;

/// Characters that may stand before a list marker.
const BULLETS: &[char] = &['•', '⁃', '·', '*', '-', '–'];
/// Longest numeric enumerator.
const MAX_DIGITS: usize = 3;

/// How the enumerator is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Enclosed,
}

/// A list marker: its bullet, style and enumerator.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    bullet: Option<char>,
    style: Style,
    enumerator: Enumerator,
}

/// A number or a lower-case letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enumerator {
    Number(u32),
    Letter(u8),
}

impl Enumerator {
    /// The enumerator after this one ("2" after "1", "b" after "a").
    fn successor(self) -> Option<Enumerator> {
        match self {
            Enumerator::Number(n) => Some(Enumerator::Number(n + 1)),
            Enumerator::Letter(b'z') => None,
            Enumerator::Letter(c) => Some(Enumerator::Letter(c + 1)),
        }
    }
}

impl Marker {
    /// The marker the next item of the same list opens with.
    fn successor(&self) -> Option<Marker> {
        Some(Marker { enumerator: self.enumerator.successor()?, ..self.clone() })
    }
}

/// Whether `c` is a bullet that may stand before a list marker ("•", "⁃").
pub fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c)
}

/// The item ranges of a paragraph: the whole paragraph unless it opens with a list marker.
pub fn items(text: &str) -> Vec<Range<usize>> {
    let lead = text.len() - text.trim_start().len();
    let mut marker = marker_at(text, lead);
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(next) = marker.as_ref().and_then(Marker::successor) {
        let Some(at) = find_marker(text, start + 1, &next) else { break };
        out.push(start..at);
        (start, marker) = (at, Some(next));
    }
    out.push(start..text.len());
    out
}

/// The first offset at or after `from` where `wanted` opens an item after white space.
fn find_marker(text: &str, from: usize, wanted: &Marker) -> Option<usize> {
    text.char_indices()
        .skip_while(|&(i, _)| i < from)
        .filter(|&(i, c)| !c.is_whitespace() && text[..i].ends_with(char::is_whitespace))
        .map(|(i, _)| i)
        .find(|&i| marker_at(text, i).as_ref() == Some(wanted))
}

/// The list marker at byte `at`, followed by a space or an opening bullet-less digit.
fn marker_at(text: &str, at: usize) -> Option<Marker> {
    let rest = &text[at..];
    let bullet = rest.chars().next().filter(|&c| is_bullet(c));
    let rest = bullet.map_or(rest, |b| rest[b.len_utf8()..].trim_start_matches(' '));
    let (style, enumerator, after) = enumerator_at(rest)?;
    after.starts_with(' ').then_some(Marker { bullet, style, enumerator })
}

/// The style and enumerator at the start of `text`, and the text after the marker.
fn enumerator_at(text: &str) -> Option<(Style, Enumerator, &str)> {
    let enclosed = text.strip_prefix('(');
    let body = enclosed.unwrap_or(text);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (enumerator, len) = match body.as_bytes().first()? {
        _ if (1..=MAX_DIGITS).contains(&digits) => (Enumerator::Number(body[..digits].parse().ok()?), digits),
        c if c.is_ascii_lowercase() && !body.as_bytes().get(1).is_some_and(u8::is_ascii_alphanumeric) => {
            (Enumerator::Letter(*c), 1)
        }
        _ => return None,
    };
    let after = &body[len..];
    let (style, after) = match (enclosed.is_some(), after) {
        (true, a) => (Style::Enclosed, a.strip_prefix(')')?),
        (false, a) if a.starts_with(".)") => (Style::DotParen, &a[2..]),
        (false, a) if a.starts_with('.') => (Style::Dot, &a[1..]),
        (false, a) if a.starts_with(')') => (Style::Paren, &a[1..]),
        _ => return None,
    };
    Some((style, enumerator, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        items(text).into_iter().map(|r| text[r].trim()).collect()
    }

    #[test]
    fn numbered_and_lettered_lists_cut_at_the_next_marker() {
        assert_eq!(cut("1) The first item 2) The second item"), ["1) The first item", "2) The second item"]);
        assert_eq!(
            cut("a. The first item b. The second item c. The third"),
            ["a. The first item", "b. The second item", "c. The third"]
        );
        assert_eq!(cut("(a) Apples (b) Pears"), ["(a) Apples", "(b) Pears"]);
        assert_eq!(cut("1.) The first item 2.) The second item"), ["1.) The first item", "2.) The second item"]);
        assert_eq!(cut("• 9. The first item • 10. The second item"), ["• 9. The first item", "• 10. The second item"]);
        assert_eq!(cut("⁃9. The first item ⁃10. The second item"), ["⁃9. The first item", "⁃10. The second item"]);
    }

    #[test]
    fn markers_out_of_sequence_or_outside_lists_do_not_cut() {
        for text in [
            "The plan has 2) parts and 3) more.",
            "1) Buy the land 3) Build the house",
            "1) Buy the land 2). Then",
            "(a) Apples b) Pears",
            "a. The vote of 2. The",
            "We met at 10. Then 11) came",
        ] {
            assert_eq!(cut(text), [text.trim()], "{text}");
        }
    }
}

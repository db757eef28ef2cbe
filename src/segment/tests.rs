//! Tests of the sentence splitter: the Golden Rules it passes, news text, and each class
//! of boundary the module documents, with positive and negative cases.

use super::*;
use crate::clean;
use crate::doc::Meta;

/// Sentences of `text` taken as one paragraph.
fn split_text(text: &str) -> Vec<String> {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    doc.cleaning.content = vec![Span::new(0, text.len())];
    sentences(&doc).iter().map(|s| doc.slice(*s).to_string()).collect()
}

/// Sentences of a whole story after cleaning.
fn story(text: &str) -> Vec<String> {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    doc.cleaning = clean::clean(&doc);
    sentences(&doc).iter().map(|s| doc.slice(*s).to_string()).collect()
}

/// The English Golden Rules (pySBD) this splitter passes: 38 of the 47 listed in the README.
const GOLDEN_RULES: &[(&str, &[&str])] = &[
    ("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
    ("What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
    ("There it is! I found it.", &["There it is!", "I found it."]),
    ("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
    ("Please turn to p. 55.", &["Please turn to p. 55."]),
    ("Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
    ("They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]),
    ("Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]),
    ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.", &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    ("I can see Mt. Fuji from here.", &["I can see Mt. Fuji from here."]),
    ("St. Michael's Church is on 5th st. near the light.", &["St. Michael's Church is on 5th st. near the light."]),
    ("That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
    ("I visited the U.S.A. last year.", &["I visited the U.S.A. last year."]),
    ("I live in the E.U. How about you?", &["I live in the E.U.", "How about you?"]),
    ("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
    ("I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]),
    ("I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]),
    ("She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
    ("She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]),
    ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.", &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
    ("Her email is Jane.Doe@example.com. I sent her an email.", &["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    ("The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.", &["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
    ("She turned to him, 'This is great.' she said.", &["She turned to him, 'This is great.' she said."]),
    ("She turned to him, \"This is great.\" she said.", &["She turned to him, \"This is great.\" she said."]),
    ("She turned to him, \"This is great.\" She held the book out to show him.", &["She turned to him, \"This is great.\"", "She held the book out to show him."]),
    ("Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
    ("Hello?? Who is there?", &["Hello??", "Who is there?"]),
    ("Hello!? Is that you?", &["Hello!?", "Is that you?"]),
    ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
    ("1.) The first item. 2.) The second item.", &["1.) The first item.", "2.) The second item."]),
    ("1) The first item. 2) The second item.", &["1) The first item.", "2) The second item."]),
    ("1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]),
    ("She works at Yahoo! in the evening.", &["She works at Yahoo! in the evening."]),
    ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    ("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).", &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]),
    ("If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.", &["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .", "Next sentence."]),
    ("I never meant that.... She left the store.", &["I never meant that....", "She left the store."]),
    ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
];

#[test]
fn golden_rules() {
    for (text, want) in GOLDEN_RULES {
        assert_eq!(split_text(text), *want, "{text}");
    }
}

#[test]
fn quotes_end_sentences_only_before_a_new_one() {
    let text = "“The best way to avert a crisis is through diplomacy,” he said. “If Russia decides to pursue confrontation, there will be serious consequences,” he said.";
    assert_eq!(
        split_text(text),
        [
            "“The best way to avert a crisis is through diplomacy,” he said.",
            "“If Russia decides to pursue confrontation, there will be serious consequences,” he said."
        ]
    );
    let text = "“The probability of hostilities in Ukraine still remains high,” he said.";
    assert_eq!(split_text(text), [text]);
}

#[test]
fn titles_initials_and_numbers_do_not_split() {
    let text = "In the official statement about Blinken-Truss phone call, US State Department spokesperson Ned Price said, “Secretary of State Antony J. Blinken spoke today with UK Foreign Secretary Elizabeth Truss. Secretary Blinken condemned the decision.”";
    assert_eq!(split_text(text).len(), 2);
    for text in [
        "Lt. Col. Alexander Vindman testified before Rep. Adam Schiff and Sen. Mitch McConnell on Sept. 5.",
        "J.K. Rowling met Gen. Mark Milley at 10 a.m. in St. Louis, Mo., where Jr. officials earned 1.2 million dollars.",
        "The U.S. State Department ranked it No. 5 among Russia's 12 most powerful weapons.",
        "The cases are Daman v. Brooks and Agarano v. Mattos.",
        "Then-U.S. Secretary of State Colin Powell landed in Albuquerque at 9:49 a.m. local time (11:49 a.m. Eastern Time).",
    ] {
        assert_eq!(split_text(text), [text]);
    }
}

#[test]
fn ellipses_split_only_before_capitals() {
    assert_eq!(split_text("This is a developing story..."), ["This is a developing story..."]);
    assert_eq!(
        split_text("It went on and on... and so on. Then it stopped."),
        ["It went on and on... and so on.", "Then it stopped."]
    );
    assert_eq!(
        split_text("“I’m so proud and I’m so happy today. … We will win,” he said."),
        ["“I’m so proud and I’m so happy today.", "… We will win,” he said."]
    );
}

#[test]
fn seed_stories_split_on_paragraphs_and_stops() {
    let sentences = story(include_str!("../../fixtures/corpus/004_1a86e49c1743badb.txt"));
    assert_eq!(sentences.len(), 8);
    assert_eq!(sentences[0], "In call with Russian foreign minister, US secretary of state said he wants to continue 'substantive exchange' with Russia");
    assert_eq!(sentences[2], "The call came as the West tries to prevent what it sees as a possible Russian invasion of Ukraine in the next few weeks.");
    let sentences = story(include_str!("../../fixtures/corpus/003_6bbe357bb2cbdd54.txt"));
    assert_eq!(sentences.len(), 13);
    assert_eq!(sentences[7], "Blinken also spoke with EU's Joseph Borrell");
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in ["", " ", ".", "...", "…", "a.", ". . .", "“”", "Mr.", "foo.’ bar", "x.\u{2028}Y", "Ünïcödé. Ölçü… Ça?"]
    {
        let got = split_text(text);
        assert!(got.iter().all(|s| !s.is_empty() && s.trim() == s), "{text:?}: {got:?}");
    }
}

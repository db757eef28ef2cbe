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

/// The English Golden Rules (pySBD) this splitter passes.
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
    ("1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"]),
    ("1) The first item 2) The second item", &["1) The first item", "2) The second item"]),
    ("1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
    ("• 9. The first item • 10. The second item", &["• 9. The first item", "• 10. The second item"]),
    ("⁃9. The first item ⁃10. The second item", &["⁃9. The first item", "⁃10. The second item"]),
    ("a. The first item b. The second item c. The third list item", &["a. The first item", "b. The second item", "c. The third list item"]),
    ("You can find it at N°. 1026.253.553. That is where the treasure is.", &["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
    ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.", &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
    ("Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”", &["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]),
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
    assert_eq!(sentences.len(), 9);
    assert_eq!(sentences[0], "Blinken urges Russia to de-escalate Ukraine crisis");
    assert_eq!(sentences[1], "In call with Russian foreign minister, US secretary of state said he wants to continue 'substantive exchange' with Russia");
    assert_eq!(sentences[3], "The call came as the West tries to prevent what it sees as a possible Russian invasion of Ukraine in the next few weeks.");
    let sentences = story(include_str!("../../fixtures/corpus/003_6bbe357bb2cbdd54.txt"));
    assert_eq!(sentences.len(), 13);
    assert_eq!(sentences[7], "Blinken also spoke with EU's Joseph Borrell");
}

#[test]
fn the_headline_is_the_first_sentence_without_the_site_name() {
    let text =
        "Two hurt in Elm Street shooting | WXYZ News 7\nTwo men were hurt on Friday. Police are looking for a car.";
    let meta = Meta { title: Some("Two hurt in Elm Street shooting | WXYZ News 7".into()), ..Meta::default() };
    let mut doc = Doc::new(text.to_string(), meta);
    doc.cleaning = clean::clean(&doc);
    let found: Vec<&str> = sentences(&doc).iter().map(|s| doc.slice(*s)).collect();
    assert_eq!(
        found,
        ["Two hurt in Elm Street shooting", "Two men were hurt on Friday.", "Police are looking for a car."]
    );
    assert!(doc.cleaning.boilerplate.iter().any(|b| doc.slice(b.span).starts_with("Two hurt")), "still boilerplate");
    let untitled = story("Two men were hurt on Friday. Police are looking for a car.");
    assert_eq!(untitled.len(), 2);
}

#[test]
fn odd_inputs_do_not_panic() {
    for text in ["", " ", ".", "...", "…", "a.", ". . .", "“”", "Mr.", "foo.’ bar", "x.\u{2028}Y", "Ünïcödé. Ölçü… Ça?"]
    {
        let got = split_text(text);
        assert!(got.iter().all(|s| !s.is_empty() && s.trim() == s), "{text:?}: {got:?}");
    }
}

/// Asserts that each text splits into the sentences given.
fn assert_splits(cases: &[(&str, &[&str])]) {
    for (text, want) in cases {
        assert_eq!(split_text(text), *want, "{text}");
    }
}

/// Asserts that each text stays one sentence.
fn assert_whole(texts: &[&str]) {
    for text in texts {
        assert_eq!(split_text(text), [*text], "{text}");
    }
}

#[test]
fn list_items_without_a_stop_are_sentences() {
    assert_splits(&[
        (
            "(a) Keep the bridges open (b) Protect the grain ships",
            &["(a) Keep the bridges open", "(b) Protect the grain ships"],
        ),
        (
            "1) Ceasefire 2) Prisoner exchange 3) Talks in Istanbul",
            &["1) Ceasefire", "2) Prisoner exchange", "3) Talks in Istanbul"],
        ),
        ("a. Evacuate the town. b. Count the missing", &["a. Evacuate the town.", "b. Count the missing"]),
    ]);
    assert_whole(&[
        "The talks covered 2) prisoner exchanges and 3) grain.",
        "1) Ceasefire 3) Talks in Istanbul",
        "Item 1) is done 2) is not.",
    ]);
}

#[test]
fn times_and_eras_end_a_sentence_before_a_new_one() {
    assert_splits(&[
        (
            "The blast came at 9 a.m. Police said two people died.",
            &["The blast came at 9 a.m.", "Police said two people died."],
        ),
        (
            "The city fell in 146 B.C. Rome then ruled Greece.",
            &["The city fell in 146 B.C.", "Rome then ruled Greece."],
        ),
        ("Voting closed at 8 p.m. The count began.", &["Voting closed at 8 p.m.", "The count began."]),
        (
            "She stopped moving at 6:07 a.m. During that time, nobody came.",
            &["She stopped moving at 6:07 a.m.", "During that time, nobody came."],
        ),
    ]);
    assert_whole(&[
        "The blast came at 9 a.m. Eastern time on Friday.",
        "Talks resume at 10 a.m. Monday in Geneva.",
        "Sirens sounded at 4 a.m. Kyiv time across the country.",
        "The probe landed around 8:31 p.m. New Delhi time on Friday.",
        "He was arrested around 11:30 p.m. AST at his home.",
        "At 5 a.m. Mr. Smith went to the bank.",
        "In 44 B.C. Caesar was killed in Rome.",
        "The temple was built around 300 A.D. and rebuilt later.",
        "Vesuvius erupted in A.D. 79 and buried Pompeii.",
        "It dates from 200 C.E. and later.",
    ]);
}

#[test]
fn citation_brackets_stay_with_the_sentence_before() {
    assert_splits(&[
        ("The town was founded in 1650.[1] It grew fast.", &["The town was founded in 1650.[1]", "It grew fast."]),
        (
            "The town was founded in 1650.[1][2] It grew fast.",
            &["The town was founded in 1650.[1][2]", "It grew fast."],
        ),
        (
            "Its mayor resigned.[citation needed] A new one was elected.",
            &["Its mayor resigned.[citation needed]", "A new one was elected."],
        ),
        ("He won.\"[3] Then he left.", &["He won.\"[3]", "Then he left."]),
    ]);
    assert_whole(&["See the list.[Note: Updated]Then stop.", "It was 3.[1]5 metres."]);
}

#[test]
fn an_ellipsis_after_a_question_or_exclamation_goes_on() {
    assert_splits(&[
        ("Why? ... because we had to. They left.", &["Why? ... because we had to.", "They left."]),
        ("Really?! . . . no one expected it.", &["Really?! . . . no one expected it."]),
        ("Why? ... Nobody knows.", &["Why? ...", "Nobody knows."]),
        ("Stop!… then run.", &["Stop!… then run."]),
    ]);
}

#[test]
fn units_before_a_number_do_not_end_a_sentence() {
    assert_whole(&[
        "He is 5 ft. 6 in. tall.",
        "The baby weighed 2 lb. 4 oz. at birth.",
        "The march took 3 hrs. 20 mins. in the rain.",
    ]);
    assert_splits(&[
        ("The fish weighed 2 lb. The cat ate it.", &["The fish weighed 2 lb.", "The cat ate it."]),
        ("The wall is 6 ft. Twenty people climbed it.", &["The wall is 6 ft.", "Twenty people climbed it."]),
        ("We came in. 5 people were waiting.", &["We came in.", "5 people were waiting."]),
    ]);
}

#[test]
fn no_ends_a_sentence_unless_a_number_follows() {
    assert_whole(&[
        "It ranked No. 5 on the list.",
        "You can find it at N°. 1026 in the archive.",
        "The forms are Nos. 3 and 4.",
    ]);
    assert_splits(&[
        ("Did they agree? No. The talks failed.", &["Did they agree?", "No.", "The talks failed."]),
        ("The answer was No. Nobody signed.", &["The answer was No.", "Nobody signed."]),
    ]);
}

#[test]
fn runs_of_question_and_exclamation_marks_end_once() {
    assert_splits(&[
        ("Help!!! The dam broke.", &["Help!!!", "The dam broke."]),
        ("Who??? Nobody knew.", &["Who???", "Nobody knew."]),
        ("What?!?! He left.", &["What?!?!", "He left."]),
    ]);
    assert_whole(&["Wow!!! that was close.", "Yahoo!!! is a brand name."]);
}

#[test]
fn questions_inside_an_attributed_quotation_go_on() {
    assert_whole(&[
        "\"How many? I don't know,\" said the official.",
        "\"Why now? Nobody can say,\" he said.",
        "“Where is the army? Where are the guns?” asked the mayor.",
    ]);
    assert_splits(&[
        ("\"How many? I don't know.\" He left.", &["\"How many?", "I don't know.\"", "He left."]),
        ("\"Who?\" he asked. Nobody answered.", &["\"Who?\" he asked.", "Nobody answered."]),
        ("What now? I asked.", &["What now?", "I asked."]),
    ]);
}

#[test]
fn initials_run_on() {
    assert_whole(&[
        "The U. A. E. has said so.",
        "J. R. R. Tolkien wrote it.",
        "It was the U. A. E. Government that paid.",
    ]);
    assert_splits(&[
        (
            "He was born in the U. A. E. The family later moved.",
            &["He was born in the U. A. E.", "The family later moved."],
        ),
        ("We make a good team, you and I. Did you see him?", &["We make a good team, you and I.", "Did you see him?"]),
    ]);
}

#[test]
fn abbreviations_keep_their_period_for_other_stages() {
    for word in ["Mr", "mr", "U.S", "J", "Inc", "No", "a.m"] {
        assert!(is_abbreviation(word), "{word}");
    }
    for word in ["said", "in", "tall", "I'm", "FT", "NO"] {
        assert!(!is_abbreviation(word), "{word}");
    }
}

#[test]
fn a_quotation_opening_in_lower_case_after_a_stop_starts_a_sentence() {
    assert_splits(&[
        (
            "She thanked fans on Twitter. \"thank you all,\" she tweeted.",
            &["She thanked fans on Twitter.", "\"thank you all,\" she tweeted."],
        ),
        ("\"That upset me,\" he said. \"and then I left.\"", &["\"That upset me,\" he said.", "\"and then I left.\""]),
    ]);
    assert_whole(&["She turned to him, \"This is great.\" she said.", "He said \"fine.\" and left."]);
}

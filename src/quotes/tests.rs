//! Tests on the seed stories and on sentences from PolNeAR and CNN.

use super::quotes;
use crate::doc::{Doc, Meta, Quote, QuoteKind, Span};

fn doc(text: &str) -> Doc {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    doc.cleaning = crate::clean::clean(&doc);
    doc.tokens = crate::tokens::Tokens::new(&doc.normalized);
    doc.sentences = crate::segment::sentences(&doc);
    doc
}

fn fixture(stem: &str) -> Doc {
    let path = format!("{}/fixtures/corpus/{stem}.txt", env!("CARGO_MANIFEST_DIR"));
    doc(&std::fs::read_to_string(path).expect("fixture present"))
}

/// (kind, speaker name, content text) of each quote.
fn summary(doc: &Doc, quotes: &[Quote]) -> Vec<(QuoteKind, String, String)> {
    quotes
        .iter()
        .map(|q| {
            (q.kind, q.speaker.as_ref().map_or(String::new(), |s| s.name.clone()), doc.slice(q.content).to_string())
        })
        .collect()
}

/// A document whose every line is content (no cleaning), split into sentences.
fn plain(text: &str) -> Doc {
    let mut doc = Doc::new(text.to_string(), Meta::default());
    let mut start = 0;
    for line in text.split('\n') {
        doc.cleaning.content.push(Span::new(start, start + line.len()));
        start += line.len() + 1;
    }
    doc.tokens = crate::tokens::Tokens::new(&doc.normalized);
    doc.sentences = crate::segment::sentences(&doc);
    doc
}

fn has(found: &[(QuoteKind, String, String)], kind: QuoteKind, speaker: &str, content: &str) -> bool {
    found.iter().any(|(k, s, c)| *k == kind && s == speaker && c == content)
}

fn assert_has(found: &[(QuoteKind, String, String)], kind: QuoteKind, speaker: &str, content: &str) {
    assert!(has(found, kind, speaker, content), "missing {kind:?} {speaker:?} {content:?} in {found:#?}");
}

fn run(d: &Doc) -> Vec<(QuoteKind, String, String)> {
    summary(d, &quotes(d))
}

use QuoteKind::{Direct, Indirect, Mixed};

#[test]
fn seed_000_raab_erdogan_zelenskiy() {
    let d = fixture("000_bab11693308bb618");
    let found = run(&d);
    assert_has(&found, Mixed, "Dominic Raab", "Britain and the United States \u{201c}strongly oppose Russia\u{2019}s campaign to destabilize Ukraine\u{201d} and call on Russia to defuse the situation");
    assert_has(&found, Direct, "Dominic Raab", "and I agreed that Russia must immediately defuse the situation and abide by the international commitments it has made at @OSCE,");
    assert_has(&found, Indirect, "Kremlin", "they pose a threat");
    assert_has(&found, Indirect, "Kremlin", "military movements in Russia are a sovereign domestic issue");
    assert_has(&found, Mixed, "Recep Tayyip Erdogan", "the recent developments \u{201c}worrying\u{201d}");
    assert_has(&found, Indirect, "Recep Tayyip Erdogan", "he hoped the conflict would be resolved peacefully through dialogue and in accordance with Ukraine\u{2019}s territorial integrity");
    assert_has(&found, Direct, "Recep Tayyip Erdogan", "We believe that the current crisis can be resolved by peaceful and diplomatic means on the basis of the integrity of Ukraine and international law,");
    assert_has(
        &found,
        Indirect,
        "Volodymyr Zelenskiy",
        "Kiev and Ankara share the same views on threats in the Black Sea region and the response to those threats",
    );
    assert_has(&found, Mixed, "Washington", "the military build-up in Moscow \u{201c}unsettling\u{201d}");
    assert_eq!(found.len(), 10, "{found:#?}");
    let raab =
        quotes(&d).into_iter().find_map(|q| q.speaker.filter(|s| s.role.is_some())).expect("a speaker with a role");
    assert_eq!(
        (raab.role.as_deref(), raab.affiliation.as_deref(), raab.entity.as_deref()),
        (Some("Foreign Minister"), Some("British"), Some("PER"))
    );
}

#[test]
fn seed_001_pronouns_and_spokesman() {
    let d = fixture("001_16bd10a4b03d5468");
    let found = run(&d);
    assert_has(&found, Direct, "Antony Blinken", "The best way to avert a crisis is through diplomacy,");
    assert_has(&found, Direct, "Dmitri Peskov", "The probability of hostilities in Ukraine still remains high,");
    assert_has(
        &found,
        Direct,
        "Antony Blinken",
        "If Russia decides to pursue confrontation, there will be serious consequences,",
    );
    assert_has(&found, Mixed, "Liz Truss", "the Russian government to \u{201c}de-escalate the situation.\u{201d}");
    assert_has(&found, Mixed, "Kremlin", "the risk of armed hostilities \u{201c}remains high\u{201d}");
    assert_has(&found, Indirect, "Britain", "Russia to draw back from conflict with Ukraine");
    let office =
        quotes(&d).into_iter().filter_map(|q| q.speaker).find(|s| s.name == "Foreign Office").expect("Foreign Office");
    assert_eq!((office.role.as_deref(), office.entity.as_deref()), (Some("spokesman"), Some("ORG")));
    let peskov = quotes(&d).into_iter().filter_map(|q| q.speaker).find(|s| s.name == "Dmitri Peskov").expect("Peskov");
    assert_eq!((peskov.role.as_deref(), peskov.affiliation.as_deref()), (Some("spokesman"), Some("Kremlin")));
    assert_eq!(found.len(), 10, "{found:#?}");
}

#[test]
fn seed_002_spokesman_kuleba_according_to() {
    let d = fixture("002_60d842d3bd8bacec");
    let found = run(&d);
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Mixed && s == "Ned Price" && c.starts_with("The conversation took place")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Mixed && s == "US official" && c.starts_with("The US Secretary of State")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Direct && s == "Volodymyr Zelenskiy" && c.starts_with("I hope that now")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Direct && s == "Dmytro Kuleba" && c.starts_with("In the last two weeks")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Direct && s == "Dmytro Kuleba" && c.starts_with("It is a political channel")));
    assert_has(&found, Indirect, "Kiev", "it has caused the death of 14,000 people");
    assert_eq!(found.len(), 8, "{found:#?}");
}

#[test]
fn seed_003_price_and_plural_speakers() {
    let d = fixture("003_6bbe357bb2cbdd54");
    let found = run(&d);
    assert!(found.iter().any(|(k, s, c)| *k == Direct
        && s == "Ned Price"
        && c.starts_with("Secretary of State Antony J. Blinken")
        && c.ends_with("force.")));
    assert!(found.iter().any(|(k, s, c)| *k == Direct && s == "Ned Price" && c.starts_with("They discussed")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Mixed && s == "Antony Blinken and Josep Borrell" && c.starts_with("the importance of")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Direct && s == "Antony Blinken and Josep Borrell" && c.starts_with("agreed that")));
    assert!(found.iter().any(|(k, s, c)| *k == Indirect && s == "Ned Price" && c.starts_with("Blinken reaffirmed")));
    assert!(!found.iter().any(|(_, _, c)| c == "independence"), "a scare quote became a quote");
    assert_eq!(found.len(), 5, "{found:#?}");
}

#[test]
fn seed_004_titles_and_continued_quotes() {
    let d = fixture("004_1a86e49c1743badb");
    let found = run(&d);
    assert_has(&found, Mixed, "Antony Blinken", "he wants to continue \'substantive exchange\' with Russia");
    assert_has(&found, Indirect, "Moscow", "it intends to carry out such an attack");
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Indirect && s == "State Department" && c.starts_with("Mr Blinken urged")));
    assert!(found
        .iter()
        .any(|(k, s, c)| *k == Direct && s == "State Department" && c.starts_with("He further reiterated")));
    assert_eq!(found.len(), 6, "{found:#?}");
}

/// The fixture's gold entities as an NER layer (code point offsets made byte offsets).
fn gold_entities(d: &Doc, stem: &str) -> Vec<crate::doc::Entity> {
    let path = format!("{}/fixtures/gold/{stem}.json", env!("CARGO_MANIFEST_DIR"));
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    let gold: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let bytes: Vec<usize> = d.text.char_indices().map(|(b, _)| b).chain([d.text.len()]).collect();
    let byte = |v: &serde_json::Value| v.as_u64().and_then(|c| bytes.get(c as usize).copied());
    gold["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let span = crate::doc::Span::new(byte(&e["start"])?, byte(&e["end"])?);
            Some(crate::doc::Entity { span, label: e["label"].as_str()?.to_string(), score: 1.0 })
        })
        .collect()
}

#[test]
fn seeds_resolve_the_same_with_entities() {
    for stem in STEMS {
        let mut d = fixture(stem);
        let without = run(&d);
        d.entities = gold_entities(&d, stem);
        assert_eq!(run(&d), without, "{stem}");
    }
}

#[test]
fn doubled_apostrophes_and_appositions() {
    let d = plain("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist who served as director of the Congressional Budget Office. ''It's anti-reform.''");
    let found = run(&d);
    assert_has(&found, Direct, "Douglas Holtz-Eakin", "This isn't tax reform,");
    assert_has(&found, Direct, "Douglas Holtz-Eakin", "It's anti-reform.");
    let d = plain("Trump, speaking to a veterans group in Virginia, said he would order a thorough review of the nation\u{2019}s computer defenses.");
    assert_has(
        &run(&d),
        Indirect,
        "Trump",
        "he would order a thorough review of the nation\u{2019}s computer defenses",
    );
}

#[test]
fn a_name_inside_the_speakers_role_is_not_the_speaker() {
    let d = plain("Mikhail Podolyak, a key adviser to the Ukrainian president, Volodymyr Zelenskiy, tweeted: \u{201c}37,000 dead Russian soldiers.\u{201d}");
    assert_has(&run(&d), Direct, "Mikhail Podolyak", "37,000 dead Russian soldiers.");
    // A name in apposition to the subject's role is the speaker.
    let d = plain("The committee's chairman, Phil Lovas, said the vote would go ahead.");
    assert_has(&run(&d), Indirect, "Phil Lovas", "the vote would go ahead");
}

#[test]
fn told_and_split_quotes_and_pronouns() {
    let d = plain("Melezia Figueroa spoke first.\n\u{201c}We were there under legitimate pretenses,\u{201d} Figueroa told USA Today.");
    assert_has(&run(&d), Direct, "Melezia Figueroa", "We were there under legitimate pretenses,");
    let d = plain("Senator Elizabeth Warren questioned Stumpf. \u{201c}This isn\u{2019}t right,\u{201d} she said, \u{201c}and you know it.\u{201d}");
    let found = run(&d);
    assert_has(&found, Direct, "Elizabeth Warren", "This isn\u{2019}t right,");
    assert_has(&found, Direct, "Elizabeth Warren", "and you know it.");
    let d = plain("Vadym Skibitsky spoke on Friday. In the Kharkiv area, he said, Russia was focused on defence.");
    assert_has(&run(&d), Indirect, "Vadym Skibitsky", "In the Kharkiv area, he said, Russia was focused on defence");
    let d = plain("The bank said that it had fired the employees. Sen. Lindsey Graham (R-S.C.) told reporters that the plan was dead.");
    let found = run(&d);
    assert_has(&found, Indirect, "bank", "it had fired the employees");
    assert_has(&found, Indirect, "Lindsey Graham", "the plan was dead");
    let d = plain("\"We are ready to defend our land,\" Defence Minister Oleksii Reznikov told reporters in Kyiv, adding that the situation remained tense.");
    let found = run(&d);
    assert_has(&found, Direct, "Oleksii Reznikov", "We are ready to defend our land,");
    assert_has(&found, Indirect, "Oleksii Reznikov", "the situation remained tense");
    let d = plain("Ukraine\u{2019}s general staff claimed on Friday that they had hit a depot in Nova Kakhovka.");
    assert_has(&run(&d), Indirect, "Ukraine's general staff", "they had hit a depot in Nova Kakhovka");
    let d = plain("Seventy-one people were hospitalized. The attack used cruise missiles, President Volodymyr Zelensky\u{2019}s office said. It said three children were among those killed.");
    assert!(run(&d).iter().all(|(_, speaker, _)| !speaker.contains("Seventy")), "{:?}", run(&d));
    let d = plain("At the end of April, Putin declared victory in Mariupol, and Russian troops continued to push into Eastern Ukraine where hundreds of Ukrainian troops were dying every day.");
    assert_eq!(run(&d), vec![], "declaring victory reports nothing");
    let d = plain("Putin declared that the operation was going to plan.");
    assert_has(&run(&d), Indirect, "Putin", "the operation was going to plan");
}

#[test]
fn quotations_over_paragraphs_and_scare_quotes() {
    let d = plain("Jones said: \u{201c}The first part.\n\n\u{201c}The second part.\u{201d}\nThe so-called \u{2018}referendum\u{2019} was \"illegal\" in Russia\u{2019}s view.");
    let found = run(&d);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0, found[0].1.as_str()), (Direct, "Jones"));
    assert!(found[0].2.starts_with("The first part.") && found[0].2.ends_with("The second part."));
    let d = plain("Prime Minister Boris Johnson said:\n\n\u{201c}We will stand with Ukraine.\u{201d}");
    assert_eq!(run(&d), [(Direct, "Boris Johnson".to_string(), "We will stand with Ukraine.".to_string())]);
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "",
        "\"",
        "''",
        "\u{201c}\u{201d}\u{2018}",
        "said",
        "he said.",
        "\"a\" said \"b",
        "according to",
        ", said ,",
        "X said \u{201c}\n\n\u{201c}",
        "(( said ))",
        "Mr. said: ''",
    ] {
        let _ = quotes(&plain(text));
    }
}

const STEMS: [&str; 5] = [
    "000_bab11693308bb618",
    "001_16bd10a4b03d5468",
    "002_60d842d3bd8bacec",
    "003_6bbe357bb2cbdd54",
    "004_1a86e49c1743badb",
];

/// Adds a model tag over the first occurrence of `piece` at or after byte `from`.
fn tag_model(doc: &mut Doc, piece: &str, from: usize, part: crate::doc::AttributionPart) {
    let start = from + doc.text[from..].find(piece).expect("piece in text");
    let span = crate::doc::Span::new(start, start + piece.len());
    doc.attribution.push(crate::doc::AttributionTag { span, part, score: 0.9 });
}

#[test]
fn model_contents_sharing_a_cue_are_one_attribution() {
    use crate::doc::AttributionPart::{Content, Cue, Source};
    let text = "“We will not retreat,” the governor said, “not one step.” Talks resume on Monday.";
    let mut d = doc(text);
    tag_model(&mut d, "We will not retreat,", 0, Content);
    tag_model(&mut d, "the governor", 0, Source);
    tag_model(&mut d, "said", 0, Cue);
    tag_model(&mut d, "not one step.", 30, Content);
    let found = quotes(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    let content = &text[found[0].content.start..found[0].content.end];
    assert_eq!(content, "We will not retreat,” the governor said, “not one step.");
    assert_eq!(found[0].kind, Direct);
    assert_eq!(found[0].speaker.as_ref().map(|s| &text[s.span.start..s.span.end]), Some("the governor"));
}

#[test]
fn a_second_model_cue_of_the_same_source_is_no_second_attribution() {
    use crate::doc::AttributionPart::{Content, Cue, Source};
    for (text, second_cue) in [
        ("“Prices will rise,” the minister said in an interview on Tuesday.", "in an interview"),
        ("The council will meet again, the mayor told reporters in a statement.", "in a statement"),
    ] {
        let mut d = doc(text);
        let content = if text.starts_with('“') { "Prices will rise," } else { "The council will meet again," };
        let (source, cue) = if text.starts_with('“') { ("the minister", "said") } else { ("the mayor", "told") };
        tag_model(&mut d, content, 0, Content);
        tag_model(&mut d, source, 0, Source);
        tag_model(&mut d, cue, 0, Cue);
        tag_model(&mut d, second_cue, 0, Cue);
        let found = quotes(&d);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].cue.map(|c| d.slice(c)), Some(cue), "{text}");
        assert_eq!(found[0].cue_kind, crate::doc::CueKind::Speech, "{text}");
    }
    // Another source's cue still makes a second attribution of the same words.
    let text = "“We will stay,” the mayor said. The governor agreed.";
    let mut d = doc(text);
    tag_model(&mut d, "We will stay,", 0, Content);
    tag_model(&mut d, "the mayor", 0, Source);
    tag_model(&mut d, "said", 0, Cue);
    tag_model(&mut d, "The governor", 0, Source);
    tag_model(&mut d, "agreed", 0, Cue);
    assert_eq!(quotes(&d).len(), 2);
}

#[test]
fn a_tagged_source_that_is_a_lone_preposition_names_no_speaker() {
    use crate::doc::AttributionPart::{Content, Cue, Source};
    let text = "“We will wait,” officials said at the embassy on Monday.";
    let mut d = doc(text);
    tag_model(&mut d, "We will wait,", 0, Content);
    tag_model(&mut d, "said", 0, Cue);
    tag_model(&mut d, "at", 0, Source);
    let found = quotes(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_ne!(found[0].speaker.as_ref().map(|s| s.name.as_str()), Some("at"), "{found:?}");
}

#[test]
fn a_model_cue_ending_its_paragraph_with_a_colon_takes_the_next_paragraph() {
    use crate::doc::AttributionPart::{Content, Cue, Source};
    let text = "The debate ended late.\n\nLimbaugh added:\n\nAnd from a supposed front-runner, this is what we get. \
                Nobody asked.\n\nThe hall emptied.";
    let tagged = |text: &str| {
        let mut d = doc(text);
        tag_model(&mut d, "Limbaugh", 0, Source);
        tag_model(&mut d, "added", 0, Cue);
        tag_model(&mut d, "And from a supposed front-runner, this is what we get.", 0, Content);
        tag_model(&mut d, "The hall emptied.", 0, Content);
        d
    };
    let d = tagged(text);
    let found = quotes(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(d.slice(found[0].content), "And from a supposed front-runner, this is what we get.");
    assert_eq!(found[0].speaker.as_ref().map(|s| s.name.as_str()), Some("Limbaugh"));
    // Without the colon the cue has no content to take.
    assert!(quotes(&tagged(&text.replace("added:", "added."))).is_empty());
}

/// The source text `tagged` (the start of `sentence`) is cut to.
fn cleaned_source(sentence: &str, tagged: &str) -> String {
    assert!(sentence.starts_with(tagged));
    sentence[..super::source_text_len(tagged, &sentence[tagged.len()..])].to_string()
}

#[test]
fn tagged_sources_are_cut_to_polnear_spans() {
    let cases = [
        // PolNeAR sources keep the comma that closes an apposition (921 of 1,027 on train) ...
        (
            "Tom Clarke, a nursing home owner, said he was hopeful.",
            "Tom Clarke, a nursing home owner",
            "Tom Clarke, a nursing home owner,",
        ),
        // ... but not a lone one, nor a comma the text does not have.
        ("Mr. Kamin, said the filing was late.", "Mr. Kamin,", "Mr. Kamin"),
        ("Dean, a medical doctor said so.", "Dean, a medical doctor", "Dean, a medical doctor"),
        // Weekday dates, sentence adverbs and trailing prepositions go.
        (
            "The United Nations Security Council on Friday condemned the test.",
            "The United Nations Security Council on Friday",
            "The United Nations Security Council",
        ),
        (
            "Senate Minority Leader Harry Reid (D-Nev.), in particular, has been pounding.",
            "Senate Minority Leader Harry Reid (D-Nev.), in particular,",
            "Senate Minority Leader Harry Reid (D-Nev.)",
        ),
        ("Republicans, however, said no.", "Republicans, however,", "Republicans"),
        ("Federal prosecutors in filings said so.", "Federal prosecutors in", "Federal prosecutors"),
        // A year stays (PolNeAR train ends 30 sources with one, cuts 8), and so do a bare
        // weekday ("released Friday") and words merely ending like an adverb.
        (
            "The latest Reuters/Ipsos poll released Friday showed a lead.",
            "The latest Reuters/Ipsos poll released Friday",
            "The latest Reuters/Ipsos poll released Friday",
        ),
        ("The Tattoo Society said so.", "The Tattoo Society", "The Tattoo Society"),
        ("A Clinton ad in 2008 said so.", "A Clinton ad in 2008", "A Clinton ad in 2008"),
    ];
    for (sentence, tagged, expected) in cases {
        assert_eq!(cleaned_source(sentence, tagged), expected, "{sentence}");
    }
}

#[test]
fn an_entity_that_cuts_a_title_names_no_one() {
    let mut d = plain("Kevin Roberts spoke first. \"We have had enough,\" Mr. Roberts told lawmakers.");
    let at = d.text.find(". Roberts").expect("in the text");
    let span = Span::new(at, at + ". Roberts".len());
    d.entities.push(crate::doc::Entity { span, label: "PER".into(), score: 1.0 });
    assert_has(&run(&d), Direct, "Kevin Roberts", "We have had enough,");
}

/// (speaker as written, content) of each quote of a one-paragraph document.
fn sources_of(text: &str) -> Vec<(String, String)> {
    let d = plain(text);
    quotes(&d)
        .iter()
        .map(|q| (q.speaker.as_ref().map_or(String::new(), |s| d.slice(s.span).to_string()), d.slice(q.content).into()))
        .collect()
}

fn pair(speaker: &str, content: &str) -> Vec<(String, String)> {
    vec![(speaker.to_string(), content.to_string())]
}

#[test]
fn a_number_right_after_the_cue_opens_reported_speech() {
    let cases = [
        ("Zelenskiy said at least 50 people died.", "Zelenskiy", "at least 50 people died"),
        ("The mayor said about 300 were hurt.", "The mayor", "about 300 were hurt"),
        ("Officials said over 40 homes burned.", "Officials", "over 40 homes burned"),
    ];
    for (text, speaker, content) in cases {
        assert_eq!(sources_of(text), pair(speaker, content), "{text}");
    }
    // A preposition that opens an adjunct still closes the frame.
    assert_eq!(sources_of("The mayor said in Kyiv."), []);
    assert_eq!(
        sources_of("The mayor said at a news conference that 300 were hurt."),
        pair("The mayor", "300 were hurt")
    );
}

#[test]
fn collective_sources_possessors_and_name_particles_are_speakers() {
    let cases = [
        ("Twelve people were killed, authorities said Wednesday.", "authorities", "Twelve people were killed"),
        ("Nine people were hurt, police said.", "police", "Nine people were hurt"),
        (
            "Four were killed across the region, opposition activists said.",
            "opposition activists",
            "Four were killed across the region",
        ),
        ("The fighting displaced thousands, aid agencies said.", "aid agencies", "The fighting displaced thousands"),
        (
            "Six were killed, the state attorney general's office said.",
            "the state attorney general's office",
            "Six were killed",
        ),
        ("The vote was lost, Rodrigo Medina de la Cruz said.", "Rodrigo Medina de la Cruz", "The vote was lost"),
        ("Ludwig van Beethoven said the symphony was done.", "Ludwig van Beethoven", "the symphony was done"),
    ];
    for (text, speaker, content) in cases {
        assert_eq!(sources_of(text), pair(speaker, content), "{text}");
    }
}

#[test]
fn weak_cues_attribute_a_that_clause_but_not_a_noun() {
    assert_eq!(
        sources_of("The agency reported that eight people have died."),
        pair("The agency", "eight people have died")
    );
    assert_eq!(sources_of("The agency reported eight deaths."), []);
    assert_eq!(
        sources_of("The United Nations estimates that more than 100,000 people have died."),
        pair("The United Nations", "more than 100,000 people have died")
    );
}

#[test]
fn quote_words_join_the_token_layer_where_letters_digits_and_inner_marks_meet() {
    let text = "Mr. Smith of AT&T said 3,000-strong COVID-19 units left the U.S. on 6abc.com.";
    let doc = plain(text);
    let tokens = super::text::Tokens::new(&doc, &[(0, text.len())]);
    let pieces: Vec<(&str, bool)> =
        tokens.within((0, text.len())).iter().map(|t| (&text[t.start..t.end], t.word)).collect();
    let words: Vec<&str> = pieces.iter().filter(|p| p.1).map(|p| p.0).collect();
    assert_eq!(
        words,
        [
            "Mr.",
            "Smith",
            "of",
            "AT&T",
            "said",
            "3",
            "000-strong",
            "COVID-19",
            "units",
            "left",
            "the",
            "U.S.",
            "on",
            "6abc.com"
        ]
    );
    assert!(pieces.contains(&(",", false)) && pieces.last() == Some(&(".", false)));
}

#[test]
fn cue_kinds_tell_speech_from_writing_and_other_sources() {
    use crate::doc::CueKind::{Other, Speech, Writing};
    let d = plain(
        "The mayor said the bridge would reopen in May.\n\
         The senator wrote that the bill was dead.\n\
         The minister tweeted that talks had failed.\n\
         The report said the dam was unsafe.\n\
         The governor believes the vote was rigged.\n\
         A study spokesman said the sample was small.",
    );
    let kinds: Vec<(String, crate::doc::CueKind)> =
        quotes(&d).iter().map(|q| (d.slice(q.cue.expect("a cue")).to_string(), q.cue_kind)).collect();
    let expected = [
        ("said", Speech),
        ("wrote", Writing),
        ("tweeted", Writing),
        ("said", Writing),
        ("believes", Other),
        ("said", Speech),
    ];
    assert_eq!(kinds, expected.map(|(cue, kind)| (cue.to_string(), kind)));
}

#[test]
fn the_cue_decides_before_the_source_and_only_the_head_before_a_preposition_counts() {
    use super::lexicon::cue_kind;
    use crate::doc::CueKind::{Other, Speech, Writing};
    assert_eq!(cue_kind("show", Some("Polls"), false), Other);
    assert_eq!(cue_kind("found", Some("investigators"), false), Other);
    assert_eq!(cue_kind("according to", Some("a new survey by the ministry"), false), Other);
    assert_eq!(cue_kind("according to", Some("police"), false), Speech);
    assert_eq!(cue_kind("said in a statement", Some("the army"), false), Speech);
    assert_eq!(cue_kind("wrote in a report", Some("the inspector"), false), Writing);
    assert_eq!(cue_kind("said", Some("a lawyer for the plaintiffs in the lawsuit"), false), Speech);
    assert_eq!(cue_kind("said", Some("the poll's authors"), false), Speech);
    assert_eq!(cue_kind("has rejected", Some("the Kremlin"), false), Other);
    assert_eq!(cue_kind("expressed concern over", Some("the allies"), false), Other);
    assert_eq!(cue_kind("re-iterated", Some("the minister"), false), Speech);
    assert_eq!(cue_kind("", Some("she"), false), Speech);
    assert_eq!(cue_kind("complained of", Some("Moscow"), false), Other);
    assert_eq!(cue_kind("warned about", Some("the mayor"), false), Other);
    assert_eq!(cue_kind("said of", Some("the mayor"), true), Speech);
    assert_eq!(cue_kind("According to", Some("the mayor"), false), Speech);
}

#[test]
fn a_tagged_source_with_a_relative_clause_names_the_person_before_it() {
    use crate::doc::AttributionPart::{Content, Cue, Source};
    let text = "Governor Maria Ortiz opened the bridge. Ortiz, who toured the flooded valley on Monday, said \
                the repairs would take a year.";
    let mut d = doc(text);
    tag_model(&mut d, "Ortiz, who toured the flooded valley on Monday,", 30, Source);
    tag_model(&mut d, "said", 0, Cue);
    tag_model(&mut d, "the repairs would take a year", 0, Content);
    let found = quotes(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    let speaker = found[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name, "Maria Ortiz");
    assert_eq!(d.slice(speaker.span), "Ortiz, who toured the flooded valley");
}

// Throwaway spot-check (to be deleted): claims on random CNN stories.
use claimex::doc::{Doc, Meta};
use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let skip: usize = args[2].parse().unwrap();
    let step: usize = args[3].parse().unwrap();
    let max: usize = args[4].parse().unwrap();
    let mode = args.get(5).cloned().unwrap_or_default();
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut n = 0;
    for (i, line) in file.lines().enumerate() {
        if i < skip || (i - skip) % step != 0 { continue; }
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = v["text"].as_str().unwrap().to_string();
        let lower = text.to_lowercase();
        if !["killed", "dead", "troops", "wounded", "refugees", "died"].iter().any(|w| lower.contains(w)) { continue; }
        let mut doc = Doc::new(text, Meta::default());
        doc.cleaning = claimex::clean::clean(&doc);
        if let Some(d) = v["date"].as_str().and_then(claimex::doc::PartialDate::parse) { doc.cleaning.date = Some((d, claimex::doc::DateOrigin::Stated)); }
        doc.sentences = claimex::segment::sentences(&doc);
        doc.quantities = claimex::numbers::quantities(&doc);
        doc.claims = claimex::claims::claims(&doc);
        n += 1;
        println!("##### DOC {i} date={:?}", doc.date());
        if mode == "q" {
            for q in &doc.quantities {
                let s = doc.sentences.iter().find(|s| s.contains(q.span)).unwrap();
                let st = doc.slice(*s).replace('\n', " ");
                println!("Q [{}] {:?}-{:?} {} {:?} || {}", doc.slice(q.span), q.low, q.high, q.approx, q.qualifier, &st[..st.len().min(200)]);
            }
        } else {
            for c in &doc.claims {
                let sl = |s: Option<claimex::doc::Span>| s.map(|s| doc.slice(s).to_string());
                println!("C {:?} [{}] {:?}-{:?} subj={:?} side={:?} place={:?} time={:?} attr={:?}\n   || {}", c.kind, doc.slice(c.quantity.span), c.quantity.low, c.quantity.high, sl(c.subject), c.side, sl(c.place), c.time.as_ref().map(|t| (doc.slice(t.span).to_string(), t.from.map(|d| d.to_string()), t.to.map(|d| d.to_string()))), sl(c.attributed_to), doc.slice(doc.sentences[c.sentence]).replace('\n', " "));
            }
        }
        if n >= max { break; }
    }
}

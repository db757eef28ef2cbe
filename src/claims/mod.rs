//! Numeric claims: quantities tied to a kind (killed, wounded, ...) and their context.
//!
//! A quantity of the numbers stage becomes a claim when its sentence ties it to a kind,
//! read from the words next to the number ([`kind`]):
//!
//! 1. a predicate after the counted noun ("14,000 people died", "two soldiers were
//!    killed", "20 missing");
//! 2. a predicate before the number ("has killed more than 13,000", "the death of
//!    14,000 people", "the death toll rose to 50", "the number of dead Russians at
//!    25,000", "displaced more than one million"), or a casualty word between the number
//!    and its noun ("37,000 dead Russian soldiers");
//! 3. a counted noun that implies the kind ("50 deaths", "2 million refugees",
//!    "300 prisoners of war", "100,000 troops"; plain "prisoners" may be convicts).
//!
//! A troop count needs at least 100 troops or a deployment word in the sentence
//! ("amassing", "deployed", "border"), so "two soldiers said" is no claim.
//!
//! The parts, in the order a claim is read:
//! - `sentence`: a sentence's tokens and time expressions, computed once per sentence;
//! - [`subject`]: the counted noun phrase and its side (from the [`Profile`]);
//! - [`kind`]: what is counted; every casualty word lives there;
//! - [`context`]: place, time, rate, and who asserts the figure (from the quotes stage);
//! - [`frame`]: frames that make a figure no casualty (a threat, an illness, a sport).
//!
//! Word lists are data under `lexicon/en/claims/`.

mod conjoined;
mod context;
mod event;
mod frame;
mod kind;
mod sentence;
mod subject;
#[cfg(test)]
mod testing;
mod victims;

pub use context::{MAX_TIME_DISTANCE, PLACE_REACH, RATE_REACH};
pub use kind::counting_verbs;

use crate::doc::{Claim, ClaimKind, Doc, Event, Quantity, Unit};
use crate::profile::Profile;
use sentence::{QuoteIndex, Sentence, Sentences};
use subject::Subject;

/// Numeric claims in the document, in order, with what `profile` knows of the conflict
/// (sides, whole countries). Reads the sentence, quantity, entity and quote layers.
pub fn claims(doc: &Doc, profile: &Profile) -> Vec<Claim> {
    let quotes = QuoteIndex::new(doc);
    let sentences = Sentences::new(doc, profile, &quotes);
    let mut out: Vec<Claim> = Vec::new();
    for quantity in &doc.quantities {
        let Some(index) = doc.sentence_containing(quantity.span) else { continue };
        let previous = out.last().filter(|c| c.sentence == index);
        if let Some(claim) = sentences.get(index).claim(quantity, previous) {
            out.push(claim);
        }
    }
    for (index, span) in doc.sentences.iter().enumerate() {
        if victims::may_hold_victims(doc.slice(*span)) {
            out.extend(sentences.get(index).victim_claims());
        }
    }
    out.retain(|c| !sentences.get(c.sentence).frames_no_casualty(c));
    out.sort_by_key(|c| (c.quantity.span.start, c.quantity.span.end));
    let mut out = conjoined::merge_groups(doc, out);
    share_clause_time(doc, &mut out);
    for claim in &mut out {
        claim.place = claim.place.or_else(|| context::place_in_paragraph(&sentences, claim.sentence));
        claim.event = event::event_of(doc, claim);
    }
    out
}

/// Words that end a clause between two counts: a time after the second is no longer the
/// first's.
const CLAUSE_BREAKS: [&str; 4] = [";", ":", "\"", "\u{201d}"];

/// A claim with no time of its own takes the time stated after the next claim of its
/// sentence when "and" joins the two counts in one clause ("Eight people were killed and
/// four were wounded in shelling of the town on Thursday"): the time closes both. Taken
/// from the last claim back, so a chain of counts shares one time.
fn share_clause_time(doc: &Doc, claims: &mut [Claim]) {
    for i in (0..claims.len().saturating_sub(1)).rev() {
        let (head, tail) = claims.split_at_mut(i + 1);
        let (claim, next) = (&mut head[i], &tail[0]);
        if claim.time.is_some() || claim.sentence != next.sentence || claim.quantity.span.end > next.quantity.span.start
        {
            continue;
        }
        let between = doc.slice(crate::doc::Span::new(claim.quantity.span.end, next.quantity.span.start));
        let coordinated = between.split_whitespace().any(|word| word == "and")
            && !CLAUSE_BREAKS.iter().any(|mark| between.contains(mark));
        if coordinated {
            claim.time = next.time.clone().filter(|time| time.span.start >= next.quantity.span.end);
        }
    }
}

impl Sentence<'_> {
    /// The claim a quantity makes in this sentence, if any.
    fn claim(&self, quantity: &Quantity, previous: Option<&Claim>) -> Option<Claim> {
        let (first, end) = self.token_range(quantity.span)?;
        if self.is_denied(first) {
            return None;
        }
        let subject = self.subject_after(end);
        if subject == Subject::Other {
            return None;
        }
        let (kind, from_verb_before) = self.kind(quantity, (first, end), subject, previous)?;
        let unit = self.unit(subject);
        // Homes are displaced from, never killed or wounded: the casualty word counts someone else.
        if unit == Unit::Homes && kind != ClaimKind::Displaced {
            return None;
        }
        let (subject_span, side) = match subject {
            Subject::People(from, to) => (Some(self.span(from, to)), self.side(from, to, first)),
            _ => match previous.filter(|p| from_verb_before && self.shares_subject(p)) {
                Some(p) => (p.subject, p.side.clone()),
                None => (None, self.side(first, first, first)),
            },
        };
        Some(Claim {
            kind,
            quantity: quantity.clone(),
            sentence: self.index,
            subject: subject_span,
            side,
            place: self.place(first, end),
            time: self.time(first, end),
            rate: self.rate(end),
            attributed_to: self.asserted_by(quantity.span),
            unit,
            event: Event::Incident,
            parts: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{assert_one_claim, claims_of, doc_of, kinds_of, mentions_of, text_of};
    use crate::doc::{ClaimKind, Event, PartialDate, Unit};

    #[test]
    fn seed_000_killed_and_displaced_since_april_2014() {
        let text =
            "The conflict has killed more than 13,000 people and displaced more than one million since April 2014.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 4, 11)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 2);
        let (killed, displaced) = (&found[0], &found[1]);
        assert_eq!(killed.kind, ClaimKind::Killed);
        assert_eq!((killed.quantity.low, killed.quantity.high), (Some(13_000), None));
        assert_eq!(killed.quantity.qualifier.as_deref(), Some("more_than"));
        assert_eq!(text_of(&doc, killed.subject), Some("people"));
        let time = killed.time.as_ref().unwrap();
        assert_eq!(
            (doc.slice(time.span), time.from, time.to),
            ("since April 2014", Some(PartialDate::month(2014, 4)), None)
        );
        assert_eq!(displaced.kind, ClaimKind::Displaced);
        assert_eq!((displaced.quantity.low, displaced.quantity.high), (Some(1_000_000), None));
        assert_eq!(text_of(&doc, displaced.subject), Some("people"));
        assert_eq!(displaced.time.as_ref().unwrap().from, Some(PartialDate::month(2014, 4)));
        assert_eq!((killed.place, killed.attributed_to), (None, None));
    }

    #[test]
    fn a_sentence_cut_after_a_comma_ends_the_conjuncts() {
        let text = "The floods have killed 373 people nationwide and affected more than 9.5 million people,";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(373)));
    }

    #[test]
    fn seed_001_died_in_eastern_ukraine_is_not_troops() {
        let text = "More than 14,000 people died in fighting in eastern-Ukraine between government forces and Russian-backed separatist rebels.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 12, 2)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Killed);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (Some(14_000), None));
        assert_eq!(text_of(&doc, found[0].place), Some("in eastern-Ukraine"));
        assert_eq!(text_of(&doc, found[0].subject), Some("people"));
        assert_eq!(found[0].side, None);
    }

    #[test]
    fn coordinated_counts_share_the_time_that_closes_their_clause() {
        let text = "Five civilians were killed and eleven others were wounded when rockets hit two apartment blocks in the northern suburbs of the provincial capital late on Saturday.";
        let doc = doc_of(text, Some(PartialDate::day(2023, 3, 6)));
        let found = claims_of(&doc);
        let saturday = Some(PartialDate::day(2023, 3, 4));
        let times: Vec<_> = found.iter().map(|c| (c.kind, c.time.as_ref().and_then(|t| t.from))).collect();
        assert_eq!(times, [(ClaimKind::Killed, saturday), (ClaimKind::Wounded, saturday)]);
    }

    #[test]
    fn a_time_beyond_a_clause_break_stays_with_its_own_count() {
        let text = "Three soldiers were killed in the first assault on the ridge near the old railway depot west of the river crossing; two soldiers were wounded by sniper fire on Sunday.";
        let doc = doc_of(text, Some(PartialDate::day(2023, 3, 6)));
        let found = claims_of(&doc);
        let times: Vec<_> = found.iter().map(|c| (c.kind, c.time.as_ref().and_then(|t| t.from))).collect();
        assert_eq!(times, [(ClaimKind::Killed, None), (ClaimKind::Wounded, Some(PartialDate::day(2023, 3, 5)))]);
    }

    #[test]
    fn homes_are_no_casualties_but_can_be_emptied() {
        let razed = "The army has demolished 400 apartment buildings in the occupied town without removing dead bodies of residents.";
        assert!(claims_of(&doc_of(razed, None)).is_empty());
        let evacuated = "Rescuers evacuated 120 homes along the riverbank as the water rose.";
        let found = claims_of(&doc_of(evacuated, None));
        assert_eq!(found.iter().map(|c| (c.kind, c.unit)).collect::<Vec<_>>(), [(ClaimKind::Displaced, Unit::Homes)]);
    }

    #[test]
    fn seed_002_death_of_according_to_kiev() {
        let text = "Relations between the West and Moscow have deteriorated to their worst levels after the Cold War following the annexation of Crimea in 2014, which was followed by the outbreak of a war between Ukrainian troops and Russian-backed forces which, according to Kiev, it has caused the death of 14,000 people.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Killed);
        assert_eq!(
            (found[0].quantity.low, found[0].quantity.high, found[0].quantity.approx),
            (Some(14_000), Some(14_000), false)
        );
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("Kiev"));
        assert_eq!(found[0].time, None, "\"in 2014\" dates the annexation, far from the number");
    }

    #[test]
    fn seed_002_kiev_said_two_soldiers_killed_on_friday() {
        let text = "Kiev said two Ukrainian soldiers were killed by an explosive device in the east of the country on Friday, while the latest videos on social media show movements of Russian troops, tanks and missiles towards the Ukrainian border.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        let claim = &found[0];
        assert_eq!(claim.kind, ClaimKind::Killed);
        assert_eq!((claim.quantity.low, claim.quantity.high), (Some(2), Some(2)));
        assert_eq!(claim.side.as_deref(), Some("Ukrainian"));
        assert_eq!(text_of(&doc, claim.subject), Some("Ukrainian soldiers"));
        assert_eq!(text_of(&doc, claim.attributed_to), Some("Kiev"));
        assert_eq!(text_of(&doc, claim.place), Some("in the east of the country"));
        let time = claim.time.as_ref().unwrap();
        let friday = PartialDate::day(2021, 11, 12);
        assert_eq!((doc.slice(time.span), time.from, time.to), ("on Friday", Some(friday), Some(friday)));
    }

    #[test]
    fn seed_002_zelenskiy_almost_100000_russian_soldiers() {
        let text = "Ukraine\u{2019}s President Volodymyr Zelenskiy said that there are almost 100,000 Russian soldiers near the Ukrainian border and western countries have shared information about active Russian troop movements with Kiev.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        let claim = &found[0];
        assert_eq!(claim.kind, ClaimKind::Troops);
        assert_eq!((claim.quantity.low, claim.quantity.high, claim.quantity.approx), (None, Some(100_000), true));
        assert_eq!(claim.side.as_deref(), Some("Russian"));
        assert_eq!(text_of(&doc, claim.place), Some("near the Ukrainian border"));
        assert_eq!(text_of(&doc, claim.attributed_to), Some("Ukraine\u{2019}s President Volodymyr Zelenskiy"));
    }

    #[test]
    fn seed_002_quoted_troops_on_our_border() {
        let text = "\u{201c}I hope that now the whole world can see clearly who really wants peace and who is concentrating almost 100,000 soldiers on our border,\u{201d} he said in a video of a speech posted on his website on Wednesday.";
        let doc = doc_of(text, Some(PartialDate::day(2021, 11, 14)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Troops);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (None, Some(100_000)));
        assert_eq!((found[0].attributed_to, found[0].time.clone()), (None, None));
    }

    #[test]
    fn seed_004_amassing_troops_along_its_border() {
        let text = "Moscow denies it intends to carry out such an attack, despite amassing more than 100,000 troops along its border with the former Soviet republic.";
        let doc = doc_of(text, Some(PartialDate::day(2022, 2, 1)));
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ClaimKind::Troops);
        assert_eq!((found[0].quantity.low, found[0].quantity.high), (Some(100_000), None));
        assert_eq!(text_of(&doc, found[0].subject), Some("troops"));
    }

    #[test]
    fn seed_non_claims() {
        for text in [
            "Russia annexed Crimea in March 2014, sending troops and holding a referendum denounced as illegitimate by at least 100 countries.",
            "Zelenskiy, who visited Ukrainian troops in the Donbass region on April 8, said Kiev and Ankara share the same views.",
            "US President Joe Biden meets with his French counterpart Emmanuel Macron before the G20 summit in Rome-Italy, October 29, 2021.",
            "Members of the State Border Guard Service of Ukraine line up on the border with Belarus in the Volyn region, Ukraine November 11, 2021",
            "December 2, 2021, 4:17 pm",
            "The National\nFeb 1, 2022",
            "Updated: February 1st 2022, 3:55 PM",
            "5% of soldiers died and $5 million was lost.",
        ] {
            let doc = doc_of(text, Some(PartialDate::day(2021, 12, 2)));
            assert_eq!(claims_of(&doc), vec![], "{text}");
        }
        let doc = doc_of("A 45-year-old soldier was killed.", None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1, "the age is no count; the soldier is one victim");
        assert_eq!((doc.slice(found[0].quantity.span), found[0].quantity.low), ("A 45-year-old soldier", Some(1)));
    }

    #[test]
    fn one_victim_without_a_number_is_a_count_of_one() {
        for (text, kind, mention) in [
            ("A man was shot and killed outside a bar on Friday.", ClaimKind::Killed, "A man"),
            ("Police said a woman was fatally stabbed in her apartment.", ClaimKind::Killed, "a woman"),
            ("The gunman fatally shot a 17-year-old boy near the school.", ClaimKind::Killed, "a 17-year-old boy"),
            ("Maria Lopez, 33, was shot and killed late Sunday.", ClaimKind::Killed, "Maria Lopez"),
            ("An officer was wounded in the exchange of gunfire.", ClaimKind::Wounded, "An officer"),
            ("The shooting left a teenager in critical condition.", ClaimKind::Wounded, "a teenager"),
            ("He was later pronounced dead at the hospital.", ClaimKind::Killed, "He"),
            ("A man in his 20s was shot and killed Sunday.", ClaimKind::Killed, "A man"),
            ("A woman in her late teens was wounded.", ClaimKind::Wounded, "A woman"),
            ("A man in his mid-30's was shot in the leg.", ClaimKind::Shot, "A man"),
            ("The victim was struck by gunfire near the corner.", ClaimKind::Shot, "The victim"),
            ("An elderly woman perished in the blaze.", ClaimKind::Killed, "An elderly woman"),
            ("The officer is expected to recover.", ClaimKind::Wounded, "The officer"),
            ("The man's remains were identified on Monday.", ClaimKind::Killed, "The man's"),
            ("A woman was shot in the chest and later died at a hospital.", ClaimKind::Killed, "A woman"),
            ("A third teenager received non-life-threatening injuries.", ClaimKind::Wounded, "A third teenager"),
            ("A woman trying to stop the robbery was shot in the arm.", ClaimKind::Shot, "A woman"),
            ("She's in the hospital with gunshot wounds to both legs.", ClaimKind::Shot, "She's"),
            ("The driver sustained multiple gunshot wounds to the leg.", ClaimKind::Shot, "The driver"),
            ("Officers found a man suffering from fatal stab wounds.", ClaimKind::Killed, "a man"),
            ("A 12-year-old girl who was shot in the neck has died.", ClaimKind::Killed, "A 12-year-old girl"),
            ("The driver had been shot twice and was pronounced dead.", ClaimKind::Killed, "The driver"),
            ("The victim, who was driving, was struck one time.", ClaimKind::Wounded, "The victim"),
            ("The 19-year-old was treated for his injuries.", ClaimKind::Wounded, "The 19-year-old"),
            ("The man was taken to a local hospital with gunshot wounds.", ClaimKind::Shot, "The man"),
            ("A woman was rushed to Mercy Hospital in critical condition.", ClaimKind::Wounded, "A woman"),
            ("A boy was airlifted to a trauma center for treatment of his injuries.", ClaimKind::Wounded, "A boy"),
            ("An employee of the store was injured in the robbery.", ClaimKind::Wounded, "An employee"),
            ("A pedestrian was struck by a car on the highway.", ClaimKind::Wounded, "A pedestrian"),
            ("A cyclist suffered lacerations to his face.", ClaimKind::Wounded, "A cyclist"),
        ] {
            assert_one_claim(text, kind, mention, 1);
        }
    }

    #[test]
    fn objects_possessives_compounds_and_stacked_appositions_name_one_victim() {
        for (text, kind, mention) in [
            ("The intruder walked up to the clerk and shot him twice.", ClaimKind::Shot, "him"),
            ("Her ex-boyfriend killed her and fled in a truck.", ClaimKind::Killed, "her"),
            ("A retired teacher shot his neighbor in the knee.", ClaimKind::Shot, "his neighbor"),
            ("Their youngest son was stabbed to death.", ClaimKind::Killed, "Their youngest son"),
            ("The murder victim was identified as a 40-year-old nurse.", ClaimKind::Killed, "The murder victim"),
            ("Deputies named the victim of a fatal weekend shooting.", ClaimKind::Killed, "the victim"),
            ("A shooting victim walked into the emergency room.", ClaimKind::Shot, "A shooting victim"),
            ("Ann Lee, 52, of Hull, who is still hospitalized, spoke to reporters.", ClaimKind::Wounded, "Ann Lee"),
            ("One person, a 30-year-old woman, suffered a gunshot wound.", ClaimKind::Shot, "One"),
            ("The victim had a gunshot wound to the shoulder.", ClaimKind::Shot, "The victim"),
        ] {
            assert_one_claim(text, kind, mention, 1);
        }
    }

    #[test]
    fn hedges_roles_appositions_and_free_of_injury_are_no_victims() {
        for text in [
            "He wondered what would happen if he killed him.",
            "I'll kill your son if you come back.",
            "He has remained injury free all season.",
            "Yolanda King, the eldest of the Kings' four children, died in 2007.",
        ] {
            assert!(mentions_of(text).is_empty(), "{text}: {:?}", mentions_of(text));
        }
        assert_eq!(mentions_of("They say the man who killed my father went nuts."), vec!["my father"]);
        let text = "The boy lost his home as a child and his mother was killed in the attack.";
        assert_eq!(mentions_of(text), vec!["his mother"]);
    }

    #[test]
    fn her_before_a_noun_is_a_possessive_and_a_speaker_is_no_victim() {
        assert_one_claim("She shot her husband in the arm.", ClaimKind::Shot, "her husband", 1);
        assert_one_claim("He said he had shot his brother, Chief Ray Cole said.", ClaimKind::Shot, "his brother", 1);
        assert_eq!(mentions_of("Two men who robbed and shot a cashier were arrested."), vec!["a cashier"]);
        assert_eq!(mentions_of("When Jo Reyes was only 3, her father was shot to death."), vec!["her father"]);
    }

    #[test]
    fn conjoined_groups_add_up_and_keep_their_parts() {
        for (text, kind, mention, total, parts) in [
            ("Three men and one woman were killed.", ClaimKind::Killed, "Three men and one woman", 4, vec![3, 1]),
            (
                "Two guards, a driver and a nurse were wounded.",
                ClaimKind::Wounded,
                "Two guards, a driver and a nurse",
                4,
                vec![2, 1, 1],
            ),
            ("A man and a girl were shot and killed Sunday.", ClaimKind::Killed, "A man and a girl", 2, vec![1, 1]),
            (
                "Rebels killed 5 soldiers and 12 civilians on Monday.",
                ClaimKind::Killed,
                "5 soldiers and 12 civilians",
                17,
                vec![5, 12],
            ),
            (
                "The fire killed the grandfather, aunt and 9-year-old cousin of the groom.",
                ClaimKind::Killed,
                "the grandfather, aunt and 9-year-old cousin",
                3,
                vec![1, 1, 1],
            ),
            (
                "His sister, uncle and 4-year-old niece were wounded.",
                ClaimKind::Wounded,
                "His sister, uncle and 4-year-old niece",
                3,
                vec![1, 1, 1],
            ),
        ] {
            let doc = doc_of(text, None);
            let found = claims_of(&doc);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            let lows: Vec<_> = found[0].parts.iter().filter_map(|p| p.low).collect();
            assert_eq!(
                (found[0].kind, doc.slice(found[0].quantity.span), found[0].quantity.low, lows),
                (kind, mention, Some(total), parts),
                "{text}"
            );
        }
    }

    #[test]
    fn clauses_joined_by_and_are_no_group() {
        let doc = doc_of("Police shot a suspect and a woman was killed by a stray bullet.", None);
        let found: Vec<_> = claims_of(&doc).iter().map(|c| (c.kind, c.quantity.low, c.parts.len())).collect();
        assert_eq!(found, vec![(ClaimKind::Shot, Some(1), 0), (ClaimKind::Killed, Some(1), 0)]);
        let doc = doc_of("By Monday, 40 soldiers, 12 civilians were killed in all.", None);
        let lows: Vec<_> = claims_of(&doc).iter().map(|c| c.quantity.low).collect();
        assert_eq!(lows, vec![Some(40), Some(12)], "a comma alone makes no group");
        let doc = doc_of("Two soldiers were killed and three civilians were wounded.", None);
        let kinds: Vec<_> = claims_of(&doc).iter().map(|c| (c.kind, c.quantity.low)).collect();
        assert_eq!(kinds, vec![(ClaimKind::Killed, Some(2)), (ClaimKind::Wounded, Some(3))]);
    }

    #[test]
    fn ages_between_a_count_and_its_noun_or_predicate_keep_the_claim() {
        for (text, kind, count) in [
            ("Two 15-year-old students were wounded.", ClaimKind::Wounded, 2),
            ("Four teens between the ages of 16 and 19 were shot.", ClaimKind::Shot, 4),
            ("Three men, aged 18 to 25, were killed.", ClaimKind::Killed, 3),
            ("About 2.5 lakh people were displaced by the floods.", ClaimKind::Displaced, 250_000),
            ("One and a half million people were displaced.", ClaimKind::Displaced, 1_500_000),
        ] {
            let found = claims_of(&doc_of(text, None));
            let kinds: Vec<_> = found.iter().map(|c| (c.kind, c.quantity.low)).collect();
            assert_eq!(kinds, vec![(kind, Some(count))], "{text}");
        }
    }

    #[test]
    fn each_claim_says_which_event_it_reports() {
        let date = Some(PartialDate::day(2016, 1, 5));
        for (text, event) in [
            ("A man was shot and killed Sunday night.", Event::Incident),
            ("So far this year, 19 officers have been killed nationwide.", Event::Aggregate),
            ("The conflict has killed more than 13,000 people since April 2014.", Event::Aggregate),
            ("On Oct. 17, a 15-year-old boy was shot and killed on the sidewalk.", Event::Other),
            ("In a separate shooting, two men were wounded.", Event::Other),
        ] {
            let found = claims_of(&doc_of(text, date));
            let events: Vec<_> = found.iter().map(|c| c.event).collect();
            assert_eq!(events, vec![event], "{text}");
        }
    }

    #[test]
    fn agents_hedges_and_negations_are_no_victims() {
        for text in [
            "He shot a neighbor's dog and fled.",
            "The bullet came within inches of possibly killing the trooper.",
            "No officers were hurt.",
            "The man was arrested and charged with murder.",
            "A man suffered a heart attack and was treated at the scene.",
            "A woman with a gun in her car was stopped.",
            "A man carrying a rifle shot at the officers.",
            "She executed the game plan perfectly.",
            "A man was taken to the hospital for evaluation.",
            "The man struck a deal with prosecutors.",
            "The woman struck back at her critics.",
            "The Coast Guard has flown injured people to the mainland.",
            "A man was taken to shore with no injuries.",
            "Neither officer was injured in the crash.",
            "Police said no passenger was hurt.",
            "None of the five officers were hurt.",
            "Not one person was injured.",
            "Not a single child was hurt.",
            "Not one of the 12 passengers was hurt.",
            "Neither of his two sons was wounded.",
            "Many rivals have wanted to kill the man for decades.",
            "The cell plotted to kill a police officer in the capital.",
        ] {
            let found = claims_of(&doc_of(text, None));
            assert!(
                found.iter().all(|c| c.kind != ClaimKind::Killed && c.kind != ClaimKind::Wounded),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn agents_relative_clauses_and_later_deaths_read_the_right_predicate() {
        for (text, expected) in [
            ("A teenager opened fire and killed two students at the school.", vec![(ClaimKind::Killed, Some(2))]),
            ("The man pulled a knife and stabbed three shoppers.", vec![(ClaimKind::Wounded, Some(3))]),
            ("The gunman killed two classmates in the hallway.", vec![(ClaimKind::Killed, Some(2))]),
            ("Police arrested a man in the robbery that wounded three clerks.", vec![(ClaimKind::Wounded, Some(3))]),
            ("Police held a suspect in the market bombing that killed 14 people.", vec![(ClaimKind::Killed, Some(14))]),
            ("About 60 prisoners were captured and summarily executed.", vec![(ClaimKind::Killed, Some(60))]),
            (
                "Witnesses said 35 men were detained and \"field executed\" outside the town.",
                vec![(ClaimKind::Killed, Some(35))],
            ),
            ("Twelve villagers were abducted and later killed.", vec![(ClaimKind::Killed, Some(12))]),
            ("Five were wounded and others killed in the blast.", vec![(ClaimKind::Wounded, Some(5))]),
            ("The report cites 40 photos showing bodies in the street.", vec![]),
        ] {
            assert_eq!(kinds_of(text), expected, "{text}");
        }
        let text = "Police said he allegedly shot and robbed a taxi driver before he fled.";
        assert!(!mentions_of(text).contains(&"he".to_string()), "{text}");
    }

    #[test]
    fn both_counts_two_people_before_a_predicate() {
        for (text, kind, mention) in [
            ("Both were taken to the hospital with non-life-threatening injuries.", ClaimKind::Wounded, "Both"),
            ("Both men are listed in critical condition.", ClaimKind::Wounded, "Both men"),
            ("Both teens were taken to a hospital, where they died the next day.", ClaimKind::Killed, "Both teens"),
        ] {
            assert_one_claim(text, kind, mention, 2);
        }
        let text = "The derailment sent dozens of people to the hospital on Friday.";
        assert_eq!(claims_of(&doc_of(text, None)).iter().map(|c| c.kind).collect::<Vec<_>>(), [ClaimKind::Wounded]);
        for text in ["The group both captured and shaped the movement.", "Both sides agreed to a truce."] {
            assert_eq!(claims_of(&doc_of(text, None)), vec![], "{text}");
        }
    }

    #[test]
    fn a_modifier_of_the_subject_keeps_its_own_victim_apart() {
        let mentions = mentions_of("The mother of a girl wounded in the attack spoke.");
        assert_eq!(mentions, ["a girl"]);
        let mentions = mentions_of("The father of a boy who was killed in the crash spoke.");
        assert_eq!(mentions, ["a boy"]);
    }

    #[test]
    fn a_transport_reads_no_further_than_another_victim() {
        let mentions = mentions_of("The driver was taken to the station where a woman was treated for injuries.");
        assert_eq!(mentions, ["a woman"]);
    }

    #[test]
    fn a_later_death_of_another_subject_leaves_the_victim_hurt() {
        for (text, kind) in [
            ("A man was shot by a suspect who died in a crash.", ClaimKind::Shot),
            ("A clerk was wounded while the robber fled and died.", ClaimKind::Wounded),
            ("A woman was shot and a neighbor died.", ClaimKind::Shot),
        ] {
            let found = claims_of(&doc_of(text, None));
            assert_eq!(found.first().map(|c| c.kind), Some(kind), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_count_followed_by_being_and_a_participle_keeps_its_kind() {
        let text = "Clashes resulted in 28 people being hurt, police said.";
        let found = claims_of(&doc_of(text, None));
        assert_eq!(
            found.iter().map(|c| (c.kind, c.quantity.low)).collect::<Vec<_>>(),
            [(ClaimKind::Wounded, Some(28))]
        );
    }

    #[test]
    fn one_person_who_fled_is_no_displacement_figure() {
        assert_eq!(claims_of(&doc_of("He fled to a church with his family.", None)), vec![]);
        let found = claims_of(&doc_of("Some 300 families fled to a church.", None));
        assert_eq!(
            found.iter().map(|c| (c.kind, c.quantity.low)).collect::<Vec<_>>(),
            [(ClaimKind::Displaced, Some(300))]
        );
    }

    #[test]
    fn counted_agents_and_compounds_are_no_victims() {
        for (text, victims) in [
            ("Troopers are searching for two people who shot at a police vehicle.", vec![]),
            ("Two officers shot the gunman when he raised his weapon.", vec!["the gunman"]),
            ("Officials say shooting suspect Earnest Hardy surrendered.", vec![]),
        ] {
            let mentions = mentions_of(text);
            assert_eq!(mentions, victims, "{text}");
        }
        for (text, count) in [
            ("He was one of 13 people killed at the school.", 13),
            ("The army released the names of the seven Marines killed Monday night.", 7),
        ] {
            let found = claims_of(&doc_of(text, None));
            assert_eq!(
                found.iter().map(|c| (c.kind, c.quantity.low)).collect::<Vec<_>>(),
                [(ClaimKind::Killed, Some(count))],
                "{text}"
            );
        }
    }

    #[test]
    fn a_shooter_who_fires_twice_at_a_target_is_no_victim() {
        for text in ["Police said a man shot twice at the house.", "A teenager shot repeatedly into the crowd."] {
            let found = claims_of(&doc_of(text, None));
            assert_eq!(found, vec![], "{text}");
        }
    }

    #[test]
    fn cnn_style_tolls() {
        let text = "The blast killed at least 20 people and wounded 45 others, police said.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        let kinds: Vec<_> = found.iter().map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject))).collect();
        assert_eq!(
            kinds,
            vec![(ClaimKind::Killed, Some(20), Some("people")), (ClaimKind::Wounded, Some(45), Some("others"))]
        );
    }

    #[test]
    fn corpus_apposition_sources() {
        let text = "In the neighbouring region of Luhansk, the governor, Serhiy Haidai, said three people had died after Russian shells hit a residential building in the city of Popasna, which Russian forces have been trying to capture.";
        let doc = doc_of(text, None);
        let found = claims_of(&doc);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].kind, found[0].quantity.low), (ClaimKind::Killed, Some(3)));
        assert_eq!(text_of(&doc, found[0].attributed_to), Some("Serhiy Haidai"));
        assert_eq!(text_of(&doc, found[0].place), Some("in the city of Popasna"));
    }

    #[test]
    fn corpus_non_claims() {
        let text =
            "Wood was convicted of murder and assault in the 1989 deaths of his estranged girlfriend and her father.";
        assert_eq!(claims_of(&doc_of(text, None)), vec![], "{text}");
    }

    #[test]
    fn corpus_timeline_entries() {
        let text = "May 5 --  Three people are killed and more than 30 injured in back-to-back explosions near the headquarters of an anti-Taliban political party in Karachi.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims_of(&doc)
            .into_iter()
            .map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject).map(str::to_string)))
            .collect();
        assert_eq!(
            found,
            vec![(ClaimKind::Killed, Some(3), Some("people".to_string())), (ClaimKind::Wounded, Some(30), None)]
        );
        let text = "April 16 -- At least 15 people in Peshawar are killed and 35 people injured in a suicide bombing targeting an anti-Taliban political party, hospital and police officials said.";
        let doc = doc_of(text, None);
        let found: Vec<_> = claims_of(&doc)
            .into_iter()
            .map(|c| (c.kind, c.quantity.low, text_of(&doc, c.subject).map(str::to_string)))
            .collect();
        assert_eq!(
            found,
            vec![
                (ClaimKind::Killed, Some(15), Some("people".to_string())),
                (ClaimKind::Wounded, Some(35), Some("people".to_string()))
            ]
        );
        let text = "A meningitis outbreak is threatening the lives of tens of thousands of people in Darfur, according to an aid agency expelled from the country last week.";
        assert_eq!(claims_of(&doc_of(text, None)), vec![]);
    }
}

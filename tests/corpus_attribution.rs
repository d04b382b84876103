//! Speaker attribution on real published news (../shared/corpus, or the
//! directory in COPYDESK_CORPUS): what share of closed quotations get a
//! speaker, by set and by shape, and a sample of 50 attributions chosen by
//! a hash of the article name and position, printed for a person to judge.
//!
//! Run with `cargo test --release --test corpus_attribution -- --nocapture`
//! to see the figures and the sample. Without the corpus the test prints a
//! message and passes.
//!
//! The sample was judged by reading each quotation in its paragraph; the
//! attributions judged wrong are listed in [`JUDGED_WRONG`] (by article and
//! quotation start), so a change to the sample or to what it finds fails
//! until the new sample is read. The test also checks every attribution's
//! spans slice the text on character boundaries, and that the speaker lies
//! outside the quotation it is given for.

mod support;

use copydesk::model::SpeakerKind;
use copydesk::Article;
use rayon::prelude::*;

/// How many attributions the sample holds.
const SAMPLE: usize = 50;

/// Sampled attributions judged wrong: (article, byte offset of the
/// quotation), with the reason.
const JUDGED_WRONG: &[(&str, usize, &str)] = &[];

/// The sampled attributions judged right, by (article, quotation start):
/// the sample is fixed by the corpus and the model, so this records what
/// was read. A pronoun counts as right when it is the subject of the
/// attribution (resolved or not); reuters-06099 @356 is a quoted term
/// ("mixed credits") in a sentence the OECD is said to have said, judged
/// right as the sentence's attribution.
const JUDGED_RIGHT: &[(&str, usize)] = &[
    ("reuters21578/reuters-06099.txt", 356),
    ("bbc/politics-299.txt", 1231),
    ("bbc/tech-071.txt", 1475),
    ("reuters21578/reuters-12521.txt", 1844),
    ("bbc/sport-406.txt", 1806),
    ("reuters21578/reuters-17395.txt", 2126),
    ("reuters21578/reuters-10278.txt", 1724),
    ("reuters21578/reuters-00016.txt", 1232),
    ("scrapinghub-aeb/aeb-121-thespacereview_com.txt", 12287),
    ("reuters21578/reuters-21525.txt", 288),
    ("reuters21578/reuters-16785.txt", 2937),
    ("bbc/politics-128.txt", 2262),
    ("reuters21578/reuters-10278.txt", 2446),
    ("bbc/entertainment-255.txt", 2806),
    ("reuters21578/reuters-10306.txt", 2708),
    ("bbc/sport-084.txt", 438),
    ("bbc/sport-021.txt", 276),
    ("bbc/politics-115.txt", 1339),
    ("reuters21578/reuters-16600.txt", 673),
    ("bbc/entertainment-255.txt", 2897),
    ("reuters21578/reuters-10618.txt", 513),
    ("horne2017/random-real-151.txt", 3925),
    ("bbc/sport-041.txt", 1017),
    ("reuters21578/reuters-07525.txt", 1915),
    ("reuters21578/reuters-07525.txt", 1968),
    ("bbc/politics-282.txt", 1810),
    ("horne2017/random-satire-2002.txt", 901),
    ("reuters21578/reuters-16130.txt", 2029),
    ("horne2017/random-satire-2015.txt", 1643),
    ("bbc/business-276.txt", 526),
    ("reuters21578/reuters-19211.txt", 3788),
    ("scrapinghub-aeb/aeb-124-timesunion_com.txt", 2940),
    ("reuters21578/reuters-12730.txt", 643),
    ("horne2017/random-fake-95.txt", 1843),
    ("reuters21578/reuters-17356.txt", 1438),
    ("reuters21578/reuters-15040.txt", 2397),
    ("bbc/sport-317.txt", 494),
    ("reuters21578/reuters-02068.txt", 1135),
    ("reuters21578/reuters-10344.txt", 650),
    ("bbc/tech-366.txt", 2626),
    ("bbc/entertainment-372.txt", 1210),
    ("bbc/politics-062.txt", 506),
    ("horne2017/buzzfeed-fake-31.txt", 1442),
    ("bbc/sport-058.txt", 3020),
    ("bbc/politics-271.txt", 2445),
    ("bbc/sport-355.txt", 1373),
    ("reuters21578/reuters-12261.txt", 1528),
    ("bbc/entertainment-372.txt", 1289),
    ("horne2017/buzzfeed-real-110.txt", 23901),
    ("reuters21578/reuters-17883.txt", 523),
];

#[derive(Default)]
struct Tally {
    articles: usize,
    closed: usize,
    attributed: usize,
    named: usize,
    described: usize,
    pronouns: usize,
    pronouns_resolved: usize,
    carried: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.articles += other.articles;
        self.closed += other.closed;
        self.attributed += other.attributed;
        self.named += other.named;
        self.described += other.described;
        self.pronouns += other.pronouns;
        self.pronouns_resolved += other.pronouns_resolved;
        self.carried += other.carried;
    }
}

fn hash(text: &str) -> u64 {
    // FNV-1a: stable across runs and platforms. COPYDESK_SAMPLE_SEED draws
    // a different sample, to judge one the model was not tuned on (the
    // judged lists below then do not apply).
    let seed = std::env::var("COPYDESK_SAMPLE_SEED").unwrap_or_default();
    seed.bytes()
        .chain(text.bytes())
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn on_boundaries(text: &str, span: copydesk::source::Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// One sampled attribution, as printed for judging.
struct Sampled {
    key: u64,
    name: String,
    start: usize,
    shown: String,
}

#[test]
fn attribution_coverage_and_sample() {
    let Some(corpus) = support::corpus_dir() else {
        return;
    };
    let articles = support::news_articles(&corpus);
    let results: Vec<(&'static str, Tally, Vec<Sampled>)> = articles
        .par_iter()
        .map(|article| {
            let parsed = Article::parse(&article.text);
            let text = article.text.as_str();
            let mut tally = Tally {
                articles: 1,
                ..Tally::default()
            };
            let mut sampled = Vec::new();
            for attribution in parsed.attributions() {
                assert!(on_boundaries(text, attribution.span), "{}", article.name);
                assert!(on_boundaries(text, attribution.quoted), "{}", article.name);
                if let Some(speaker) = attribution.speaker {
                    for span in [Some(speaker.span), Some(speaker.cue), speaker.name]
                        .into_iter()
                        .flatten()
                    {
                        assert!(on_boundaries(text, span), "{}", article.name);
                    }
                    if speaker.carried_from.is_none() {
                        assert!(
                            !attribution.span.contains(speaker.span),
                            "{}: speaker inside its quotation at {}",
                            article.name,
                            speaker.span.start
                        );
                    }
                }
                if !attribution.closed {
                    continue;
                }
                tally.closed += 1;
                let Some(speaker) = attribution.speaker else {
                    continue;
                };
                tally.attributed += 1;
                match speaker.kind {
                    SpeakerKind::Name => tally.named += 1,
                    SpeakerKind::Description => tally.described += 1,
                    SpeakerKind::Pronoun => {
                        tally.pronouns += 1;
                        tally.pronouns_resolved += usize::from(speaker.name.is_some());
                    }
                }
                tally.carried += usize::from(speaker.carried_from.is_some());
                let block = parsed
                    .blocks()
                    .get(attribution.block)
                    .map_or(attribution.span, |block| block.span);
                let context = text
                    .get(block.start.min(attribution.span.start)..block.end.max(speaker.span.end))
                    .unwrap_or_default();
                let shown = format!(
                    "{} @{}\n  quote:   {}\n  speaker: {} ({:?}{}{})\n  para:    {}\n",
                    article.name,
                    attribution.span.start,
                    copydesk::facts::shorten(attribution.quoted.slice(text), 100),
                    speaker.span.slice(text),
                    speaker.kind,
                    speaker
                        .name
                        .filter(|_| speaker.kind == SpeakerKind::Pronoun)
                        .map(|name| format!(" = {}", name.slice(text)))
                        .unwrap_or_default(),
                    if speaker.carried_from.is_some() {
                        ", carried"
                    } else {
                        ""
                    },
                    copydesk::facts::shorten(context, 600),
                );
                sampled.push(Sampled {
                    key: hash(&format!("{}@{}", article.name, attribution.span.start)),
                    name: article.name.clone(),
                    start: attribution.span.start,
                    shown,
                });
            }
            (article.set, tally, sampled)
        })
        .collect();

    let mut total = Tally::default();
    let mut all_sampled = Vec::new();
    for &set in support::NEWS_SETS {
        let mut tally = Tally::default();
        for (_, article_tally, _) in results.iter().filter(|(name, ..)| *name == set) {
            tally.add(article_tally);
        }
        report(set, &tally);
        total.add(&tally);
    }
    report("all", &total);
    for (_, _, sampled) in results {
        all_sampled.extend(sampled);
    }
    all_sampled.sort_by_key(|sampled| sampled.key);
    all_sampled.truncate(SAMPLE);
    println!("\nSample of {} attributions:\n", all_sampled.len());
    for sampled in &all_sampled {
        println!("{}", sampled.shown);
    }
    if std::env::var_os("COPYDESK_SAMPLE_SEED").is_none() {
        let mut unjudged = Vec::new();
        for sampled in &all_sampled {
            let key = (sampled.name.as_str(), sampled.start);
            let right = JUDGED_RIGHT.contains(&key);
            let wrong = JUDGED_WRONG
                .iter()
                .any(|(name, start, _)| (*name, *start) == key);
            if !right && !wrong {
                unjudged.push(format!("{}@{}", sampled.name, sampled.start));
            }
        }
        assert!(
            unjudged.is_empty(),
            "sampled attributions not yet judged: {unjudged:?}"
        );
        let precision = 100.0 * (all_sampled.len() - JUDGED_WRONG.len()) as f64
            / all_sampled.len().max(1) as f64;
        println!("judged precision on the sample: {precision:.0}%");
        assert!(
            precision >= 90.0,
            "attribution precision fell to {precision:.0}%"
        );
    }
    assert!(
        total.closed == 0 || total.attributed * 100 / total.closed >= 40,
        "attribution coverage fell"
    );
}

fn report(set: &str, tally: &Tally) {
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    println!(
        "{set:16} {:5} articles {:6} closed quotations {:6} with a speaker ({:.1}%): {} named, {} described, {} pronouns ({} resolved), {} carried",
        tally.articles,
        tally.closed,
        tally.attributed,
        percent(tally.attributed, tally.closed),
        tally.named,
        tally.described,
        tally.pronouns,
        tally.pronouns_resolved,
        tally.carried,
    );
}

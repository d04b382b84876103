//! Where matches can start, told from the grammar's tokens rather than by
//! reading the whole text again.
//!
//! A pattern whose every match begins at an ASCII letter that no ASCII
//! letter, digit or underscore comes before (a word boundary before it)
//! can start only where a word token starts, or inside a word token just
//! after a character outside ASCII ("é" in "caféjs" ends no token, yet an
//! ASCII `\b` holds after it). A pattern whose every match begins at a
//! line start can start only at the text's start or after a line break
//! token. [`branches`] works this out from a pattern's syntax, with the
//! bytes its matches may begin with; [`Heads`] tells, from the first
//! [`HEAD_LEN`] bytes at a place, which of many heads (pattern branches,
//! phrases' key words, standalone phrases) may begin there. A pattern
//! that may start anywhere else, or match the empty string, is searched
//! over the whole text as before.
//!
//! Searched this way, the default `web-boilerplate` rule's six patterns
//! are tried at a few hundred places of the corpus tenth's 1.5 MB, not
//! read through by a lazy DFA (corpus tenth: rule 27.3 -> 12.1 M
//! instructions).

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// How many bytes of a head are looked at.
pub(super) const HEAD_LEN: usize = 4;

/// A set of bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ByteSet([u64; 4]);

impl ByteSet {
    pub(super) const EMPTY: ByteSet = ByteSet([0; 4]);
    pub(super) const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    pub(super) fn of(bytes: &[u8]) -> ByteSet {
        ByteSet::of_const(bytes)
    }

    pub(super) const fn of_const(bytes: &[u8]) -> ByteSet {
        let mut words = [0u64; 4];
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index] as usize;
            words[byte / 64] |= 1 << (byte % 64);
            index += 1;
        }
        ByteSet(words)
    }

    pub(super) fn insert(&mut self, byte: u8) {
        self.0[usize::from(byte / 64)] |= 1 << (byte % 64);
    }

    fn insert_range(&mut self, low: u8, high: u8) {
        for byte in low..=high {
            self.insert(byte);
        }
    }

    /// The bytes in the set, in order.
    fn bytes(self) -> impl Iterator<Item = usize> {
        (0..4).flat_map(move |word| {
            let mut bits = self.0[word];
            std::iter::from_fn(move || {
                let bit = (bits != 0).then(|| bits.trailing_zeros() as usize)?;
                bits &= bits - 1;
                Some(word * 64 + bit)
            })
        })
    }

    pub(super) fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte / 64)] & (1 << (byte % 64)) != 0
    }

    pub(super) fn union(self, other: ByteSet) -> ByteSet {
        let mut set = self;
        for (word, other) in set.0.iter_mut().zip(other.0) {
            *word |= other;
        }
        set
    }

    fn is_subset(&self, other: &ByteSet) -> bool {
        self.0
            .iter()
            .zip(other.0)
            .all(|(word, other)| word & !other == 0)
    }
}

/// The ASCII letters: the first bytes a word-start head may have.
const ASCII_LETTERS: ByteSet = {
    let mut words = [0u64; 4];
    let mut byte = 0;
    while byte < 128 {
        if (byte as u8).is_ascii_alphabetic() {
            words[byte / 64] |= 1 << (byte % 64);
        }
        byte += 1;
    }
    ByteSet(words)
};

/// Where every match of a pattern branch begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Anchor {
    /// At an ASCII letter after no ASCII letter, digit or underscore (a
    /// word boundary, ASCII or Unicode, holds there): where a word token
    /// starts, or inside one just after a character outside ASCII.
    Word,
    /// At a line start: the text's start or after `\n`, `\r` or `\r\n`.
    Line,
}

/// One way a pattern's matches may begin: where, and which bytes (by
/// offset from the start) may come first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Branch {
    pub(super) anchor: Anchor,
    /// Bytes a match may begin with a run of, which its head follows
    /// (none but at a line start: `^[\t ]*` before a word, say). What
    /// follows the run cannot begin with one of them, so a match takes
    /// the whole run.
    pub(super) skip: ByteSet,
    /// Every match begins (after the run skipped) as one of these does.
    pub(super) heads: Vec<Vec<ByteSet>>,
}

/// The branches every match of `hir` begins by, or `None` if a match may
/// begin somewhere they do not tell (or be empty, which the search from
/// starts does not reproduce).
pub(super) fn branches(hir: &Hir) -> Option<Vec<Branch>> {
    if hir
        .properties()
        .minimum_len()
        .is_some_and(|length| length == 0)
    {
        return None;
    }
    let mut found = Vec::new();
    collect_branches(hir, &mut found)?;
    Some(found)
}

fn collect_branches(hir: &Hir, found: &mut Vec<Branch>) -> Option<()> {
    match hir.kind() {
        HirKind::Capture(capture) => collect_branches(&capture.sub, found),
        HirKind::Alternation(alternatives) => alternatives
            .iter()
            .try_for_each(|alternative| collect_branches(alternative, found)),
        HirKind::Concat(items) => {
            let items = &flattened(items);
            let looks = items
                .iter()
                .take_while(|item| as_look(item).is_some())
                .count();
            let anchor = anchor(items[..looks].iter().filter_map(as_look))?;
            let mut rest = &items[looks..];
            let (first, nullable) = first_bytes(rest);
            if nullable || (anchor == Anchor::Word && !first.is_subset(&ASCII_LETTERS)) {
                return None;
            }
            let mut skip = ByteSet::EMPTY;
            if let (Anchor::Line, Some((run, after))) = (anchor, skipped_run(rest)) {
                skip = run;
                rest = after;
            }
            let (first, _) = first_bytes(rest);
            let heads = heads_of(rest)
                .into_iter()
                .map(|(mut head, _)| {
                    // Every match has a first byte: a head that says
                    // nothing of it takes the first bytes found.
                    if head.is_empty() {
                        head.push(first);
                    }
                    head
                })
                .collect();
            found.push(Branch {
                anchor,
                skip,
                heads,
            });
            Some(())
        }
        // A branch that is not a concatenation has no assertion before it.
        _ => None,
    }
}

/// If the concatenation `items` begins with a run, maybe empty, of bytes
/// of one class that what follows cannot begin with (and what follows
/// cannot be empty): the class and what follows.
fn skipped_run(items: &[Hir]) -> Option<(ByteSet, &[Hir])> {
    let (first, after) = items.split_first()?;
    let HirKind::Repetition(repetition) = first.kind() else {
        return None;
    };
    let HirKind::Class(class) = repetition.sub.kind() else {
        return None;
    };
    let run = single_byte_class(class)?;
    let (next, nullable) = first_bytes(after);
    let disjoint = next.0.iter().zip(run.0).all(|(next, run)| next & run == 0);
    (repetition.min == 0 && !nullable && disjoint).then_some((run, after))
}

/// The concatenation `items` with a group or concatenation it begins
/// with opened, so that assertions it begins with lead it: `(\bja)va`
/// as `\bjava`.
fn flattened(items: &[Hir]) -> Vec<Hir> {
    let mut first = items.first();
    while let Some(HirKind::Capture(capture)) = first.map(Hir::kind) {
        first = Some(&capture.sub);
    }
    match first.map(Hir::kind) {
        Some(HirKind::Concat(inner)) => {
            let mut flat = flattened(inner);
            flat.extend(items.iter().skip(1).cloned());
            flat
        }
        _ => items.to_vec(),
    }
}

/// The assertion `hir` is, looking through capture groups.
fn as_look(hir: &Hir) -> Option<Look> {
    match hir.kind() {
        HirKind::Look(look) => Some(*look),
        HirKind::Capture(capture) => as_look(&capture.sub),
        _ => None,
    }
}

/// The place that assertions all holding at a match's start make it
/// begin at, given that its first byte is an ASCII letter for a word
/// boundary (checked by the caller).
fn anchor(looks: impl Iterator<Item = Look>) -> Option<Anchor> {
    let mut found = None;
    for look in looks {
        match look {
            Look::Start | Look::StartLF | Look::StartCRLF => return Some(Anchor::Line),
            Look::WordAscii
            | Look::WordStartAscii
            | Look::WordStartHalfAscii
            | Look::WordUnicode
            | Look::WordStartUnicode
            | Look::WordStartHalfUnicode => found = Some(Anchor::Word),
            _ => {}
        }
    }
    found
}

/// The bytes a match of the concatenation `items` may begin with, and
/// whether it may be empty. Assertions are passed over as if they always
/// held, which only adds bytes.
fn first_bytes(items: &[Hir]) -> (ByteSet, bool) {
    let mut first = ByteSet::EMPTY;
    for item in items {
        let (bytes, nullable) = first_of(item);
        first = first.union(bytes);
        if !nullable {
            return (first, false);
        }
    }
    (first, true)
}

fn first_of(hir: &Hir) -> (ByteSet, bool) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => (ByteSet::EMPTY, true),
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&byte) => (ByteSet::of(&[byte]), false),
            None => (ByteSet::EMPTY, true),
        },
        HirKind::Class(class) => (class_first_bytes(class), false),
        HirKind::Repetition(repetition) => {
            let (bytes, nullable) = first_of(&repetition.sub);
            (bytes, nullable || repetition.min == 0)
        }
        HirKind::Capture(capture) => first_of(&capture.sub),
        HirKind::Concat(items) => first_bytes(items),
        HirKind::Alternation(alternatives) => {
            alternatives
                .iter()
                .fold((ByteSet::EMPTY, false), |(bytes, nullable), alternative| {
                    let (more, empty) = first_of(alternative);
                    (bytes.union(more), nullable || empty)
                })
        }
    }
}

/// The first bytes of the characters (or bytes) a class matches: UTF-8
/// lead bytes rise with the code point, so a range's are those from its
/// first character's to its last's.
fn class_first_bytes(class: &Class) -> ByteSet {
    let mut set = ByteSet::EMPTY;
    match class {
        Class::Unicode(class) => {
            for range in class.ranges() {
                let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                set.insert_range(lead(range.start()), lead(range.end()));
            }
        }
        Class::Bytes(class) => {
            for range in class.ranges() {
                set.insert_range(range.start(), range.end());
            }
        }
    }
    set
}

/// The class of single bytes a class is, if every character it matches is
/// one byte long (ASCII, or any byte of a byte class).
fn single_byte_class(class: &Class) -> Option<ByteSet> {
    match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .all(|range| range.end().is_ascii())
            .then(|| class_first_bytes(&Class::Unicode(class.clone()))),
        Class::Bytes(_) => Some(class_first_bytes(class)),
    }
}

/// The most heads a pattern branch is told by: past it, its heads are
/// merged into one.
const MAX_HEADS: usize = 16;

/// A head of a part of a pattern: the bytes its matches' first offsets
/// may hold (at most [`HEAD_LEN`] of them), and whether that is the whole
/// match (so what follows the part continues it).
type Head = (Vec<ByteSet>, bool);

/// Heads such that every match of the concatenation `items` begins as
/// one of them does.
fn heads_of(items: &[Hir]) -> Vec<Head> {
    let mut heads: Vec<Head> = vec![(Vec::new(), true)];
    for item in items {
        if heads
            .iter()
            .all(|(head, whole)| !whole || head.len() >= HEAD_LEN)
        {
            break;
        }
        let parts = heads_of_one(item);
        let mut longer = Vec::new();
        for (head, whole) in heads {
            if !whole || head.len() >= HEAD_LEN {
                longer.push((head, false));
                continue;
            }
            for (part, part_whole) in &parts {
                let mut joined = head.clone();
                joined.extend(part.iter().copied());
                let whole = *part_whole && joined.len() < HEAD_LEN;
                joined.truncate(HEAD_LEN);
                longer.push((joined, whole));
            }
        }
        heads = merged(longer);
    }
    heads
}

fn heads_of_one(hir: &Hir) -> Vec<Head> {
    match hir.kind() {
        // Zero width: an assertion passed over only widens the heads.
        HirKind::Empty | HirKind::Look(_) => vec![(Vec::new(), true)],
        HirKind::Literal(literal) => vec![(
            literal
                .0
                .iter()
                .take(HEAD_LEN)
                .map(|&byte| ByteSet::of(&[byte]))
                .collect(),
            literal.0.len() < HEAD_LEN,
        )],
        HirKind::Class(class) => class_heads(class),
        HirKind::Capture(capture) => heads_of_one(&capture.sub),
        HirKind::Concat(items) => heads_of(items),
        HirKind::Repetition(repetition) if repetition.min == 0 => vec![(Vec::new(), false)],
        HirKind::Repetition(repetition) => {
            // No more copies than a head has bytes: each takes one at least
            // or it is not whole.
            let count = repetition.min.min(HEAD_LEN as u32);
            let copies = vec![(*repetition.sub).clone(); count as usize];
            let mut heads = heads_of(&copies);
            if repetition.max != Some(repetition.min) || count < repetition.min {
                for (_, whole) in &mut heads {
                    *whole = false;
                }
            }
            heads
        }
        HirKind::Alternation(alternatives) => {
            merged(alternatives.iter().flat_map(heads_of_one).collect())
        }
    }
}

/// The heads of a class: its ASCII characters, one byte each, and the
/// first bytes of the others, whose next bytes are not followed.
fn class_heads(class: &Class) -> Vec<Head> {
    let mut ascii = ByteSet::EMPTY;
    let mut others = ByteSet::EMPTY;
    match class {
        Class::Unicode(class) => {
            for range in class.ranges() {
                let lead = |c: char| c.encode_utf8(&mut [0; 4]).as_bytes()[0];
                let (start, end) = (u32::from(range.start()), u32::from(range.end()));
                if start < 0x80 {
                    ascii.insert_range(start as u8, end.min(0x7F) as u8);
                }
                if end >= 0x80 {
                    let first = char::from_u32(start.max(0x80)).unwrap_or('\u{80}');
                    others.insert_range(lead(first), lead(range.end()));
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.ranges() {
                ascii.insert_range(range.start(), range.end());
            }
        }
    }
    let mut heads = Vec::new();
    if ascii != ByteSet::EMPTY {
        heads.push((vec![ascii], true));
    }
    if others != ByteSet::EMPTY {
        heads.push((vec![others], false));
    }
    heads
}

/// `heads` with the same ones once, or, if there are more than
/// [`MAX_HEADS`], merged into one: the union of their bytes at each
/// offset that all of them reach.
fn merged(mut heads: Vec<Head>) -> Vec<Head> {
    heads.sort_unstable_by(|a, b| {
        a.0.iter()
            .map(|set| set.0)
            .cmp(b.0.iter().map(|set| set.0))
            .then(a.1.cmp(&b.1))
    });
    heads.dedup();
    if heads.len() <= MAX_HEADS {
        return heads;
    }
    let shortest = heads.iter().map(|(head, _)| head.len()).min().unwrap_or(0);
    let mut union = vec![ByteSet::EMPTY; shortest];
    for (head, _) in &heads {
        for (set, more) in union.iter_mut().zip(head) {
            *set = set.union(*more);
        }
    }
    vec![(union, false)]
}

/// The head of a literal as [`super::normal_phrase`] has it, matched
/// against the text as [`super::normal_match_end`] does: a space stands
/// for any run of white space (its first byte, then anything), and, when
/// case is ignored, an ASCII letter for either case. (Not for the Kelvin
/// sign or the long s, which fold to `k` and `s`: a text that holds one
/// is searched whole.)
pub(super) fn literal_head(literal: &[u8], fold_case: bool) -> Vec<ByteSet> {
    const SPACE_FIRST_BYTES: [u8; 10] = [
        b'\t', b'\n', 0x0B, 0x0C, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3,
    ];
    let mut head = Vec::new();
    for &byte in literal.iter().take(HEAD_LEN) {
        if byte == b' ' {
            head.push(ByteSet::of(&SPACE_FIRST_BYTES));
            break;
        }
        if !(fold_case && byte.is_ascii_alphabetic()) {
            head.push(ByteSet::of(&[byte]));
            continue;
        }
        head.push(ByteSet::of(&[
            byte.to_ascii_lowercase(),
            byte.to_ascii_uppercase(),
        ]));
    }
    head
}

/// Many heads, each given by the bytes that may stand at its first
/// [`HEAD_LEN`] offsets, told apart at a place by a table load an offset:
/// head `i` is bit `i % 61` of a mask, so a set bit means one of the
/// heads it stands for may begin there. The top three bits are left free
/// ([`FREE_BIT`], [`SECOND_FREE_BIT`], [`THIRD_FREE_BIT`]) for a caller to
/// mark bytes with in a table of its own.
#[derive(Debug)]
pub(super) struct Heads {
    tables: Box<[[u64; 256]; HEAD_LEN]>,
    /// For each offset, the heads that take any byte there, or the text's
    /// end.
    open: [u64; HEAD_LEN],
    count: usize,
}

/// How many bits of a mask stand for heads.
const HEAD_BITS: usize = 61;

/// A bit of a mask that stands for no head.
pub(super) const FREE_BIT: u64 = 1 << 63;

/// A second bit of a mask that stands for no head.
pub(super) const SECOND_FREE_BIT: u64 = 1 << 62;

/// A third bit of a mask that stands for no head.
pub(super) const THIRD_FREE_BIT: u64 = 1 << 61;

impl Heads {
    pub(super) fn new(heads: &[Vec<ByteSet>]) -> Heads {
        let mut tables = Box::new([[0u64; 256]; HEAD_LEN]);
        let mut open = [0u64; HEAD_LEN];
        for (index, head) in heads.iter().enumerate() {
            let bit = 1u64 << (index % HEAD_BITS);
            for offset in 0..HEAD_LEN {
                let set = head.get(offset).copied().unwrap_or(ByteSet::ALL);
                if set == ByteSet::ALL && offset > 0 {
                    open[offset] |= bit;
                }
                for byte in set.bytes() {
                    tables[offset][byte] |= bit;
                }
            }
        }
        Heads {
            tables,
            open,
            count: heads.len(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The heads that may begin at `at` in `bytes`, as bits.
    #[inline]
    pub(super) fn at(&self, bytes: &[u8], at: usize) -> u64 {
        let Some(&first) = bytes.get(at) else {
            return 0;
        };
        let mask = self.tables[0][usize::from(first)];
        if mask == 0 {
            return 0;
        }
        self.after_first(bytes, at, mask)
    }

    /// These heads with bits also set at a line break before a line that
    /// may matter, or when the text ends within [`HEAD_LEN`] bytes, and the
    /// bits that mark a line break (none of them a word's head): at a line
    /// feed, a line head's own bit (one past the heads', when they all fit
    /// in the mask) when the line's first three bytes may begin that head,
    /// else [`FREE_BIT`] when each of them is a byte that some head of
    /// `each_line_head` may have at its offset, and [`THIRD_FREE_BIT`]
    /// when the line begins with one of `line_indents`; at a carriage
    /// return, [`SECOND_FREE_BIT`] when a line feed or a byte either allows
    /// first follows it. The offsets' tables are read together, so a line
    /// break before a line that can begin with none of them (a blank line,
    /// most lines of prose) is turned away with the words. Any other place
    /// has the heads it had.
    ///
    /// A bit for each line head keeps a line that begins with one head's
    /// first byte and another's second ("Lea", "Rel", "She") from passing
    /// for the start of a third.
    pub(super) fn marking_line_breaks(
        &self,
        line_indents: ByteSet,
        each_line_head: &[Vec<ByteSet>],
    ) -> (Heads, u64) {
        const ALL: u64 = FREE_BIT | SECOND_FREE_BIT | THIRD_FREE_BIT;
        let line_heads = Heads::new(each_line_head);
        let mut tables = self.tables.clone();
        let mut line_feed = THIRD_FREE_BIT;
        if self.count + each_line_head.len() <= HEAD_BITS {
            for (index, head) in each_line_head.iter().enumerate() {
                let bit = 1u64 << (self.count + index);
                line_feed |= bit;
                for (offset, table) in tables[1..].iter_mut().enumerate() {
                    let set = head.get(offset).copied().unwrap_or(ByteSet::ALL);
                    for byte in set.bytes() {
                        table[byte] |= bit;
                    }
                }
            }
        } else {
            line_feed |= FREE_BIT;
            // A line head's bytes, each a byte after the line feed's.
            for (table, heads) in tables[1..].iter_mut().zip(line_heads.tables.iter()) {
                for (mask, &heads) in table.iter_mut().zip(heads.iter()) {
                    if heads != 0 {
                        *mask |= FREE_BIT;
                    }
                }
            }
        }
        tables[0][usize::from(b'\n')] |= line_feed;
        tables[0][usize::from(b'\r')] |= SECOND_FREE_BIT;
        for byte in line_indents.bytes() {
            tables[1][byte] |= THIRD_FREE_BIT;
        }
        for byte in line_indents.union(line_heads.first_bytes()).bytes() {
            tables[1][byte] |= SECOND_FREE_BIT;
        }
        tables[1][usize::from(b'\n')] |= SECOND_FREE_BIT;
        for table in &mut tables[2..] {
            for mask in table.iter_mut() {
                *mask |= SECOND_FREE_BIT | THIRD_FREE_BIT;
            }
        }
        let line_bits = line_feed | ALL;
        let mut open = self.open;
        for mask in &mut open[1..] {
            *mask |= line_bits;
        }
        let heads = Heads {
            tables,
            open,
            count: self.count,
        };
        (heads, line_bits)
    }

    /// The bytes some head may begin with.
    pub(super) fn first_bytes(&self) -> ByteSet {
        let mut set = ByteSet::EMPTY;
        for (byte, &mask) in (0u8..=255).zip(self.tables[0].iter()) {
            if mask != 0 {
                set.insert(byte);
            }
        }
        set
    }

    /// [`Heads::at`] for the start of a token, its first test made on two
    /// offsets' tables. The first byte of a token starts some head about
    /// as often as not, and a test of it alone was mispredicted at about
    /// every other token; with the third byte's table read too (which
    /// turns away "in ", "the", "for" and the other short words whose
    /// first two letters some head has) the test is nearly always false.
    #[inline]
    pub(super) fn at_token(&self, bytes: &[u8], at: usize) -> u64 {
        match bytes.get(at..at + HEAD_LEN) {
            Some(&[first, second, third, fourth]) => {
                let heads = self.tables[0][usize::from(first)] & self.tables[2][usize::from(third)];
                if heads == 0 {
                    return 0;
                }
                heads & self.tables[1][usize::from(second)] & self.tables[3][usize::from(fourth)]
            }
            _ => self.at(bytes, at),
        }
    }

    /// Of the heads `mask` that may begin with the byte at `at` (within
    /// `bytes`), those its next bytes allow.
    #[inline]
    pub(super) fn after_first(&self, bytes: &[u8], at: usize, mask: u64) -> u64 {
        match bytes.get(at + 1..at + HEAD_LEN) {
            Some(&[second, third, fourth]) => {
                mask & self.tables[1][usize::from(second)]
                    & self.tables[2][usize::from(third)]
                    & self.tables[3][usize::from(fourth)]
            }
            _ => {
                let mut mask = mask;
                for offset in 1..HEAD_LEN {
                    mask &= match bytes.get(at + offset) {
                        Some(&byte) => self.tables[offset][usize::from(byte)],
                        None => self.open[offset],
                    };
                }
                mask
            }
        }
    }

    /// Calls `visit` with the index of each head a bit of a mask from
    /// [`Heads::at`] stands for (the free bit standing for none).
    #[inline]
    pub(super) fn for_each(&self, mask: u64, mut visit: impl FnMut(usize)) {
        let mut bits = mask;
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let mut index = bit;
            while index < self.count {
                visit(index);
                index += HEAD_BITS;
            }
        }
    }
}

/// Whether the byte at `at` ends a character of the General Punctuation
/// block (U+2000 to U+206F: curly quotation marks, dashes, the ellipsis,
/// typographic spaces). No such character is part of a word token
/// ([`crate::syntax::tokens::is_word_char`]), so an ASCII letter after one
/// starts a token, and the walk over the tokens has been there: the
/// commonest characters outside ASCII in news copy need no second look.
pub(super) fn ends_general_punctuation(bytes: &[u8], at: usize) -> bool {
    // U+2000 to U+203F are E2 80 80 to E2 80 BF, U+2040 to U+206F are
    // E2 81 80 to E2 81 AF; the superscripts after them hold letters
    // ("ⁿ"), which words are made of.
    at >= 2
        && bytes[at - 2] == 0xE2
        && (bytes[at - 1] == 0x80 || (bytes[at - 1] == 0x81 && bytes[at] <= 0xAF))
}

/// Calls `visit` with the index of the last byte of each run of bytes
/// outside ASCII in `bytes`: only after one can an ASCII letter follow a
/// character outside ASCII. Blocks of 64 bytes all in ASCII, most of a
/// news text, are passed over whole; the others are read eight bytes at
/// a time, their top bits telling the runs' last bytes at once, where a
/// test of each byte took a dozen instructions.
pub(super) fn non_ascii_run_ends(bytes: &[u8], mut visit: impl FnMut(usize)) {
    const BLOCK: usize = 64;
    const TOP_BITS: u64 = 0x8080_8080_8080_8080;
    for (index, block) in bytes.chunks(BLOCK).enumerate() {
        if block.is_ascii() {
            continue;
        }
        for (offset, chunk) in block.chunks(8).enumerate() {
            let at = index * BLOCK + offset * 8;
            // Only the text's last chunk is short: past its end, zero
            // bytes, which are ASCII.
            let word = match <[u8; 8]>::try_from(chunk) {
                Ok(word) => word,
                Err(_) => {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    word
                }
            };
            let outside = u64::from_le_bytes(word) & TOP_BITS;
            if outside == 0 {
                continue;
            }
            // The top bit of the byte after each byte, that after the
            // chunk's last read from the next chunk.
            let after_last = bytes.get(at + 8).map_or(0, |&byte| u64::from(byte & 0x80));
            let next_outside = (outside >> 8) | (after_last << 56);
            let mut ends = outside & !next_outside;
            while ends != 0 {
                visit(at + ends.trailing_zeros() as usize / 8);
                ends &= ends - 1;
            }
        }
    }
}

/// The first eight bytes of a key word (fewer if it is shorter), to tell
/// in one comparison whether the text at a place starts with them.
#[derive(Clone, Copy, Debug)]
pub(super) struct KeyPrefix {
    bytes: u64,
    /// A byte of ones for each byte of the key compared.
    mask: u64,
    /// `0x20` at each letter of the key when case is ignored: set in the
    /// text's bytes, it lowers an ASCII capital and makes no other byte a
    /// lower-case letter.
    fold: u64,
}

impl KeyPrefix {
    /// `key` in lower case if `fold_case`.
    pub(super) fn new(key: &[u8], fold_case: bool) -> KeyPrefix {
        let mut bytes = [0u8; 8];
        let mut mask = [0u8; 8];
        let mut fold = [0u8; 8];
        for (index, &byte) in key.iter().take(8).enumerate() {
            bytes[index] = byte;
            mask[index] = 0xFF;
            if fold_case && byte.is_ascii_alphabetic() {
                fold[index] = 0x20;
            }
        }
        KeyPrefix {
            bytes: u64::from_le_bytes(bytes),
            mask: u64::from_le_bytes(mask),
            fold: u64::from_le_bytes(fold),
        }
    }

    /// Whether the bytes from `at` may start the key (the text's end read
    /// as zero bytes).
    #[inline]
    pub(super) fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let word = match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                let mut chunk = [0u8; 8];
                let rest = bytes.get(at..).unwrap_or_default();
                chunk[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(chunk)
            }
        };
        (word | self.fold) & self.mask == self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs' last bytes as a test of each byte tells them.
    fn run_ends_byte_by_byte(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&at| !bytes[at].is_ascii() && bytes.get(at + 1).is_none_or(u8::is_ascii))
            .collect()
    }

    #[test]
    fn non_ascii_run_ends_agree_with_a_test_of_each_byte() {
        let pieces: [&[u8]; 6] = [
            b"a",
            b" ",
            "\u{e9}".as_bytes(),
            "\u{201c}".as_bytes(),
            &[0xFF],
            b"\n",
        ];
        // Every length around the chunks' and blocks' edges, each text a
        // different mix of the pieces.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for length in 0..200 {
            for _ in 0..8 {
                let mut text = Vec::new();
                while text.len() < length {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    text.extend_from_slice(pieces[(state % 6) as usize]);
                }
                text.truncate(length);
                let mut found = Vec::new();
                non_ascii_run_ends(&text, |at| found.push(at));
                assert_eq!(found, run_ends_byte_by_byte(&text), "{text:?}");
            }
        }
        let all_outside = vec![0xC3u8; 130];
        let mut found = Vec::new();
        non_ascii_run_ends(&all_outside, |at| found.push(at));
        assert_eq!(found, vec![129]);
    }
}

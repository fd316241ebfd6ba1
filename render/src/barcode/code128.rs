//! Code 128 (ISO/IEC 15417): a value of ASCII characters becomes the shortest sequence of symbol
//! characters, then dark bars measured in modules.
//!
//! # Choosing code sets
//!
//! Code 128 has three code sets: A (ASCII 0–95: upper case, digits, punctuation and control
//! characters), B (ASCII 32–127: upper and lower case, digits, punctuation) and C (a pair of digits
//! per symbol). A symbol starts in one set (START A/B/C), may change set for the rest of the symbol
//! (CODE A/B/C, one symbol character) and, from A or B, may borrow the other of the two for one
//! character (SHIFT, one symbol character). [`encode`] picks the start set, the set changes and the
//! shifts that give the fewest symbol characters, by dynamic programming over (position, current
//! code set): from each state it tries, in this order, to stay in the set, change to C, B or A, or
//! SHIFT, and keeps the first of the cheapest. The fixed order makes the result deterministic and
//! prefers plain set changes over SHIFT and set C, then B, then A, when they cost the same. Odd
//! digit runs fall out of the search: the lone digit goes before or after the C run, whichever
//! saves a symbol.
//!
//! # Why not `barcoders`
//!
//! `barcoders` 2.0 (`sym::code128`) takes the start set and every set change as marker characters
//! in its input (`À`, `Ɓ`, `Ć` for A, B, C), so it could be fed the switches chosen here, but it
//! does not fit the rest of the job:
//! - it returns only the module bits; the symbol values and the check character are private, and
//!   [`Code128::symbols`] needs them;
//! - SHIFT cannot be expressed: its marker `Ž` gives value 98, but its parser keeps reading the next
//!   character in the current set, so a shifted character is rejected;
//! - it spells DEL (ASCII 127) in code set B as `÷` (U+00F7), so a DEL in the value would need
//!   rewriting first;
//! - every call returns a `Result` for input already validated here, which would leave an error
//!   path that cannot happen but still needs a variant or a panic.
//!
//! So the 107 bar/space patterns (six elements of eleven modules; STOP seven elements, thirteen
//! modules) and the modulo-103 check character are implemented here from the specification.
//! `barcoders` serves the tests instead: they check this pattern table against the one it draws,
//! compare every module of a symbol with what it draws for the same switches (for symbols without
//! SHIFT), and decode the bars with an independent decoder and with `rxing`'s Code 128 reader.

use crate::json::ToJson;

use super::BarcodeError;

/// The most characters [`encode`] accepts: longer values do not fit a cargo label at a scannable
/// module width.
pub const MAX_LEN: usize = 80;

const SHIFT: u8 = 98;
const CODE_C: u8 = 99;
/// CODE B in code sets A and C (in B the same value is FNC4, never emitted here).
const CODE_B: u8 = 100;
/// CODE A in code sets B and C (in A the same value is FNC4, never emitted here).
const CODE_A: u8 = 101;
const START_A: u8 = 103;
const START_B: u8 = 104;
const START_C: u8 = 105;
const STOP: u8 = 106;
const CHECK_MODULUS: u32 = 103;

/// Bar and space widths in modules of symbol values 0..=105, bar first; each adds up to 11.
const PATTERNS: [[u8; 6]; 106] = [
    [2, 1, 2, 2, 2, 2],
    [2, 2, 2, 1, 2, 2],
    [2, 2, 2, 2, 2, 1],
    [1, 2, 1, 2, 2, 3],
    [1, 2, 1, 3, 2, 2],
    [1, 3, 1, 2, 2, 2],
    [1, 2, 2, 2, 1, 3],
    [1, 2, 2, 3, 1, 2],
    [1, 3, 2, 2, 1, 2],
    [2, 2, 1, 2, 1, 3],
    [2, 2, 1, 3, 1, 2],
    [2, 3, 1, 2, 1, 2],
    [1, 1, 2, 2, 3, 2],
    [1, 2, 2, 1, 3, 2],
    [1, 2, 2, 2, 3, 1],
    [1, 1, 3, 2, 2, 2],
    [1, 2, 3, 1, 2, 2],
    [1, 2, 3, 2, 2, 1],
    [2, 2, 3, 2, 1, 1],
    [2, 2, 1, 1, 3, 2],
    [2, 2, 1, 2, 3, 1],
    [2, 1, 3, 2, 1, 2],
    [2, 2, 3, 1, 1, 2],
    [3, 1, 2, 1, 3, 1],
    [3, 1, 1, 2, 2, 2],
    [3, 2, 1, 1, 2, 2],
    [3, 2, 1, 2, 2, 1],
    [3, 1, 2, 2, 1, 2],
    [3, 2, 2, 1, 1, 2],
    [3, 2, 2, 2, 1, 1],
    [2, 1, 2, 1, 2, 3],
    [2, 1, 2, 3, 2, 1],
    [2, 3, 2, 1, 2, 1],
    [1, 1, 1, 3, 2, 3],
    [1, 3, 1, 1, 2, 3],
    [1, 3, 1, 3, 2, 1],
    [1, 1, 2, 3, 1, 3],
    [1, 3, 2, 1, 1, 3],
    [1, 3, 2, 3, 1, 1],
    [2, 1, 1, 3, 1, 3],
    [2, 3, 1, 1, 1, 3],
    [2, 3, 1, 3, 1, 1],
    [1, 1, 2, 1, 3, 3],
    [1, 1, 2, 3, 3, 1],
    [1, 3, 2, 1, 3, 1],
    [1, 1, 3, 1, 2, 3],
    [1, 1, 3, 3, 2, 1],
    [1, 3, 3, 1, 2, 1],
    [3, 1, 3, 1, 2, 1],
    [2, 1, 1, 3, 3, 1],
    [2, 3, 1, 1, 3, 1],
    [2, 1, 3, 1, 1, 3],
    [2, 1, 3, 3, 1, 1],
    [2, 1, 3, 1, 3, 1],
    [3, 1, 1, 1, 2, 3],
    [3, 1, 1, 3, 2, 1],
    [3, 3, 1, 1, 2, 1],
    [3, 1, 2, 1, 1, 3],
    [3, 1, 2, 3, 1, 1],
    [3, 3, 2, 1, 1, 1],
    [3, 1, 4, 1, 1, 1],
    [2, 2, 1, 4, 1, 1],
    [4, 3, 1, 1, 1, 1],
    [1, 1, 1, 2, 2, 4],
    [1, 1, 1, 4, 2, 2],
    [1, 2, 1, 1, 2, 4],
    [1, 2, 1, 4, 2, 1],
    [1, 4, 1, 1, 2, 2],
    [1, 4, 1, 2, 2, 1],
    [1, 1, 2, 2, 1, 4],
    [1, 1, 2, 4, 1, 2],
    [1, 2, 2, 1, 1, 4],
    [1, 2, 2, 4, 1, 1],
    [1, 4, 2, 1, 1, 2],
    [1, 4, 2, 2, 1, 1],
    [2, 4, 1, 2, 1, 1],
    [2, 2, 1, 1, 1, 4],
    [4, 1, 3, 1, 1, 1],
    [2, 4, 1, 1, 1, 2],
    [1, 3, 4, 1, 1, 1],
    [1, 1, 1, 2, 4, 2],
    [1, 2, 1, 1, 4, 2],
    [1, 2, 1, 2, 4, 1],
    [1, 1, 4, 2, 1, 2],
    [1, 2, 4, 1, 1, 2],
    [1, 2, 4, 2, 1, 1],
    [4, 1, 1, 2, 1, 2],
    [4, 2, 1, 1, 1, 2],
    [4, 2, 1, 2, 1, 1],
    [2, 1, 2, 1, 4, 1],
    [2, 1, 4, 1, 2, 1],
    [4, 1, 2, 1, 2, 1],
    [1, 1, 1, 1, 4, 3],
    [1, 1, 1, 3, 4, 1],
    [1, 3, 1, 1, 4, 1],
    [1, 1, 4, 1, 1, 3],
    [1, 1, 4, 3, 1, 1],
    [4, 1, 1, 1, 1, 3],
    [4, 1, 1, 3, 1, 1],
    [1, 1, 3, 1, 4, 1],
    [1, 1, 4, 1, 3, 1],
    [3, 1, 1, 1, 4, 1],
    [4, 1, 1, 1, 3, 1],
    [2, 1, 1, 4, 1, 2],
    [2, 1, 1, 2, 1, 4],
    [2, 1, 1, 2, 3, 2],
];

/// The STOP pattern: STOP proper and the terminating bar, 13 modules.
const STOP_PATTERN: [u8; 7] = [2, 3, 3, 1, 1, 1, 2];

/// A Code 128 symbol: the value it encodes and its symbol characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code128 {
    text: String,
    symbols: Vec<u8>,
}

/// A dark bar, in modules from the left edge of the symbol's first bar (no quiet zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ToJson)]
#[cfg_attr(any(test, feature = "testing"), derive(serde::Serialize))]
pub struct Bar {
    /// Where the bar begins, in modules from the left edge of the first bar.
    pub start: u32,
    /// How wide the bar is, in modules (1 to 4).
    pub width: u32,
}

impl Code128 {
    /// All symbol character values, 0..=106, in order: the start character, the data characters
    /// (with any CODE A/B/C and SHIFT characters), the check character and STOP.
    pub fn symbols(&self) -> &[u8] {
        &self.symbols
    }

    /// The number of symbol characters between the start character and the check character: data
    /// characters plus the CODE A/B/C and SHIFT characters among them. This is what [`encode`]
    /// makes as small as possible; the whole symbol has three more (start, check, STOP).
    pub fn data_symbol_count(&self) -> usize {
        self.symbols.len().saturating_sub(3)
    }

    /// The width of the symbol in modules, from the left edge of the first bar to the right edge of
    /// the last, quiet zones excluded: 11 per character from start to check character, plus 13 for
    /// STOP, i.e. `11 * (data_symbol_count() + 2) + 13`.
    pub fn module_count(&self) -> u32 {
        self.symbols
            .iter()
            .flat_map(|&value| pattern(value))
            .map(|&width| u32::from(width))
            .sum()
    }

    /// The dark bars from left to right, in modules; the gaps between them are the spaces.
    pub fn bars(&self) -> Vec<Bar> {
        let mut bars = Vec::with_capacity(self.symbols.len() * 3 + 1);
        let mut x = 0_u32;
        for &value in &self.symbols {
            for (element, &width) in pattern(value).iter().enumerate() {
                let width = u32::from(width);
                if element % 2 == 0 {
                    bars.push(Bar { start: x, width });
                }
                x += width;
            }
        }
        bars
    }

    /// The encoded value, as given to [`encode`].
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The element widths of a symbol value: six for 0..=105, seven for STOP, none for anything else.
fn pattern(value: u8) -> &'static [u8] {
    if value == STOP {
        &STOP_PATTERN
    } else {
        PATTERNS
            .get(usize::from(value))
            .map_or(&[], |widths| widths.as_slice())
    }
}

/// Encodes `data` as Code 128 with the fewest symbol characters.
///
/// # Errors
///
/// Checked in this order, the first failure returned: [`BarcodeError::Empty`] for an empty value,
/// [`BarcodeError::TooLong`] for more than [`MAX_LEN`] characters, [`BarcodeError::Unencodable`]
/// for the first character outside ASCII 0..=127.
pub fn encode(data: &str) -> Result<Code128, BarcodeError> {
    if data.is_empty() {
        return Err(BarcodeError::Empty);
    }
    let len = data.chars().count();
    if len > MAX_LEN {
        return Err(BarcodeError::TooLong { len, max: MAX_LEN });
    }
    if let Some((index, ch)) = data.chars().enumerate().find(|(_, ch)| !ch.is_ascii()) {
        return Err(BarcodeError::Unencodable { ch, index });
    }
    // All ASCII from here on: byte positions are character positions.
    let bytes = data.as_bytes();
    let symbols = if bytes.len() % 2 == 0 && bytes.iter().all(u8::is_ascii_digit) {
        digit_pairs(bytes)
    } else {
        searched(bytes)
    };
    Ok(finish(data, symbols))
}

/// Start C and the digit pairs of an even run of digits (Ozon's 14-digit lower barcode): what the
/// search finds for it, since no symbol carries more than two digits, without the search.
fn digit_pairs(bytes: &[u8]) -> Vec<u8> {
    let mut symbols = Vec::with_capacity(bytes.len() / 2 + 3);
    symbols.push(START_C);
    symbols.extend(
        bytes
            .chunks_exact(2)
            .map(|pair| pair.iter().fold(0, |n, digit| n * 10 + (digit - b'0'))),
    );
    symbols
}

/// The start and data characters of the fewest symbols for ASCII `bytes`, found by the search.
fn searched(bytes: &[u8]) -> Vec<u8> {
    let plan = plan(bytes);
    // `min_by_key` keeps the first of equal candidates, so ties go by `CodeSet::ALL`'s order.
    let start = CodeSet::ALL
        .into_iter()
        .filter_map(|set| Some((rest_cost(&plan, 0, set)?, set)))
        .min_by_key(|&(cost, _)| cost)
        .map_or(CodeSet::B, |(_, set)| set);

    let mut symbols = Vec::with_capacity(bytes.len() * 2 + 3);
    symbols.push(start.start_symbol());
    let (mut position, mut set) = (0, start);
    while let Some(step) = plan.get(position).and_then(|row| row.get(set)) {
        symbols.extend(step.prefix);
        symbols.push(step.value);
        (position, set) = (step.next, step.set);
    }
    symbols
}

/// Appends the check character and STOP to `symbols` (start and data characters).
fn finish(data: &str, mut symbols: Vec<u8>) -> Code128 {
    // The start character weighs 1, like the first data character after it.
    let weights = std::iter::once(1_u32).chain(1..);
    let check = symbols
        .iter()
        .zip(weights)
        .fold(0_u32, |sum, (&value, weight)| {
            (sum + weight * u32::from(value)) % CHECK_MODULUS
        });
    // Below 103, so it fits.
    symbols.push(check as u8);
    symbols.push(STOP);
    Code128 {
        text: data.to_owned(),
        symbols,
    }
}

/// A Code 128 code set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeSet {
    A,
    B,
    C,
}

impl CodeSet {
    /// Every code set, in the order ties are broken: C packs digits, B is the usual set for text.
    const ALL: [CodeSet; 3] = [CodeSet::C, CodeSet::B, CodeSet::A];

    fn start_symbol(self) -> u8 {
        match self {
            CodeSet::A => START_A,
            CodeSet::B => START_B,
            CodeSet::C => START_C,
        }
    }

    /// The character that changes to this set; it has the same value in both other sets.
    fn switch_symbol(self) -> u8 {
        match self {
            CodeSet::A => CODE_A,
            CodeSet::B => CODE_B,
            CodeSet::C => CODE_C,
        }
    }

    /// The set a SHIFT in this set borrows one character from.
    fn shifted(self) -> Option<CodeSet> {
        match self {
            CodeSet::A => Some(CodeSet::B),
            CodeSet::B => Some(CodeSet::A),
            CodeSet::C => None,
        }
    }

    /// The symbol value of the character(s) at `position` in this set, and the position after them.
    fn unit(self, bytes: &[u8], position: usize) -> Option<(u8, usize)> {
        let first = *bytes.get(position)?;
        match self {
            CodeSet::A => match first {
                0..=31 => Some((first + 64, position + 1)),
                32..=95 => Some((first - 32, position + 1)),
                _ => None,
            },
            CodeSet::B => (32..=127)
                .contains(&first)
                .then(|| (first - 32, position + 1)),
            CodeSet::C => {
                let second = *bytes.get(position + 1)?;
                (first.is_ascii_digit() && second.is_ascii_digit())
                    .then(|| ((first - b'0') * 10 + (second - b'0'), position + 2))
            }
        }
    }
}

/// The cheapest way on from one (position, code set) state.
#[derive(Debug, Clone, Copy)]
struct Step {
    /// Symbol characters from here to the end of the data.
    cost: u32,
    /// A CODE A/B/C or SHIFT character before the data character.
    prefix: Option<u8>,
    /// The data character.
    value: u8,
    /// The position after the data character.
    next: usize,
    /// The code set after it.
    set: CodeSet,
}

/// The cheapest step on from one position, for each code set the encoder may be in there.
#[derive(Debug, Clone, Copy, Default)]
struct Row {
    a: Option<Step>,
    b: Option<Step>,
    c: Option<Step>,
}

impl Row {
    fn get(&self, set: CodeSet) -> Option<Step> {
        match set {
            CodeSet::A => self.a,
            CodeSet::B => self.b,
            CodeSet::C => self.c,
        }
    }

    fn set(&mut self, set: CodeSet, step: Option<Step>) {
        match set {
            CodeSet::A => self.a = step,
            CodeSet::B => self.b = step,
            CodeSet::C => self.c = step,
        }
    }
}

type Plan = Vec<Row>;

/// For every position and current code set, the cheapest step on (computed from the end backwards).
fn plan(bytes: &[u8]) -> Plan {
    let mut plan: Plan = vec![Row::default(); bytes.len()];
    for position in (0..bytes.len()).rev() {
        let mut row = Row::default();
        for set in CodeSet::ALL {
            row.set(set, best_step(&plan, bytes, position, set));
        }
        if let Some(slot) = plan.get_mut(position) {
            *slot = row;
        }
    }
    plan
}

fn best_step(plan: &Plan, bytes: &[u8], position: usize, set: CodeSet) -> Option<Step> {
    // Plain loops rather than iterator adaptors: this runs for every character of every barcode, and
    // in the size-optimised wasm build the adaptor chain cost more than the search itself.
    let stay = step(plan, bytes, position, None, set, set);
    let mut best = stay;
    for other in CodeSet::ALL {
        if other != set {
            let switch = step(
                plan,
                bytes,
                position,
                Some(other.switch_symbol()),
                other,
                other,
            );
            keep_cheaper(&mut best, switch);
        }
    }
    // SHIFT only for a character the current set lacks: otherwise staying is one symbol cheaper.
    if stay.is_none() {
        if let Some(borrowed) = set.shifted() {
            let shift = step(plan, bytes, position, Some(SHIFT), borrowed, set);
            keep_cheaper(&mut best, shift);
        }
    }
    best
}

/// The step that writes the unit at `position` in `unit_set` (after `prefix`) and goes on in
/// `set_after`, if both are possible.
fn step(
    plan: &Plan,
    bytes: &[u8],
    position: usize,
    prefix: Option<u8>,
    unit_set: CodeSet,
    set_after: CodeSet,
) -> Option<Step> {
    let (value, next) = unit_set.unit(bytes, position)?;
    let cost = 1 + u32::from(prefix.is_some()) + rest_cost(plan, next, set_after)?;
    Some(Step {
        cost,
        prefix,
        value,
        next,
        set: set_after,
    })
}

/// Keeps `best` unless `candidate` is strictly cheaper: the first of equal candidates wins, and the
/// order they are offered in is the tie-breaking order.
fn keep_cheaper(best: &mut Option<Step>, candidate: Option<Step>) {
    if let Some(candidate) = candidate {
        if best.is_none_or(|best| candidate.cost < best.cost) {
            *best = Some(candidate);
        }
    }
}

/// Symbol characters needed from `position` on in `set`, or `None` if the set cannot go on there.
fn rest_cost(plan: &Plan, position: usize, set: CodeSet) -> Option<u32> {
    if position == plan.len() {
        return Some(0);
    }
    plan.get(position)?.get(set).map(|step| step.cost)
}

#[cfg(test)]
mod tests;

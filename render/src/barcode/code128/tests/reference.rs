//! Test-only references that share nothing with the encoder: a bar pattern table taken from the
//! `barcoders` crate, a decoder from modules back to text, and a brute-force search for the fewest
//! symbol characters.

use std::collections::HashMap;

/// Run lengths of alternating colours, starting with the first module's colour.
pub fn runs<T: PartialEq>(modules: &[T]) -> Vec<u32> {
    let mut runs: Vec<u32> = Vec::new();
    for (i, module) in modules.iter().enumerate() {
        if i > 0 && modules[i - 1] == *module {
            *runs.last_mut().unwrap() += 1;
        } else {
            runs.push(1);
        }
    }
    runs
}

/// `barcoders`' module bits for an input in its marker syntax.
pub fn barcoders_modules(markup: &str) -> Vec<u8> {
    barcoders::sym::code128::Code128::new(markup)
        .unwrap_or_else(|e| panic!("barcoders rejects {markup:?}: {e:?}"))
        .encode()
}

/// Element widths → symbol value for 0..=105, read off symbols that `barcoders` draws; STOP as 106.
pub fn pattern_table() -> HashMap<Vec<u32>, u8> {
    let symbol_at = |markup: &str, index: usize| {
        let modules = barcoders_modules(markup);
        runs(&modules[index * 11..(index + 1) * 11])
    };
    let mut table = HashMap::new();
    for value in 0..=99_u8 {
        table.insert(symbol_at(&format!("Ć{value:02}"), 1), value);
    }
    table.insert(symbol_at("ĆƁ", 1), 100); // CODE B in set C
    table.insert(symbol_at("ĆÀ", 1), 101); // CODE A in set C
    table.insert(symbol_at("ĆŹ", 1), 102); // FNC1
    table.insert(symbol_at("ÀA", 0), 103);
    table.insert(symbol_at("ƁA", 0), 104);
    table.insert(symbol_at("Ć00", 0), 105);
    let modules = barcoders_modules("ƁA");
    table.insert(runs(&modules[modules.len() - 13..]), 106);
    assert_eq!(table.len(), 107, "barcoders gives 107 distinct patterns");
    table
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Set {
    A,
    B,
    C,
}

/// What a symbol-value sequence means.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The same symbol in `barcoders`' marker syntax, if it has no SHIFT (which that syntax lacks).
    pub markup: Option<String>,
}

/// Interprets a start character and data characters (no check character, no STOP).
pub fn interpret(values: &[u8]) -> Result<Decoded, String> {
    let (&start, data) = values.split_first().ok_or("no start character")?;
    let (mut set, mut markup) = match start {
        103 => (Set::A, String::from("À")),
        104 => (Set::B, String::from("Ɓ")),
        105 => (Set::C, String::from("Ć")),
        other => return Err(format!("{other} is not a start character")),
    };
    let mut has_shift = false;
    let mut shifted = false;
    let mut text = String::new();
    for &value in data {
        let this_set = match (set, shifted) {
            (Set::A, true) => Set::B,
            (Set::B, true) => Set::A,
            (s, _) => s,
        };
        let was_shifted = std::mem::take(&mut shifted);
        let ch = match (this_set, value) {
            (Set::A, 0..=63) => char::from(value + 32),
            (Set::A, 64..=95) => char::from(value - 64),
            (Set::B, 0..=95) => char::from(value + 32),
            (Set::C, 0..=99) => {
                text.push_str(&format!("{value:02}"));
                markup.push_str(&format!("{value:02}"));
                continue;
            }
            (_, _) if was_shifted => return Err(format!("{value} after SHIFT")),
            (Set::A | Set::B, 98) => {
                has_shift = true;
                shifted = true;
                continue;
            }
            (Set::A | Set::B, 99) => {
                set = Set::C;
                markup.push('Ć');
                continue;
            }
            (Set::A | Set::C, 100) => {
                set = Set::B;
                markup.push('Ɓ');
                continue;
            }
            (Set::B | Set::C, 101) => {
                set = Set::A;
                markup.push('À');
                continue;
            }
            (_, other) => return Err(format!("unexpected value {other} in set {this_set:?}")),
        };
        text.push(ch);
        // barcoders spells DEL in set B as '÷'.
        markup.push(if ch == '\x7f' { '÷' } else { ch });
    }
    if shifted {
        return Err("SHIFT at the end".into());
    }
    Ok(Decoded {
        text,
        markup: (!has_shift).then_some(markup),
    })
}

/// The modulo-103 check character of a start character and data characters.
pub fn check_value(values: &[u8]) -> u8 {
    let sum: u64 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| i.max(1) as u64 * u64::from(v))
        .sum();
    (sum % 103) as u8
}

/// Decodes dark/light modules (no quiet zone) to text, checking structure and check character.
pub fn decode(modules: &[bool], table: &HashMap<Vec<u32>, u8>) -> Result<String, String> {
    if modules.first() != Some(&true) || modules.last() != Some(&true) {
        return Err("the symbol must begin and end with a bar".into());
    }
    let runs = runs(modules);
    if runs.len() < 7 || (runs.len() - 7) % 6 != 0 {
        return Err(format!("{} elements do not make whole symbols", runs.len()));
    }
    let (body, stop) = runs.split_at(runs.len() - 7);
    if table.get(stop) != Some(&106) {
        return Err(format!("{stop:?} is not STOP"));
    }
    let values = body
        .chunks(6)
        .map(|widths| {
            table
                .get(widths)
                .copied()
                .filter(|&v| v != 106)
                .ok_or(format!("{widths:?} is no symbol"))
        })
        .collect::<Result<Vec<u8>, String>>()?;
    let (&check, values) = values.split_last().ok_or("no check character")?;
    if values.len() < 2 {
        return Err("no data".into());
    }
    if check != check_value(values) {
        return Err(format!("check character {check} is wrong"));
    }
    Ok(interpret(values)?.text)
}

/// Dark/light modules drawn from bars.
pub fn modules_of(bars: &[crate::barcode::Bar], width: u32) -> Vec<bool> {
    let mut modules = vec![false; width as usize];
    for bar in bars {
        for x in bar.start..bar.start + bar.width {
            modules[x as usize] = true;
        }
    }
    modules
}

/// The fewest data symbol characters (start, check and STOP excluded) for `text`, found by trying
/// every start set, every code-set change before every character and every SHIFT, and a fewest
/// sequence (start character included). Branches no shorter than the best so far are cut.
pub fn brute_force(text: &[u8]) -> (usize, Vec<u8>) {
    fn value_in(set: Set, text: &[u8], i: usize) -> Option<(u8, usize)> {
        let b = text[i];
        match set {
            Set::A if b < 32 => Some((b + 64, 1)),
            Set::A if b < 96 => Some((b - 32, 1)),
            Set::B if b >= 32 => Some((b - 32, 1)),
            Set::C if i + 1 < text.len() && b.is_ascii_digit() && text[i + 1].is_ascii_digit() => {
                Some(((b - b'0') * 10 + text[i + 1] - b'0', 2))
            }
            _ => None,
        }
    }
    fn search(text: &[u8], i: usize, set: Set, acc: &mut Vec<u8>, best: &mut Option<Vec<u8>>) {
        if best.as_ref().is_some_and(|b| acc.len() >= b.len()) {
            return;
        }
        if i == text.len() {
            *best = Some(acc.clone());
            return;
        }
        for target in [Set::A, Set::B, Set::C] {
            let Some((value, used)) = value_in(target, text, i) else {
                continue;
            };
            let mark = acc.len();
            if target != set {
                acc.push(match target {
                    Set::A => 101,
                    Set::B => 100,
                    Set::C => 99,
                });
            }
            acc.push(value);
            search(text, i + used, target, acc, best);
            acc.truncate(mark);
        }
        let other = match set {
            Set::A => Set::B,
            Set::B => Set::A,
            Set::C => return,
        };
        // SHIFT before a character the current set also has is never shorter than plain.
        if value_in(set, text, i).is_none() {
            if let Some((value, _)) = value_in(other, text, i) {
                acc.extend([98, value]);
                search(text, i + 1, set, acc, best);
                acc.truncate(acc.len() - 2);
            }
        }
    }
    let mut best: Option<Vec<u8>> = None;
    for (set, start) in [(Set::A, 103), (Set::B, 104), (Set::C, 105)] {
        let mut acc = vec![start];
        search(text, 0, set, &mut acc, &mut best);
    }
    let best = best.expect("every ASCII text has an encoding");
    (best.len() - 1, best)
}

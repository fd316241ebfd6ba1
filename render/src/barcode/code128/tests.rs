use std::collections::HashMap;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;

mod reference;

fn table() -> &'static HashMap<Vec<u32>, u8> {
    static TABLE: OnceLock<HashMap<Vec<u32>, u8>> = OnceLock::new();
    TABLE.get_or_init(reference::pattern_table)
}

fn modules(code: &Code128) -> Vec<bool> {
    reference::modules_of(&code.bars(), code.module_count())
}

/// Decodes the drawn bars with the reference decoder.
fn decode(code: &Code128) -> Result<String, String> {
    reference::decode(&modules(code), table())
}

/// Checks everything one encoding must satisfy; returns it for further checks.
fn encode_checked(text: &str) -> Code128 {
    let code = encode(text).unwrap();
    assert_eq!(code.text(), text);
    assert_eq!(decode(&code).as_deref(), Ok(text), "{code:?}");
    let symbols = code.symbols();
    assert_eq!(code.data_symbol_count() + 3, symbols.len());
    assert!(symbols.iter().all(|&v| v <= 106));
    let n = u32::try_from(code.data_symbol_count()).unwrap();
    assert_eq!(code.module_count(), 11 * (n + 2) + 13);
    let last = code.bars().last().copied().unwrap();
    assert_eq!(last.start + last.width, code.module_count());
    code
}

/// The same symbol as `barcoders` draws it, module for module, when it can be spelled for it.
fn assert_same_as_barcoders(code: &Code128) {
    let symbols = code.symbols();
    let decoded = reference::interpret(&symbols[..symbols.len() - 2]).unwrap();
    let Some(markup) = decoded.markup else {
        return; // SHIFT has no spelling in barcoders.
    };
    let theirs: Vec<bool> = reference::barcoders_modules(&markup)
        .into_iter()
        .map(|m| m == 1)
        .collect();
    assert_eq!(modules(code), theirs, "{markup:?}");
}

fn ascii_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => proptest::char::range('0', '9'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('\0', '\x1f'),
        1 => proptest::char::range(' ', '\x7f'),
    ];
    proptest::collection::vec(ch, 1..=48).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #[test]
    fn random_values_round_trip_and_are_minimal(text in ascii_text()) {
        let code = encode_checked(&text);
        assert_same_as_barcoders(&code);
        if text.len() <= 8 {
            let (minimum, _) = reference::brute_force(text.as_bytes());
            prop_assert_eq!(code.data_symbol_count(), minimum);
        }
    }
}

#[test]
fn empty_value_is_rejected() {
    assert_eq!(encode(""), Err(BarcodeError::Empty));
}

#[test]
fn length_is_counted_in_characters() {
    assert!(encode(&"7".repeat(MAX_LEN)).is_ok());
    assert_eq!(
        encode(&"7".repeat(MAX_LEN + 1)),
        Err(BarcodeError::TooLong {
            len: 81,
            max: MAX_LEN
        })
    );
    // 80 two-byte characters are 160 bytes but not too long.
    assert_eq!(
        encode(&"Ж".repeat(MAX_LEN)),
        Err(BarcodeError::Unencodable { ch: 'Ж', index: 0 })
    );
}

#[test]
fn first_non_ascii_character_is_reported_by_char_index() {
    assert_eq!(
        encode("AB-Ж1"),
        Err(BarcodeError::Unencodable { ch: 'Ж', index: 3 })
    );
    assert_eq!(
        encode("caf\u{e9}"),
        Err(BarcodeError::Unencodable {
            ch: '\u{e9}',
            index: 3
        })
    );
    assert_eq!(
        encode("\u{80}"),
        Err(BarcodeError::Unencodable {
            ch: '\u{80}',
            index: 0
        })
    );
}

#[test]
fn ozon_upper_barcode() {
    let code = encode_checked("%101%806044518");
    // B: % 1 0 1 % 8, then C: 06 04 45 18. Putting the odd digit 8 before the C run saves the
    // CODE B that putting it after would cost.
    // Check: 104 + 1·5 + 2·17 + 3·16 + 4·17 + 5·5 + 6·24 + 7·99 + 8·6 + 9·4 + 10·45 + 11·18
    // = 1853 = 17·103 + 102.
    assert_eq!(
        code.symbols(),
        [104, 5, 17, 16, 17, 5, 24, 99, 6, 4, 45, 18, 102, 106]
    );
    assert_eq!(code.data_symbol_count(), 11);
    assert_eq!(code.module_count(), 156);
}

#[test]
fn ozon_lower_barcode() {
    let code = encode_checked("23024930500000");
    // Check: 105 + 23 + 2·2 + 3·49 + 4·30 + 5·50 + 6·0 + 7·0 = 649 = 6·103 + 31.
    assert_eq!(code.symbols(), [105, 23, 2, 49, 30, 50, 0, 0, 31, 106]);
    assert_eq!(code.data_symbol_count(), 7);
}

#[test]
fn odd_digit_runs_put_the_lone_digit_where_it_is_cheaper() {
    // Seven digits: three pairs and one digit in B (5 symbols) beats seven in B.
    // Check: 105 + 12 + 2·34 + 3·56 + 4·100 + 5·23 = 868 = 8·103 + 44.
    assert_eq!(
        encode_checked("1234567").symbols(),
        [105, 12, 34, 56, 100, 23, 44, 106]
    );
    // Lone digit first when text comes before the digits...
    assert_eq!(
        &encode_checked("a12345").symbols()[..6],
        [104, 65, 17, 99, 23, 45]
    );
    // ...and last when text comes after them.
    assert_eq!(
        &encode_checked("12345a").symbols()[..6],
        [105, 12, 34, 100, 21, 65]
    );
}

#[test]
fn short_digit_runs_stay_in_b_on_a_tie() {
    // B a C 12 34 B b and B a 1 2 3 4 b are both 6 symbols: staying wins the tie.
    let code = encode_checked("a1234b");
    assert_eq!(code.symbols()[..7], [104, 65, 17, 18, 19, 20, 66]);
    // Upper-case text ties between A and B: B wins.
    assert_eq!(encode_checked("OZON").symbols()[0], 104);
}

#[test]
fn shift_borrows_one_character_from_the_other_set() {
    // B a SHIFT ␁ b: 4 symbols, against 5 with CODE A ... CODE B.
    assert_eq!(
        &encode_checked("a\x01b").symbols()[..5],
        [104, 65, 98, 65, 66]
    );
    // A ␁ SHIFT a ␂.
    assert_eq!(
        &encode_checked("\x01a\x02").symbols()[..5],
        [103, 65, 98, 65, 66]
    );
    // Two control characters in a row: one CODE A is cheaper than two SHIFTs.
    assert_eq!(
        &encode_checked("a\x01\x02b").symbols()[..7],
        [104, 65, 101, 65, 66, 100, 66]
    );
}

#[test]
fn check_character_of_a_known_example() {
    // "PJJ123C" is all in set B: 104 + 1·48 + 2·42 + 3·42 + 4·17 + 5·18 + 6·19 + 7·35
    // = 879 = 8·103 + 55.
    assert_eq!(
        encode_checked("PJJ123C").symbols(),
        [104, 48, 42, 42, 17, 18, 19, 35, 55, 106]
    );
}

#[test]
fn every_ascii_character_round_trips() {
    for byte in 0..=127_u8 {
        let text = char::from(byte).to_string();
        let code = encode_checked(&text);
        assert_eq!(code.data_symbol_count(), 1, "{byte}");
        assert_same_as_barcoders(&code);
    }
    let all: String = (0..=127_u8).map(char::from).collect();
    for chunk in all.as_bytes().chunks(MAX_LEN) {
        let text = std::str::from_utf8(chunk).unwrap();
        assert_same_as_barcoders(&encode_checked(text));
    }
}

#[test]
fn pattern_table_matches_barcoders() {
    let mut seen = HashMap::new();
    for value in 0..=106_u8 {
        let widths: Vec<u32> = pattern(value).iter().map(|&w| u32::from(w)).collect();
        let total: u32 = widths.iter().sum();
        assert_eq!(total, if value == STOP { 13 } else { 11 }, "{value}");
        assert!(widths.iter().all(|w| (1..=4).contains(w)), "{value}");
        assert_eq!(table().get(&widths), Some(&value), "{value}: {widths:?}");
        assert_eq!(seen.insert(widths, value), None);
    }
    assert!(pattern(107).is_empty());
}

#[test]
fn bars_are_separated_by_spaces() {
    let code = encode_checked("%101%806044518");
    let bars = code.bars();
    assert_eq!(bars.first(), Some(&Bar { start: 0, width: 2 }));
    // 3 bars per character, 4 in STOP.
    assert_eq!(bars.len(), 3 * (code.symbols().len() - 1) + 4);
    for pair in bars.windows(2) {
        assert!(pair[0].start + pair[0].width < pair[1].start, "{pair:?}");
    }
}

#[test]
fn reference_decoder_rejects_damage() {
    let code = encode_checked("OZON-42");
    let clean = modules(&code);
    // Swapping two data characters keeps every pattern valid but breaks the check character.
    let mut swapped = clean.clone();
    let (first, second) = (11..22, 22..33);
    let a: Vec<bool> = swapped[first.clone()].to_vec();
    let b: Vec<bool> = swapped[second.clone()].to_vec();
    swapped[first].copy_from_slice(&b);
    swapped[second].copy_from_slice(&a);
    assert!(reference::decode(&swapped, table())
        .unwrap_err()
        .contains("check character"));
    // Widening one bar breaks its pattern.
    let mut widened = clean.clone();
    widened.insert(1, true);
    assert!(reference::decode(&widened, table()).is_err());
}

/// Every string of length 1 to 5 over a small mixed alphabet, then digit-heavy strings of length 6
/// to 8, then pseudo-random strings of length 1 to 8: the encoder never uses more symbol
/// characters than the brute-force minimum.
#[test]
fn dynamic_programming_matches_brute_force() {
    fn check(text: &[u8]) {
        let text = std::str::from_utf8(text).unwrap();
        let (minimum, example) = reference::brute_force(text.as_bytes());
        assert_eq!(
            reference::interpret(&example).map(|d| d.text).as_deref(),
            Ok(text),
            "the brute-force example must spell the text"
        );
        let code = encode(text).unwrap();
        assert_eq!(code.data_symbol_count(), minimum, "{text:?}: {example:?}");
        assert_eq!(decode(&code).as_deref(), Ok(text));
    }
    fn all_strings(alphabet: &[u8], len: usize, prefix: &mut Vec<u8>, f: &mut impl FnMut(&[u8])) {
        if prefix.len() == len {
            f(prefix);
            return;
        }
        for &c in alphabet {
            prefix.push(c);
            all_strings(alphabet, len, prefix, f);
            prefix.pop();
        }
    }
    let mut checked = 0;
    let mut count = |text: &[u8]| {
        check(text);
        checked += 1;
    };
    for len in 1..=5 {
        all_strings(b"17Aa\x01% ", len, &mut Vec::new(), &mut count);
    }
    for len in 6..=8 {
        all_strings(b"05a\x01", len, &mut Vec::new(), &mut count);
    }
    // xorshift: a fixed sequence, so a failure reproduces.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"0123456789ABCZaz\x00\x01\x1f\x7f% ~";
    for _ in 0..3000 {
        let len = 1 + (next() % 8) as usize;
        let text: Vec<u8> = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        count(&text);
    }
    assert_eq!(
        checked,
        7 + 49 + 343 + 2401 + 16807 + 4096 + 16384 + 65536 + 3000
    );
}

/// Draws the symbol as a grey-scale image, 3 pixels per module with 10-module quiet zones, and
/// reads it back with rxing's Code 128 reader.
fn read_with_rxing(code: &Code128) -> String {
    const PX: u32 = 3;
    const QUIET: u32 = 10;
    const HEIGHT: u32 = 60;
    let width = (code.module_count() + 2 * QUIET) * PX;
    let mut row = vec![255_u8; width as usize];
    for bar in code.bars() {
        let from = ((QUIET + bar.start) * PX) as usize;
        let to = ((QUIET + bar.start + bar.width) * PX) as usize;
        row[from..to].fill(0);
    }
    let image: Vec<u8> = (0..HEIGHT).flat_map(|_| row.iter().copied()).collect();
    let result =
        rxing::helpers::detect_in_luma(image, width, HEIGHT, Some(rxing::BarcodeFormat::CODE_128))
            .unwrap_or_else(|e| panic!("rxing cannot read {:?}: {e:?}", code.text()));
    result.getText().to_owned()
}

#[test]
fn rxing_reads_what_is_drawn() {
    for text in [
        "%101%806044518",
        "23024930500000",
        "1234567",
        "a12345",
        "PJJ123C",
        "OZON-42 fbs/2024",
        "a\x01b",
        "\x01a\x02",
        "x\x7fy",
        "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
    ] {
        let code = encode_checked(text);
        assert_eq!(read_with_rxing(&code), text, "{:?}", code.symbols());
    }
}

#[test]
fn even_digit_runs_take_the_searchs_answer_without_searching() {
    let mut x: u64 = 0x1234_5678_9ABC_DEF1;
    for len in (2..=48).step_by(2) {
        for _ in 0..50 {
            let digits: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    b'0' + (x % 10) as u8
                })
                .collect();
            assert_eq!(digit_pairs(&digits), searched(&digits), "{digits:?}");
        }
    }
    assert_eq!(digit_pairs(b"0000"), searched(b"0000"));
    assert_eq!(digit_pairs(b"9999"), searched(b"9999"));
}

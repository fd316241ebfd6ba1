//! Case-insensitive matching of the Latin and Cyrillic words the crate looks for in seller text,
//! without `str::to_lowercase`'s Unicode case tables in the module.

/// `c` in lower case when it is a Latin (A–Z) or Cyrillic (U+0400–U+042F) capital, else `c`.
pub fn fold_case(c: char) -> char {
    let shift = match c {
        'A'..='Z' | 'А'..='Я' => 0x20,
        'Ѐ'..='Џ' => 0x50,
        _ => 0,
    };
    char::from_u32(u32::from(c) + shift).unwrap_or(c)
}

/// `text` with its Latin and Cyrillic capitals in lower case (see [`fold_case`]).
pub fn lower_case(text: &str) -> String {
    text.chars().map(fold_case).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_cyrillic_fold_as_to_lowercase_does() {
        // The capitals it folds fold as Unicode says; every other character is left alone.
        for c in '\u{0}'..='\u{4ff}' {
            let lower: String = c.to_lowercase().collect();
            if lower.chars().count() == 1 && (c.is_ascii() || ('\u{400}'..='\u{42f}').contains(&c))
            {
                assert_eq!(fold_case(c).to_string(), lower, "{c:?}");
            } else {
                assert_eq!(fold_case(c), c, "{c:?}");
            }
        }
        assert_eq!(lower_case("ЧЁРНОЕ Black Ѓ"), "чёрное black ѓ");
    }
}

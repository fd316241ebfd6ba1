//! Which characters of label text reach the font: controls and invisible format characters are dropped,
//! line breaks, tabs and Unicode spaces become a plain space, and a letter followed by a combining accent
//! is composed into the precomposed letter the font has (text typed on macOS arrives decomposed: "й" as
//! "и" + U+0306).

/// What one character of input text becomes before glyph lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// Control, bidi or other invisible format character: nothing is drawn and nothing is passed on.
    Dropped,
    /// A line break, tab or Unicode space: drawn as a plain space.
    Space,
    /// A character to look up in the font.
    Visible(char),
}

/// Classifies one character (without looking at its neighbours).
pub(crate) fn classify(ch: char) -> CharClass {
    // Printable ASCII and Cyrillic, nearly all label text, skip the range tests below.
    if matches!(ch, ' '..='~' | '\u{0400}'..='\u{04FF}') {
        return CharClass::Visible(ch);
    }
    match ch {
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
            CharClass::Space
        }
        '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            CharClass::Space
        }
        // C0 and C1 controls and DEL.
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        // Soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer inherent
        // vowels, Mongolian variation selectors and vowel separator.
        | '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        // Zero-width space, non-joiner, joiner; left-to-right and right-to-left marks.
        | '\u{200B}'..='\u{200F}'
        // Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO).
        | '\u{202A}'..='\u{202E}'
        // Word joiner, invisible operators, bidi isolates (LRI, RLI, FSI, PDI), deprecated format controls.
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        // Interlinear annotation controls.
        | '\u{FFF9}'..='\u{FFFB}'
        // Shorthand format controls, musical symbol format controls.
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        // Tags and variation selectors supplement.
        | '\u{E0000}'..='\u{E0FFF}' => CharClass::Dropped,
        _ => CharClass::Visible(ch),
    }
}

/// The precomposed letter for `base` followed by the combining mark `mark`, if the font has one.
pub(crate) fn compose(base: char, mark: char) -> Option<char> {
    COMPOSITIONS
        .binary_search_by(|&(b, m, _)| (b, m).cmp(&(base, mark)))
        .ok()
        .and_then(|index| COMPOSITIONS.get(index))
        .map(|&(_, _, composed)| composed)
}

/// Canonical compositions of one letter and one combining mark (U+0300–U+036F) whose result the embedded
/// font has, sorted by (base, mark). Generated from Unicode's decomposition data for the subset's cmap.
const COMPOSITIONS: [(char, char, char); 69] = [
    ('A', '\u{0300}', 'À'),
    ('A', '\u{0301}', 'Á'),
    ('A', '\u{0302}', 'Â'),
    ('A', '\u{0303}', 'Ã'),
    ('A', '\u{0308}', 'Ä'),
    ('A', '\u{030A}', 'Å'),
    ('C', '\u{0327}', 'Ç'),
    ('E', '\u{0300}', 'È'),
    ('E', '\u{0301}', 'É'),
    ('E', '\u{0302}', 'Ê'),
    ('E', '\u{0308}', 'Ë'),
    ('I', '\u{0300}', 'Ì'),
    ('I', '\u{0301}', 'Í'),
    ('I', '\u{0302}', 'Î'),
    ('I', '\u{0308}', 'Ï'),
    ('N', '\u{0303}', 'Ñ'),
    ('O', '\u{0300}', 'Ò'),
    ('O', '\u{0301}', 'Ó'),
    ('O', '\u{0302}', 'Ô'),
    ('O', '\u{0303}', 'Õ'),
    ('O', '\u{0308}', 'Ö'),
    ('U', '\u{0300}', 'Ù'),
    ('U', '\u{0301}', 'Ú'),
    ('U', '\u{0302}', 'Û'),
    ('U', '\u{0308}', 'Ü'),
    ('Y', '\u{0301}', 'Ý'),
    ('a', '\u{0300}', 'à'),
    ('a', '\u{0301}', 'á'),
    ('a', '\u{0302}', 'â'),
    ('a', '\u{0303}', 'ã'),
    ('a', '\u{0308}', 'ä'),
    ('a', '\u{030A}', 'å'),
    ('c', '\u{0327}', 'ç'),
    ('e', '\u{0300}', 'è'),
    ('e', '\u{0301}', 'é'),
    ('e', '\u{0302}', 'ê'),
    ('e', '\u{0308}', 'ë'),
    ('i', '\u{0300}', 'ì'),
    ('i', '\u{0301}', 'í'),
    ('i', '\u{0302}', 'î'),
    ('i', '\u{0308}', 'ï'),
    ('n', '\u{0303}', 'ñ'),
    ('o', '\u{0300}', 'ò'),
    ('o', '\u{0301}', 'ó'),
    ('o', '\u{0302}', 'ô'),
    ('o', '\u{0303}', 'õ'),
    ('o', '\u{0308}', 'ö'),
    ('u', '\u{0300}', 'ù'),
    ('u', '\u{0301}', 'ú'),
    ('u', '\u{0302}', 'û'),
    ('u', '\u{0308}', 'ü'),
    ('y', '\u{0301}', 'ý'),
    ('y', '\u{0308}', 'ÿ'),
    ('І', '\u{0308}', 'Ї'),
    ('Г', '\u{0301}', 'Ѓ'),
    ('Е', '\u{0300}', 'Ѐ'),
    ('Е', '\u{0308}', 'Ё'),
    ('И', '\u{0300}', 'Ѝ'),
    ('И', '\u{0306}', 'Й'),
    ('К', '\u{0301}', 'Ќ'),
    ('У', '\u{0306}', 'Ў'),
    ('г', '\u{0301}', 'ѓ'),
    ('е', '\u{0300}', 'ѐ'),
    ('е', '\u{0308}', 'ё'),
    ('и', '\u{0300}', 'ѝ'),
    ('и', '\u{0306}', 'й'),
    ('к', '\u{0301}', 'ќ'),
    ('у', '\u{0306}', 'ў'),
    ('і', '\u{0308}', 'ї'),
];

/// Text after [`classify`] and [`compose`]: the characters to look up in the font, in order.
pub(crate) fn visible_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut classes = text.chars().map(classify).peekable();
    std::iter::from_fn(move || loop {
        match classes.next()? {
            CharClass::Dropped => continue,
            CharClass::Space => return Some(' '),
            CharClass::Visible(ch) => {
                // Only combining marks compose; the common case skips the table search.
                if let Some(&CharClass::Visible(mark @ '\u{0300}'..='\u{036F}')) = classes.peek() {
                    if let Some(composed) = compose(ch, mark) {
                        classes.next();
                        return Some(composed);
                    }
                }
                return Some(ch);
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(text: &str) -> String {
        visible_chars(text).collect()
    }

    #[test]
    fn composition_table_is_sorted_for_binary_search() {
        assert!(COMPOSITIONS
            .windows(2)
            .all(|pair| (pair[0].0, pair[0].1) < (pair[1].0, pair[1].1)));
    }

    #[test]
    fn controls_and_bidi_marks_are_dropped() {
        assert_eq!(
            visible("A\u{0}\u{7}\u{1B}[31mB\u{7F}\u{9B}C"),
            "A[31mBC",
            "C0, C1 and DEL vanish; printable escape-sequence text stays"
        );
        assert_eq!(
            visible("\u{202E}exe.txt\u{202C}\u{200E}\u{200F}\u{2066}x\u{2069}\u{2067}\u{2068}\u{202A}\u{202B}\u{202D}"),
            "exe.txtx"
        );
        assert_eq!(
            visible("\u{FEFF}za\u{AD}kaz\u{200B}\u{200D}\u{2060}\u{FE0F}\u{E0041}"),
            "zakaz"
        );
    }

    #[test]
    fn line_breaks_tabs_and_unicode_spaces_become_a_space() {
        assert_eq!(
            visible("a\tb\r\nc\u{2028}d\u{3000}e\u{2009}f\u{202F}g"),
            "a b  c d e f g"
        );
        assert_eq!(visible("\u{A0}"), "\u{A0}", "no-break space is in the font");
    }

    #[test]
    fn decomposed_letters_are_composed() {
        assert_eq!(visible("и\u{306}од"), "йод");
        assert_eq!(visible("Е\u{308}ж е\u{308}"), "Ёж ё");
        assert_eq!(visible("Cafe\u{301}"), "Café");
        assert_eq!(
            visible("a\u{20D7}"),
            "a\u{20D7}",
            "an unknown pair is left for the fallback"
        );
        assert_eq!(
            visible("\u{306}и"),
            "\u{306}и",
            "a leading mark has nothing to compose with"
        );
    }
}

//! The embedded label font: glyph outlines and metrics for Latin and Cyrillic text.

#!/usr/bin/env bash
# Reproduces the embedded label font, assets/fonts/DejaVuSansCondensed-Bold-subset.ttf, and its licence.
#
# Source: DejaVu Sans Condensed Bold 2.37, from Debian's package fonts-dejavu-extra (2.37-6 when this
# subset was made), licensed under the Bitstream Vera licence (DejaVu changes are public domain).
# Tool:   fontTools' pyftsubset, from PyPI (fonttools==4.68.0 when this subset was made).
#
# The build never runs this script: render/build.rs reads the committed subset into the font tables
# (and fails, naming the character, if a glyph text layout needs is missing).
# Run it by hand after changing the character set below, then run `cargo test` (render/src/font tests check
# coverage and metrics). Installs what it needs if missing; safe to run again.
set -euo pipefail

FONT_PACKAGE=fonts-dejavu-extra
SOURCE=/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf
LICENCE_SOURCE=/usr/share/doc/${FONT_PACKAGE}/copyright
FONTTOOLS_VERSION=4.68.0

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT_DIR="$ROOT/assets/fonts"
OUT="$OUT_DIR/DejaVuSansCondensed-Bold-subset.ttf"
LICENCE_OUT="$OUT_DIR/DejaVu-LICENSE.txt"

if [[ ! -f "$SOURCE" || ! -f "$LICENCE_SOURCE" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$FONT_PACKAGE"
fi
if ! python3 -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
  python3 -m pip install -q "fonttools==$FONTTOOLS_VERSION"
fi

# The characters a cargo label needs:
#   printable ASCII; Latin-1 (brand names such as "Nestlé", "Müller"); Cyrillic U+0400–U+045F;
#   the Ukrainian and Kazakh letters (Ґ Ғ Қ Ң Ү Ұ Һ Ә Ө) and Uzbek ʻ ʼ for CIS addresses;
#   label punctuation: dashes ‐–—, quotes ‘’‚“”„ ‹›, bullet •, ellipsis …, № ₽ € ™ − (minus);
#   U+FFFD, the glyph drawn for any character the font lacks.
UNICODES="U+0020-007E,U+00A0-00FF,U+0400-045F"
UNICODES+=",U+0490-0493,U+049A-049B,U+04A2-04A3,U+04AE-04B1,U+04BA-04BB,U+04D8-04D9,U+04E8-04E9,U+02BB-02BC"
UNICODES+=",U+2010-2015,U+2018-201E,U+2022,U+2026,U+2039-203A,U+2116,U+20BD,U+20AC,U+2122,U+2212,U+FFFD"

# No hinting (the renderer fills outlines itself), no OpenType layout (the crate shapes with advances and
# the legacy `kern` pair table only, which --legacy-kern keeps), no glyph names, only the naming records
# that identify the font (copyright, family, style, unique id, full name, version, PostScript name).
python3 -m fontTools.subset "$SOURCE" \
  --unicodes="$UNICODES" \
  --no-hinting \
  --legacy-kern \
  --layout-features= \
  --drop-tables+=GPOS,GSUB,GDEF,DSIG,LTSH,hdmx,gasp,FFTM,VDMX \
  --name-IDs=0,1,2,3,4,5,6 \
  --name-languages=0x409 \
  --no-glyph-names \
  --output-file="$OUT"

# The font's licence: the header and the `Files: *` stanza of the package's copyright file (the rest
# covers Debian's packaging scripts, not the font).
sed '/^Files: debian\//,$d' "$LICENCE_SOURCE" >"$LICENCE_OUT"

echo "$OUT: $(stat -c %s "$OUT") bytes, $(gzip -9c "$OUT" | wc -c) gzipped, sha256 $(sha256sum "$OUT" | cut -d' ' -f1)"

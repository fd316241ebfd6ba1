//! Thermal printer jobs: 1-bit bitmaps and the TSPL, ZPL, EPL and ESC/POS encoders that wrap them.

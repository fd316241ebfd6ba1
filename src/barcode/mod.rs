//! Barcode symbologies: Code 128 with the fewest symbol characters, as bar/space modules.

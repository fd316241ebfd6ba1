//! Encoder ↔ decoder round trips, pinned polarity and bytes, option errors and decoder robustness.

use proptest::prelude::*;

use super::bitmap::tests::pattern;
use super::decode::{decode, decode_job};
use super::*;
use crate::error::ErrorCode;
use crate::units::{Dpi, Mm};

const ROTATIONS: [Rotation; 4] = [Rotation::R0, Rotation::R90, Rotation::R180, Rotation::R270];

fn options(language: Language, dpi: u32, width: f64, height: f64) -> JobOptions {
    JobOptions {
        language,
        dpi: Dpi::new(dpi).unwrap(),
        width_mm: Mm(width),
        height_mm: Mm(height),
        ..JobOptions::default()
    }
}

/// Labels of the size `options` asks for before rotation.
fn labels_for(options: &JobOptions, seeds: &[u32]) -> Vec<Bitmap> {
    let (width, height) = options.validate().unwrap().bitmap_size();
    seeds
        .iter()
        .map(|&seed| pattern(width, height, seed))
        .collect()
}

fn one_black_pixel(language: Language) -> (JobOptions, Vec<u8>) {
    let options = options(language, 203, 75.0, 120.0);
    let mut label = Bitmap::new(600, 960).unwrap();
    label.set(0, 0, true);
    let job = encode_job(&[label], &options).unwrap();
    (options, job)
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap_or_else(|| panic!("{:?} not found", String::from_utf8_lossy(needle)))
}

#[test]
fn round_trips_every_language_resolution_size_and_rotation() {
    for (dpi, width, height, expected) in [
        (203, 75.0, 120.0, (600, 960)),
        (300, 75.0, 120.0, (886, 1417)),
        (203, 58.0, 40.0, (464, 320)),
        (300, 58.0, 40.0, (685, 472)),
    ] {
        for rotation in ROTATIONS {
            let base = JobOptions {
                rotation,
                ..options(Language::Tspl, dpi, width, height)
            };
            let geometry = base.validate().unwrap();
            assert_eq!((geometry.width, geometry.height), expected);
            let labels = labels_for(&base, &[1, 2]);
            let rotated: Vec<Bitmap> = labels.iter().map(|l| l.rotate(rotation)).collect();
            for language in Language::ALL {
                let options = JobOptions {
                    language,
                    ..base.clone()
                };
                let job = encode_job(&labels, &options).unwrap();
                let decoded = decode_job(&job, &options).unwrap();
                assert!(
                    decoded == rotated,
                    "{language} at {dpi} dpi, {width}×{height} mm, {rotation:?}"
                );
            }
        }
    }
}

#[test]
fn zpl_hex_graphics_round_trip_too() {
    for rotation in ROTATIONS {
        let options = JobOptions {
            zpl_graphic: ZplGraphic::Hex,
            rotation,
            ..options(Language::Zpl, 300, 58.0, 40.0)
        };
        let labels = labels_for(&options, &[9]);
        let job = encode_job(&labels, &options).unwrap();
        assert!(!job.windows(5).any(|w| w == b":Z64:"));
        assert_eq!(
            decode_job(&job, &options).unwrap(),
            [labels[0].rotate(rotation)]
        );
    }
}

#[test]
fn zpl_and_epl_jobs_carry_their_exact_width() {
    for language in [Language::Zpl, Language::Epl] {
        let options = JobOptions {
            x_offset: 12,
            ..options(language, 300, 75.0, 40.0)
        };
        let labels = labels_for(&options, &[4]);
        let job = encode_job(&labels, &options).unwrap();
        let decoded = decode(language, &job, None).unwrap();
        assert_eq!(decoded.len(), 1);
        assert_eq!(decoded[0].bitmap.width(), 886, "{language}");
        assert_eq!(decoded[0].bitmap, labels[0]);
        assert_eq!(decoded[0].x, 12);
    }
}

#[test]
fn x_offset_and_copies_survive_decoding() {
    for language in Language::ALL {
        let options = JobOptions {
            x_offset: 16,
            copies: 3,
            ..options(language, 203, 58.0, 40.0)
        };
        let labels = labels_for(&options, &[5, 6]);
        let job = encode_job(&labels, &options).unwrap();
        let decoded = decode(language, &job, Some(464)).unwrap();
        let expected: Vec<(&Bitmap, u32)> = match language {
            // ESC/POS has no copies command: each copy is its own raster.
            Language::Escpos => labels
                .iter()
                .flat_map(|l| std::iter::repeat_n((l, 1), 3))
                .collect(),
            _ => labels.iter().map(|l| (l, 3)).collect(),
        };
        let actual: Vec<(&Bitmap, u32)> = decoded.iter().map(|d| (&d.bitmap, d.copies)).collect();
        assert_eq!(actual, expected, "{language}");
        assert!(decoded.iter().all(|d| d.x == 16 && d.y == 0), "{language}");
    }
}

#[test]
fn tspl_polarity_and_commands_are_pinned() {
    let (_, job) = one_black_pixel(Language::Tspl);
    let header = b"SIZE 75 mm,120 mm\r\nGAP 3 mm,0 mm\r\nDENSITY 8\r\nSPEED 4\r\nDIRECTION 0,0\r\n\
                   CLS\r\nBITMAP 0,0,75,960,0,";
    assert_eq!(&job[..header.len()], header);
    let data = &job[header.len()..header.len() + 75 * 960];
    assert_eq!(data[0], 0x7F, "0 = black in TSPL");
    assert!(data[1..].iter().all(|&b| b == 0xFF));
    assert_eq!(&job[header.len() + 75 * 960..], b"\r\nPRINT 1,1\r\n");
}

#[test]
fn epl_polarity_and_commands_are_pinned() {
    let (_, job) = one_black_pixel(Language::Epl);
    let header = b"\nq600\nQ960,24\nD8\nS4\nN\nGW0,0,75,960,";
    assert_eq!(&job[..header.len()], header);
    let data = &job[header.len()..header.len() + 75 * 960];
    assert_eq!(data[0], 0x7F, "0 = black in EPL");
    assert!(data[1..].iter().all(|&b| b == 0xFF));
    assert_eq!(&job[header.len() + 75 * 960..], b"\nP1,1\n");
}

#[test]
fn zpl_polarity_and_commands_are_pinned() {
    let options = JobOptions {
        zpl_graphic: ZplGraphic::Hex,
        ..options(Language::Zpl, 203, 75.0, 120.0)
    };
    let mut label = Bitmap::new(600, 960).unwrap();
    label.set(0, 0, true);
    let job = encode_job(&[label], &options).unwrap();
    let header = b"~SD16\n^XA\n^PW600\n^LL960\n^LH0,0\n^PR4\n^MNY\n^FO0,0^GFA,72000,72000,75,80";
    assert_eq!(&job[..header.len()], header, "1 = black in ZPL");
    let rest = &job[header.len()..];
    assert_eq!(&rest[..143_998], vec![b'0'; 143_998].as_slice());
    assert_eq!(&rest[143_998..], b"^FS\n^PQ1\n^XZ\n");
}

#[test]
fn escpos_polarity_and_commands_are_pinned() {
    let (_, job) = one_black_pixel(Language::Escpos);
    assert_eq!(&job[..2], [0x1B, b'@']);
    assert_eq!(&job[2..10], [0x1D, b'v', b'0', 0, 75, 0, 255, 0]);
    assert_eq!(job[10], 0x80, "1 = black in ESC/POS");
    assert!(job[11..10 + 75 * 255].iter().all(|&b| b == 0));
    assert_eq!(&job[job.len() - 3..], [0x1B, b'J', 24]);
}

#[test]
fn escpos_sends_a_960_row_label_in_255_row_slices() {
    let (_, job) = one_black_pixel(Language::Escpos);
    let mut heights = Vec::new();
    let mut pos = 2;
    while job[pos..].starts_with(&[0x1D, b'v', b'0', 0]) {
        let bytes_per_row = usize::from(u16::from_le_bytes([job[pos + 4], job[pos + 5]]));
        let rows = u16::from_le_bytes([job[pos + 6], job[pos + 7]]);
        heights.push(rows);
        pos += 8 + bytes_per_row * usize::from(rows);
    }
    assert_eq!(heights, [255, 255, 255, 195]);
    assert_eq!(&job[pos..], [0x1B, b'J', 24]);
}

#[test]
fn escpos_feeds_long_gaps_in_steps_and_marks_gapless_labels() {
    let options = JobOptions {
        gap_mm: Mm(0.0),
        ..options(Language::Escpos, 203, 58.0, 40.0)
    };
    let job = encode_job(&labels_for(&options, &[1]), &options).unwrap();
    assert_eq!(&job[job.len() - 3..], [0x1B, b'J', 0]);
    // 20 mm at 406 dpi (16 dots/mm) is 320 dots: more than one ESC J can feed.
    let options = JobOptions {
        gap_mm: Mm(20.0),
        dpi: Dpi::new(406).unwrap(),
        width_mm: Mm(40.0),
        x_offset: 300,
        ..options
    };
    let job = encode_job(&labels_for(&options, &[1]), &options).unwrap();
    assert_eq!(&job[2..6], [0x1D, b'L', 44, 1]);
    assert_eq!(&job[job.len() - 6..], [0x1B, b'J', 255, 0x1B, b'J', 65]);
    assert_eq!(
        decode_job(&job, &options).unwrap(),
        labels_for(&options, &[1])
    );
}

#[test]
fn gapless_media_is_continuous_in_zpl_and_epl() {
    let zpl = JobOptions {
        gap_mm: Mm(0.0),
        ..options(Language::Zpl, 203, 58.0, 40.0)
    };
    let job = encode_job(&labels_for(&zpl, &[1]), &zpl).unwrap();
    find(&job, b"^MNN");
    let epl = JobOptions {
        language: Language::Epl,
        ..zpl
    };
    let job = encode_job(&labels_for(&epl, &[1]), &epl).unwrap();
    find(&job, b"Q320,0\n");
}

#[test]
fn density_and_speed_map_per_language() {
    let base = JobOptions {
        density: 15,
        speed: 12,
        ..options(Language::Tspl, 203, 58.0, 40.0)
    };
    let labels = labels_for(&base, &[1]);
    let job = encode_job(&labels, &base).unwrap();
    find(&job, b"DENSITY 15\r\nSPEED 12\r\n");
    let job = encode_job(
        &labels,
        &JobOptions {
            language: Language::Zpl,
            ..base.clone()
        },
    )
    .unwrap();
    find(&job, b"~SD30\n");
    find(&job, b"^PR12\n");
    let job = encode_job(
        &labels,
        &JobOptions {
            language: Language::Epl,
            ..base.clone()
        },
    )
    .unwrap();
    find(&job, b"D15\nS6\n");
    let job = encode_job(
        &labels,
        &JobOptions {
            density: 0,
            gap_mm: Mm(2.5),
            ..base
        },
    )
    .unwrap();
    find(&job, b"GAP 2.5 mm,0 mm\r\nDENSITY 0\r\n");
}

#[test]
fn z64_is_zlib_base64_with_an_xmodem_crc() {
    // The catalogue's check value pins the variant: CRC-16/XMODEM of "123456789" is 0x31c3.
    assert_eq!(zpl::Z64_CRC.checksum(b"123456789"), 0x31C3);
    // Golden: matches Python's zlib.compress(level 1) + base64 + binascii.crc_hqx(text, 0).
    let text = zpl::z64(&[0x80, 0x00, 0xFF, 0x01]);
    assert_eq!(text, ":Z64:eAFrYPjPCAAEAwGB:6233");
    // The CRC checked by an independent bit-by-bit computation over the base64 text.
    let (payload, crc) = text[5..].split_once(':').unwrap();
    let mut reg: u16 = 0;
    for byte in payload.bytes() {
        reg ^= u16::from(byte) << 8;
        for _ in 0..8 {
            reg = if reg & 0x8000 != 0 {
                (reg << 1) ^ 0x1021
            } else {
                reg << 1
            };
        }
    }
    assert_eq!(format!("{reg:04x}"), crc);
}

#[test]
fn z64_crc_and_content_are_checked_when_decoding() {
    let options = options(Language::Zpl, 203, 58.0, 40.0);
    let job = encode_job(&labels_for(&options, &[3]), &options).unwrap();
    let text = String::from_utf8(job).unwrap();
    let crc_at = text.find("^FS").unwrap() - 4;
    let wrong_crc = format!("{}0000{}", &text[..crc_at], &text[crc_at + 4..]);
    let err = decode_job(wrong_crc.as_bytes(), &options).unwrap_err();
    assert_eq!(err.code(), "PRINT_CHECKSUM_MISMATCH");
    // Corrupting the base64 text is caught by the CRC too.
    let data_at = text.find(":Z64:").unwrap() + 10;
    let mut corrupt = text.clone().into_bytes();
    corrupt[data_at] = if corrupt[data_at] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        decode_job(&corrupt, &options).unwrap_err().code(),
        "PRINT_CHECKSUM_MISMATCH"
    );
}

#[test]
fn bad_options_are_refused_before_writing() {
    let good = options(Language::Tspl, 203, 58.0, 40.0);
    let labels = labels_for(&good, &[1]);
    let cases: Vec<(JobOptions, &str)> = vec![
        (
            JobOptions {
                dpi: crate::json::from_value(serde_json::json!(0)).unwrap(),
                ..good.clone()
            },
            "PRINT_INVALID_DPI",
        ),
        (
            JobOptions {
                gap_mm: Mm(-1.0),
                ..good.clone()
            },
            "PRINT_INVALID_GAP",
        ),
        (
            JobOptions {
                gap_mm: Mm(f64::NAN),
                ..good.clone()
            },
            "PRINT_INVALID_GAP",
        ),
        (
            JobOptions {
                gap_mm: Mm(f64::INFINITY),
                ..good.clone()
            },
            "PRINT_INVALID_GAP",
        ),
        (
            JobOptions {
                width_mm: Mm(f64::NAN),
                ..good.clone()
            },
            "PRINT_INVALID_LABEL_SIZE",
        ),
        (
            JobOptions {
                height_mm: Mm(-40.0),
                ..good.clone()
            },
            "PRINT_INVALID_LABEL_SIZE",
        ),
        (
            JobOptions {
                density: 16,
                ..good.clone()
            },
            "PRINT_DENSITY_OUT_OF_RANGE",
        ),
        (
            JobOptions {
                speed: 13,
                ..good.clone()
            },
            "PRINT_SPEED_OUT_OF_RANGE",
        ),
        (
            JobOptions {
                copies: 0,
                ..good.clone()
            },
            "PRINT_COPIES_OUT_OF_RANGE",
        ),
        (
            JobOptions {
                copies: 1001,
                ..good.clone()
            },
            "PRINT_COPIES_OUT_OF_RANGE",
        ),
        (
            JobOptions {
                x_offset: 2001,
                ..good.clone()
            },
            "PRINT_X_OFFSET_OUT_OF_RANGE",
        ),
        (
            JobOptions {
                rotation: Rotation::R90,
                ..good.clone()
            },
            "PRINT_LABEL_SIZE_MISMATCH",
        ),
        (
            JobOptions {
                dpi: Dpi::DPI_300,
                ..good.clone()
            },
            "PRINT_LABEL_SIZE_MISMATCH",
        ),
    ];
    for language in Language::ALL {
        for (bad, code) in &cases {
            let bad = JobOptions {
                language,
                ..bad.clone()
            };
            let err = encode_job(&labels, &bad).unwrap_err();
            assert_eq!(err.code(), *code, "{language}: {err}");
        }
        let good = JobOptions {
            language,
            ..good.clone()
        };
        assert_eq!(encode_job(&[], &good).unwrap_err(), PrintError::NoLabels);
        // A bad label after good ones fails the whole job, naming it.
        let mixed = [labels[0].clone(), Bitmap::new(10, 10).unwrap()];
        let err = encode_job(&mixed, &good).unwrap_err();
        assert!(matches!(
            err,
            PrintError::LabelSizeMismatch { index: 1, .. }
        ));
    }
}

#[test]
fn unknown_language_through_serde_has_its_code() {
    let err = JobOptions::from_json(r#"{ "language": "cpcl" }"#).unwrap_err();
    assert_eq!(err.code(), "PRINT_UNKNOWN_LANGUAGE");
}

#[test]
fn heads_limit_epl_and_escpos_widths() {
    let epl = JobOptions {
        x_offset: 240,
        ..options(Language::Epl, 203, 75.0, 40.0)
    };
    let labels = labels_for(&epl, &[1]);
    let err = encode_job(&labels, &epl).unwrap_err();
    assert_eq!(
        err,
        PrintError::LabelTooWide {
            language: Language::Epl,
            width: 840,
            max: 832
        }
    );
    assert!(encode_job(
        &labels,
        &JobOptions {
            language: Language::Tspl,
            ..epl
        },
    )
    .is_ok());

    let escpos = options(Language::Escpos, 203, 130.0, 40.0);
    let labels = labels_for(&escpos, &[1]);
    let err = encode_job(&labels, &escpos).unwrap_err();
    assert_eq!(err.code(), "PRINT_LABEL_TOO_WIDE");

    // ZPL and TSPL printers go up to 8.5" heads; past that the printer cuts the label off silently.
    for language in [Language::Zpl, Language::Tspl] {
        let wide = JobOptions {
            x_offset: 2000,
            rotation: Rotation::R90,
            ..options(language, 203, 75.0, 120.0)
        };
        let labels = labels_for(&wide, &[1]);
        let err = encode_job(&labels, &wide).unwrap_err();
        assert_eq!(err.code(), "PRINT_LABEL_TOO_WIDE", "{language}");
    }
}

#[test]
fn tspl_size_takes_the_offset_in() {
    // TSPL prints only `SIZE` wide: an image 40 dots in on a 75 mm size would lose its right 5 mm.
    let shifted = JobOptions {
        x_offset: 40,
        ..options(Language::Tspl, 203, 75.0, 120.0)
    };
    let job = encode_job(&labels_for(&shifted, &[1]), &shifted).unwrap();
    assert!(job.starts_with(b"SIZE 80 mm,120 mm\r\n"));
    assert!(find(&job, b"BITMAP 40,0,75,960,") > 0);
}

#[test]
fn epl_gaps_stay_in_the_range_q_takes() {
    for (dpi, gap_mm, ok) in [
        (203, 0.0, true),
        (203, 3.0, true),
        (203, 1.0, false),
        (203, 20.0, true),
        (600, 20.0, false),
        (600, 1.0, true),
    ] {
        let epl = JobOptions {
            gap_mm: Mm(gap_mm),
            ..options(Language::Epl, dpi, 58.0, 40.0)
        };
        let result = encode_job(&labels_for(&epl, &[1]), &epl);
        assert_eq!(result.is_ok(), ok, "{dpi} dpi, gap {gap_mm} mm: {result:?}");
        if let Err(e) = result {
            assert_eq!(e.code(), "PRINT_INVALID_GAP");
            assert!(e.to_string().contains("between"), "{e}");
        }
    }
}

#[test]
fn decoders_reject_malformed_jobs_with_the_malformed_code() {
    let cases: [(Language, &[u8]); 10] = [
        (Language::Tspl, b"CLS\r\nBITMAP 0,0,2,2,0,\x00\x00"),
        (Language::Tspl, b"CLS\r\nBITMAP 0,0,1,1,0,\xFF\r\n"),
        (Language::Tspl, b"\x01\x02"),
        (Language::Zpl, b"^XA^FO0,0^GFA,4,4,2,0G0A^FS^XZ"),
        (Language::Zpl, b"^XA^GFA,4,4,2,00FF^FS^XZ"),
        (Language::Zpl, b"^XA^GFA,4,4,3,00FF00FF^FS^XZ"),
        (Language::Zpl, b"^XA^GFA,4,4,2,:Z64:AAAA:zzzz^FS^XZ"),
        (Language::Epl, b"N\nGW0,0,1,2,\x00"),
        (Language::Escpos, b"\x1b@\x1dv0\x00\x01\x00\x02\x00\x00\x00"),
        (
            Language::Escpos,
            b"\x1b@\x1dv0\x00\x01\x00\x00\x00\x1bJ\x00",
        ),
    ];
    for (language, job) in cases {
        let err = decode(language, job, None).unwrap_err();
        assert_eq!(err.code(), "PRINT_JOB_MALFORMED", "{language}: {err}");
    }
}

/// A small valid job of each language, for truncation and mutation tests.
fn small_jobs() -> Vec<(Language, Vec<u8>)> {
    Language::ALL
        .into_iter()
        .map(|language| {
            let options = JobOptions {
                language,
                width_mm: Mm(5.5),
                height_mm: Mm(5.0),
                copies: 2,
                ..JobOptions::default()
            };
            let labels = labels_for(&options, &[1, 2]);
            (language, encode_job(&labels, &options).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoders_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for language in Language::ALL {
            let _ = decode(language, &bytes, None);
            let _ = decode(language, &bytes, Some(7));
        }
    }

    #[test]
    fn decoders_never_panic_on_command_like_bytes(
        prefix in prop_oneof![
            Just(b"CLS\r\nBITMAP ".to_vec()),
            Just(b"^XA^FO1,2^GFA,".to_vec()),
            Just(b"^XA^GFA,8,8,2,:Z64:".to_vec()),
            Just(b"N\nGW".to_vec()),
            Just(vec![0x1B, b'@', 0x1D, b'v', b'0', 0]),
        ],
        tail in proptest::collection::vec(prop_oneof![any::<u8>(), Just(b','), Just(b'1'), Just(b'9')], 0..64),
    ) {
        let bytes = [prefix, tail].concat();
        for language in Language::ALL {
            let _ = decode(language, &bytes, None);
        }
    }

    #[test]
    fn decoders_never_panic_on_truncated_or_mutated_jobs(cut in any::<prop::sample::Index>(), flip in any::<u8>()) {
        for (language, job) in small_jobs() {
            let end = cut.index(job.len() + 1);
            let truncated = &job[..end];
            let _ = decode(language, truncated, Some(44));
            let _ = decode(language, truncated, None);
            let mut mutated = job.clone();
            if let Some(byte) = mutated.get_mut(cut.index(job.len())) {
                *byte ^= flip;
            }
            let _ = decode(language, &mutated, Some(44));
        }
    }
}

#[test]
fn truncated_jobs_never_decode_to_wrong_bitmaps() {
    for (language, job) in small_jobs() {
        let whole = decode(language, &job, Some(44)).unwrap();
        assert_eq!(
            whole.len(),
            if language == Language::Escpos { 4 } else { 2 }
        );
        for end in 0..job.len() {
            if let Ok(labels) = decode(language, &job[..end], Some(44)) {
                // Only whole labels come out of a cut job: a prefix of the job's labels.
                assert!(labels.len() <= whole.len(), "{language} cut at {end}");
                for (cut, full) in labels.iter().zip(&whole) {
                    assert_eq!(cut.bitmap, full.bitmap, "{language} cut at {end}");
                }
            }
        }
    }
}

#[test]
fn every_encoder_refuses_a_job_too_large_before_writing() {
    // `begin` is public: a caller asking for more labels than memory holds gets an error, not an
    // overflowing reservation.
    for language in Language::ALL {
        let options = options(language, 203, 75.0, 120.0);
        let geometry = options.validate().unwrap();
        let mut out = Vec::new();
        let err = encoder_for(language)
            .begin(&geometry, &options, usize::MAX, &mut out)
            .unwrap_err();
        assert_eq!(err.code(), "PRINT_JOB_TOO_LARGE", "{language}");
        assert!(out.is_empty(), "{language}");
    }
}

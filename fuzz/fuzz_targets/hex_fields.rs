//! Hex fields decoded into checked group elements and scalars (standard and toy groups):
//! arbitrary text yields an error or a valid value, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_core::group::{Standard, Toy256};
use scrutin_core::{Element, Scalar};
use scrutin_record::hexfield;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.json");
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = hexfield::element::<Toy256>(file, "x", text);
        let _ = hexfield::scalar::<Toy256>(file, "x", text);
        let _ = hexfield::hash(file, "x", text);
        let _ = hexfield::decode_any(file, "x", text);
    }
    let _ = Element::<Toy256>::decode(data);
    let _ = Scalar::<Toy256>::decode(data);
    if data.len() == 512 {
        let _ = Element::<Standard>::decode(data);
    }
    let _ = Scalar::<Standard>::decode(data);
});

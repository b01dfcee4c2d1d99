#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#[path = "../src/group/proto.rs"]
mod proto;
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, MontyForm, MontyMultiplier, Resize};
use scrutin_core::{ParameterSet, Standard};

fn setup() -> ([u64; 64], u64, BoxedMontyParams, BoxedMontyForm, BoxedMontyForm) {
    let g = Standard::group();
    let p: [u64; 64] = g.p().as_words().try_into().unwrap();
    let mut inv: u64 = 1;
    for _ in 0..7 { inv = inv.wrapping_mul(2u64.wrapping_sub(p[0].wrapping_mul(inv))); }
    let n0 = inv.wrapping_neg();
    let params = BoxedMontyParams::new_vartime(g.p().to_odd().unwrap());
    let x = BoxedMontyForm::new(g.g().clone(), &params);
    let y = x.square().mul(&x).square();
    (p, n0, params, x, y)
}

fn bench(c: &mut Criterion) {
    let (p, n0, params, x, y) = setup();
    let a: [u64; 64] = x.as_montgomery().as_words().try_into().unwrap();
    let b: [u64; 64] = y.as_montgomery().as_words().try_into().unwrap();
    let expect_mul: [u64; 64] = x.mul(&y).as_montgomery().as_words().try_into().unwrap();
    let expect_sqr: [u64; 64] = x.square().as_montgomery().as_words().try_into().unwrap();
    let mut out = [0u64; 64];
    let mut prev = p; prev.reverse();
    // radix 60 setup: R = 2^(60*69)
    let g = Standard::group();
    let r2 = {
        let wide = BoxedUint::one_with_precision(8320).shl_vartime(2 * 60 * 69).unwrap();
        let pw = g.p().clone().resize_unchecked(8320).to_nz().unwrap();
        wide.rem_vartime(&pw).resize_unchecked(4096)
    };
    let p60: [u64; 69] = proto::to60(g.p().as_words(), 69).try_into().unwrap();
    let mut prev60 = p60; prev60.reverse();
    let r2_60: [u64; 69] = proto::to60(r2.as_words(), 69).try_into().unwrap();
    let mut inv: u64 = 1;
    for _ in 0..7 { inv = inv.wrapping_mul(2u64.wrapping_sub(p60[0].wrapping_mul(inv))); }
    let n0_60 = inv.wrapping_neg() & proto::MASK;
    let xs: [u64; 69] = proto::to60(x.retrieve().as_words(), 69).try_into().unwrap();
    let ys: [u64; 69] = proto::to60(y.retrieve().as_words(), 69).try_into().unwrap();
    let mut xm = [0u64; 69]; proto::mul60_69(&xs, &r2_60, &prev60, p60[0], n0_60, &mut xm);
    let mut ym = [0u64; 69]; proto::mul60_69(&ys, &r2_60, &prev60, p60[0], n0_60, &mut ym);
    let mut one = [0u64; 69]; one[0] = 1;
    let back = |v: &[u64; 69]| -> Vec<u64> {
        let mut o = [0u64; 69];
        proto::mul60_69(v, &one, &prev60, p60[0], n0_60, &mut o);
        let w = proto::from60(&o, 64);
        BoxedUint::from_words(w).rem_vartime(&g.p().to_nz().unwrap()).as_words().to_vec()
    };
    let mut o60 = [0u64; 69];
    proto::mul60_69(&xm, &ym, &prev60, p60[0], n0_60, &mut o60);
    assert_eq!(back(&o60), x.mul(&y).retrieve().as_words().to_vec(), "mul60");
    proto::sqr60_69(&xm, &prev60, p60[0], n0_60, &mut o60);
    assert_eq!(back(&o60), x.square().retrieve().as_words().to_vec(), "sqr60");
    proto::kmul60_69(&xm, &ym, &prev60, p60[0], n0_60, &mut o60);
    assert_eq!(back(&o60), x.mul(&y).retrieve().as_words().to_vec(), "kmul60");
    proto::ksqr60_69(&xm, &prev60, p60[0], n0_60, &mut o60);
    assert_eq!(back(&o60), x.square().retrieve().as_words().to_vec(), "ksqr60");
    // chain of 1000 squarings stays < 2p and correct
    let mut c60 = xm; let mut cc = x.clone();
    for _ in 0..1000 { let mut t = [0u64;69]; proto::ksqr60_69(&c60, &prev60, p60[0], n0_60, &mut t); c60 = t; let mut t2 = [0u64; 69]; proto::kmul60_69(&c60, &xm, &prev60, p60[0], n0_60, &mut t2); c60 = t2; cc = cc.square(); cc = cc.mul(&x); }
    assert_eq!(back(&c60), cc.retrieve().as_words().to_vec(), "chain60");
    proto::mul_fips2_64::<proto::AccC, 4>(&a, &b, &p, &prev, n0, &mut out); assert_eq!(out, expect_mul, "fips2 C");
    proto::sqr_fips2_64::<proto::AccC, 4>(&a, &p, &prev, n0, &mut out); assert_eq!(out, expect_sqr, "sqr fips2 C");
    proto::kmul2_64::<proto::AccC, 8>(&a, &b, &p, &prev, n0, &mut out); assert_eq!(out, expect_mul, "kmul2");
    proto::ksqr2_64::<proto::AccC, 8>(&a, &p, &prev, n0, &mut out); assert_eq!(out, expect_sqr, "ksqr2");
    proto::smul2_64::<proto::AccC, 8>(&a, &b, &p, &prev, n0, &mut out); assert_eq!(out, expect_mul, "smul2");
    proto::ssqr2_64::<proto::AccC, 8>(&a, &p, &prev, n0, &mut out); assert_eq!(out, expect_sqr, "ssqr2");
    for v in 0..2 {
        if v == 0 { proto::mul_fips2_64::<proto::AccA, 4>(&a, &b, &p, &prev, n0, &mut out); } else { proto::mul_fips2_64::<proto::AccB, 4>(&a, &b, &p, &prev, n0, &mut out); }
        assert_eq!(out, expect_mul, "fips2");
        if v == 0 { proto::sqr_fips2_64::<proto::AccA, 4>(&a, &p, &prev, n0, &mut out); } else { proto::sqr_fips2_64::<proto::AccB, 4>(&a, &p, &prev, n0, &mut out); }
        assert_eq!(out, expect_sqr, "sqr fips2");
    }
    proto::mul_fips_64::<proto::AccA>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "fips");
    proto::mul_fips_64::<proto::AccB>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "fips");
    proto::mul_cios_64(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "cios");
    proto::mul_sep_64::<proto::AccA>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "sep");
    proto::mul_sep_64::<proto::AccB>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "sep");
    proto::mul_kara_64::<proto::AccA>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "kara");
    proto::mul_kara_64::<proto::AccB>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "kara");
    proto::mul_fips_dyn::<proto::AccA>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "dyn");
    proto::mul_fips_dyn::<proto::AccB>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "dyn");
    proto::sqr_fips_64::<proto::AccA>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr fips");
    proto::sqr_fips_64::<proto::AccB>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr fips");
    proto::sqr_fips_64::<proto::AccC>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr fips C");
    proto::mul_fips_64::<proto::AccC>(&a, &b, &p, n0, &mut out); assert_eq!(out, expect_mul, "mul fips C");
    proto::sqr_sep_64::<proto::AccA>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr sep");
    proto::sqr_sep_64::<proto::AccB>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr sep");
    proto::sqr_kara_64::<proto::AccA>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr kara");
    proto::sqr_kara_64::<proto::AccB>(&a, &p, n0, &mut out); assert_eq!(out, expect_sqr, "sqr kara");

    let mut m = <BoxedMontyForm as MontyForm>::Multiplier::from(&params);
    let mut acc = x.clone();
    let filter = std::env::var("ONLY").ok();
    let t = |name: &str, f: &mut dyn FnMut()| {
        if let Some(only) = &filter { if only != name { return; } }
        let mut best = f64::MAX;
        let reps: usize = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
        for _ in 0..reps {
            let s = cpu_time::ThreadTime::now();
            for _ in 0..200 { f(); }
            if reps == 1 { break; }
            best = best.min(s.elapsed().as_nanos() as f64 / 200.0);
        }
        println!("{name:12} {:8.0} ns", best);
    };
    t("cb mul", &mut || { m.mul_assign(black_box(&mut acc), black_box(&y)) });
    t("cb sqr", &mut || { m.square_assign(black_box(&mut acc)) });
    t("fips mul A", &mut || { proto::mul_fips_64::<proto::AccA>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("fips mul B", &mut || { proto::mul_fips_64::<proto::AccB>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("dyn mul A", &mut || { proto::mul_fips_dyn::<proto::AccA>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("dyn mul B", &mut || { proto::mul_fips_dyn::<proto::AccB>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("fips2 mul A", &mut || { proto::mul_fips2_64::<proto::AccA, 4>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 mul B", &mut || { proto::mul_fips2_64::<proto::AccB, 4>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 dyn A", &mut || { proto::mul_fips2_dyn::<proto::AccA>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 sqr A", &mut || { proto::sqr_fips2_64::<proto::AccA, 4>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips2 sqr B", &mut || { proto::sqr_fips2_64::<proto::AccB, 4>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips mul C", &mut || { proto::mul_fips_64::<proto::AccC>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("fips sqr C", &mut || { proto::sqr_fips_64::<proto::AccC>(black_box(&a), &p, n0, &mut out) });
    t("fips2 mul C1", &mut || { proto::mul_fips2_64::<proto::AccC, 1>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 mul C2", &mut || { proto::mul_fips2_64::<proto::AccC, 2>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 mul C8", &mut || { proto::mul_fips2_64::<proto::AccC, 8>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 sqr C1", &mut || { proto::sqr_fips2_64::<proto::AccC, 1>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips2 sqr C2", &mut || { proto::sqr_fips2_64::<proto::AccC, 2>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips2 sqr C8", &mut || { proto::sqr_fips2_64::<proto::AccC, 8>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips2 dyn C8", &mut || { proto::mul_fips2_dyn::<proto::AccC>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("kmul2", &mut || { proto::kmul2_64::<proto::AccC, 8>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("ksqr2", &mut || { proto::ksqr2_64::<proto::AccC, 8>(black_box(&a), &p, &prev, n0, &mut out) });
    t("smul2", &mut || { proto::smul2_64::<proto::AccC, 8>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("ssqr2", &mut || { proto::ssqr2_64::<proto::AccC, 8>(black_box(&a), &p, &prev, n0, &mut out) });
    t("kmul2 4", &mut || { proto::kmul2_64::<proto::AccC, 4>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("ksqr2 4", &mut || { proto::ksqr2_64::<proto::AccC, 4>(black_box(&a), &p, &prev, n0, &mut out) });
    t("fips2 mul C", &mut || { proto::mul_fips2_64::<proto::AccC, 4>(black_box(&a), black_box(&b), &p, &prev, n0, &mut out) });
    t("fips2 sqr C", &mut || { proto::sqr_fips2_64::<proto::AccC, 4>(black_box(&a), &p, &prev, n0, &mut out) });
    t("mul60", &mut || { proto::mul60_69(black_box(&xm), black_box(&ym), &prev60, p60[0], n0_60, &mut o60) });
    t("mul60 dyn", &mut || { proto::mul60_dyn(black_box(&xm), black_box(&ym), &prev60, p60[0], n0_60, &mut o60) });
    t("sqr60", &mut || { proto::sqr60_69(black_box(&xm), &prev60, p60[0], n0_60, &mut o60) });
    t("kmul60", &mut || { proto::kmul60_69(black_box(&xm), black_box(&ym), &prev60, p60[0], n0_60, &mut o60) });
    t("ksqr60", &mut || { proto::ksqr60_69(black_box(&xm), &prev60, p60[0], n0_60, &mut o60) });
    t("cios mul", &mut || { proto::mul_cios_64(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("sep mul A", &mut || { proto::mul_sep_64::<proto::AccA>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("sep mul B", &mut || { proto::mul_sep_64::<proto::AccB>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("kara mul A", &mut || { proto::mul_kara_64::<proto::AccA>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("kara mul B", &mut || { proto::mul_kara_64::<proto::AccB>(black_box(&a), black_box(&b), &p, n0, &mut out) });
    t("fips sqr A", &mut || { proto::sqr_fips_64::<proto::AccA>(black_box(&a), &p, n0, &mut out) });
    t("fips sqr B", &mut || { proto::sqr_fips_64::<proto::AccB>(black_box(&a), &p, n0, &mut out) });
    t("sep sqr A", &mut || { proto::sqr_sep_64::<proto::AccA>(black_box(&a), &p, n0, &mut out) });
    t("sep sqr B", &mut || { proto::sqr_sep_64::<proto::AccB>(black_box(&a), &p, n0, &mut out) });
    t("kara sqr A", &mut || { proto::sqr_kara_64::<proto::AccA>(black_box(&a), &p, n0, &mut out) });
    t("kara sqr B", &mut || { proto::sqr_kara_64::<proto::AccB>(black_box(&a), &p, n0, &mut out) });
    let _ = c;
    let _ = BoxedUint::zero();
}
criterion_group!(benches, bench);
criterion_main!(benches);

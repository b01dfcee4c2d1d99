//! PROTOTYPE: Montgomery multiplication kernels, to be measured.
#![allow(clippy::indexing_slicing, dead_code)]

pub trait Accum: Default + Copy {
    fn mac(&mut self, a: u64, b: u64);
    fn add(&mut self, x: u64);
    fn add_acc_doubled(&mut self, other: &Self);
    fn lo(&self) -> u64;
    fn shift(&mut self) -> u64;
    fn shift_hi_carry(&self) -> u64;
}

/// Variant 1: u128 + overflow word.
#[derive(Clone, Copy, Default)]
pub struct AccA { lohi: u128, ov: u64 }
impl Accum for AccA {
    #[inline(always)]
    fn mac(&mut self, a: u64, b: u64) {
        let p = u128::from(a) * u128::from(b);
        let (s, c) = self.lohi.overflowing_add(p);
        self.lohi = s;
        self.ov += u64::from(c);
    }
    #[inline(always)]
    fn add(&mut self, x: u64) {
        let (s, c) = self.lohi.overflowing_add(u128::from(x));
        self.lohi = s;
        self.ov += u64::from(c);
    }
    #[inline(always)]
    fn add_acc_doubled(&mut self, other: &Self) {
        let top = (other.ov << 1) | ((other.lohi >> 127) as u64);
        let (s, c) = self.lohi.overflowing_add(other.lohi << 1);
        self.lohi = s;
        self.ov += top + u64::from(c);
    }
    #[inline(always)]
    fn lo(&self) -> u64 { self.lohi as u64 }
    #[inline(always)]
    fn shift(&mut self) -> u64 {
        let r = self.lohi as u64;
        self.lohi = (self.lohi >> 64) | (u128::from(self.ov) << 64);
        self.ov = 0;
        r
    }
    #[inline(always)]
    fn shift_hi_carry(&self) -> u64 { (self.lohi >> 64) as u64 }
}

/// Variant 2: low and high halves summed apart.
#[derive(Clone, Copy, Default)]
pub struct AccB { lo: u128, hi: u128 }
impl Accum for AccB {
    #[inline(always)]
    fn mac(&mut self, a: u64, b: u64) {
        let p = u128::from(a) * u128::from(b);
        self.lo += u128::from(p as u64);
        self.hi += p >> 64;
    }
    #[inline(always)]
    fn add(&mut self, x: u64) { self.lo += u128::from(x); }
    #[inline(always)]
    fn add_acc_doubled(&mut self, other: &Self) {
        self.lo += other.lo << 1;
        self.hi += other.hi << 1;
    }
    #[inline(always)]
    fn lo(&self) -> u64 { self.lo as u64 }
    #[inline(always)]
    fn shift(&mut self) -> u64 {
        let r = self.lo as u64;
        self.lo = (self.lo >> 64) + self.hi;
        self.hi = 0;
        r
    }
    #[inline(always)]
    fn shift_hi_carry(&self) -> u64 { ((self.lo >> 64) + self.hi) as u64 }
}

/// Variant C: low word plus 128-bit high part; p + lo never overflows u128.
#[derive(Clone, Copy, Default)]
pub struct AccC { lo: u64, hi: u128 }
impl Accum for AccC {
    #[inline(always)]
    fn mac(&mut self, a: u64, b: u64) {
        let t = u128::from(a) * u128::from(b) + u128::from(self.lo);
        self.lo = t as u64;
        self.hi += t >> 64;
    }
    #[inline(always)]
    fn add(&mut self, x: u64) {
        let t = u128::from(x) + u128::from(self.lo);
        self.lo = t as u64;
        self.hi += t >> 64;
    }
    #[inline(always)]
    fn add_acc_doubled(&mut self, other: &Self) {
        // 2*(other.lo + other.hi*2^64)
        let t = (u128::from(other.lo) << 1) + u128::from(self.lo);
        self.lo = t as u64;
        self.hi += (t >> 64) + (other.hi << 1);
    }
    #[inline(always)]
    fn lo(&self) -> u64 { self.lo }
    #[inline(always)]
    fn shift(&mut self) -> u64 {
        let r = self.lo;
        self.lo = self.hi as u64;
        self.hi >>= 64;
        r
    }
    #[inline(always)]
    fn shift_hi_carry(&self) -> u64 { self.hi as u64 }
}

/// out = r − p if (carry or r ≥ p) else r, by masks.
#[inline(always)]
fn final_sub(out: &mut [u64], p: &[u64], carry: u64) {
    let n = p.len();
    let mut diff = [0u64; 128];
    let mut borrow = 0u64;
    for i in 0..n {
        let (d1, b1) = out[i].overflowing_sub(p[i]);
        let (d2, b2) = d1.overflowing_sub(borrow);
        diff[i] = d2;
        borrow = u64::from(b1 | b2);
    }
    // take diff when carry == 1 or borrow == 0
    let take = carry | (borrow ^ 1);
    let mask = 0u64.wrapping_sub(core::hint::black_box(take));
    for i in 0..n {
        out[i] = (diff[i] & mask) | (out[i] & !mask);
    }
}

/// FIPS Montgomery multiplication with product scanning.
#[inline(always)]
pub fn mul_fips<A: Accum>(a: &[u64], b: &[u64], p: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut acc = A::default();
    for k in 0..n {
        for i in 0..k {
            acc.mac(a[i], b[k - i]);
            acc.mac(out[i], p[k - i]);
        }
        acc.mac(a[k], b[0]);
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n - 1 {
        for i in k - n + 1..n {
            acc.mac(a[i], b[k - i]);
            acc.mac(out[i], p[k - i]);
        }
        out[k - n] = acc.shift();
    }
    let carry = acc.lo();
    out[n - 1] = carry;
    // careful: out[n-1] must hold column 2n-1's low word
    final_sub(out, p, acc.shift_hi_carry());
}

/// FIPS squaring.
#[inline(always)]
pub fn sqr_fips<A: Accum>(a: &[u64], p: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut acc = A::default();
    for k in 0..n {
        let mut cross = A::default();
        for i in 0..(k + 1) / 2 {
            cross.mac(a[i], a[k - i]);
        }
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(a[k / 2], a[k / 2]);
        }
        for i in 0..k {
            acc.mac(out[i], p[k - i]);
        }
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n - 1 {
        let mut cross = A::default();
        for i in k - n + 1..(k + 1) / 2 {
            cross.mac(a[i], a[k - i]);
        }
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(a[k / 2], a[k / 2]);
        }
        for i in k - n + 1..n {
            acc.mac(out[i], p[k - i]);
        }
        out[k - n] = acc.shift();
    }
    out[n - 1] = acc.lo();
    final_sub(out, p, acc.shift_hi_carry());
}

/// CIOS with u128 (for comparison).
#[inline(always)]
pub fn mul_cios(a: &[u64], b: &[u64], p: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut t = [0u64; 130];
    for i in 0..n {
        let mut c: u64 = 0;
        let ai = a[i];
        for j in 0..n {
            let s = u128::from(ai) * u128::from(b[j]) + u128::from(t[j]) + u128::from(c);
            t[j] = s as u64;
            c = (s >> 64) as u64;
        }
        let s = u128::from(t[n]) + u128::from(c);
        t[n] = s as u64;
        t[n + 1] = (s >> 64) as u64;
        let m = t[0].wrapping_mul(n0);
        let s = u128::from(m) * u128::from(p[0]) + u128::from(t[0]);
        let mut c = (s >> 64) as u64;
        for j in 1..n {
            let s = u128::from(m) * u128::from(p[j]) + u128::from(t[j]) + u128::from(c);
            t[j - 1] = s as u64;
            c = (s >> 64) as u64;
        }
        let s = u128::from(t[n]) + u128::from(c);
        t[n - 1] = s as u64;
        t[n] = t[n + 1] + ((s >> 64) as u64);
    }
    out[..n].copy_from_slice(&t[..n]);
    final_sub(out, p, t[n]);
}

/// Comba full product out[0..2n] = a*b.
#[inline(always)]
pub fn mul_comba<A: Accum>(a: &[u64], b: &[u64], out: &mut [u64]) {
    let n = a.len();
    let mut acc = A::default();
    for k in 0..2 * n - 1 {
        let lo = if k + 1 > n { k + 1 - n } else { 0 };
        let hi = if k < n { k } else { n - 1 };
        for i in lo..=hi {
            acc.mac(a[i], b[k - i]);
        }
        out[k] = acc.shift();
    }
    out[2 * n - 1] = acc.lo();
}

/// Comba full square.
#[inline(always)]
pub fn sqr_comba<A: Accum>(a: &[u64], out: &mut [u64]) {
    let n = a.len();
    let mut acc = A::default();
    for k in 0..2 * n - 1 {
        let lo = if k + 1 > n { k + 1 - n } else { 0 };
        let mut cross = A::default();
        for i in lo..(k + 1) / 2 {
            cross.mac(a[i], a[k - i]);
        }
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(a[k / 2], a[k / 2]);
        }
        out[k] = acc.shift();
    }
    out[2 * n - 1] = acc.lo();
}

/// Montgomery reduction of t (2n limbs) by product scanning.
#[inline(always)]
pub fn redc<A: Accum>(t: &[u64], p: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut acc = A::default();
    for k in 0..n {
        acc.add(t[k]);
        for i in 0..k {
            acc.mac(out[i], p[k - i]);
        }
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n {
        acc.add(t[k]);
        for i in k - n + 1..n {
            acc.mac(out[i], p[k - i]);
        }
        out[k - n] = acc.shift();
    }
    final_sub(out, p, acc.lo());
}

/// Additive Karatsuba, one level, base Comba; n even. out has 2n limbs.
#[inline(always)]
pub fn mul_kara<A: Accum>(a: &[u64], b: &[u64], out: &mut [u64]) {
    let n = a.len();
    let h = n / 2;
    let (a0, a1) = a.split_at(h);
    let (b0, b1) = b.split_at(h);
    // z0 = a0 b0 → out[0..n], z2 = a1 b1 → out[n..2n]
    {
        let (lo, hi) = out.split_at_mut(n);
        mul_comba::<A>(a0, b0, lo);
        mul_comba::<A>(a1, b1, hi);
    }
    let mut sa = [0u64; 64];
    let mut sb = [0u64; 64];
    let ca = add_into(a0, a1, &mut sa[..h]);
    let cb = add_into(b0, b1, &mut sb[..h]);
    let mut mid = [0u64; 130];
    mul_comba::<A>(&sa[..h], &sb[..h], &mut mid[..n]);
    // mid += ca*sb << h + cb*sa << h + ca*cb << n
    let ma = 0u64.wrapping_sub(ca);
    let mb = 0u64.wrapping_sub(cb);
    let mut c = 0u64;
    for i in 0..h {
        let s = u128::from(mid[h + i]) + u128::from(sb[i] & ma) + u128::from(sa[i] & mb) + u128::from(c);
        mid[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    mid[n] = c + (ca & cb);
    // mid -= z0 + z2
    let mut borrow = 0u64;
    for i in 0..=n {
        let z0 = if i < n { out[i] } else { 0 };
        let z2 = if i < n { out[n + i] } else { 0 };
        let (d1, b1) = mid[i].overflowing_sub(z0);
        let (d2, b2) = d1.overflowing_sub(z2);
        let (d3, b3) = d2.overflowing_sub(borrow);
        mid[i] = d3;
        borrow = u64::from(b1) + u64::from(b2) + u64::from(b3);
    }
    // out += mid << h
    let mut c = 0u64;
    for i in 0..=n {
        let s = u128::from(out[h + i]) + u128::from(mid[i]) + u128::from(c);
        out[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    for i in h + n + 1..2 * n {
        let s = u128::from(out[i]) + u128::from(c);
        out[i] = s as u64;
        c = (s >> 64) as u64;
    }
}

/// Karatsuba squaring one level.
#[inline(always)]
pub fn sqr_kara<A: Accum>(a: &[u64], out: &mut [u64]) {
    let n = a.len();
    let h = n / 2;
    let (a0, a1) = a.split_at(h);
    {
        let (lo, hi) = out.split_at_mut(n);
        sqr_comba::<A>(a0, lo);
        sqr_comba::<A>(a1, hi);
    }
    let mut sa = [0u64; 64];
    let ca = add_into(a0, a1, &mut sa[..h]);
    let mut mid = [0u64; 130];
    sqr_comba::<A>(&sa[..h], &mut mid[..n]);
    let ma = 0u64.wrapping_sub(ca);
    let mut c = 0u64;
    for i in 0..h {
        let s = u128::from(mid[h + i]) + (u128::from(sa[i] & ma) << 1) + u128::from(c);
        mid[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    mid[n] = c + ca;
    let mut borrow = 0u64;
    for i in 0..=n {
        let z0 = if i < n { out[i] } else { 0 };
        let z2 = if i < n { out[n + i] } else { 0 };
        let (d1, b1) = mid[i].overflowing_sub(z0);
        let (d2, b2) = d1.overflowing_sub(z2);
        let (d3, b3) = d2.overflowing_sub(borrow);
        mid[i] = d3;
        borrow = u64::from(b1) + u64::from(b2) + u64::from(b3);
    }
    let mut c = 0u64;
    for i in 0..=n {
        let s = u128::from(out[h + i]) + u128::from(mid[i]) + u128::from(c);
        out[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    for i in h + n + 1..2 * n {
        let s = u128::from(out[i]) + u128::from(c);
        out[i] = s as u64;
        c = (s >> 64) as u64;
    }
}

#[inline(always)]
fn add_into(x: &[u64], y: &[u64], out: &mut [u64]) -> u64 {
    let mut c = 0u64;
    for i in 0..x.len() {
        let s = u128::from(x[i]) + u128::from(y[i]) + u128::from(c);
        out[i] = s as u64;
        c = (s >> 64) as u64;
    }
    c
}

// ---- fixed-size wrappers for 64 limbs
#[inline(never)]
pub fn mul_fips_64<A: Accum>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    mul_fips::<A>(a, b, p, n0, out)
}
#[inline(never)]
pub fn sqr_fips_64<A: Accum>(a: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    sqr_fips::<A>(a, p, n0, out)
}
#[inline(never)]
pub fn mul_cios_64(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    mul_cios(a, b, p, n0, out)
}
#[inline(never)]
pub fn mul_kara_64<A: Accum>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    mul_kara::<A>(a, b, &mut t);
    redc::<A>(&t, p, n0, out)
}
#[inline(never)]
pub fn sqr_kara_64<A: Accum>(a: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    sqr_kara::<A>(a, &mut t);
    redc::<A>(&t, p, n0, out)
}
#[inline(never)]
pub fn mul_sep_64<A: Accum>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    mul_comba::<A>(a, b, &mut t);
    redc::<A>(&t, p, n0, out)
}
#[inline(never)]
pub fn sqr_sep_64<A: Accum>(a: &[u64; 64], p: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    sqr_comba::<A>(a, &mut t);
    redc::<A>(&t, p, n0, out)
}
// slice (runtime n) version
#[inline(never)]
pub fn mul_fips_dyn<A: Accum>(a: &[u64], b: &[u64], p: &[u64], n0: u64, out: &mut [u64]) {
    mul_fips::<A>(a, b, p, n0, out)
}

// ---------------- dot-product formulation with reversed operands
#[inline(always)]
pub fn dot<A: Accum>(acc: &mut A, x: &[u64], y: &[u64]) {
    dotu::<A, 4>(acc, x, y)
}

#[inline(always)]
pub fn dotu<A: Accum, const U: usize>(acc: &mut A, x: &[u64], y: &[u64]) {
    if U <= 1 {
        for (x, y) in x.iter().zip(y) {
            acc.mac(*x, *y);
        }
        return;
    }
    let mut xc = x.chunks_exact(U);
    let mut yc = y.chunks_exact(U);
    for (xs, ys) in (&mut xc).zip(&mut yc) {
        for j in 0..U {
            acc.mac(xs[j], ys[j]);
        }
    }
    for (x, y) in xc.remainder().iter().zip(yc.remainder()) {
        acc.mac(*x, *y);
    }
}

/// Sum of x[i]*x[j] for i<j, i+j const, x and xr reversed of the same row: x · xr.
#[inline(always)]
pub fn mul_fips2<A: Accum, const U: usize>(a: &[u64], b: &[u64], p: &[u64], prev: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut brev = [0u64; 64];
    for (r, x) in brev[..n].iter_mut().zip(b.iter().rev()) {
        *r = *x;
    }
    let brev = &brev[..n];
    let mut acc = A::default();
    for k in 0..n {
        dotu::<A, U>(&mut acc, &a[..=k], &brev[n - 1 - k..]);
        dotu::<A, U>(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n - 1 {
        dotu::<A, U>(&mut acc, &a[k - n + 1..], &brev[..2 * n - 1 - k]);
        let (done, rest) = out.split_at_mut(k - n + 1);
        dotu::<A, U>(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = acc.shift();
    }
    out[n - 1] = acc.lo();
    final_sub(out, p, acc.shift_hi_carry());
}

#[inline(always)]
pub fn sqr_fips2<A: Accum, const U: usize>(a: &[u64], p: &[u64], prev: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut arev = [0u64; 64];
    for (r, x) in arev[..n].iter_mut().zip(a.iter().rev()) {
        *r = *x;
    }
    let arev = &arev[..n];
    let mut acc = A::default();
    for k in 0..n {
        // cross products i < k - i: i in 0..(k+1)/2, partner a[k-i] = arev[n-1-k+i]
        let h = (k + 1) / 2;
        let mut cross = A::default();
        dotu::<A, U>(&mut cross, &a[..h], &arev[n - 1 - k..n - 1 - k + h]);
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(a[k / 2], a[k / 2]);
        }
        dotu::<A, U>(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n - 1 {
        let lo = k - n + 1;
        let h = (k + 1) / 2;
        let mut cross = A::default();
        // i in lo..h, partner a[k-i] = arev[n-1-k+i]
        dotu::<A, U>(&mut cross, &a[lo..h], &arev[n - 1 - k + lo..n - 1 - k + h]);
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(a[k / 2], a[k / 2]);
        }
        let (done, rest) = out.split_at_mut(lo);
        dotu::<A, U>(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = acc.shift();
    }
    out[n - 1] = acc.lo();
    final_sub(out, p, acc.shift_hi_carry());
}

#[inline(never)]
pub fn mul_fips2_64<A: Accum, const U: usize>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    mul_fips2::<A, U>(a, b, p, prev, n0, out)
}
#[inline(never)]
pub fn sqr_fips2_64<A: Accum, const U: usize>(a: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    sqr_fips2::<A, U>(a, p, prev, n0, out)
}
#[inline(never)]
pub fn mul_fips2_dyn<A: Accum>(a: &[u64], b: &[u64], p: &[u64], prev: &[u64], n0: u64, out: &mut [u64]) {
    mul_fips2::<A, 8>(a, b, p, prev, n0, out)
}

// ---------------- radix 2^60
pub const BITS: u32 = 60;
pub const MASK: u64 = (1 << BITS) - 1;

#[inline(always)]
fn dot60(acc: &mut u128, x: &[u64], y: &[u64]) {
    // products < 2^120: the high halves (< 2^56) and carries sum in one u64.
    let mut lo = 0u64;
    let mut hi = 0u64;
    let mut xc = x.chunks_exact(4);
    let mut yc = y.chunks_exact(4);
    for (xs, ys) in (&mut xc).zip(&mut yc) {
        for j in 0..4 {
            let p = u128::from(xs[j]) * u128::from(ys[j]);
            let (l, c) = lo.overflowing_add(p as u64);
            lo = l;
            hi = hi.wrapping_add((p >> 64) as u64).wrapping_add(u64::from(c));
        }
    }
    for (x, y) in xc.remainder().iter().zip(yc.remainder()) {
        let p = u128::from(*x) * u128::from(*y);
        let (l, c) = lo.overflowing_add(p as u64);
        lo = l;
        hi = hi.wrapping_add((p >> 64) as u64).wrapping_add(u64::from(c));
    }
    *acc += u128::from(lo) | (u128::from(hi) << 64);
}

/// Radix-2^60 FIPS Montgomery multiplication, output in [0, 2p) (no final subtraction).
#[inline(always)]
pub fn mul60(a: &[u64], b: &[u64], prev: &[u64], p0: u64, n0: u64, out: &mut [u64]) {
    let n = prev.len();
    let mut brev = [0u64; 80];
    for (r, x) in brev[..n].iter_mut().zip(b.iter().rev()) {
        *r = *x;
    }
    let brev = &brev[..n];
    let mut acc = 0u128;
    for k in 0..n {
        dot60(&mut acc, &a[..=k], &brev[n - 1 - k..]);
        dot60(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = ((acc as u64).wrapping_mul(n0)) & MASK;
        out[k] = m;
        acc += u128::from(m) * u128::from(p0);
        acc >>= BITS;
    }
    for k in n..2 * n - 1 {
        dot60(&mut acc, &a[k - n + 1..], &brev[..2 * n - 1 - k]);
        let (done, rest) = out.split_at_mut(k - n + 1);
        dot60(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = (acc as u64) & MASK;
        acc >>= BITS;
    }
    out[n - 1] = acc as u64;
}

#[inline(always)]
pub fn sqr60(a: &[u64], prev: &[u64], p0: u64, n0: u64, out: &mut [u64]) {
    let n = prev.len();
    let mut arev = [0u64; 80];
    for (r, x) in arev[..n].iter_mut().zip(a.iter().rev()) {
        *r = *x;
    }
    let arev = &arev[..n];
    let mut acc = 0u128;
    for k in 0..n {
        let h = (k + 1) / 2;
        let mut cross = 0u128;
        dot60(&mut cross, &a[..h], &arev[n - 1 - k..n - 1 - k + h]);
        acc += cross << 1;
        if k % 2 == 0 {
            acc += u128::from(a[k / 2]) * u128::from(a[k / 2]);
        }
        dot60(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = ((acc as u64).wrapping_mul(n0)) & MASK;
        out[k] = m;
        acc += u128::from(m) * u128::from(p0);
        acc >>= BITS;
    }
    for k in n..2 * n - 1 {
        let lo = k - n + 1;
        let h = (k + 1) / 2;
        let mut cross = 0u128;
        dot60(&mut cross, &a[lo..h], &arev[n - 1 - k + lo..n - 1 - k + h]);
        acc += cross << 1;
        if k % 2 == 0 {
            acc += u128::from(a[k / 2]) * u128::from(a[k / 2]);
        }
        let (done, rest) = out.split_at_mut(lo);
        dot60(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = (acc as u64) & MASK;
        acc >>= BITS;
    }
    out[n - 1] = acc as u64;
}

#[inline(never)]
pub fn mul60_69(a: &[u64; 69], b: &[u64; 69], prev: &[u64; 69], p0: u64, n0: u64, out: &mut [u64; 69]) {
    mul60(a, b, prev, p0, n0, out)
}
#[inline(never)]
pub fn sqr60_69(a: &[u64; 69], prev: &[u64; 69], p0: u64, n0: u64, out: &mut [u64; 69]) {
    sqr60(a, prev, p0, n0, out)
}
#[inline(never)]
pub fn mul60_dyn(a: &[u64], b: &[u64], prev: &[u64], p0: u64, n0: u64, out: &mut [u64]) {
    mul60(a, b, prev, p0, n0, out)
}

/// Repack 64-bit limbs into 60-bit limbs.
pub fn to60(x: &[u64], n: usize) -> Vec<u64> {
    let mut out = vec![0u64; n];
    for (i, o) in out.iter_mut().enumerate() {
        let bit = i * 60;
        let w = bit / 64;
        let s = bit % 64;
        let lo = x.get(w).copied().unwrap_or(0) >> s;
        let hi = if s > 4 { x.get(w + 1).copied().unwrap_or(0) << (64 - s) } else { 0 };
        *o = (lo | hi) & MASK;
    }
    out
}
pub fn from60(x: &[u64], n64: usize) -> Vec<u64> {
    let mut out = vec![0u64; n64];
    for (i, v) in x.iter().enumerate() {
        let bit = i * 60;
        let w = bit / 64;
        let s = bit % 64;
        if w < n64 { out[w] |= v << s; }
        if s > 4 && w + 1 < n64 { out[w + 1] |= v >> (64 - s); }
    }
    out
}

// ---------------- column Karatsuba in radix 2^60
/// cols[k] = Σ_{i+j=k} x_i y_j for x, y of length h (yrev = y reversed); 2h − 1 columns.
#[inline(always)]
fn prod_cols(x: &[u64], yrev: &[u64], cols: &mut [u128]) {
    let h = x.len();
    for k in 0..2 * h - 1 {
        let lo = if k >= h { k + 1 - h } else { 0 };
        let hi = if k < h { k + 1 } else { h };
        // y_{k-i} = yrev[h-1-k+i]
        let mut s = 0u128;
        dot60(&mut s, &x[lo..hi], &yrev[h - 1 - k + lo..h - 1 - k + hi]);
        cols[k] = s;
    }
}

#[inline(always)]
fn sqr_cols(x: &[u64], xrev: &[u64], cols: &mut [u128]) {
    let h = x.len();
    for k in 0..2 * h - 1 {
        let lo = if k >= h { k + 1 - h } else { 0 };
        let mid = (k + 1) / 2;
        let mut s = 0u128;
        if mid > lo {
            dot60(&mut s, &x[lo..mid], &xrev[h - 1 - k + lo..h - 1 - k + mid]);
        }
        s <<= 1;
        if k % 2 == 0 {
            s += u128::from(x[k / 2]) * u128::from(x[k / 2]);
        }
        cols[k] = s;
    }
}

const H: usize = 35;

#[inline(always)]
fn kara_mul_cols(a: &[u64], b: &[u64], cols: &mut [u128; 2 * 2 * H]) {
    let n = a.len();
    let h = (n + 1) / 2;
    let mut a0 = [0u64; H]; let mut a1 = [0u64; H]; let mut sa = [0u64; H];
    let mut b0r = [0u64; H]; let mut b1r = [0u64; H]; let mut sbr = [0u64; H];
    a0[..h].copy_from_slice(&a[..h]);
    a1[..n - h].copy_from_slice(&a[h..]);
    for i in 0..h { sa[i] = a0[i] + a1[i]; }
    for i in 0..h {
        let b0 = b[i];
        let b1 = if h + i < n { b[h + i] } else { 0 };
        b0r[h - 1 - i] = b0; b1r[h - 1 - i] = b1; sbr[h - 1 - i] = b0 + b1;
    }
    let mut z0 = [0u128; 2 * H]; let mut z1 = [0u128; 2 * H]; let mut z2 = [0u128; 2 * H];
    prod_cols(&a0[..h], &b0r[..h], &mut z0);
    prod_cols(&a1[..h], &b1r[..h], &mut z2);
    prod_cols(&sa[..h], &sbr[..h], &mut z1);
    for c in cols.iter_mut() { *c = 0; }
    for k in 0..2 * h - 1 {
        cols[k] += z0[k];
        cols[k + h] += z1[k] - z0[k] - z2[k];
        cols[k + 2 * h] += z2[k];
    }
}

#[inline(always)]
fn kara_sqr_cols(a: &[u64], cols: &mut [u128; 2 * 2 * H]) {
    let n = a.len();
    let h = (n + 1) / 2;
    let mut a0 = [0u64; H]; let mut a1 = [0u64; H]; let mut sa = [0u64; H];
    let mut a0r = [0u64; H]; let mut a1r = [0u64; H]; let mut sar = [0u64; H];
    a0[..h].copy_from_slice(&a[..h]);
    a1[..n - h].copy_from_slice(&a[h..]);
    for i in 0..h { sa[i] = a0[i] + a1[i]; a0r[h-1-i] = a0[i]; a1r[h-1-i] = a1[i]; sar[h-1-i] = sa[i]; }
    let mut z0 = [0u128; 2 * H]; let mut z1 = [0u128; 2 * H]; let mut z2 = [0u128; 2 * H];
    sqr_cols(&a0[..h], &a0r[..h], &mut z0);
    sqr_cols(&a1[..h], &a1r[..h], &mut z2);
    sqr_cols(&sa[..h], &sar[..h], &mut z1);
    for c in cols.iter_mut() { *c = 0; }
    for k in 0..2 * h - 1 {
        cols[k] += z0[k];
        cols[k + h] += z1[k] - z0[k] - z2[k];
        cols[k + 2 * h] += z2[k];
    }
}

/// REDC of column sums.
#[inline(always)]
fn redc_cols(cols: &[u128], prev: &[u64], p0: u64, n0: u64, out: &mut [u64]) {
    let n = prev.len();
    let mut acc = 0u128;
    for k in 0..n {
        acc += cols[k];
        dot60(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = ((acc as u64).wrapping_mul(n0)) & MASK;
        out[k] = m;
        acc += u128::from(m) * u128::from(p0);
        acc >>= BITS;
    }
    for k in n..2 * n - 1 {
        acc += cols[k];
        let (done, rest) = out.split_at_mut(k - n + 1);
        dot60(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = (acc as u64) & MASK;
        acc >>= BITS;
    }
    acc += cols[2 * n - 1];
    out[n - 1] = acc as u64;
}

#[inline(never)]
pub fn kmul60_69(a: &[u64; 69], b: &[u64; 69], prev: &[u64; 69], p0: u64, n0: u64, out: &mut [u64; 69]) {
    let mut cols = [0u128; 4 * H];
    kara_mul_cols(a, b, &mut cols);
    redc_cols(&cols, prev, p0, n0, out)
}
#[inline(never)]
pub fn ksqr60_69(a: &[u64; 69], prev: &[u64; 69], p0: u64, n0: u64, out: &mut [u64; 69]) {
    let mut cols = [0u128; 4 * H];
    kara_sqr_cols(a, &mut cols);
    redc_cols(&cols, prev, p0, n0, out)
}

// ---------------- separated, dot-based
/// out[0..2h] = x*y, with yrev = y reversed (length h).
#[inline(always)]
pub fn comba2<A: Accum, const U: usize>(x: &[u64], yrev: &[u64], out: &mut [u64]) {
    let h = x.len();
    let mut acc = A::default();
    for k in 0..2 * h - 1 {
        let lo = if k >= h { k + 1 - h } else { 0 };
        let hi = if k < h { k + 1 } else { h };
        dotu::<A, U>(&mut acc, &x[lo..hi], &yrev[h - 1 - k + lo..h - 1 - k + hi]);
        out[k] = acc.shift();
    }
    out[2 * h - 1] = acc.lo();
}

#[inline(always)]
pub fn sqr_comba2<A: Accum, const U: usize>(x: &[u64], xrev: &[u64], out: &mut [u64]) {
    let h = x.len();
    let mut acc = A::default();
    for k in 0..2 * h - 1 {
        let lo = if k >= h { k + 1 - h } else { 0 };
        let mid = (k + 1) / 2;
        let mut cross = A::default();
        if mid > lo {
            dotu::<A, U>(&mut cross, &x[lo..mid], &xrev[h - 1 - k + lo..h - 1 - k + mid]);
        }
        acc.add_acc_doubled(&cross);
        if k % 2 == 0 {
            acc.mac(x[k / 2], x[k / 2]);
        }
        out[k] = acc.shift();
    }
    out[2 * h - 1] = acc.lo();
}

/// REDC of t (2n limbs), dot-based.
#[inline(always)]
pub fn redc2<A: Accum, const U: usize>(t: &[u64], p: &[u64], prev: &[u64], n0: u64, out: &mut [u64]) {
    let n = p.len();
    let mut acc = A::default();
    for k in 0..n {
        acc.add(t[k]);
        dotu::<A, U>(&mut acc, &out[..k], &prev[n - 1 - k..n - 1]);
        let m = acc.lo().wrapping_mul(n0);
        out[k] = m;
        acc.mac(m, p[0]);
        acc.shift();
    }
    for k in n..2 * n {
        acc.add(t[k]);
        let (done, rest) = out.split_at_mut(k - n + 1);
        dotu::<A, U>(&mut acc, rest, &prev[..2 * n - 1 - k]);
        done[k - n] = acc.shift();
    }
    final_sub(out, p, acc.lo());
}

#[inline(always)]
pub fn mul_kara2<A: Accum, const U: usize>(a: &[u64], b: &[u64], out: &mut [u64]) {
    let n = a.len();
    let h = n / 2;
    let (a0, a1) = a.split_at(h);
    let mut b0r = [0u64; 32];
    let mut b1r = [0u64; 32];
    let mut sbr = [0u64; 32];
    let mut sa = [0u64; 32];
    let mut sb = [0u64; 32];
    let ca = add_into(a0, a1, &mut sa[..h]);
    let cb = add_into(&b[..h], &b[h..], &mut sb[..h]);
    for i in 0..h {
        b0r[h - 1 - i] = b[i];
        b1r[h - 1 - i] = b[h + i];
        sbr[h - 1 - i] = sb[i];
    }
    {
        let (lo, hi) = out.split_at_mut(n);
        comba2::<A, U>(a0, &b0r[..h], lo);
        comba2::<A, U>(a1, &b1r[..h], hi);
    }
    let mut mid = [0u64; 65];
    comba2::<A, U>(&sa[..h], &sbr[..h], &mut mid[..n]);
    let ma = 0u64.wrapping_sub(ca);
    let mb = 0u64.wrapping_sub(cb);
    let mut c = 0u64;
    for i in 0..h {
        let s = u128::from(mid[h + i]) + u128::from(sb[i] & ma) + u128::from(sa[i] & mb) + u128::from(c);
        mid[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    mid[n] = c + (ca & cb);
    let mut borrow = 0u64;
    for i in 0..=n {
        let z0 = if i < n { out[i] } else { 0 };
        let z2 = if i < n { out[n + i] } else { 0 };
        let (d1, b1) = mid[i].overflowing_sub(z0);
        let (d2, b2) = d1.overflowing_sub(z2);
        let (d3, b3) = d2.overflowing_sub(borrow);
        mid[i] = d3;
        borrow = u64::from(b1) + u64::from(b2) + u64::from(b3);
    }
    let mut c = 0u64;
    for i in 0..=n {
        let s = u128::from(out[h + i]) + u128::from(mid[i]) + u128::from(c);
        out[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    for i in h + n + 1..2 * n {
        let s = u128::from(out[i]) + u128::from(c);
        out[i] = s as u64;
        c = (s >> 64) as u64;
    }
}

#[inline(always)]
pub fn sqr_kara2<A: Accum, const U: usize>(a: &[u64], out: &mut [u64]) {
    let n = a.len();
    let h = n / 2;
    let (a0, a1) = a.split_at(h);
    let mut a0r = [0u64; 32];
    let mut a1r = [0u64; 32];
    let mut sar = [0u64; 32];
    let mut sa = [0u64; 32];
    let ca = add_into(a0, a1, &mut sa[..h]);
    for i in 0..h {
        a0r[h - 1 - i] = a0[i];
        a1r[h - 1 - i] = a1[i];
        sar[h - 1 - i] = sa[i];
    }
    {
        let (lo, hi) = out.split_at_mut(n);
        sqr_comba2::<A, U>(a0, &a0r[..h], lo);
        sqr_comba2::<A, U>(a1, &a1r[..h], hi);
    }
    let mut mid = [0u64; 65];
    sqr_comba2::<A, U>(&sa[..h], &sar[..h], &mut mid[..n]);
    let ma = 0u64.wrapping_sub(ca);
    let mut c = 0u64;
    for i in 0..h {
        let s = u128::from(mid[h + i]) + (u128::from(sa[i] & ma) << 1) + u128::from(c);
        mid[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    mid[n] = c + ca;
    let mut borrow = 0u64;
    for i in 0..=n {
        let z0 = if i < n { out[i] } else { 0 };
        let z2 = if i < n { out[n + i] } else { 0 };
        let (d1, b1) = mid[i].overflowing_sub(z0);
        let (d2, b2) = d1.overflowing_sub(z2);
        let (d3, b3) = d2.overflowing_sub(borrow);
        mid[i] = d3;
        borrow = u64::from(b1) + u64::from(b2) + u64::from(b3);
    }
    let mut c = 0u64;
    for i in 0..=n {
        let s = u128::from(out[h + i]) + u128::from(mid[i]) + u128::from(c);
        out[h + i] = s as u64;
        c = (s >> 64) as u64;
    }
    for i in h + n + 1..2 * n {
        let s = u128::from(out[i]) + u128::from(c);
        out[i] = s as u64;
        c = (s >> 64) as u64;
    }
}

#[inline(never)]
pub fn kmul2_64<A: Accum, const U: usize>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    mul_kara2::<A, U>(a, b, &mut t);
    redc2::<A, U>(&t, p, prev, n0, out)
}
#[inline(never)]
pub fn ksqr2_64<A: Accum, const U: usize>(a: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    sqr_kara2::<A, U>(a, &mut t);
    redc2::<A, U>(&t, p, prev, n0, out)
}
#[inline(never)]
pub fn smul2_64<A: Accum, const U: usize>(a: &[u64; 64], b: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    let mut br = *b; br.reverse();
    comba2::<A, U>(a, &br, &mut t);
    redc2::<A, U>(&t, p, prev, n0, out)
}
#[inline(never)]
pub fn ssqr2_64<A: Accum, const U: usize>(a: &[u64; 64], p: &[u64; 64], prev: &[u64; 64], n0: u64, out: &mut [u64; 64]) {
    let mut t = [0u64; 128];
    let mut ar = *a; ar.reverse();
    sqr_comba2::<A, U>(a, &ar, &mut t);
    redc2::<A, U>(&t, p, prev, n0, out)
}

//! Median and spread of a set of timings.

use serde::Serialize;

/// The median, the 10th and 90th percentiles and the extremes of some samples, in
/// milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The median.
    pub median: f64,
    /// The 10th percentile.
    pub p10: f64,
    /// The 90th percentile.
    pub p90: f64,
    /// The smallest sample.
    pub min: f64,
    /// The largest sample.
    pub max: f64,
    /// How many samples.
    pub samples: usize,
}

impl Summary {
    /// The summary of `samples`, or `None` when there are none. Percentiles interpolate
    /// linearly between the two nearest ranks, so the median of an even count is the mean of
    /// the middle two.
    pub fn of(samples: &[f64]) -> Option<Self> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        Some(Summary {
            median: percentile(&sorted, 0.5)?,
            p10: percentile(&sorted, 0.1)?,
            p90: percentile(&sorted, 0.9)?,
            min: *sorted.first()?,
            max: *sorted.last()?,
            samples: sorted.len(),
        })
    }
}

/// The `p`-quantile (0 ≤ p ≤ 1) of sorted samples, by linear interpolation between ranks.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    // rank lies in [0, last]: its floor is a valid index, and so is the next one up to last.
    let below = rank.floor() as usize;
    let above = (below + 1).min(last);
    let low = *sorted.get(below)?;
    let high = *sorted.get(above)?;
    Some(low + (high - low) * (rank - below as f64))
}

#[cfg(test)]
mod tests {
    use super::Summary;

    #[test]
    fn odd_and_even_counts() {
        let s = Summary::of(&[5.0, 1.0, 3.0]).unwrap();
        assert_eq!((s.median, s.min, s.max, s.samples), (3.0, 1.0, 5.0, 3));
        let s = Summary::of(&[4.0, 1.0, 3.0, 2.0]).unwrap();
        assert_eq!(s.median, 2.5);
    }

    #[test]
    fn percentiles_interpolate() {
        let samples: Vec<f64> = (0..=10).map(f64::from).collect();
        let s = Summary::of(&samples).unwrap();
        assert_eq!((s.p10, s.median, s.p90), (1.0, 5.0, 9.0));
        let s = Summary::of(&[0.0, 10.0]).unwrap();
        assert!((s.p10 - 1.0).abs() < 1e-12 && (s.p90 - 9.0).abs() < 1e-12);
    }

    #[test]
    fn one_sample_and_none() {
        let s = Summary::of(&[7.5]).unwrap();
        assert_eq!(
            (s.median, s.p10, s.p90, s.min, s.max),
            (7.5, 7.5, 7.5, 7.5, 7.5)
        );
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(Summary::of(&[f64::NAN]), None);
    }
}

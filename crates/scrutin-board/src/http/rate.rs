//! Per-client rate limits: a token bucket per client address, in a table of bounded size.
//!
//! A bucket holds at most `burst` tokens and gains `per_second` tokens a second; a request
//! takes one token or is refused with the time until the next token (the classic token
//! bucket, e.g. RFC 2697's committed bucket without colours). A client is an IPv4 address, or
//! an IPv6 /64 prefix: one host usually holds a whole /64 (RFC 4291 §2.5.4), so limiting
//! single IPv6 addresses would let a client rotate through 2^64 of them.
//!
//! Memory is bounded: the table keeps at most `max_clients` buckets. A full bucket is the same
//! as no bucket, so when the table is full the board first forgets every client whose bucket
//! has refilled, and then, if it must, the client seen longest ago.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A rate: `per_second` requests a second on average, `burst` at once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    /// The sustained rate, requests a second (> 0).
    pub per_second: f64,
    /// The bucket's size: requests a client may make at once after being idle (≥ 1).
    pub burst: u32,
}

impl RateLimit {
    /// A rate, or `None` when `per_second` is 0 or not finite (no limit).
    pub fn new(per_second: f64, burst: u32) -> Option<RateLimit> {
        (per_second.is_finite() && per_second > 0.0).then(|| RateLimit {
            per_second,
            burst: burst.max(1),
        })
    }

    /// The same rate and burst multiplied by `factor` (the looser limit of reads).
    pub fn scaled(self, factor: u32) -> RateLimit {
        RateLimit {
            per_second: self.per_second * f64::from(factor),
            burst: self.burst.saturating_mul(factor),
        }
    }

    fn refill_time(self, missing: f64) -> Duration {
        Duration::from_secs_f64((missing / self.per_second).clamp(0.0, 1e9))
    }
}

/// One client's bucket.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn full(limit: RateLimit, now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(limit.burst),
            updated: now,
        }
    }

    /// The tokens at `now` (a clock that went backwards adds nothing).
    fn refill(&mut self, limit: RateLimit, now: Instant) {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        self.tokens = (self.tokens + elapsed * limit.per_second).min(f64::from(limit.burst));
        self.updated = now;
    }

    /// Takes a token, or says how long until one is there.
    fn take(&mut self, limit: RateLimit, now: Instant) -> Result<(), Duration> {
        self.refill(limit, now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(limit.refill_time(1.0 - self.tokens))
        }
    }

    /// Whether the bucket would be full at `now`, i.e. forgetting it changes nothing.
    fn is_full_at(&self, limit: RateLimit, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.updated);
        elapsed >= limit.refill_time(f64::from(limit.burst) - self.tokens)
    }
}

/// Who a client is for the limits: an IPv4 address or an IPv6 /64 prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// An IPv4 address (IPv4-mapped IPv6 addresses included).
    V4([u8; 4]),
    /// The first 64 bits of an IPv6 address.
    V6([u8; 8]),
}

impl ClientKey {
    /// The key of address `ip`.
    pub fn of(ip: IpAddr) -> ClientKey {
        match ip {
            IpAddr::V4(v4) => ClientKey::V4(v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::V4(v4.octets()),
                None => {
                    let [a, b, c, d, e, f, g, h, ..] = v6.octets();
                    ClientKey::V6([a, b, c, d, e, f, g, h])
                }
            },
        }
    }
}

impl std::fmt::Display for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientKey::V4(o) => write!(f, "{}", std::net::Ipv4Addr::from(*o)),
            ClientKey::V6(p) => {
                let mut full = [0u8; 16];
                for (to, from) in full.iter_mut().zip(p) {
                    *to = *from;
                }
                write!(f, "{}/64", std::net::Ipv6Addr::from(full))
            }
        }
    }
}

/// The buckets of every client seen recently, for one limit.
pub struct ClientLimiter {
    limit: RateLimit,
    max_clients: usize,
    clients: Mutex<HashMap<ClientKey, Bucket>>,
}

impl ClientLimiter {
    /// A limiter of `limit` per client that remembers at most `max_clients` clients (≥ 1).
    pub fn new(limit: RateLimit, max_clients: usize) -> ClientLimiter {
        ClientLimiter {
            limit,
            max_clients: max_clients.max(1),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// The limit.
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Takes a token of `client`'s bucket at `now`, or says how long until one is there.
    pub fn check(&self, client: ClientKey, now: Instant) -> Result<(), Duration> {
        let mut clients = self
            .clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !clients.contains_key(&client) && clients.len() >= self.max_clients {
            self.evict(&mut clients, now);
        }
        clients
            .entry(client)
            .or_insert_with(|| Bucket::full(self.limit, now))
            .take(self.limit, now)
    }

    /// Makes room for one more client: forgets the refilled buckets, then the oldest.
    fn evict(&self, clients: &mut HashMap<ClientKey, Bucket>, now: Instant) {
        clients.retain(|_, bucket| !bucket.is_full_at(self.limit, now));
        while clients.len() >= self.max_clients {
            let oldest = clients
                .iter()
                .min_by_key(|(_, bucket)| bucket.updated)
                .map(|(key, _)| *key);
            match oldest {
                Some(key) => clients.remove(&key),
                None => break,
            };
        }
    }

    /// How many clients the table holds.
    pub fn clients(&self) -> usize {
        self.clients
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn client(last: u8) -> ClientKey {
        ClientKey::of(IpAddr::V4(Ipv4Addr::new(192, 0, 2, last)))
    }

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let limit = RateLimit::new(2.0, 3).unwrap();
        let limiter = ClientLimiter::new(limit, 10);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(client(1), t0), Ok(()));
        }
        let wait = limiter.check(client(1), t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(500));
        // Another client has its own bucket.
        assert_eq!(limiter.check(client(2), t0), Ok(()));
        // Half a second later one token is back, and only one.
        let t1 = t0 + Duration::from_millis(500);
        assert_eq!(limiter.check(client(1), t1), Ok(()));
        assert!(limiter.check(client(1), t1).is_err());
        // After a long pause the bucket is full again, never more than the burst.
        let t2 = t1 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(limiter.check(client(1), t2), Ok(()));
        }
        assert!(limiter.check(client(1), t2).is_err());
    }

    #[test]
    fn a_refused_request_takes_no_token() {
        let limit = RateLimit::new(1.0, 1).unwrap();
        let limiter = ClientLimiter::new(limit, 10);
        let t0 = Instant::now();
        assert_eq!(limiter.check(client(1), t0), Ok(()));
        for _ in 0..100 {
            assert!(limiter.check(client(1), t0).is_err());
        }
        assert_eq!(
            limiter.check(client(1), t0 + Duration::from_secs(1)),
            Ok(())
        );
    }

    #[test]
    fn a_clock_going_backwards_adds_nothing() {
        let limit = RateLimit::new(1.0, 1).unwrap();
        let limiter = ClientLimiter::new(limit, 10);
        let t0 = Instant::now() + Duration::from_secs(10);
        assert_eq!(limiter.check(client(1), t0), Ok(()));
        assert!(limiter
            .check(client(1), t0 - Duration::from_secs(5))
            .is_err());
    }

    #[test]
    fn zero_or_nan_is_no_limit_and_burst_is_at_least_one() {
        assert_eq!(RateLimit::new(0.0, 10), None);
        assert_eq!(RateLimit::new(f64::NAN, 10), None);
        assert_eq!(RateLimit::new(-1.0, 10), None);
        assert_eq!(RateLimit::new(5.0, 0).unwrap().burst, 1);
        let reads = RateLimit::new(5.0, 10).unwrap().scaled(4);
        assert_eq!((reads.per_second, reads.burst), (20.0, 40));
    }

    #[test]
    fn the_table_stays_bounded() {
        let limit = RateLimit::new(1.0, 2).unwrap();
        let limiter = ClientLimiter::new(limit, 3);
        let t0 = Instant::now();
        for last in 0..=255 {
            let now = t0 + Duration::from_millis(u64::from(last));
            assert_eq!(limiter.check(client(last), now), Ok(()));
            assert!(limiter.clients() <= 3);
        }
        // The most recent client was kept: its token is spent.
        let now = t0 + Duration::from_millis(255);
        assert_eq!(limiter.check(client(255), now), Ok(()));
        assert!(limiter.check(client(255), now).is_err());
    }

    #[test]
    fn refilled_clients_are_forgotten_before_busy_ones() {
        let limit = RateLimit::new(1.0, 1).unwrap();
        let limiter = ClientLimiter::new(limit, 2);
        let t0 = Instant::now();
        assert_eq!(limiter.check(client(1), t0), Ok(()));
        let t1 = t0 + Duration::from_secs(5);
        assert_eq!(limiter.check(client(2), t1), Ok(()));
        // Client 1 has refilled by t1 + 0.5 s, client 2 has not: 1 is forgotten, 2 kept.
        let t2 = t1 + Duration::from_millis(500);
        assert_eq!(limiter.check(client(3), t2), Ok(()));
        assert_eq!(limiter.clients(), 2);
        assert!(limiter.check(client(2), t2).is_err());
    }

    #[test]
    fn ipv6_clients_are_their_64_prefix() {
        let a: Ipv6Addr = "2001:db8:1:2::1".parse().unwrap();
        let b: Ipv6Addr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: Ipv6Addr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(ClientKey::of(a.into()), ClientKey::of(b.into()));
        assert_ne!(ClientKey::of(a.into()), ClientKey::of(c.into()));
        assert_eq!(ClientKey::of(a.into()).to_string(), "2001:db8:1:2::/64");
        let mapped: Ipv6Addr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(ClientKey::of(mapped.into()), client(7));
        assert_eq!(client(7).to_string(), "192.0.2.7");
    }
}

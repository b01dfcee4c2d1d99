//! The caps on open connections: at most so many per client (an IPv4 address or an IPv6 /64,
//! the clients of the rate limits) and so many in all. A connection holds its slot until it
//! closes; one over a cap is closed at once, before a byte of it is read, so that no client
//! can use up the board's file descriptors (docs/board-api.md, "Limits").

use super::rate::ClientKey;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

/// The open connections of every client, and their total.
pub struct ConnectionCaps {
    per_client: usize,
    total: usize,
    open: Mutex<OpenConnections>,
}

#[derive(Default)]
struct OpenConnections {
    by_client: HashMap<ClientKey, usize>,
    total: usize,
}

/// An open connection's place under the caps, given back when it is dropped.
pub struct ConnectionSlot {
    caps: Arc<ConnectionCaps>,
    client: ClientKey,
}

impl ConnectionCaps {
    /// Caps of `per_client` connections per client and `total` in all (each at least one).
    pub fn new(per_client: usize, total: usize) -> ConnectionCaps {
        ConnectionCaps {
            per_client: per_client.max(1),
            total: total.max(1),
            open: Mutex::new(OpenConnections::default()),
        }
    }

    /// A slot for a new connection from `ip`, or `None` when a cap is reached.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<ConnectionSlot> {
        let client = ClientKey::of(ip);
        // The table stays consistent through a panic elsewhere: every change is one step.
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = open.by_client.get(&client).copied().unwrap_or(0);
        if open.total >= self.total || mine >= self.per_client {
            return None;
        }
        open.total += 1;
        open.by_client.insert(client, mine + 1);
        Some(ConnectionSlot {
            caps: Arc::clone(self),
            client,
        })
    }

    fn release(&self, client: ClientKey) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total = open.total.saturating_sub(1);
        if let Some(count) = open.by_client.get_mut(&client) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.by_client.remove(&client);
            }
        }
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        self.caps.release(self.client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn a_client_is_capped_and_its_slots_come_back_when_closed() {
        let caps = Arc::new(ConnectionCaps::new(2, 10));
        let ip = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));
        let first = caps.admit(ip).unwrap();
        let _second = caps.admit(ip).unwrap();
        assert!(caps.admit(ip).is_none());
        assert!(caps
            .admit(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2)))
            .is_some());
        drop(first);
        assert!(caps.admit(ip).is_some());
    }

    #[test]
    fn an_ipv6_slash_64_is_one_client_and_the_total_is_capped() {
        let caps = Arc::new(ConnectionCaps::new(1, 2));
        let a = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, 1));
        let b = IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 1, 0, 0, 0, 2));
        let _held = caps.admit(a).unwrap();
        assert!(caps.admit(b).is_none());
        let _other = caps.admit(IpAddr::V4(Ipv4Addr::LOCALHOST)).unwrap();
        assert!(caps
            .admit(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 9)))
            .is_none());
    }
}

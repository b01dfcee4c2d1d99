//! The JSON forms of the board's own working files (docs/board-api.md): a guardian's
//! acceptance of the guardian record and a voting device's registration, defined with the
//! API's other bodies in scrutin-client.

pub use scrutin_client::wire::{AcceptanceJson, DeviceJson};

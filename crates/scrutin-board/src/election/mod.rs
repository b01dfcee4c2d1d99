//! One election on the board: what may be posted at each stage, and the state its log has
//! built. The rules are generic in the parameter set; [`open_rules`] picks it by name.
//! [`Authors`] holds who may post: the roster and the enrolled devices and witnesses.

mod authors;
mod ceremony;
mod decryption;
mod restart;
mod rules;
mod voting;
pub mod wire;

pub use authors::Authors;
pub use rules::{open_rules, BallotPrecheck, Item, Phase, Rules, Summary};

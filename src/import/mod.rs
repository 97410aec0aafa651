//! Bringing content in from elsewhere (native only: used by the publisher tool).

pub mod wordpress;

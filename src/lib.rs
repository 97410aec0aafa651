//! linernotes: a music-magazine article reader.
//!
//! `model` is plain data and rules, shared by the browser app and the native
//! tools; everything else builds the page.

pub mod model;

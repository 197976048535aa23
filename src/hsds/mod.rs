//! Open Referral's Human Services Data Specification 3.0: what the open
//! data export writes and the importer reads.

pub mod objects;
pub mod tables;

/// How a confidential location's description starts: the export writes
/// it, and the importer reads a location so described as confidential.
pub const CONFIDENTIAL: &str = "Confidential location.";

/// How a hotline's phone description ends (export and import alike).
pub const HOTLINE: &str = " (hotline)";

//! What the stages that write produce, shared by all of them: a file of
//! the built site, and the content hash that names fingerprinted files
//! and keys caches.

/// One file of the built site, path relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Vec<u8>,
}

/// FNV-1a: tiny, stable across Rust versions and platforms, which is all a
/// cache-busting file name needs.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

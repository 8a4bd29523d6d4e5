//! Identifiers of records. Ids are derived from names (slugs) or from content
//! (hashes), never from a counter: two people adding records in two clones of
//! the repository must not hand out the same id for different things.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the data files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Lets maps keyed by ids be searched with a plain `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }
    };
}

id_type!(
    /// A player's id: the slug of the name, made unique with the birth year.
    PlayerId
);
id_type!(
    /// A club's id: the slug of its name.
    ClubId
);
id_type!(
    /// A source's id: the slug of its name.
    SourceId
);
id_type!(
    /// A rumour's id: eight hex digits of a hash of what first defined it.
    RumourId
);

/// FNV-1a, 64 bit: a tiny hash that is stable across Rust versions and
/// platforms (unlike `DefaultHasher`), used for shard names and rumour ids.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Turns a human name into an id: ASCII, lower case, words joined by `-`.
/// Returns `None` when nothing usable is left (a name of only punctuation).
pub fn slug(name: &str) -> Option<String> {
    let ascii = deunicode::deunicode(name).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Long names make unwieldy file contents and ids; 60 characters keep every
    // real name whole while bounding hostile input.
    out.truncate(60);
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slug("Ibrahima Konaté").as_deref(), Some("ibrahima-konate"));
        assert_eq!(slug("L'Équipe").as_deref(), Some("l-equipe"));
        assert_eq!(slug("  Real  Madrid ").as_deref(), Some("real-madrid"));
        assert_eq!(slug("../..").as_deref(), None);
        assert_eq!(slug("").as_deref(), None);
    }

    #[test]
    fn slug_is_bounded() {
        let long = "a".repeat(10_000);
        assert_eq!(slug(&long).map(|s| s.len()), Some(60));
    }

    #[test]
    fn fnv_is_stable() {
        // Pinned: shard names and rumour ids on disk depend on this value.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}

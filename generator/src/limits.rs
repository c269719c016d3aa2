//! How big and how deep a description may be. Each limit is far beyond what
//! real descriptions use (the whole Microsoft Graph v1.0 is 5,161 types and
//! 14,612 operations, its base types at most 4 deep) and keeps the cost of
//! generating, and of compiling what is generated, in proportion to the
//! input. Passing one is bad input: a one-line error with the place.

/// Collections (`[`, `{`) nested in the text of a YAML or JSON description;
/// serde_json stops at the same depth.
pub const NESTING_DEPTH: usize = 128;

/// Types nested inside one another where a schema or property is read:
/// arrays of arrays, maps of arrays, `$ref`s through schemas that are not
/// named types. rustc itself fails on types nested a few hundred deep.
pub const TYPE_DEPTH: usize = 32;

/// `$ref`s followed one after another to reach a schema.
pub const REFERENCE_CHAIN: usize = 64;

/// Base types above a type (`BaseType`, `allOf` bases).
pub const BASE_TYPE_DEPTH: usize = 64;

/// Members of one enum type: each is a variant and a match arm in each of
/// its conversions (Graph's largest has 826; one of 5,000 takes `cargo
/// check` 5.7 s and 0.84 GB, one of 10,000 17 s and 1.8 GB).
pub const ENUM_MEMBERS: usize = 5_000;

/// Named types of one crate, inline ones included.
pub const TYPES: usize = 50_000;

/// Operations of one crate.
pub const OPERATIONS: usize = 50_000;

/// Top-level path groups of a crate with path features or of a split SDK:
/// each is a cargo feature (and a crate), and working out the types of each
/// costs a pass over the API (Graph v1.0 has 73).
pub const PATH_GROUPS: usize = 1_000;

/// Other files that `$ref`s (OpenAPI) or `edmx:Reference`s (CSDL) bring in.
pub const REFERENCED_FILES: usize = 100;

/// Containment navigations a path follows from its entity set or singleton.
/// Graph's containment graph is deep (every path through v1.0 would make
/// some 216,000 operations); three levels reach what its documented APIs
/// use, such as `/users/{id}/mailFolders/{id}/messages/{id}/attachments`.
/// Passing it is not an error: deeper paths are not generated.
pub const CONTAINMENT_DEPTH: usize = 3;

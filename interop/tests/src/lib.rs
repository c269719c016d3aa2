//! Only the tests in `tests/` matter; they need the live server of `cargo xtask interop`.

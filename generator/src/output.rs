//! Writing emitted files, and telling which files on disk are stale.
//!
//! Everything is generated in memory first, so a bad spec leaves the output
//! directory untouched; files whose content is unchanged are not rewritten.

use std::path::Path;

use crate::emit::CrateFiles;

/// How a file on disk differs from what the spec produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stale {
    Missing(String),
    Differs(String),
    /// A `.rs` file in a generated `src/` folder that the spec no longer produces.
    Extra(String),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(path) => write!(f, "{path}: missing"),
            Stale::Differs(path) => write!(f, "{path}: differs from what the spec produces"),
            Stale::Extra(path) => write!(f, "{path}: not produced by the spec any more"),
        }
    }
}

/// Compares `files` with the contents of `dir`. Paths in the result are
/// `dir` joined with the file's relative path.
pub fn stale_files(dir: &Path, files: &CrateFiles) -> Vec<Stale> {
    let mut stale = Vec::new();
    for (relative, content) in files {
        let path = dir.join(relative);
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == *content => {}
            Ok(_) => stale.push(Stale::Differs(shown)),
            Err(_) => stale.push(Stale::Missing(shown)),
        }
    }
    for relative in extra_sources(dir, files) {
        stale.push(Stale::Extra(dir.join(relative).display().to_string()));
    }
    stale
}

/// `.rs` files in the `src` folders of `files` (`src`, and a split SDK's
/// `crates/*/src`) that are not among `files`.
fn extra_sources(dir: &Path, files: &CrateFiles) -> Vec<String> {
    let folders: std::collections::BTreeSet<&str> = files
        .keys()
        .filter_map(|relative| relative.rsplit_once('/').map(|(folder, _)| folder))
        .filter(|folder| *folder == "src" || folder.ends_with("/src"))
        .collect();
    let mut extra = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        extra.extend(
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|name| name.ends_with(".rs"))
                .map(|name| format!("{folder}/{name}"))
                .filter(|relative| !files.contains_key(relative)),
        );
    }
    extra.sort();
    extra
}

/// Writes `files` under `dir`, skipping those already up to date, and removes
/// `.rs` files in its `src` folders that the spec no longer produces. Returns the paths
/// written or removed.
///
/// The files are written side by side: for a big crate, copying tens of
/// megabytes into the page cache is a good part of the run.
pub fn write_files(dir: &Path, files: &CrateFiles) -> std::io::Result<Vec<String>> {
    let written: Vec<std::io::Result<Option<String>>> = std::thread::scope(|scope| {
        let writers: Vec<_> = files
            .iter()
            .map(|(relative, content)| {
                scope.spawn(move || write_file(&dir.join(relative), content))
            })
            .collect();
        writers
            .into_iter()
            .map(|writer| {
                writer
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut changed = Vec::new();
    for path in written {
        changed.extend(path?);
    }
    for relative in extra_sources(dir, files) {
        let path = dir.join(relative);
        std::fs::remove_file(&path)?;
        changed.push(path.display().to_string());
    }
    Ok(changed)
}

/// Writes one file unless it already holds `content`; gives its path if written.
fn write_file(path: &Path, content: &str) -> std::io::Result<Option<String>> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == content) {
        return Ok(None);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, content)?;
    Ok(Some(path.display().to_string()))
}

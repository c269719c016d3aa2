//! `cargo xtask semver`: our change report judged by cargo-semver-checks.
//! Every change of `interop/semver/changes.yaml` is made, both ways; the SDK
//! emitted before and after each is compared by `sdkgen::changes` and by
//! cargo-semver-checks. Fails when cargo-semver-checks requires a major
//! release that our report does not call breaking, and when ours is stricter
//! without a named reason (or names one it no longer needs).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Deserialize;

use crate::semver_tool::{self, SUBJECT, Verdict};

const CASES: &str = "interop/semver/changes.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseText {
    name: String,
    base: Option<PathBuf>,
    from: Option<String>,
    #[serde(default)]
    edits: Vec<Edit>,
    after: Option<PathBuf>,
    stricter: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    find: String,
    replace: String,
}

/// A description's text and the extension that tells its format.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Description {
    extension: String,
    text: String,
}

struct Case {
    name: String,
    before: Description,
    after: Description,
    stricter: Option<String>,
}

/// A description's SDK as both judges see it.
struct Subject {
    summary: sdkgen::ApiSummary,
    rustdoc: PathBuf,
}

pub fn run(root: &Path) -> ExitCode {
    match judge_all(root) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn judge_all(root: &Path) -> Result<bool, String> {
    let cases = read_cases(root)?;
    let tool = semver_tool::install(root)?;
    let work = root.join("target/semver");
    let mut subjects: BTreeMap<Description, Subject> = BTreeMap::new();
    for case in &cases {
        for description in [&case.before, &case.after] {
            if !subjects.contains_key(description) {
                let subject = subject(root, &work, subjects.len(), description)
                    .map_err(|e| format!("{}: {e}", case.name))?;
                subjects.insert(description.clone(), subject);
            }
        }
    }
    let mut tally = Tally::default();
    for case in &cases {
        let (before, after) = (&subjects[&case.before], &subjects[&case.after]);
        let forward = Judged::new(&tool, before, after)?;
        let backward = Judged::new(&tool, after, before)?;
        tally.case(case, [("change", forward), ("reverse", backward)]);
    }
    println!(
        "semver: {} changes of {} cases: {} agree, {} stricter for a named reason, {} looser, {} unexplained",
        tally.changes,
        cases.len(),
        tally.agree,
        tally.stricter,
        tally.looser,
        tally.failures.len() - tally.looser,
    );
    for failure in &tally.failures {
        println!("FAIL {failure}");
    }
    Ok(tally.failures.is_empty())
}

/// One direction of a change as both judges classify it.
struct Judged {
    /// Our report's exit code: 0 no change, 1 compatible, 3 breaking.
    ours: u8,
    /// Our report's changes, one per line.
    report: Vec<String>,
    theirs: Verdict,
}

impl Judged {
    fn new(tool: &Path, old: &Subject, new: &Subject) -> Result<Self, String> {
        let report = sdkgen::changes::compare(&old.summary, &new.summary);
        Ok(Judged {
            ours: report.exit_code(),
            report: report.changes.into_iter().map(|c| c.description).collect(),
            theirs: semver_tool::judge(tool, &old.rustdoc, &new.rustdoc)?,
        })
    }

    fn ours_breaking(&self) -> bool {
        self.ours == 3
    }

    fn describe(&self) -> String {
        let ours = ["none", "minor", "", "major"][usize::from(self.ours.min(3))];
        let theirs = if self.theirs.major {
            format!("major ({})", self.theirs.lints.join(", "))
        } else {
            "not major".to_string()
        };
        format!("ours {ours}, cargo-semver-checks {theirs}")
    }
}

#[derive(Default)]
struct Tally {
    changes: usize,
    agree: usize,
    stricter: usize,
    looser: usize,
    failures: Vec<String>,
}

impl Tally {
    fn case(&mut self, case: &Case, directions: [(&str, Judged); 2]) {
        let mut used_reason = false;
        for (direction, judged) in directions {
            self.changes += 1;
            let mut line = format!("{} ({direction}): {}", case.name, judged.describe());
            println!("  {line}");
            for change in &judged.report {
                line.push_str(&format!("\n    ours: {change}"));
            }
            match (judged.theirs.major, judged.ours_breaking()) {
                (true, false) => {
                    self.looser += 1;
                    self.failures.push(format!("looser: {line}"));
                }
                (false, true) if case.stricter.is_some() => {
                    used_reason = true;
                    self.stricter += 1;
                }
                (false, true) => self
                    .failures
                    .push(format!("stricter without a named reason: {line}")),
                _ => self.agree += 1,
            }
        }
        if case.stricter.is_some() && !used_reason {
            self.failures.push(format!(
                "{}: names why ours is stricter, but it is not in either direction",
                case.name
            ));
        }
    }
}

fn read_cases(root: &Path) -> Result<Vec<Case>, String> {
    let path = root.join(CASES);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {CASES}: {e}"))?;
    let texts: Vec<CaseText> = serde_yaml::from_str(&text).map_err(|e| format!("{CASES}: {e}"))?;
    let mut cases: Vec<Case> = Vec::new();
    for case in texts {
        let place = |message: String| format!("{CASES}: {}: {message}", case.name);
        let before = match (&case.base, &case.from) {
            (Some(base), None) => read_description(root, base).map_err(place)?,
            (None, Some(from)) => cases
                .iter()
                .find(|c| &c.name == from)
                .map(|c| c.after.clone())
                .ok_or_else(|| place(format!("`from` names no earlier case: {from}")))?,
            _ => return Err(place("give `base` or `from`, not both".to_string())),
        };
        let after = match (&case.after, case.edits.is_empty()) {
            (Some(after), true) => read_description(root, after).map_err(place)?,
            (None, false) => edited(&before, &case.edits).map_err(place)?,
            _ => return Err(place("give `edits` or `after`, not both".to_string())),
        };
        cases.push(Case {
            name: case.name,
            before,
            after,
            stricter: case.stricter,
        });
    }
    Ok(cases)
}

fn read_description(root: &Path, path: &Path) -> Result<Description, String> {
    let text = std::fs::read_to_string(root.join(path))
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Description { extension, text })
}

fn edited(base: &Description, edits: &[Edit]) -> Result<Description, String> {
    let mut text = base.text.clone();
    for edit in edits {
        let found = text.matches(&edit.find).count();
        if found != 1 {
            return Err(format!(
                "`find` occurs {found} times, not once: {:?}",
                edit.find
            ));
        }
        text = text.replacen(&edit.find, &edit.replace, 1);
    }
    Ok(Description {
        extension: base.extension.clone(),
        text,
    })
}

/// Writes the description, emits its SDK as one crate and documents it.
fn subject(
    root: &Path,
    work: &Path,
    index: usize,
    description: &Description,
) -> Result<Subject, String> {
    let spec = work.join(format!("specs/{index}.{}", description.extension));
    std::fs::create_dir_all(work.join("specs"))
        .and_then(|_| std::fs::write(&spec, &description.text))
        .map_err(|e| format!("cannot write {}: {e}", spec.display()))?;
    let display = format!("{index}.{}", description.extension);
    let options = sdkgen::CrateOptions {
        package_name: SUBJECT.to_string(),
        source: display.clone(),
        path_features: false,
        layout: sdkgen::Layout::Single,
    };
    let generated = sdkgen::generate(
        &spec,
        &display,
        &sdkgen::Settings::default(),
        &options,
        sdkgen::Output::Crate,
    )
    .map_err(|e| e.to_string())?;
    Ok(Subject {
        summary: sdkgen::summarize(&generated.api),
        rustdoc: semver_tool::rustdoc_json(root, work, &generated.files)?,
    })
}

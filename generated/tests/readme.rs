//! The Rust examples of the README and the pages of `docs/` are the
//! compiled ones of `examples/readme.rs`: every ```rust block of those pages
//! is a region there, and every region is on a page, word for word
//! (indentation aside).

/// The lines of `text` without their common indentation, joined.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn readme_blocks(readme: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<Vec<&str>> = None;
    for line in readme.lines() {
        match (&mut open, line.trim()) {
            (None, "```rust") => open = Some(Vec::new()),
            (Some(block), "```") => {
                blocks.push(dedent(block));
                open = None;
            }
            (Some(block), _) => block.push(line),
            (None, _) => {}
        }
    }
    blocks
}

fn example_regions(source: &str) -> Vec<(String, String)> {
    let mut regions = Vec::new();
    let mut open: Option<(String, Vec<&str>)> = None;
    for line in source.lines() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix("// README: ") {
            open = Some((name.to_string(), Vec::new()));
        } else if trimmed == "// README end" {
            let (name, lines) = open
                .take()
                .expect("a README region ends that did not start");
            regions.push((name, dedent(&lines)));
        } else if let Some((_, lines)) = &mut open {
            lines.push(line);
        }
    }
    assert!(open.is_none(), "a README region does not end");
    regions
}

#[test]
fn the_readme_examples_are_the_compiled_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("../README.md")];
    let docs = std::fs::read_dir(root.join("../docs")).unwrap();
    pages.extend(docs.map(|entry| entry.unwrap().path()));
    let source = std::fs::read_to_string(root.join("examples/readme.rs")).unwrap();
    let blocks: Vec<String> = pages
        .iter()
        .filter(|page| page.extension().is_some_and(|e| e == "md"))
        .flat_map(|page| readme_blocks(&std::fs::read_to_string(page).unwrap()))
        .collect();
    let regions = example_regions(&source);
    assert!(regions.len() >= 3, "{regions:?}");
    for (name, region) in &regions {
        assert!(
            blocks.contains(region),
            "no page has a block that is example `{name}`:\n{region}"
        );
    }
    for block in &blocks {
        assert!(
            regions.iter().any(|(_, r)| r == block),
            "an example of the pages is not in examples/readme.rs:\n{block}"
        );
    }
}

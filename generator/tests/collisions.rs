//! No emitted crate of a fixture or a project spec defines a name twice in a
//! module or gives a type two methods of one name (the runtime's `Client`
//! methods counted), with and without path features. The regression corpus
//! gets the same check in `xtask/tests/hostile.rs`, the fuzz targets on
//! every input.

use std::path::Path;

use sdkgen::CrateOptions;

fn specs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = Vec::new();
    for dir in [root.join("tests/fixtures"), root.join("../specs")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "json" || e == "xml")
            {
                specs.push(path);
            }
        }
    }
    specs.sort();
    specs
}

#[test]
fn emitted_crates_define_each_name_once() {
    let specs = specs();
    assert!(specs.len() >= 8, "{specs:?}");
    for path in specs {
        let name = path.file_name().unwrap().to_str().unwrap();
        let api = sdkgen::load(&path, name).unwrap();
        for path_features in [false, true] {
            let options = CrateOptions {
                package_name: "names".into(),
                source: name.into(),
                path_features,
                ..Default::default()
            };
            let files = sdkgen::emit_crate(&api, &options).unwrap();
            let duplicates = sdkgen::emit::collisions::duplicate_names(&files);
            assert!(
                duplicates.is_empty(),
                "{name} (path features: {path_features}): {duplicates:?}"
            );
        }
    }
}

#[test]
fn a_name_defined_twice_is_found() {
    let mut files = sdkgen::CrateFiles::new();
    files.insert("src/models.rs".into(), "pub struct A; pub fn A() {} mod m { pub enum B {} pub trait B {} } struct F { a: u8, a: u8 } enum V { X, X }".into());
    files.insert(
        "src/client.rs".into(),
        "use crate::transport::Client; impl Client { pub fn send(&self) {} } impl Client { pub fn x(&self) {} }".into(),
    );
    files.insert(
        "src/operations.rs".into(),
        "impl Op { fn x() {} } impl Op { fn x() {} }".into(),
    );
    assert_eq!(
        sdkgen::emit::collisions::duplicate_names(&files),
        [
            "src/models.rs: value `A` is defined twice",
            "src/models.rs: field `F::a` is defined twice",
            "src/models.rs: variant `V::X` is defined twice",
            "src/models.rs::m: type `B` is defined twice",
            "Client::send: 2 methods",
            "src/operations.rs::Op::x: 2 methods",
        ]
    );
}

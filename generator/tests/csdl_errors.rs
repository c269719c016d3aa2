//! Bad CSDL: every problem is one line naming the file, `line:column` and the
//! element. (That no prefix of a spec panics is tested in `errors.rs`.)

fn error_for(text: &str) -> String {
    let error = sdkgen::parse("bad.xml", text).expect_err("the document should be refused");
    let line = error.to_string();
    assert!(!line.contains('\n'), "not one line: {line}");
    assert!(line.starts_with("bad.xml:"), "does not name the file: {line}");
    line
}

/// A document whose schema (namespace `ns`, alias `self`) holds `body`,
/// which starts on line 4.
fn document(body: &str) -> String {
    format!(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n\
         <edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"self\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n\
         </Schema>\n</edmx:DataServices>\n</edmx:Edmx>\n"
    )
}

#[test]
fn malformed_xml_names_the_line_and_column() {
    let line = error_for(&document("<EntityType Name=\"a\">\n<Property Name=\"x\" Type=\"Edm.String\">\n</EntityType>"));
    assert_eq!(line, "bad.xml:6:1: not well-formed XML: expected 'Property' tag, not 'EntityType'");
    let line = error_for("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"");
    assert!(line.starts_with("bad.xml:1:"), "{line}");
}

#[test]
fn documents_that_are_not_csdl_4() {
    assert_eq!(error_for("<html><body/></html>"), "bad.xml:1:1: <html>: not an OData CSDL document: the root element is not `edmx:Edmx`");
    let v3 = document("").replace("Version=\"4.0\"", "Version=\"1.0\"");
    assert_eq!(error_for(&v3), "bad.xml:1:1: <Edmx>: CSDL version `1.0` is not supported (4.0 and 4.01 are)");
}

#[test]
fn an_unknown_edm_type() {
    let line = error_for(&document("<ComplexType Name=\"a\">\n  <Property Name=\"x\" Type=\"Edm.Strin\" />\n</ComplexType>"));
    assert_eq!(line, "bad.xml:5:3: <Property Name=\"x\">: `Edm.Strin` is not an Edm type this generator knows");
}

#[test]
fn a_property_type_that_resolves_to_nothing() {
    let line = error_for(&document("<ComplexType Name=\"a\">\n  <Property Name=\"x\" Type=\"Collection(self.missing)\" />\n</ComplexType>"));
    assert_eq!(line, "bad.xml:5:3: <Property Name=\"x\">: type `self.missing` is not defined in this document");
}

#[test]
fn a_base_type_that_resolves_to_nothing_or_to_an_enum() {
    let line = error_for(&document("<EntityType Name=\"a\" BaseType=\"ns.gone\" />"));
    assert_eq!(line, "bad.xml:4:1: <EntityType Name=\"a\">: type `ns.gone` is not defined in this document");
    let line = error_for(&document("<EnumType Name=\"e\" />\n<ComplexType Name=\"a\" BaseType=\"self.e\" />"));
    assert_eq!(line, "bad.xml:5:1: <ComplexType Name=\"a\">: `BaseType` `self.e` is not an entity or complex type");
}

#[test]
fn a_cycle_of_base_types() {
    let line = error_for(&document(
        "<EntityType Name=\"a\" BaseType=\"self.b\" />\n<EntityType Name=\"b\" BaseType=\"ns.c\" />\n<EntityType Name=\"c\" BaseType=\"self.a\" />",
    ));
    assert_eq!(line, "bad.xml:4:1: <EntityType Name=\"a\">: base types form a cycle: ns.a -> ns.b -> ns.c -> ns.a");
}

#[test]
fn a_cycle_of_base_types_under_an_entity_set_is_reported_not_looped() {
    let line = error_for(&document(
        "<EntityType Name=\"a\" BaseType=\"self.b\" />\n<EntityType Name=\"b\" BaseType=\"self.a\" />\n\
         <EntityContainer Name=\"c\"><EntitySet Name=\"as\" EntityType=\"self.a\" /></EntityContainer>",
    ));
    assert!(line.starts_with("bad.xml:4:1: <EntityType Name=\"a\">: "), "{line}");
}

#[test]
fn a_name_defined_twice() {
    let line = error_for(&document("<ComplexType Name=\"a\" />\n<EnumType Name=\"a\" />"));
    assert_eq!(line, "bad.xml:5:1: <EnumType Name=\"a\">: `ns.a` is defined twice (first on line 4)");
}

#[test]
fn other_broken_elements() {
    let line = error_for(&document("<EnumType Name=\"e\">\n  <Member Name=\"one\" Value=\"first\" />\n</EnumType>"));
    assert_eq!(line, "bad.xml:5:3: <Member Name=\"one\">: `Value` `first` is not an integer");
    let line = error_for(&document("<ComplexType Name=\"a\">\n  <Property Type=\"Edm.String\" />\n</ComplexType>"));
    assert_eq!(line, "bad.xml:5:3: <Property>: the `Name` attribute is missing");
    let line = error_for(&document("<EntityContainer Name=\"c\">\n  <EntitySet Name=\"as\" EntityType=\"self.a\" />\n</EntityContainer>"));
    assert_eq!(line, "bad.xml:5:3: <EntitySet Name=\"as\">: type `self.a` is not defined in this document");
    let line = error_for(&document(
        "<EntityType Name=\"a\" />\n<EntityContainer Name=\"c\">\n  <EntitySet Name=\"as\" EntityType=\"self.a\" />\n</EntityContainer>",
    ));
    assert_eq!(line, "bad.xml:4:1: <EntityType Name=\"a\">: entity type has no `Key`, on it or a base type");
    let line = error_for(&document("<TypeDefinition Name=\"t\" UnderlyingType=\"self.a\" />"));
    assert_eq!(line, "bad.xml:4:1: <TypeDefinition Name=\"t\">: `UnderlyingType` `self.a` is not an Edm primitive type");
}

#[test]
fn actions_and_functions_that_cannot_be_called() {
    let line = error_for(&document("<Action Name=\"go\" IsBound=\"true\" />"));
    assert_eq!(line, "bad.xml:4:1: <Action Name=\"go\">: a bound operation needs its binding parameter (the first `Parameter`)");
    let line = error_for(&document("<Function Name=\"f\" IsBound=\"true\">\n  <Parameter Name=\"b\" Type=\"self.gone\" />\n</Function>"));
    assert_eq!(line, "bad.xml:5:3: <Parameter Name=\"b\">: type `self.gone` is not defined in this document");
    let import = "<EntityContainer Name=\"c\">\n  <ActionImport Name=\"go\" Action=\"self.go\" />\n</EntityContainer>";
    let line = error_for(&document(import));
    assert_eq!(line, "bad.xml:5:3: <ActionImport Name=\"go\">: `Action` `ns.go` is not an unbound action of this document");
}

//! XML bodies (roxmltree): elements by name, attributes (`['@name']`), text (`['#text']`),
//! namespaces (compared by URI, shown with their prefix), and rules on XPath-like paths as
//! pact writes them (`$.root.child['@attr']`).

use super::mismatch::Mismatch;
use super::path::Seg;
use super::rules::{Category, Rule};
use indexmap::IndexMap;
use roxmltree::{Document, Node, ParsingOptions};

/// Compares XML documents under the body rules.
pub(crate) struct XmlMatcher<'r> {
    pub rules: &'r Category,
    pub allow_unexpected_keys: bool,
}

fn display_name(node: &Node) -> String {
    let tag = node.tag_name();
    match tag.namespace().and_then(|ns| node.lookup_prefix(ns)) {
        Some(prefix) if !prefix.is_empty() => format!("{prefix}:{}", tag.name()),
        _ => tag.name().to_string(),
    }
}

/// Elements match by namespace URI and local name, whatever prefix each side uses.
fn group_key(node: &Node) -> String {
    let tag = node.tag_name();
    match tag.namespace() {
        Some(ns) => format!("{{{ns}}}{}", tag.name()),
        None => tag.name().to_string(),
    }
}

fn segs(path: &[String]) -> Vec<Seg<'_>> {
    path.iter()
        .enumerate()
        .map(|(i, p)| if i == 0 { Seg::Root } else { Seg::Field(p) })
        .collect()
}

fn render(path: &[String]) -> String {
    path.join(".")
}

fn element_children<'a, 'i>(node: &Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    node.children().filter(|c| c.is_element()).collect()
}

fn text_of(node: &Node) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .map(str::trim)
        .collect()
}

fn names(children: &[Node]) -> String {
    children
        .iter()
        .map(display_name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl XmlMatcher<'_> {
    /// Compares two XML texts; parse failures are mismatches at `$`.
    pub(crate) fn compare_text(&self, expected: &str, actual: &str, out: &mut Vec<Mismatch>) {
        // Documents may carry a DOCTYPE; roxmltree still bounds entity expansion.
        let options = ParsingOptions {
            allow_dtd: true,
            ..ParsingOptions::default()
        };
        let e = Document::parse_with_options(expected, options);
        let a = Document::parse_with_options(actual, options);
        let (e, a) = match (e, a) {
            (Ok(e), Ok(a)) => (e, a),
            (e, a) => {
                for (which, err) in [("expected", e.err()), ("actual", a.err())] {
                    if let Some(err) = err {
                        out.push(Mismatch::Body {
                            path: "$".into(),
                            expected: Some(expected.to_string()),
                            actual: Some(actual.to_string()),
                            mismatch: format!("Failed to parse the {which} body: '{err}'"),
                        });
                    }
                }
                return;
            }
        };
        let e_root = e.root_element();
        let a_root = a.root_element();
        let path = vec!["$".to_string(), display_name(&e_root)];
        self.compare_element(&path, &e_root, &a_root, out);
    }

    fn element_rule(&self, rule: &Rule, e: &Node, a: &Node, cascaded: bool) -> Result<(), String> {
        let (en, an) = (display_name(e), display_name(a));
        let same = group_key(e) == group_key(a);
        // As the reference counts child nodes: elements and text (blank text is layout).
        let count = a
            .children()
            .filter(|c| {
                c.is_element() || (c.is_text() && !c.text().unwrap_or("").trim().is_empty())
            })
            .count();
        match rule {
            // A value rule on an element (pact writes `$.a.b` with a regex) checks its text.
            Rule::Regex { .. }
            | Rule::Include(_)
            | Rule::Integer
            | Rule::Decimal
            | Rule::Number
            | Rule::DateTime { .. }
            | Rule::Boolean
            | Rule::Semver
            | Rule::NotEmpty => rule.match_str(&text_of(e), &text_of(a), cascaded),
            Rule::Type | Rule::MinType(_) | Rule::MaxType(_) | Rule::MinMaxType(..) if !same => {
                Err(format!("Expected '{an}' to be the same type as '{en}'"))
            }
            Rule::MinType(min) | Rule::MinMaxType(min, _) if !cascaded && count < *min => Err(
                format!("Expected <{an}> with {count} child node(s) to have minimum size of {min}"),
            ),
            Rule::MaxType(max) | Rule::MinMaxType(_, max) if !cascaded && count > *max => Err(
                format!("Expected <{an}> with {count} child node(s) to have maximum size of {max}"),
            ),
            Rule::Equality if !same => Err(format!("Expected '{an}' to be equal to '{en}'")),
            _ => Ok(()),
        }
    }

    fn compare_element(&self, path: &[String], e: &Node, a: &Node, out: &mut Vec<Mismatch>) {
        let segs_ = segs(path);
        let result = match self.rules.select_xml(&segs_) {
            Some(sel) => sel.set.apply(|r| self.element_rule(r, e, a, sel.cascaded)),
            None if group_key(e) != group_key(a) => Err(vec![format!(
                "Expected '{}' to be equal to '{}'",
                display_name(a),
                display_name(e)
            )]),
            None => Ok(()),
        };
        if let Err(messages) = result {
            for m in messages {
                out.push(Mismatch::Body {
                    path: render(path),
                    expected: Some(display_name(e)),
                    actual: Some(display_name(a)),
                    mismatch: m,
                });
            }
            return;
        }
        self.compare_attributes(path, e, a, out);
        self.compare_children(path, e, a, out);
        self.compare_element_text(path, e, a, out);
    }

    /// Attributes keyed by namespace URI and local name, with their shown name and value.
    fn attributes(node: &Node) -> IndexMap<String, (String, String)> {
        node.attributes()
            .map(|attr| {
                let shown = match attr.namespace().and_then(|ns| node.lookup_prefix(ns)) {
                    Some(p) if !p.is_empty() => format!("{p}:{}", attr.name()),
                    _ => attr.name().to_string(),
                };
                let key = match attr.namespace() {
                    Some(ns) => format!("{{{ns}}}{}", attr.name()),
                    None => attr.name().to_string(),
                };
                (key, (shown, attr.value().to_string()))
            })
            .collect()
    }

    fn compare_attributes(&self, path: &[String], e: &Node, a: &Node, out: &mut Vec<Mismatch>) {
        let ea = Self::attributes(e);
        let aa = Self::attributes(a);
        let show = |m: &IndexMap<String, (String, String)>| {
            let pairs: Vec<String> = m.values().map(|(k, v)| format!("{k}={v:?}")).collect();
            format!("{{{}}}", pairs.join(", "))
        };
        let mut push = |mismatch: String| {
            out.push(Mismatch::Body {
                path: render(path),
                expected: Some(show(&ea)),
                actual: Some(show(&aa)),
                mismatch,
            })
        };
        if ea.is_empty() && !aa.is_empty() && !self.allow_unexpected_keys {
            push(format!(
                "Did not expect any attributes but received {}",
                show(&aa)
            ));
            return;
        }
        if self.allow_unexpected_keys && ea.len() > aa.len() {
            push(format!(
                "Expected at least {} attribute(s) but received {} attribute(s)",
                ea.len(),
                aa.len()
            ));
        } else if !self.allow_unexpected_keys && ea.len() != aa.len() {
            push(format!(
                "Expected {} attribute(s) but received {} attribute(s)",
                ea.len(),
                aa.len()
            ));
        }
        for (key, (shown, value)) in &ea {
            let mut p = path.to_vec();
            p.push(format!("@{shown}"));
            match aa.get(key) {
                Some((_, actual)) => self.compare_value(&p, value, actual, out),
                None => out.push(Mismatch::Body {
                    path: render(&p),
                    expected: Some(value.clone()),
                    actual: None,
                    mismatch: format!("Expected attribute '{shown}'='{value}' but was missing"),
                }),
            }
        }
    }

    fn compare_value(
        &self,
        path: &[String],
        expected: &str,
        actual: &str,
        out: &mut Vec<Mismatch>,
    ) {
        let segs_ = segs(path);
        let result = match self.rules.select_xml(&segs_) {
            Some(sel) => sel
                .set
                .apply(|r| r.match_str(expected, actual, sel.cascaded)),
            None if expected != actual => Err(vec![format!(
                "Expected '{actual}' to be equal to '{expected}'"
            )]),
            None => Ok(()),
        };
        if let Err(messages) = result {
            for m in messages {
                out.push(Mismatch::Body {
                    path: render(path),
                    expected: Some(expected.to_string()),
                    actual: Some(actual.to_string()),
                    mismatch: m,
                });
            }
        }
    }

    fn type_rule_defined(&self, path: &[String]) -> bool {
        self.rules
            .select_xml(&segs(path))
            .is_some_and(|s| s.set.has(Rule::is_type_like))
    }

    fn compare_children(&self, path: &[String], e: &Node, a: &Node, out: &mut Vec<Mismatch>) {
        let ec = element_children(e);
        let ac = element_children(a);
        let mut push = |p: &[String], mismatch: String| {
            out.push(Mismatch::Body {
                path: render(p),
                expected: Some(names(&ec)),
                actual: Some(names(&ac)),
                mismatch,
            })
        };
        if ec.is_empty() && !ac.is_empty() && !self.allow_unexpected_keys {
            push(
                path,
                format!("Expected no children but received [{}]", names(&ac)),
            );
            return;
        }
        let mut expected_groups: IndexMap<String, Vec<Node>> = IndexMap::new();
        for c in &ec {
            expected_groups.entry(group_key(c)).or_default().push(*c);
        }
        let mut actual_groups: IndexMap<String, Vec<Node>> = IndexMap::new();
        for c in &ac {
            actual_groups.entry(group_key(c)).or_default().push(*c);
        }
        let mut deferred: Vec<(Vec<String>, Node, Node)> = Vec::new();
        for (key, group) in &actual_groups {
            let mut p = path.to_vec();
            match expected_groups.shift_remove(key) {
                Some(expected) => {
                    p.push(display_name(&expected[0]));
                    if self.type_rule_defined(&p) {
                        for child in group {
                            deferred.push((p.clone(), expected[0], *child));
                        }
                    } else {
                        let n = expected.len().max(group.len());
                        for i in 0..n {
                            match (expected.get(i), group.get(i)) {
                                (Some(ex), Some(ac)) => deferred.push((p.clone(), *ex, *ac)),
                                (None, Some(ac)) => {
                                    if !self.allow_unexpected_keys {
                                        push(
                                            &p,
                                            format!("Unexpected child <{}/>", display_name(ac)),
                                        )
                                    }
                                }
                                (Some(ex), None) => push(
                                    &p,
                                    format!(
                                        "Expected child <{}/> but was missing",
                                        display_name(ex)
                                    ),
                                ),
                                (None, None) => {}
                            }
                        }
                    }
                }
                None => {
                    p.push(display_name(&group[0]));
                    if !self.allow_unexpected_keys || self.type_rule_defined(&p) {
                        push(
                            path,
                            format!("Unexpected child <{}/>", display_name(&group[0])),
                        );
                    }
                }
            }
        }
        for group in expected_groups.values() {
            push(
                path,
                format!(
                    "Expected child <{}/> but was missing",
                    display_name(&group[0])
                ),
            );
        }
        for (p, ex, ac) in deferred {
            self.compare_element(&p, &ex, &ac, out);
        }
    }

    fn compare_element_text(&self, path: &[String], e: &Node, a: &Node, out: &mut Vec<Mismatch>) {
        let et = text_of(e);
        let at = text_of(a);
        let mut p = path.to_vec();
        p.push("#text".to_string());
        let segs_ = segs(&p);
        let result = match self.rules.select_xml(&segs_) {
            Some(sel) => sel.set.apply(|r| r.match_str(&et, &at, sel.cascaded)),
            None if et != at => Err(vec![format!("Expected '{at}' to be equal to '{et}'")]),
            None => Ok(()),
        };
        if let Err(messages) = result {
            for m in messages {
                out.push(Mismatch::Body {
                    path: render(&p),
                    expected: Some(et.clone()),
                    actual: Some(at.clone()),
                    mismatch: m,
                });
            }
        }
    }
}

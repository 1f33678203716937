//! Generators in XML bodies, addressed the way pact's XML rules are: `$.root.child` (the
//! element's text), `$.root.child['#text']`, `$.root.child['@attr']`, `$.root.item[1]`,
//! `$.root.*`. The document is not rebuilt: generated values are spliced into the original
//! text, so everything else (declaration, namespaces, formatting) is sent as written.

use super::json_path::{JsonPath, Token};
use super::{generate_value, GeneratorContext};
use crate::model::escape_xml;
use crate::model::Generator;
use indexmap::IndexMap;
use roxmltree::{Document, Node};
use serde_json::Value;
use std::ops::Range;

/// Whether an element or attribute name in a path names this node: `ns1:item` (the prefix as
/// written) or the bare local name.
fn name_matches(wanted: &str, local: &str, namespace: Option<&str>, scope: Node) -> bool {
    if wanted == local {
        return true;
    }
    match (wanted.split_once(':'), namespace) {
        (Some((prefix, name)), Some(uri)) => {
            name == local
                && scope
                    .lookup_prefix(uri)
                    .map(|p| p == prefix)
                    .unwrap_or(false)
        }
        _ => false,
    }
}

fn element_is(node: Node, wanted: &str) -> bool {
    name_matches(
        wanted,
        node.tag_name().name(),
        node.tag_name().namespace(),
        node,
    )
}

/// What a path ends on.
enum Target {
    Text,
    Attribute(String),
}

/// The elements a path selects and what of them it addresses; `None` for paths that do not
/// fit an XML document.
fn select<'a, 'i>(doc: &'a Document<'i>, path: &JsonPath) -> Option<(Vec<Node<'a, 'i>>, Target)> {
    let tokens = path.tokens();
    let (first, rest) = tokens.split_first()?;
    let root = doc.root_element();
    let mut selected = match first {
        Token::Field(name) if element_is(root, name) => vec![root],
        Token::Star => vec![root],
        _ => return Some((Vec::new(), Target::Text)),
    };
    for (n, token) in rest.iter().enumerate() {
        let last = n + 1 == rest.len();
        match token {
            Token::Field(name) if name.starts_with('@') => {
                return last.then(|| (selected, Target::Attribute(name[1..].to_string())));
            }
            Token::Field(name) if name == "#text" => {
                return last.then_some((selected, Target::Text));
            }
            Token::Field(name) => {
                selected = selected
                    .iter()
                    .flat_map(|e| e.children().filter(|c| c.is_element()))
                    .filter(|c| element_is(*c, name))
                    .collect();
            }
            Token::Index(i) => selected = selected.get(*i).copied().into_iter().collect(),
            Token::Star => {
                selected = selected
                    .iter()
                    .flat_map(|e| e.children().filter(|c| c.is_element()))
                    .collect();
            }
        }
    }
    Some((selected, Target::Text))
}

/// The XML text with every generator applied, or `None` when it does not parse.
pub(crate) fn apply(
    text: &str,
    generators: &IndexMap<String, Generator>,
    context: &GeneratorContext,
) -> Option<String> {
    let doc = match Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!("Cannot apply generators to an XML body that does not parse: {e}");
            return None;
        }
    };
    let mut splices: Vec<(Range<usize>, String)> = Vec::new();
    for (path, generator) in generators {
        let parsed = match JsonPath::parse(path) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!("Skipping an XML generator at invalid path '{path}': {e}");
                continue;
            }
        };
        let Some((elements, target)) = select(&doc, &parsed) else {
            tracing::warn!(
                "Skipping an XML generator at '{path}': not an element, text or attribute path"
            );
            continue;
        };
        for element in elements {
            let (range, current) = match &target {
                Target::Attribute(name) => {
                    let Some(attr) = element
                        .attributes()
                        .find(|a| name_matches(name, a.name(), a.namespace(), element))
                    else {
                        continue;
                    };
                    (attr.range_value(), attr.value().to_string())
                }
                Target::Text => {
                    let texts: Vec<Node> = element.children().filter(|c| c.is_text()).collect();
                    let has_elements = element.children().any(|c| c.is_element());
                    match texts.as_slice() {
                        [t] if !has_elements => {
                            (t.range(), t.text().unwrap_or_default().to_string())
                        }
                        _ => {
                            tracing::warn!(
                                "Skipping an XML generator at '{path}': <{}> has no single text to replace",
                                element.tag_name().name()
                            );
                            continue;
                        }
                    }
                }
            };
            if let Some(v) = generate_value(generator, &Value::String(current), context) {
                let s = match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                splices.push((range, escape_xml(&s)));
            }
        }
    }
    // Later ranges first so earlier offsets stay valid; overlapping ones are skipped.
    splices.sort_by_key(|s| std::cmp::Reverse(s.0.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for (range, value) in splices {
        if range.end > limit {
            continue;
        }
        out.replace_range(range.clone(), &value);
        limit = range.start;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_text_and_attributes_in_place() {
        let xml = r#"<?xml version="1.0"?><order id="1"><item>a</item><item>b</item><note>keep</note></order>"#;
        let mut g = IndexMap::new();
        g.insert(
            "$.order['@id']".to_string(),
            Generator::RandomString { size: Some(5) },
        );
        g.insert(
            "$.order.item[1]".to_string(),
            Generator::RandomHexadecimal { digits: Some(4) },
        );
        let out = apply(xml, &g, &GeneratorContext::default()).unwrap();
        let doc = Document::parse(&out).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("id").unwrap().len(), 5);
        let items: Vec<&str> = root
            .children()
            .filter(|c| c.has_tag_name("item"))
            .map(|c| c.text().unwrap())
            .collect();
        assert_eq!(items[0], "a");
        assert_eq!(items[1].len(), 4);
        assert!(out.contains("<note>keep</note>"));
        assert!(out.starts_with(r#"<?xml version="1.0"?>"#));
    }

    #[test]
    fn prefixed_names_as_the_xml_builder_writes_them() {
        let xml = r#"<ns1:r xmlns:ns1="urn:x"><ns1:a ns1:k="v">1</ns1:a></ns1:r>"#;
        let mut g = IndexMap::new();
        g.insert(
            "$['ns1:r']['ns1:a']['#text']".to_string(),
            Generator::RandomInt {
                min: Some(7),
                max: Some(7),
            },
        );
        g.insert(
            "$['ns1:r']['ns1:a']['@ns1:k']".to_string(),
            Generator::RandomInt {
                min: Some(8),
                max: Some(8),
            },
        );
        let out = apply(xml, &g, &GeneratorContext::default()).unwrap();
        assert_eq!(
            out,
            r#"<ns1:r xmlns:ns1="urn:x"><ns1:a ns1:k="8">7</ns1:a></ns1:r>"#
        );
        // The dotted form the XML builder writes.
        let mut g = IndexMap::new();
        g.insert(
            "$.ns1:r.ns1:a.#text".to_string(),
            Generator::RandomInt {
                min: Some(3),
                max: Some(3),
            },
        );
        let out = apply(xml, &g, &GeneratorContext::default()).unwrap();
        assert_eq!(
            out,
            r#"<ns1:r xmlns:ns1="urn:x"><ns1:a ns1:k="v">3</ns1:a></ns1:r>"#
        );
    }

    #[test]
    fn star_and_text_paths() {
        let xml = "<r><a>1</a><b>2</b></r>";
        let mut g = IndexMap::new();
        g.insert(
            "$.r.*['#text']".to_string(),
            Generator::RandomInt {
                min: Some(5),
                max: Some(5),
            },
        );
        let out = apply(xml, &g, &GeneratorContext::default()).unwrap();
        assert_eq!(out, "<r><a>5</a><b>5</b></r>");
        assert!(apply("<r>", &g, &GeneratorContext::default()).is_none());
    }
}

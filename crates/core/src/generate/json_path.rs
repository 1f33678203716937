//! The JSON paths generators are keyed by (`$.a.b`, `$['key with space']`, `$.list[0]`,
//! `$.list[*]`, `$.map.*`), parsed once and applied to every value they select.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Field(String),
    Index(usize),
    /// `[*]` or `.*`: every element or every property value.
    Star,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JsonPath {
    tokens: Vec<Token>,
}

impl JsonPath {
    /// Parses a generator path with the matching engine's parser (one grammar for rules and
    /// generators); a path written without the leading `$.` names a field.
    pub fn parse(path: &str) -> Result<JsonPath, String> {
        use crate::matching::path::{parse, Token as RuleToken};
        let trimmed = path.trim();
        let expr = if trimmed.starts_with('$') {
            trimmed.to_string()
        } else {
            format!("$.{trimmed}")
        };
        let tokens = parse(&expr)?
            .into_iter()
            .filter_map(|t| match t {
                RuleToken::Root => None,
                RuleToken::Field(name) => Some(Token::Field(name)),
                RuleToken::Index(i) => Some(Token::Index(i)),
                RuleToken::Star | RuleToken::StarIndex => Some(Token::Star),
            })
            .collect();
        Ok(JsonPath { tokens })
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Calls `f` on every value the path selects.
    pub fn apply(&self, root: &mut Value, f: &mut dyn FnMut(&mut Value)) {
        apply_tokens(root, &self.tokens, f);
    }

    /// `$.name` or `$.name[i]` as (name, index), the shapes a form body field takes.
    pub fn form_field(&self) -> Option<(&str, Option<usize>)> {
        match self.tokens.as_slice() {
            [Token::Field(name)] => Some((name, None)),
            [Token::Field(name), Token::Index(i)] => Some((name, Some(*i))),
            [Token::Field(name), Token::Star] => Some((name, None)),
            _ => None,
        }
    }
}

fn apply_tokens(v: &mut Value, tokens: &[Token], f: &mut dyn FnMut(&mut Value)) {
    let Some((first, rest)) = tokens.split_first() else {
        f(v);
        return;
    };
    match (first, v) {
        (Token::Field(name), Value::Object(map)) => {
            if let Some(child) = map.get_mut(name) {
                apply_tokens(child, rest, f);
            }
        }
        (Token::Index(i), Value::Array(items)) => {
            if let Some(child) = items.get_mut(*i) {
                apply_tokens(child, rest, f);
            }
        }
        (Token::Star, Value::Array(items)) => {
            for child in items {
                apply_tokens(child, rest, f);
            }
        }
        (Token::Star, Value::Object(map)) => {
            for child in map.values_mut() {
                apply_tokens(child, rest, f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_all_forms() {
        let p = JsonPath::parse("$.a['b c'][2][*].*").unwrap();
        assert_eq!(
            p.tokens,
            vec![
                Token::Field("a".into()),
                Token::Field("b c".into()),
                Token::Index(2),
                Token::Star,
                Token::Star
            ]
        );
        assert!(JsonPath::parse("$.a[x]").is_err());
        assert!(JsonPath::parse("$['a").is_err());
    }

    #[test]
    fn applies_to_selected_values() {
        let mut v = json!({"a": [{"id": 1}, {"id": 2}], "b": {"x": 1, "y": 2}});
        JsonPath::parse("$.a[*].id")
            .unwrap()
            .apply(&mut v, &mut |v| *v = json!(0));
        JsonPath::parse("$.b.*")
            .unwrap()
            .apply(&mut v, &mut |v| *v = json!("s"));
        assert_eq!(
            v,
            json!({"a": [{"id": 0}, {"id": 0}], "b": {"x": "s", "y": "s"}})
        );
    }
}

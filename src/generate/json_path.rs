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
    pub fn parse(path: &str) -> Result<JsonPath, String> {
        let chars: Vec<char> = path.trim().chars().collect();
        let mut i = 0;
        if chars.first() == Some(&'$') {
            i = 1;
        }
        let mut tokens = Vec::new();
        while i < chars.len() {
            match chars[i] {
                '.' => {
                    i += 1;
                    let start = i;
                    while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                        i += 1;
                    }
                    let name: String = chars[start..i].iter().collect();
                    if name.is_empty() {
                        return Err(format!("empty property name at character {start}"));
                    }
                    tokens.push(if name == "*" {
                        Token::Star
                    } else {
                        Token::Field(name)
                    });
                }
                '[' => {
                    i += 1;
                    if chars.get(i) == Some(&'\'') || chars.get(i) == Some(&'"') {
                        let quote = chars[i];
                        i += 1;
                        let mut name = String::new();
                        loop {
                            match chars.get(i) {
                                None => return Err("unterminated quoted name".into()),
                                Some('\\') => {
                                    if let Some(c) = chars.get(i + 1) {
                                        name.push(*c);
                                    }
                                    i += 2;
                                }
                                Some(c) if *c == quote => {
                                    i += 1;
                                    break;
                                }
                                Some(c) => {
                                    name.push(*c);
                                    i += 1;
                                }
                            }
                        }
                        if chars.get(i) != Some(&']') {
                            return Err(format!("expected ']' at character {i}"));
                        }
                        i += 1;
                        tokens.push(Token::Field(name));
                    } else {
                        let start = i;
                        while i < chars.len() && chars[i] != ']' {
                            i += 1;
                        }
                        if i >= chars.len() {
                            return Err("unterminated '['".into());
                        }
                        let inner: String = chars[start..i].iter().collect();
                        i += 1;
                        let inner = inner.trim();
                        if inner == "*" {
                            tokens.push(Token::Star);
                        } else {
                            let n = inner
                                .parse()
                                .map_err(|_| format!("'{inner}' is not an index"))?;
                            tokens.push(Token::Index(n));
                        }
                    }
                }
                // A path without the leading `$.` (`name`): treat it as a field.
                _ if i == 0 => {
                    let start = i;
                    while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                        i += 1;
                    }
                    tokens.push(Token::Field(chars[start..i].iter().collect()));
                }
                c => return Err(format!("unexpected '{c}' at character {i}")),
            }
        }
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

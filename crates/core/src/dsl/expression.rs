//! Matcher-definition expressions, the compact form libpact_ffi accepts in place of a
//! matcher name: `matching(type,'x')`, `matching(regex,'\d+','1')`, `notEmpty('x')`,
//! `eachKey(matching(regex,'[a-z]+','a'))`, `atLeast(1)`, `fromProviderState('${id}', 1)`,
//! several of them separated by commas (all must match).

use crate::error::{ErrorCode, PactError, Result};
use crate::model::{Generator, MatchingRule};
use serde_json::Value;

/// What an expression defines: rules (AND), an optional generator and the example.
#[derive(Debug, Default, PartialEq)]
pub struct Definition {
    pub rules: Vec<MatchingRule>,
    pub generator: Option<Generator>,
    pub value: Option<Value>,
}

/// Parses a matcher-definition expression.
pub fn parse(text: &str) -> Result<Definition> {
    let mut p = Parser {
        text,
        chars: text.char_indices().collect(),
        pos: 0,
    };
    let mut def = Definition::default();
    loop {
        p.definition(&mut def)?;
        p.skip_ws();
        if p.eat(',') {
            continue;
        }
        if p.at_end() {
            break;
        }
        return Err(p.error("expected ',' or the end of the expression"));
    }
    Ok(def)
}

struct Parser<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> PactError {
        let at = self
            .chars
            .get(self.pos)
            .map(|(i, _)| *i)
            .unwrap_or(self.text.len());
        PactError::invalid_argument(format!(
            "Invalid matcher expression '{}' at character {at}: {what}",
            self.text
        ))
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).map(|(_, c)| *c)
    }

    fn skip_ws(&mut self) {
        while self.peek().map(char::is_whitespace).unwrap_or(false) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char) -> Result<()> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(self.error(&format!("expected '{c}'")))
        }
    }

    fn ident(&mut self) -> Result<String> {
        self.skip_ws();
        let start = self.pos;
        while self
            .peek()
            .map(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
            .unwrap_or(false)
        {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error("expected a name"));
        }
        Ok(self.chars[start..self.pos].iter().map(|(_, c)| c).collect())
    }

    fn string(&mut self) -> Result<String> {
        self.skip_ws();
        if self.peek() != Some('\'') {
            return Err(self.error("expected a string in single quotes"));
        }
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error("unterminated string"));
            };
            self.pos += 1;
            match c {
                '\'' => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.error("unterminated string"));
                    };
                    self.pos += 1;
                    match e {
                        '\'' => out.push('\''),
                        '\\' => out.push('\\'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hex: String = self.chars[self.pos..]
                                .iter()
                                .take(4)
                                .map(|(_, c)| *c)
                                .collect();
                            let ch = u32::from_str_radix(&hex, 16)
                                .ok()
                                .filter(|_| hex.len() == 4)
                                .and_then(char::from_u32)
                                .ok_or_else(|| self.error("invalid \\u escape"))?;
                            self.pos += 4;
                            out.push(ch);
                        }
                        // Regexes are written with single backslashes (`'\d+'`): keep them.
                        other => {
                            out.push('\\');
                            out.push(other);
                        }
                    }
                }
                c => out.push(c),
            }
        }
    }

    fn number(&mut self) -> Result<Value> {
        self.skip_ws();
        let start = self.pos;
        while self
            .peek()
            .map(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
            .unwrap_or(false)
        {
            self.pos += 1;
        }
        let s: String = self.chars[start..self.pos].iter().map(|(_, c)| c).collect();
        if let Ok(i) = s.parse::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = s.parse::<u64>() {
            return Ok(Value::from(u));
        }
        s.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| {
                self.pos = start;
                self.error("expected a number")
            })
    }

    /// A primitive example value: string, number, boolean, null or fromProviderState(...).
    fn primitive(&mut self, def: &mut Definition) -> Result<Value> {
        self.skip_ws();
        match self.peek() {
            Some('\'') => self.string().map(Value::String),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(),
            Some(_) => {
                let save = self.pos;
                let word = self.ident()?;
                match word.as_str() {
                    "true" => Ok(Value::Bool(true)),
                    "false" => Ok(Value::Bool(false)),
                    "null" => Ok(Value::Null),
                    "fromProviderState" => {
                        self.expect('(')?;
                        let v = self.provider_state_args(def)?;
                        self.expect(')')?;
                        Ok(v)
                    }
                    _ => {
                        self.pos = save;
                        Err(self.error("expected a value ('string', number, true, false or null)"))
                    }
                }
            }
            None => Err(self.error("expected a value")),
        }
    }

    /// `'expression', example` of fromProviderState.
    fn provider_state_args(&mut self, def: &mut Definition) -> Result<Value> {
        let expression = self.string()?;
        self.expect(',')?;
        let value = self.primitive(def)?;
        let data_type = match &value {
            Value::String(_) => "STRING",
            Value::Number(n) if n.is_f64() => "DECIMAL",
            Value::Number(_) => "INTEGER",
            Value::Bool(_) => "BOOLEAN",
            _ => "RAW",
        };
        def.generator = Some(Generator::ProviderState {
            expression,
            data_type: Some(data_type.to_string()),
        });
        Ok(value)
    }

    fn set_value(def: &mut Definition, value: Value) {
        if def.value.is_none() {
            def.value = Some(value);
        }
    }

    fn definition(&mut self, def: &mut Definition) -> Result<()> {
        let name = self.ident()?;
        self.expect('(')?;
        match name.as_str() {
            "matching" => self.matching(def)?,
            "notEmpty" => {
                let v = self.primitive(def)?;
                def.rules.push(MatchingRule::NotEmpty);
                Self::set_value(def, v);
            }
            "eachKey" | "eachValue" => {
                let mut inner = Definition::default();
                self.definition(&mut inner)?;
                def.rules.push(if name == "eachKey" {
                    MatchingRule::EachKey(inner.rules, None)
                } else {
                    MatchingRule::EachValue(inner.rules, None)
                });
                if name == "eachValue" {
                    if let Some(v) = inner.value {
                        Self::set_value(def, v);
                    }
                }
            }
            "atLeast" | "atMost" => {
                let n = self
                    .number()?
                    .as_u64()
                    .ok_or_else(|| self.error("expected a non-negative whole number"))?
                    as usize;
                def.rules.push(if name == "atLeast" {
                    MatchingRule::MinType(n)
                } else {
                    MatchingRule::MaxType(n)
                });
            }
            "fromProviderState" => {
                let v = self.provider_state_args(def)?;
                def.rules.push(MatchingRule::Type);
                Self::set_value(def, v);
            }
            other => {
                return Err(PactError::new(
                    ErrorCode::UnknownMatcher,
                    format!(
                        "Unknown matcher expression '{other}(...)' in '{}': use matching, notEmpty, eachKey, eachValue, atLeast, atMost or fromProviderState",
                        self.text
                    ),
                ))
            }
        }
        self.expect(')')
    }

    fn matching(&mut self, def: &mut Definition) -> Result<()> {
        self.skip_ws();
        if self.peek() == Some('$') {
            return Err(self.error(
                "matcher references (matching($'name')) are not supported; repeat the matcher instead",
            ));
        }
        let kind = self.ident()?;
        self.expect(',')?;
        let rule = match kind.as_str() {
            "equalTo" | "equality" => {
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::Equality
            }
            "type" => {
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::Type
            }
            "number" | "integer" | "decimal" => {
                let v = self.primitive(def)?;
                if !v.is_number() {
                    return Err(
                        self.error(&format!("matching({kind}, ...) needs a number example"))
                    );
                }
                Self::set_value(def, v);
                match kind.as_str() {
                    "number" => MatchingRule::Number,
                    "integer" => MatchingRule::Integer,
                    _ => MatchingRule::Decimal,
                }
            }
            "boolean" => {
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::Boolean
            }
            "datetime" | "timestamp" | "date" | "time" => {
                let format = self.string()?;
                self.expect(',')?;
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                match kind.as_str() {
                    "date" => MatchingRule::Date(format),
                    "time" => MatchingRule::Time(format),
                    _ => MatchingRule::Timestamp(format),
                }
            }
            "regex" => {
                let regex = self.string()?;
                crate::model::check_regex(&regex)?;
                self.expect(',')?;
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::Regex(regex)
            }
            "include" => {
                let s = self.string()?;
                Self::set_value(def, Value::String(s.clone()));
                MatchingRule::Include(s)
            }
            "semver" => {
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::Semver
            }
            "contentType" => {
                let ct = self.string()?;
                self.expect(',')?;
                let v = self.primitive(def)?;
                Self::set_value(def, v);
                MatchingRule::ContentType(ct)
            }
            other => {
                return Err(PactError::new(
                    ErrorCode::UnknownMatcher,
                    format!(
                        "Unknown matcher '{other}' in expression '{}': use equalTo, type, number, integer, decimal, boolean, datetime, date, time, regex, include, semver or contentType",
                        self.text
                    ),
                ));
            }
        };
        def.rules.push(rule);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn regex_with_example() {
        let d = parse(r"matching(regex, '\d+', '123')").unwrap();
        assert_eq!(d.rules, vec![MatchingRule::Regex(r"\d+".into())]);
        assert_eq!(d.value, Some(json!("123")));
    }

    #[test]
    fn several_definitions_and() {
        let d = parse("atLeast(1), atMost(3), eachValue(matching(type, 'x'))").unwrap();
        assert_eq!(
            d.rules,
            vec![
                MatchingRule::MinType(1),
                MatchingRule::MaxType(3),
                MatchingRule::EachValue(vec![MatchingRule::Type], None)
            ]
        );
        assert_eq!(d.value, Some(json!("x")));
    }

    #[test]
    fn numbers_and_provider_state() {
        let d = parse("matching(integer, 42)").unwrap();
        assert_eq!(d.value, Some(json!(42)));
        let d = parse("matching(decimal, 1.5)").unwrap();
        assert_eq!(d.value, Some(json!(1.5)));
        let d = parse("fromProviderState('${id}', 100)").unwrap();
        assert_eq!(d.rules, vec![MatchingRule::Type]);
        assert_eq!(d.value, Some(json!(100)));
        assert!(
            matches!(d.generator, Some(Generator::ProviderState { ref expression, .. }) if expression == "${id}")
        );
        let d = parse("matching(type, fromProviderState('${name}', 'Bob'))").unwrap();
        assert_eq!(d.value, Some(json!("Bob")));
        assert!(d.generator.is_some());
    }

    #[test]
    fn each_key_and_not_empty() {
        let d = parse("eachKey(matching(regex, '[a-z]+', 'abc')), notEmpty('x')").unwrap();
        assert_eq!(
            d.rules,
            vec![
                MatchingRule::EachKey(vec![MatchingRule::Regex("[a-z]+".into())], None),
                MatchingRule::NotEmpty
            ]
        );
        assert_eq!(d.value, Some(json!("x")));
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse("matching(foo, 'x')").unwrap_err().code,
            ErrorCode::UnknownMatcher
        );
        assert_eq!(
            parse("bogus('x')").unwrap_err().code,
            ErrorCode::UnknownMatcher
        );
        assert_eq!(
            parse("matching(regex, '(', 'x')").unwrap_err().code,
            ErrorCode::InvalidRegex
        );
        assert_eq!(
            parse("matching(type, 'x'").unwrap_err().code,
            ErrorCode::InvalidArgument
        );
        assert_eq!(
            parse("matching(type, 'x) ").unwrap_err().code,
            ErrorCode::InvalidArgument
        );
        assert_eq!(
            parse("matching($'ref')").unwrap_err().code,
            ErrorCode::InvalidArgument
        );
    }
}

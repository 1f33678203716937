//! Rule path expressions (`$.a.b`, `$.a[*].b`, `$['key with space']`, `$.a[2]`, `$.a.*`)
//! parsed once, and the reference implementation's weighting that picks the most specific
//! rule for a location in a document.

/// One token of a parsed path expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Root,
    Field(String),
    Index(usize),
    /// `*` or `.*`: any field or index.
    Star,
    /// `[*]`: any index.
    StarIndex,
}

/// One step of a location in a document being matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// Parses a path expression; the error says what is wrong and where.
pub(crate) fn parse(expr: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = expr.trim().chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    if chars.first() != Some(&'$') {
        return Err(format!("path expression '{expr}' must start with '$'"));
    }
    tokens.push(Token::Root);
    i += 1;
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
                    return Err(format!(
                        "path expression '{expr}' has an empty name at position {start}"
                    ));
                }
                tokens.push(if name == "*" {
                    Token::Star
                } else {
                    Token::Field(name)
                });
            }
            '[' => {
                i += 1;
                if i < chars.len() && (chars[i] == '\'' || chars[i] == '"') {
                    let quote = chars[i];
                    i += 1;
                    // `\'` (as libpact_ffi writes a quote inside a name) stands for the character.
                    let mut name = String::new();
                    loop {
                        match chars.get(i) {
                            None => {
                                return Err(format!(
                                    "path expression '{expr}' has an unterminated quoted name"
                                ))
                            }
                            Some('\\') if i + 1 < chars.len() => {
                                name.push(chars[i + 1]);
                                i += 2;
                            }
                            Some(c) if *c == quote => break,
                            Some(c) => {
                                name.push(*c);
                                i += 1;
                            }
                        }
                    }
                    i += 1;
                    if chars.get(i) != Some(&']') {
                        return Err(format!(
                            "path expression '{expr}': expected ']' at position {i}"
                        ));
                    }
                    i += 1;
                    tokens.push(Token::Field(name));
                } else {
                    let start = i;
                    while i < chars.len() && chars[i] != ']' {
                        i += 1;
                    }
                    if i >= chars.len() {
                        return Err(format!("path expression '{expr}' has an unterminated '['"));
                    }
                    let inner: String = chars[start..i].iter().collect();
                    i += 1;
                    let inner = inner.trim();
                    if inner == "*" {
                        tokens.push(Token::StarIndex);
                    } else if let Ok(n) = inner.parse::<usize>() {
                        tokens.push(Token::Index(n));
                    } else {
                        return Err(format!(
                            "path expression '{expr}': '[{inner}]' must be an index, '*' or a quoted name"
                        ));
                    }
                }
            }
            other => {
                // A bare name right after `$` (`$foo`) is not valid; say where.
                return Err(format!(
                    "path expression '{expr}': unexpected '{other}' at position {i}"
                ));
            }
        }
    }
    Ok(tokens)
}

fn token_weight(token: &Token, seg: &Seg) -> usize {
    match (token, seg) {
        (Token::Root, Seg::Root) => 2,
        (Token::Field(n), Seg::Field(f)) if n == f => 2,
        (Token::Index(i), Seg::Index(j)) if i == j => 2,
        (Token::Field(n), Seg::Index(j)) if n.parse::<usize>().ok() == Some(*j) => 2,
        (Token::Star, Seg::Field(_) | Seg::Index(_)) => 1,
        (Token::StarIndex, Seg::Index(_)) => 1,
        _ => 0,
    }
}

/// The reference weighting: 0 when the expression does not apply to `path`; otherwise the
/// product of token weights (exact 2, wildcard 1). An expression shorter than the path
/// applies to it by cascading.
pub(crate) fn weight(tokens: &[Token], path: &[Seg]) -> usize {
    if path.len() < tokens.len() {
        return 0;
    }
    // Deepest tokens first: rule paths usually differ from a location at their end, so a
    // non-match is found after one comparison.
    let mut product = 1;
    for (t, s) in tokens.iter().zip(path.iter()).rev() {
        let w = token_weight(t, s);
        if w == 0 {
            return 0;
        }
        product *= w;
    }
    product
}

/// The weighting for XML documents: pact-jvm style paths may put an index or `[*]` after an
/// element (`$.animals[*].alligator`) although XML paths here name elements only, so index
/// tokens are skipped.
pub(crate) fn weight_xml(tokens: &[Token], path: &[Seg]) -> usize {
    let named = tokens
        .iter()
        .filter(|t| !matches!(t, Token::Index(_) | Token::StarIndex));
    if path.len() < named.clone().count() {
        return 0;
    }
    named
        .zip(path.iter())
        .fold(1, |acc, (t, s)| acc * token_weight(t, s))
}

/// Names that `$.name` cannot carry: empty, starting with a digit (`$.100` would read as an
/// index to some tools), or holding other characters than word ones.
fn needs_quoting(name: &str) -> bool {
    name.is_empty()
        || name.starts_with(|c: char| c.is_ascii_digit())
        || !name.chars().all(|c| {
            c.is_alphanumeric() || c == '_' || c == '-' || c == ':' || c == '@' || c == '#'
        })
}

/// Renders a location for mismatches: `$.a[0].b`, `$['with space']`.
pub(crate) fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Root => out.push('$'),
            Seg::Field(f) if needs_quoting(f) => {
                out.push_str("['");
                out.push_str(f);
                out.push_str("']");
            }
            Seg::Field(f) => {
                out.push('.');
                out.push_str(f);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_names_may_escape_the_quote() {
        assert_eq!(
            parse(r"$['it\'s']").unwrap(),
            vec![Token::Root, Token::Field("it's".into())]
        );
        assert!(parse("$['open").unwrap_err().contains("unterminated"));
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(
            parse("$.a[*].b['c d'][2].*").unwrap(),
            vec![
                Token::Root,
                Token::Field("a".into()),
                Token::StarIndex,
                Token::Field("b".into()),
                Token::Field("c d".into()),
                Token::Index(2),
                Token::Star
            ]
        );
        assert!(parse("a.b").unwrap_err().contains("must start with '$'"));
        assert!(parse("$.a[x]").unwrap_err().contains("[x]"));
        assert!(parse("$['a").is_err());
    }

    #[test]
    fn exact_paths_outweigh_wildcards() {
        let path = [Seg::Root, Seg::Field("a"), Seg::Index(2), Seg::Field("b")];
        let exact = weight(&parse("$.a[2].b").unwrap(), &path);
        let star = weight(&parse("$.a[*].b").unwrap(), &path);
        assert!(exact > star && star > 0);
        assert_eq!(weight(&parse("$.a[1].b").unwrap(), &path), 0);
        assert_eq!(weight(&parse("$.x").unwrap(), &path), 0);
        // A parent rule cascades to the child.
        assert!(weight(&parse("$.a").unwrap(), &path) > 0);
        // A deeper rule does not apply to its parent.
        assert_eq!(weight(&parse("$.a[2].b.c").unwrap(), &path), 0);
    }

    #[test]
    fn renders_paths() {
        let path = [Seg::Root, Seg::Field("a b"), Seg::Index(0), Seg::Field("c")];
        assert_eq!(render(&path), "$['a b'][0].c");
        let path = [Seg::Root, Seg::Field("100"), Seg::Field("b1")];
        assert_eq!(render(&path), "$['100'].b1");
    }
}

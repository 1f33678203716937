//! Values for the `Regex` generator, as the consumer reads the pattern.
//!
//! The consumer checking a generated value is JavaScript or Java code, whose regexes read
//! `\d`, `\w` and `\s` as ASCII (`[0-9]`, `[0-9A-Za-z_]`, `[ \t\n\x0B\f\r]`), `.` as anything
//! but a line break (`\r` included), and `(?i)` as ASCII case folding. The Rust regex syntax
//! the pattern is compiled with reads them as Unicode classes, so `\d{1,8}` could give
//! "𐵈𑇐𐴳꣐𑛒", which `parseInt` rejects (and a JS regex without the `u` flag counts each
//! astral character as two).
//!
//! So before generating, every class of the pattern (`[...]`, `.`, `\d`, `\p{L}`, a letter
//! under `(?i)`) is replaced by the printable ASCII characters it holds (by all its ASCII
//! characters if it holds no printable one, e.g. `[\t\n]`; left as it is if it holds no ASCII
//! character at all, e.g. `[α-ω]`). Each replacement is a subset of what it replaces, so the
//! generated value is still in the pattern's language; anchors and word boundaries, which
//! the generator cannot produce, are dropped, and every value is checked against the
//! pattern as the matcher compiles it before it is handed out.
//!
//! A pattern with look-around or backreferences (see `model::PactRegex`) has no generator:
//! the example is kept, as the reference does.

use rand::Rng;

/// A generator for one pattern, with the matcher's regex to check its output against.
#[derive(Debug)]
pub(crate) struct ValueRegex {
    /// The pattern with its classes restricted to ASCII.
    ascii: Option<rand_regex::Regex>,
    /// The pattern as written (anchors at its ends removed), if `ascii` cannot be built or
    /// its values do not match.
    plain: Option<rand_regex::Regex>,
    /// `^(?:pattern)$`, as the matching rule compiles it.
    check: crate::model::PactRegex,
}

/// How often a generator is sampled before it is given up on: a value that fails the check
/// comes from a dropped anchor or word boundary (`a\bb`), which rarely matches at all.
const ATTEMPTS: usize = 8;

impl ValueRegex {
    pub fn compile(pattern: &str) -> Result<ValueRegex, String> {
        let check = crate::model::cached_regex(&format!("^(?:{pattern})$"))
            .map_err(|e| format!("cannot generate from regex '{pattern}': {e}"))?;
        if check.is_fancy() {
            return Ok(ValueRegex {
                ascii: None,
                plain: None,
                check,
            });
        }
        let ascii = ascii_pattern(pattern).and_then(|p| rand_regex::Regex::compile(&p, 10).ok());
        // Matching is whole-string anyway; anchors at the ends only stop the generator.
        let body = pattern.strip_prefix('^').unwrap_or(pattern);
        let body = match body.strip_suffix('$') {
            Some(b) if !b.ends_with('\\') => b,
            _ => body,
        };
        let plain = match rand_regex::Regex::compile(body, 10) {
            Ok(r) => Some(r),
            Err(e) if ascii.is_none() => {
                return Err(format!("cannot generate from regex '{pattern}': {e}"))
            }
            Err(_) => None,
        };
        Ok(ValueRegex {
            ascii,
            plain,
            check,
        })
    }

    /// A value that matches the pattern, preferably an ASCII one; `None` for a pattern with
    /// look-around or backreferences (the example is kept).
    pub fn sample(&self, rng: &mut impl Rng) -> Result<Option<String>, String> {
        if self.check.is_fancy() {
            return Ok(None);
        }
        for generator in [&self.ascii, &self.plain].into_iter().flatten() {
            for _ in 0..ATTEMPTS {
                let value: String = rng.sample(generator);
                if self.check.is_match(&value) {
                    return Ok(Some(value));
                }
            }
        }
        Err(format!(
            "cannot generate a value that matches regex '{}'",
            self.check
                .as_str()
                .strip_prefix("^(?:")
                .and_then(|p| p.strip_suffix(")$"))
                .unwrap_or(self.check.as_str())
        ))
    }
}

/// The flags that change how a class reads.
#[derive(Debug, Clone, Copy)]
struct Flags {
    case_insensitive: bool,
    dot_all: bool,
    verbose: bool,
    unicode: bool,
}

impl Flags {
    const DEFAULT: Flags = Flags {
        case_insensitive: false,
        dot_all: false,
        verbose: false,
        unicode: true,
    };

    /// Applies a flag group's letters (`is-u`).
    fn apply(&mut self, letters: &str) {
        let mut on = true;
        for c in letters.chars() {
            match c {
                '-' => on = false,
                'i' => self.case_insensitive = on,
                's' => self.dot_all = on,
                'x' => self.verbose = on,
                'u' => self.unicode = on,
                _ => {}
            }
        }
    }

    /// The inline flags that make a lone atom read as it does here.
    fn prefix(self) -> String {
        let mut on = String::new();
        if self.case_insensitive {
            on.push('i');
        }
        if self.dot_all {
            on.push('s');
        }
        if self.verbose {
            on.push('x');
        }
        let off = if self.unicode { "" } else { "-u" };
        if on.is_empty() && off.is_empty() {
            String::new()
        } else {
            format!("(?{on}{off})")
        }
    }
}

/// The end (exclusive) of the escape starting at `c[i] == '\\'`.
fn escape_end(c: &[char], i: usize) -> usize {
    let braced = |from: usize| {
        c[from..]
            .iter()
            .position(|&ch| ch == '}')
            .map(|p| from + p + 1)
            .unwrap_or(c.len())
    };
    match c.get(i + 1) {
        None => c.len(),
        Some('x' | 'u' | 'U' | 'p' | 'P' | 'b') if c.get(i + 2) == Some(&'{') => braced(i + 2),
        Some('x') => (i + 4).min(c.len()),
        Some('u') => (i + 6).min(c.len()),
        Some('U') => (i + 10).min(c.len()),
        Some('p' | 'P') => (i + 3).min(c.len()),
        Some(_) => i + 2,
    }
}

/// The end (exclusive) of the bracketed class starting at `c[i] == '['`, nested classes and
/// POSIX classes (`[[:alpha:]]`) included.
fn class_end(c: &[char], mut i: usize) -> Option<usize> {
    i += 1;
    if c.get(i) == Some(&'^') {
        i += 1;
    }
    // A `]` first is a literal.
    if c.get(i) == Some(&']') {
        i += 1;
    }
    while i < c.len() {
        match c[i] {
            '\\' => i = escape_end(c, i),
            '[' if c.get(i + 1) == Some(&':') => {
                let close = (i + 2..c.len().saturating_sub(1))
                    .find(|&j| c[j] == ':' && c[j + 1] == ']')
                    .map(|j| j + 2);
                i = match close {
                    Some(end) => end,
                    None => class_end(c, i)?,
                };
            }
            '[' => i = class_end(c, i)?,
            ']' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The ASCII characters the lone atom `text` matches under `flags` (`.` without the `s` flag
/// leaves out `\r`, as JavaScript and Java do); `None` if it does not compile alone.
fn ascii_members(text: &str, flags: Flags, dot: bool) -> Option<Vec<u8>> {
    let re = regex::Regex::new(&format!("^{}(?:{text})$", flags.prefix())).ok()?;
    let mut buf = [0u8; 4];
    Some(
        (0u8..128)
            .filter(|&b| !(dot && !flags.dot_all && b == b'\r'))
            .filter(|&b| re.is_match(char::from(b).encode_utf8(&mut buf)))
            .collect(),
    )
}

/// A class of exactly `members`, immune to the case folding of the flags around it.
fn class_of(members: &[u8], flags: Flags) -> String {
    let mut out = String::from("[");
    let mut i = 0;
    while i < members.len() {
        let start = members[i];
        let mut end = start;
        while i + 1 < members.len() && members[i + 1] == end + 1 {
            i += 1;
            end = members[i];
        }
        out.push_str(&format!("\\x{{{start:02X}}}"));
        if end > start {
            out.push_str(&format!("-\\x{{{end:02X}}}"));
        }
        i += 1;
    }
    out.push(']');
    if flags.case_insensitive {
        format!("(?-i:{out})")
    } else {
        out
    }
}

/// The class atom `text` restricted to its printable ASCII characters (or its ASCII ones),
/// or as written if it holds none.
fn restricted(text: &str, flags: Flags, dot: bool) -> String {
    let Some(members) = ascii_members(text, flags, dot) else {
        return text.to_string();
    };
    let printable: Vec<u8> = members
        .iter()
        .copied()
        .filter(|b| (0x20..=0x7e).contains(b))
        .collect();
    let chosen = if printable.is_empty() {
        members
    } else {
        printable
    };
    if chosen.is_empty() {
        text.to_string()
    } else {
        class_of(&chosen, flags)
    }
}

/// The pattern with every class restricted to ASCII and anchors dropped, or `None` if its
/// groups or classes do not close (it will not compile anyway).
fn ascii_pattern(pattern: &str) -> Option<String> {
    let c: Vec<char> = pattern.chars().collect();
    let text = |from: usize, to: usize| c[from..to].iter().collect::<String>();
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut flags = Flags::DEFAULT;
    let mut groups: Vec<Flags> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        match ch {
            '\\' => {
                let end = escape_end(&c, i);
                let escape = text(i, end);
                match c.get(i + 1) {
                    Some('d' | 'D' | 'w' | 'W' | 's' | 'S' | 'p' | 'P') => {
                        out.push_str(&restricted(&escape, flags, false))
                    }
                    // Assertions: the generator cannot produce them; the check still applies.
                    Some('b' | 'B' | 'A' | 'z' | '<' | '>') => {}
                    // A character by code may fold to a non-ASCII one (`\x6B` to the Kelvin sign).
                    Some('x' | 'u' | 'U') if flags.case_insensitive => {
                        out.push_str(&restricted(&escape, flags, false))
                    }
                    _ => out.push_str(&escape),
                }
                i = end;
            }
            '[' => {
                let end = class_end(&c, i)?;
                out.push_str(&restricted(&text(i, end), flags, false));
                i = end;
            }
            '.' => {
                out.push_str(&restricted(".", flags, true));
                i += 1;
            }
            '^' | '$' => i += 1,
            '(' => {
                groups.push(flags);
                if c.get(i + 1) != Some(&'?') {
                    out.push('(');
                    i += 1;
                    continue;
                }
                let letters_end = (i + 2..c.len())
                    .find(|&j| !(c[j].is_ascii_alphabetic() || c[j] == '-'))
                    .unwrap_or(c.len());
                match c.get(letters_end) {
                    // `(?is)`: flags for the rest of the enclosing group.
                    Some(')') if letters_end > i + 2 => {
                        groups.pop();
                        flags.apply(&text(i + 2, letters_end));
                        out.push_str(&text(i, letters_end + 1));
                        i = letters_end + 1;
                    }
                    // `(?i:...)` or `(?:...)`.
                    Some(':') => {
                        flags.apply(&text(i + 2, letters_end));
                        out.push_str(&text(i, letters_end + 1));
                        i = letters_end + 1;
                    }
                    // `(?P<name>...)`, `(?<name>...)`; anything else is copied as it is.
                    _ => {
                        let named = (c.get(i + 2) == Some(&'<')
                            && !matches!(c.get(i + 3), Some('=' | '!')))
                            || (c.get(i + 2) == Some(&'P') && c.get(i + 3) == Some(&'<'));
                        let end = if named {
                            (i..c.len()).find(|&j| c[j] == '>').map(|j| j + 1)?
                        } else {
                            i + 2
                        };
                        out.push_str(&text(i, end));
                        i = end;
                    }
                }
            }
            ')' => {
                flags = groups.pop()?;
                out.push(')');
                i += 1;
            }
            '#' if flags.verbose => {
                let end = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
                out.push_str(&text(i, end));
                i = end;
            }
            // `k` under `(?i)` would also give the Kelvin sign, `s` the long s.
            _ if flags.case_insensitive && ch.is_ascii_alphabetic() => {
                out.push_str(&class_of(
                    &[ch.to_ascii_uppercase() as u8, ch.to_ascii_lowercase() as u8],
                    flags,
                ));
                i += 1;
            }
            _ => {
                out.push(ch);
                i += 1;
            }
        }
    }
    if groups.is_empty() {
        Some(out)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_become_ascii() {
        assert_eq!(ascii_pattern("\\d{1,8}").unwrap(), "[\\x{30}-\\x{39}]{1,8}");
        assert_eq!(
            ascii_pattern("^\\w$").unwrap(),
            "[\\x{30}-\\x{39}\\x{41}-\\x{5A}\\x{5F}\\x{61}-\\x{7A}]"
        );
        // \s holds one printable character, the space.
        assert_eq!(ascii_pattern("\\s").unwrap(), "[\\x{20}]");
        assert_eq!(ascii_pattern("[\\t\\n]").unwrap(), "[\\x{09}-\\x{0A}]");
        // No ASCII member: kept.
        assert_eq!(ascii_pattern("[α-ω]").unwrap(), "[α-ω]");
        assert_eq!(
            ascii_pattern("(?i)k").unwrap(),
            "(?i)(?-i:[\\x{4B}\\x{6B}])"
        );
        assert_eq!(
            ascii_pattern("(?i:a)b").unwrap(),
            "(?i:(?-i:[\\x{41}\\x{61}]))b"
        );
        assert_eq!(
            ascii_pattern("(a(?i)b)c").unwrap(),
            "(a(?i)(?-i:[\\x{42}\\x{62}]))c"
        );
        assert!(ascii_pattern("(a").is_none());
        assert!(ascii_pattern("[a").is_none());
        assert!(ascii_pattern("a)").is_none());
    }

    #[test]
    fn nested_and_posix_classes_are_one_atom() {
        assert_eq!(
            ascii_pattern("[[:digit:]x]").unwrap(),
            "[\\x{30}-\\x{39}\\x{78}]"
        );
        assert_eq!(ascii_pattern("[a[b-c]]d").unwrap(), "[\\x{61}-\\x{63}]d");
        assert_eq!(ascii_pattern("[]a]").unwrap(), "[\\x{5D}\\x{61}]");
    }
}

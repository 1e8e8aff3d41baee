//! compose-lib: exports cm32:compose/text (guests/compose-wit/text.wit).

use std::cell::RefCell;

use exports::cm32::compose::text::{Doc, DocBorrow, Guest, GuestDoc, Stats, Style, Token};

wit_bindgen::generate!({ world: "lib", path: "../compose-wit" });

struct Lib;

/// The state behind a `doc` handle.
struct Document {
    name: String,
    lines: RefCell<Vec<String>>,
}

fn count(lines: &[String]) -> Stats {
    Stats {
        chars: lines.iter().map(|l| l.chars().count() as u32).sum(),
        words: lines.iter().map(|l| l.split_whitespace().count() as u32).sum(),
        lines: lines.len() as u32,
    }
}

fn restyle_line(line: &str, style: Style) -> String {
    match style {
        Style::Upper => line.to_uppercase(),
        Style::Lower => line.to_lowercase(),
        Style::Title => {
            let mut out = String::with_capacity(line.len());
            let mut start = true;
            for c in line.chars() {
                if start { out.extend(c.to_uppercase()) } else { out.extend(c.to_lowercase()) }
                start = c.is_whitespace();
            }
            out
        }
    }
}

impl GuestDoc for Document {
    fn new(name: String) -> Self {
        Document { name, lines: RefCell::new(Vec::new()) }
    }

    fn push(&self, line: String) -> u32 {
        let mut lines = self.lines.borrow_mut();
        lines.push(line);
        lines.len() as u32
    }

    fn lines(&self) -> Vec<String> {
        self.lines.borrow().clone()
    }

    fn stats(&self) -> Stats {
        count(&self.lines.borrow())
    }

    fn append(&self, other: DocBorrow<'_>) {
        let other = other.get::<Document>();
        if std::ptr::eq(other, self) {
            let copy = self.lines.borrow().clone();
            self.lines.borrow_mut().extend(copy);
        } else {
            self.lines.borrow_mut().extend(other.lines.borrow().iter().cloned());
        }
    }

    fn restyle(&self, style: Style) -> Doc {
        let lines = self.lines.borrow().iter().map(|l| restyle_line(l, style)).collect();
        let suffix = match style {
            Style::Upper => "upper",
            Style::Lower => "lower",
            Style::Title => "title",
        };
        Doc::new(Document { name: format!("{}-{suffix}", self.name), lines: RefCell::new(lines) })
    }
}

impl Guest for Lib {
    type Doc = Document;

    fn tokenize(text: String) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut rest = text.as_str();
        while let Some(c) = rest.chars().next() {
            let end = if c == ' ' {
                rest.find(|c| c != ' ').unwrap_or(rest.len())
            } else {
                rest.find(' ').unwrap_or(rest.len())
            };
            let piece = &rest[..end];
            tokens.push(if c == ' ' {
                Token::Space(piece.len() as u32)
            } else if let Ok(n) = piece.parse::<i64>() {
                Token::Number(n)
            } else {
                Token::Word(piece.to_string())
            });
            rest = &rest[end..];
        }
        tokens
    }

    fn render(tokens: Vec<Token>) -> String {
        tokens
            .iter()
            .map(|t| match t {
                Token::Word(w) => format!("<{w}>"),
                Token::Number(n) => format!("#{n}"),
                Token::Space(n) => "_".repeat(*n as usize),
            })
            .collect()
    }

    fn scale(s: Stats, factor: u32) -> Stats {
        Stats { chars: s.chars * factor, words: s.words * factor, lines: s.lines * factor }
    }

    fn find(words: Vec<String>, needle: String) -> Option<u32> {
        words.iter().position(|w| *w == needle).map(|i| i as u32)
    }

    fn parse_number(text: String) -> Result<i64, String> {
        text.trim().parse().map_err(|e| format!("{text:?}: {e}"))
    }

    fn describe(d: DocBorrow<'_>) -> String {
        let d = d.get::<Document>();
        let s = count(&d.lines.borrow());
        format!("{}: {} lines, {} words, {} chars", d.name, s.lines, s.words, s.chars)
    }

    fn finish(d: Doc) -> String {
        let d = d.into_inner::<Document>();
        format!("{}:\n{}", d.name, d.lines.into_inner().join("\n"))
    }

    fn halves(name: String, text: String) -> (Doc, Doc) {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let mid = lines.len().div_ceil(2);
        let first = Document { name: format!("{name}-1"), lines: RefCell::new(lines[..mid].to_vec()) };
        let second = Document { name: format!("{name}-2"), lines: RefCell::new(lines[mid..].to_vec()) };
        (Doc::new(first), Doc::new(second))
    }
}

export!(Lib);

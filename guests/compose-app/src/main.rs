//! compose-app: a wasi:cli/command that imports cm32:compose/text (guests/compose-wit/text.wit)
//! and prints what each of its functions answers. Its arguments, if any, are one more text to
//! tokenize.

use cm32::compose::text::{self, Doc, Stats, Style, Token};

wit_bindgen::generate!({ world: "app", path: "../compose-wit" });

fn show_stats(s: &Stats) -> String {
    format!("{{chars: {}, words: {}, lines: {}}}", s.chars, s.words, s.lines)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sample = if args.is_empty() { "add 12 and  -30 apples".to_string() } else { args.join(" ") };

    // string -> list<variant> -> string
    let tokens = text::tokenize(&sample);
    println!("tokenize({sample:?}) = {tokens:?}");
    println!("render = {:?}", text::render(&tokens));
    let mine = vec![Token::Number(7), Token::Space(2), Token::Word("guests".into())];
    println!("render({mine:?}) = {:?}", text::render(&mine));

    // records, options, results
    let s = Stats { chars: 10, words: 3, lines: 1 };
    println!("scale({}, 4) = {}", show_stats(&s), show_stats(&text::scale(s, 4)));
    let words: Vec<String> = ["alpha", "beta", "gamma"].map(String::from).to_vec();
    println!("find(beta) = {:?}", text::find(&words, "beta"));
    println!("find(delta) = {:?}", text::find(&words, "delta"));
    println!("parse-number(\" 42 \") = {:?}", text::parse_number(" 42 "));
    println!("parse-number(\"4x2\") = {:?}", text::parse_number("4x2"));

    // resources: constructor, methods, borrow in, own in and out
    let notes = Doc::new("notes");
    println!("push = {}", notes.push("hello composed world"));
    println!("push = {}", notes.push("second line here"));
    println!("stats = {}", show_stats(&notes.stats()));
    let (first, second) = text::halves("poem", "one two\nthree four five\nsix\nseven eight");
    println!("describe(first) = {}", text::describe(&first));
    println!("describe(second) = {}", text::describe(&second));
    notes.append(&second);
    println!("after append: {:?}", notes.lines());
    let titled = notes.restyle(Style::Title);
    println!("describe(titled) = {}", text::describe(&titled));
    println!("finish(titled) = {:?}", text::finish(titled));
    println!("finish(first) = {:?}", text::finish(first));
    drop(second);
    let loud = notes.restyle(Style::Upper);
    println!("upper lines = {:?}", loud.lines());
    eprintln!("compose-app: done");
}

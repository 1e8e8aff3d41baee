//! The README's first program: greets whoever is named on the command line.

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "world".to_string());
    println!("Hello, {name}! (from a wasm32-wasip2 program, run by cm32 on wasmi)");
}

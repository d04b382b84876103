fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let syntax = copydesk::syntax::parse(&text);
        print!("{}", copydesk::syntax::render_outline(&text, &syntax));
    }
}

//! The grammar on arbitrary UTF-8: it must not panic, its tokens must tile
//! the input, and every block and statement span must lie on character
//! boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

use copydesk::source::Span;

fn assert_on_boundaries(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end,
        "{what} span {span:?} runs backwards"
    );
    assert!(
        span.end <= text.len(),
        "{what} span {span:?} ends past the text"
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what} span {span:?} starts inside a character"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what} span {span:?} ends inside a character"
    );
}

fuzz_target!(|text: &str| {
    let syntax = copydesk::syntax::parse(text);
    let mut cursor = 0;
    for token in &syntax.tokens {
        let span = token.span();
        assert_eq!(span.start, cursor, "tokens leave a gap or overlap");
        assert!(span.end > span.start, "empty token {token:?}");
        assert_on_boundaries(text, span, "token");
        cursor = span.end;
    }
    assert_eq!(cursor, text.len(), "tokens stop short of the end");
    for block in &syntax.blocks {
        assert_on_boundaries(text, block.span, "block");
        assert!(
            block.tokens.end <= syntax.tokens.len(),
            "block token range out of bounds"
        );
        assert!(
            block.statements.end <= syntax.statements.len(),
            "block statement range out of bounds"
        );
    }
    for statement in &syntax.statements {
        assert_on_boundaries(text, statement.span, "statement");
        assert!(
            statement.tokens.end <= syntax.tokens.len(),
            "statement token range out of bounds"
        );
        assert!(
            statement.block < syntax.blocks.len(),
            "statement points past the blocks"
        );
    }
});

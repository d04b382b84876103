#![warn(clippy::print_stdout, clippy::print_stderr)]
pub mod diagnostic;
pub mod model;
pub mod source;
pub mod syntax;

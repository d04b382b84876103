//! Reproducible pseudo-random numbers for tests that generate their
//! inputs: the same inputs every run, so a failure can be replayed.

/// A stream of numbers (xorshift) from `seed`.
pub(crate) fn numbers(seed: u64) -> impl Iterator<Item = u64> {
    let mut state = seed | 1;
    std::iter::repeat_with(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    })
}

/// Each call gives the next number of [`numbers`] below `bound` (which
/// must not be zero).
pub(crate) fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut numbers = numbers(seed);
    move |bound| {
        numbers
            .next()
            .map_or(0, |number| (number % bound as u64) as usize)
    }
}

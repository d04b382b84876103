//! A sort by a 64-bit key that costs linear time on long inputs.
//!
//! `name-variant` groups its spellings by hashed keys, a dozen keys per
//! spelling; a file of a million distinct names makes millions of keys.
//! A comparison sort of them was a sixth of that file's check. Sorting by
//! the key's bytes (a least-significant-digit radix sort) touches each
//! item a fixed number of times instead of log n.

/// Below this many items a comparison sort is quicker than clearing the
/// radix sort's counting table.
const RADIX_FROM: usize = 4096;

/// Bits of the key sorted in one pass.
const DIGIT_BITS: u32 = 16;

/// Sorts `items` by `key`. Items with equal keys may come in any order
/// (as with `sort_unstable_by_key`).
pub(crate) fn sort_by_u64_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < RADIX_FROM {
        items.sort_unstable_by_key(|item| key(item));
        return;
    }
    let digit = |item: &T, shift: u32| ((key(item) >> shift) & ((1 << DIGIT_BITS) - 1)) as usize;
    let mut counts = vec![0usize; 1 << DIGIT_BITS];
    let mut scratch: Vec<T> = Vec::with_capacity(items.len());
    for shift in (0..u64::BITS).step_by(DIGIT_BITS as usize) {
        counts.fill(0);
        for item in items.iter() {
            counts[digit(item, shift)] += 1;
        }
        // Every item has the same digit here: the pass would move nothing.
        if counts.contains(&items.len()) {
            continue;
        }
        // Each digit's first place in the output.
        let mut next = 0;
        for count in counts.iter_mut() {
            let items_with_digit = *count;
            *count = next;
            next += items_with_digit;
        }
        scratch.clear();
        scratch.resize(items.len(), items[0]);
        for item in items.iter() {
            let place = &mut counts[digit(item, shift)];
            scratch[*place] = *item;
            *place += 1;
        }
        std::mem::swap(items, &mut scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pseudo_random::numbers;

    #[test]
    fn sorts_like_the_standard_sort() {
        for (length, key_mask) in [
            (0, u64::MAX),
            (1, u64::MAX),
            (100, 0xff),
            (RADIX_FROM, u64::MAX),
            (50_000, u64::MAX),
            // Many equal keys.
            (50_000, 0xf0_0000_000f),
            // Keys that differ only in their top bits: the lower passes
            // are skipped.
            (20_000, 0xffff_0000_0000_0000),
        ] {
            // (key, original position): sorted by key, and still the same
            // items.
            let items: Vec<(u64, usize)> = numbers(length as u64)
                .take(length)
                .map(|number| number & key_mask)
                .zip(0..)
                .collect();
            let mut sorted = items.clone();
            sort_by_u64_key(&mut sorted, |&(key, _)| key);
            let keys: Vec<u64> = sorted.iter().map(|&(key, _)| key).collect();
            let mut expected_keys: Vec<u64> = items.iter().map(|&(key, _)| key).collect();
            expected_keys.sort_unstable();
            assert_eq!(
                keys, expected_keys,
                "{length} items, keys masked {key_mask:x}"
            );
            let mut positions: Vec<usize> = sorted.iter().map(|&(_, position)| position).collect();
            positions.sort_unstable();
            assert!(
                positions.into_iter().eq(0..length),
                "{length} items: lost or doubled"
            );
        }
    }
}

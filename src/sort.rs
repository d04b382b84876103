//! A sort by a 64-bit key that costs linear time on long inputs.
//!
//! `name-variant` groups its spellings by hashed keys, a dozen keys per
//! spelling; a file of a million distinct names makes millions of keys.
//! A comparison sort of them was a sixth of that file's check. Sorting by
//! the key's bytes (a least-significant-digit radix sort) touches each
//! item a fixed number of times instead of log n.
//!
//! Most of those keys are held by one item alone, and a group of one
//! compares nothing: [`retain_shared_keys`] drops nearly all of them in
//! two passes, before the sort.

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

/// Drops items whose key no other item has, keeping the rest in order.
/// A few such items may stay (two keys can share a bit of the table), but
/// no item whose key another shares is ever dropped. Short lists are left
/// as they are: sorting them costs less than the table.
pub(crate) fn retain_shared_keys<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < RADIX_FROM {
        return;
    }
    retain_shared_keys_of_any_list(items, key);
}

/// [`retain_shared_keys`] for a list of any length: for lists whose items
/// nearly all have keys of their own, where two passes over a small table
/// cost less than sorting them all.
pub(crate) fn retain_shared_keys_of_any_list<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    // Eight bits of table per item (at least one word): a lone key lands
    // on another's bit about one time in eight.
    let bits = (items.len() * 8).next_power_of_two().max(64);
    let shift = u64::BITS - bits.trailing_zeros();
    // The high bits of a multiplicative hash: the keys' own low bits may
    // be poorly spread.
    let slot = |item: &T| (key(item).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
    let mut seen = vec![0u64; bits / 64];
    let mut shared = vec![0u64; bits / 64];
    for item in items.iter() {
        let slot = slot(item);
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        if seen[word] & bit != 0 {
            shared[word] |= bit;
        } else {
            seen[word] |= bit;
        }
    }
    items.retain(|item| {
        let slot = slot(item);
        shared[slot / 64] & (1u64 << (slot % 64)) != 0
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pseudo_random::numbers;

    #[test]
    fn retains_every_shared_key_and_few_lone_ones() {
        for (length, key_mask) in [
            (100, 0xff),
            (RADIX_FROM, u64::MAX),
            (50_000, u64::MAX),
            (50_000, 0xf_ffff),
            (50_000, 0xff),
        ] {
            let items: Vec<(u64, usize)> = numbers(length as u64 + 1)
                .take(length)
                .map(|number| number & key_mask)
                .zip(0..)
                .collect();
            let mut kept = items.clone();
            retain_shared_keys(&mut kept, |&(key, _)| key);
            let mut holders: std::collections::HashMap<u64, usize> = Default::default();
            for &(key, _) in &items {
                *holders.entry(key).or_default() += 1;
            }
            let shared: Vec<(u64, usize)> = items
                .iter()
                .copied()
                .filter(|(key, _)| holders[key] > 1)
                .collect();
            // In order, and every item whose key is shared among them.
            assert!(kept.windows(2).all(|pair| pair[0].1 < pair[1].1));
            let mut rest = kept.iter();
            for item in &shared {
                assert!(rest.any(|kept| kept == item), "{length}: {item:?} dropped");
            }
            if length < RADIX_FROM {
                assert_eq!(kept, items);
            } else {
                let lone_kept = kept.len() - shared.len();
                let lone = items.len() - shared.len();
                assert!(
                    lone_kept * 4 <= lone,
                    "{length}: {lone_kept} of {lone} lone kept"
                );
            }
        }
    }

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

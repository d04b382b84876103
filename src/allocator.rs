//! The allocator the command line, the benchmark and the stages example
//! install: mimalloc, asked for plain blocks wherever a plain block is
//! aligned enough.
//!
//! mimalloc's own Rust wrapper asks for every block through
//! `mi_malloc_aligned`, whatever its alignment. In mimalloc 3 that call is
//! served from the free list only when the next free block happens to sit
//! at the alignment asked; otherwise, and for every block over 1 KiB whose
//! rounded size is not a power of two, it takes a slower path that
//! allocates the size plus the alignment and marks the page as holding
//! interior pointers. Over news copy about one allocation in five took that
//! path, at about 76 instructions each.
//!
//! A block from plain `mi_malloc` is aligned to 16 bytes when it is 16
//! bytes or larger, and to 8 when it is smaller (mimalloc's size classes
//! are multiples of 16 above 16 bytes, and each page's first block is
//! 16-byte aligned: `MI_MAX_ALIGN_SIZE`). So a request whose alignment is
//! at most 16 and at most its size, as nearly every Rust value's is, is
//! served by `mi_malloc`, `mi_zalloc` or `mi_realloc`; any other keeps the
//! aligned calls. This is the rule the standard library's system allocator
//! follows with `malloc`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The largest alignment every plain mimalloc block of at least that size
/// has.
const PLAIN_ALIGNMENT: usize = 16;

/// mimalloc as a global allocator (see the module's documentation).
pub struct Allocator;

/// Whether a plain block of `size` bytes is aligned to `align`.
fn plain_block_serves(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGNMENT && align <= size
}

// SAFETY: every block is allocated, resized and freed by mimalloc, which
// returns null on failure as `GlobalAlloc` requires. A block is resized
// and freed by mimalloc whichever call allocated it, and each call below
// is given an alignment mimalloc honours: the plain calls only where
// `plain_block_serves` holds (see the module's documentation), the aligned
// calls otherwise.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc accepts any size; the alignment is served as
        // described above.
        unsafe {
            if plain_block_serves(layout.align(), layout.size()) {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if plain_block_serves(layout.align(), layout.size()) {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, pointer: *mut u8, _layout: Layout) {
        // SAFETY: `pointer` was allocated by this allocator, so by
        // mimalloc, and is freed once (the caller's promise).
        unsafe { libmimalloc_sys::mi_free(pointer.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `pointer` is a live mimalloc block (the caller's
        // promise); the new block's alignment is served as in `alloc`,
        // judged by its new size.
        unsafe {
            if plain_block_serves(layout.align(), new_size) {
                libmimalloc_sys::mi_realloc(pointer.cast::<c_void>(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(
                    pointer.cast::<c_void>(),
                    new_size,
                    layout.align(),
                )
                .cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Allocator;
    use std::alloc::{GlobalAlloc, Layout};

    /// Every block is aligned as asked, is zeroed when asked zeroed, and
    /// keeps its bytes when resized: alignments from 1 byte to a page,
    /// sizes from 1 byte to past mimalloc's small and medium classes,
    /// including sizes that are not powers of two (which the aligned
    /// call served by over-allocating).
    #[test]
    fn blocks_are_aligned_zeroed_and_keep_their_bytes() {
        let sizes = [
            1, 3, 8, 12, 16, 24, 40, 48, 100, 1000, 1100, 5000, 70_000, 300_000,
        ];
        let mut resized = 0;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for &size in &sizes {
                let layout = Layout::from_size_align(size, align).expect("a layout");
                // SAFETY: no size is zero; every block is checked for null,
                // read and written only within its size, and freed once,
                // with the layout it was last given.
                unsafe {
                    let zeroed = Allocator.alloc_zeroed(layout);
                    assert!(!zeroed.is_null());
                    assert_eq!(zeroed as usize % align, 0, "zeroed {size} at {align}");
                    assert!(std::slice::from_raw_parts(zeroed, size)
                        .iter()
                        .all(|&b| b == 0));
                    Allocator.dealloc(zeroed, layout);

                    for &new_size in &sizes {
                        let block = Allocator.alloc(layout);
                        assert!(!block.is_null());
                        assert_eq!(block as usize % align, 0, "{size} at {align}");
                        for at in 0..size {
                            *block.add(at) = at as u8;
                        }
                        let block = Allocator.realloc(block, layout, new_size);
                        assert!(!block.is_null());
                        assert_eq!(block as usize % align, 0, "{size} to {new_size} at {align}");
                        let kept = size.min(new_size);
                        assert!((0..kept).all(|at| *block.add(at) == at as u8));
                        let new_layout =
                            Layout::from_size_align(new_size, align).expect("a layout");
                        Allocator.dealloc(block, new_layout);
                        resized += 1;
                    }
                }
            }
        }
        assert_eq!(resized, 8 * 14 * 14);
    }
}

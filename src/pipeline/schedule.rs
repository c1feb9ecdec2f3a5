//! Running documents on worker threads.
//!
//! The workers are plain threads pulling from a shared counter, not a rayon
//! parallel iterator: Typst parallelises inside a compilation with rayon,
//! and a rayon worker waiting inside Typst steals further documents from
//! the outer loop, so dozens of documents end up in flight on one thread
//! (measured: 100 districts peaked at 1.5 GiB, and two cores gave little
//! speed-up). A panic while making a document is caught and becomes that
//! document's failure, never a silent loss.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Memoised Typst results unused for this many documents are evicted, so
/// memory stays flat however many documents there are.
const CACHE_AGE: usize = 4;

/// Runs `work` on every item on `workers` threads (default: one per core)
/// and returns the results in item order; `Err` holds the message of a
/// panic. `done` is called after each item.
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    workers: Option<usize>,
    work: impl Fn(&T) -> R + Sync,
    done: &(dyn Fn() + Sync),
) -> Vec<Result<R, String>> {
    let next = AtomicUsize::new(0);
    let workers = workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut results: Vec<(usize, Result<R, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut finished = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        let result = catch_unwind(AssertUnwindSafe(|| work(item))).map_err(panic_message);
                        comemo::evict(CACHE_AGE);
                        done();
                        finished.push((index, result));
                    }
                    finished
                })
            })
            .collect();
        // A worker catches its items' panics, so joining cannot fail; were
        // it to, its items are reported missing below.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(index, _)| *index);
    let mut out = Vec::with_capacity(items.len());
    let mut results = results.into_iter().peekable();
    for index in 0..items.len() {
        match results.next_if(|(i, _)| *i == index) {
            Some((_, result)) => out.push(result),
            None => out.push(Err("arbetstråden avbröts".to_owned())),
        }
    }
    out
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "okänt fel".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_worker_count() {
        let items: Vec<u32> = (0..50).collect();
        for workers in [1, 2, 7] {
            let out = parallel(&items, Some(workers), |n| n * 2, &|| {});
            let values: Vec<u32> = out.into_iter().map(Result::unwrap).collect();
            assert_eq!(values, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panic_fails_its_item_and_nothing_else() {
        let items = [1, 2, 3];
        let done = AtomicUsize::new(0);
        let out = parallel(
            &items,
            Some(2),
            |n| {
                assert_ne!(*n, 2, "kaos i dokument {n}");
                *n
            },
            &|| {
                done.fetch_add(1, Ordering::Relaxed);
            },
        );
        assert_eq!(out[0], Ok(1));
        assert!(out[1].as_ref().unwrap_err().contains("kaos i dokument 2"), "{:?}", out[1]);
        assert_eq!(out[2], Ok(3));
        assert_eq!(done.load(Ordering::Relaxed), 3);
    }
}

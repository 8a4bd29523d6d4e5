//! Work spread over the cores: reading 256 shard files is parse-bound.

/// Maps `f` over `items` on every core (in order), or on this thread when
/// there is little to do: 256 shard files parse twice as fast on two cores.
/// A panic in `f` on any thread is a panic of the caller.
pub(crate) fn on_all_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < 8 || threads < 2 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        // A worker that panicked re-raises its panic here: dropping its
        // share of the files would answer from half the world.
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

import Dispatch
import Foundation

/// Deterministic data parallelism over the machine's cores.
///
/// `map` splits `0..<count` into one strided share per worker (`DispatchQueue.concurrentPerform`)
/// and stores each result at its own index, so the output never depends on scheduling. Each
/// worker first builds its own state with `makeWorker` (a minimiser workspace, say), so nothing
/// mutable is shared and no allocation happens per item beyond what the worker itself does.
public enum Parallel {
    /// Cores available to this process.
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `[work(0), work(1), ...]`, each computed by a worker built with `makeWorker`. With
    /// `parallel == false` one worker does everything on the calling thread. The first error any
    /// worker throws (lowest index first) is rethrown after all workers finish.
    public static func map<Worker, Result>(
        count: Int, parallel: Bool = true,
        makeWorker: () throws -> Worker,
        work: (Worker, Int) throws -> Result
    ) throws -> [Result] {
        guard count > 0 else { return [] }
        let workers = parallel ? min(coreCount, count) : 1
        let slots = UnsafeMutableBufferPointer<Swift.Result<Result, any Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            _ = slots.deinitialize()
            slots.deallocate()
        }
        withoutActuallyEscaping(makeWorker) { makeWorker in
            withoutActuallyEscaping(work) { work in
                let body: (Int) -> Void = { w in
                    let worker: Worker
                    do { worker = try makeWorker() } catch {
                        for i in stride(from: w, to: count, by: workers) { slots[i] = .failure(error) }
                        return
                    }
                    for i in stride(from: w, to: count, by: workers) {
                        slots[i] = Swift.Result { try work(worker, i) }
                    }
                }
                if workers == 1 { body(0) } else {
                    nonisolated(unsafe) let run = body
                    DispatchQueue.concurrentPerform(iterations: workers) { run($0) }
                }
            }
        }
        return try slots.map { try $0!.get() }
    }
}

import Foundation

/// The run journal: a JSON Lines file with one line per answered query, written (flushed and
/// fsync'd) before the answer is used, so a crashed campaign re-asks nothing it already paid for.
///
/// Each line is an entry of the API's `/previous_runs` plus two fields:
///
/// ```json
/// {"d_model": 512, "num_layers": 8, "num_heads": 8, "batch_size": 128, "learning_rate": 0.001, "train_flops": 10000000000000000, "loss": 4.21, "total_flops_used": 30000000000000000, "source": "loss"}
/// ```
///
/// - `total_flops_used`: the key's total after this run, as the service reported it (`source`
///   `"loss"`), or the running total in `/previous_runs` order (`source` `"sync"`).
/// - `source`: `"loss"` for an answer of `/loss`, `"sync"` for a run pulled by `harness sync`.
///
/// Python: `pandas.read_json("runs/journal.jsonl", lines=True)` or
/// `[json.loads(l) for l in open(path)]`. One journal belongs to one key of one service.
///
/// A crash while writing can leave a final line without its newline; that answer was never used,
/// so loading ignores such a torn last line and the next append removes it.
public struct RunJournal: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Entry: Sendable, Hashable {
        public var run: Run
        public var totalFlopsUsed: Int64
        public var source: Source
        public init(run: Run, totalFlopsUsed: Int64, source: Source) {
            self.run = run
            self.totalFlopsUsed = totalFlopsUsed
            self.source = source
        }
    }

    public enum Source: String, Sendable, Hashable, Codable {
        case loss, sync
    }

    private struct Line: Decodable {
        var total_flops_used: Int64
        var source: Source
    }

    /// Every entry, in file order. A missing file is an empty journal.
    public func load() throws(JournalError) -> [Entry] {
        var entries: [Entry] = []
        for (number, line) in try JournalFile(path: path).completeLines() {
            do {
                let run = try JSONDecoder().decode(Run.self, from: line)
                let extra = try JSONDecoder().decode(Line.self, from: line)
                if let problem = Self.problem(run: run, total: extra.total_flops_used) {
                    throw JournalError("journal \(path), line \(number): \(problem); the journal is damaged (fix or remove that line, or 'harness sync' into a new journal)")
                }
                entries.append(Entry(run: run, totalFlopsUsed: extra.total_flops_used, source: extra.source))
            } catch let error as JournalError {
                throw error
            } catch {
                throw JournalError("journal \(path), line \(number): not a journal entry (\(error)); expected one JSON object per line with the fields of /previous_runs plus total_flops_used and source")
            }
        }
        return entries
    }

    /// What is impossible in an entry (a journal is outside input): FLOPs that are not positive,
    /// a negative total, a loss that is not a finite number. Nil for a plausible entry. Values
    /// near Int64.max are possible (a damaged answer) and are summed without trapping.
    static func problem(run: Run, total: Int64) -> String? {
        if run.trainFlops <= 0 { return "train_flops is \(run.trainFlops), expected a positive number of FLOPs" }
        if total < 0 { return "total_flops_used is \(total), expected 0 or more" }
        if !run.loss.isFinite { return "loss is \(run.loss), expected a finite number" }
        return nil
    }

    /// Appends one line and makes it durable (write, fsync) before returning.
    public func append(_ entry: Entry) throws(JournalError) {
        try append([entry])
    }

    /// Appends lines in order, durable before returning (one fsync for all of them).
    public func append(_ entries: [Entry]) throws(JournalError) {
        guard !entries.isEmpty else { return }
        try JournalFile(path: path).append(entries.map(Self.line).joined())
    }

    /// One journal line, newline included.
    public static func line(_ entry: Entry) -> String {
        WireFormat.runObject(entry.run, extra: ", \"total_flops_used\": \(entry.totalFlopsUsed), \"source\": \"\(entry.source.rawValue)\"") + "\n"
    }
}

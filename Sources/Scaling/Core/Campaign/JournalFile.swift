import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable part of every protocol's run journal: a JSON Lines file read as complete lines
/// and appended to with write + fsync, so an answer is on disk before anyone uses it.
///
/// A crash while writing can leave a final line without its newline; that answer was never used,
/// so `completeLines` ignores such a torn last line and the next `append` removes it.
///
/// ```swift
/// let file = JournalFile(path: "runs/journal.jsonl")
/// try file.append("{\"a\":1}\n")
/// try file.completeLines()   // [(number: 1, bytes: ...)]
/// ```
public struct JournalFile: Sendable, Hashable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Every complete, non-empty line with its 1-based line number. A missing file has none.
    public func completeLines() throws(JournalError) -> [(number: Int, bytes: Data)] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError("journal \(path): cannot read it")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let complete = lines.count - 1 // the last piece is empty or a torn line
        var out: [(number: Int, bytes: Data)] = []
        for (index, line) in lines.prefix(complete).enumerated() where !line.isEmpty {
            out.append((index + 1, Data(line)))
        }
        return out
    }

    /// Appends `text` (whole lines, newline included) and makes it durable before returning.
    public func append(_ text: String) throws(JournalError) {
        guard !text.isEmpty else { return }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw JournalError("journal \(path): cannot create folder \(directory) (\(error.localizedDescription))")
            }
        }
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw JournalError("journal \(path): cannot open it for writing (errno \(errno))") }
        defer { close(fd) }
        // Drop a torn last line (a write that a crash cut short): its answer was never used.
        let size = lseek(fd, 0, SEEK_END)
        if size > 0 {
            var end = size
            var byte: UInt8 = 0
            while end > 0 {
                guard pread(fd, &byte, 1, end - 1) == 1 else { break }
                if byte == UInt8(ascii: "\n") { break }
                end -= 1
            }
            if end != size {
                guard ftruncate(fd, end) == 0 else { throw JournalError("journal \(path): cannot drop a torn last line (errno \(errno))") }
            }
            lseek(fd, end, SEEK_SET)
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw JournalError("journal \(path): write failed (errno \(errno))") }
            written += n
        }
        guard fsync(fd) == 0 else { throw JournalError("journal \(path): fsync failed (errno \(errno))") }
    }
}

/// A journal could not be read or written.
public struct JournalError: Error, Sendable, CustomStringConvertible, Equatable {
    public let description: String
    init(_ description: String) { self.description = description }
}

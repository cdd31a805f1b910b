import Foundation
import GRDB
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks every `--state` file passes before a server answers from it, shared by the 2025
/// ledger and the 2026 journal: it must be a file that persists (not `""` or `:memory:`, which
/// SQLite keeps in memory and forgets), not a folder, not empty or cut short (a SQLite file is
/// at least its 100-byte header), intact (`PRAGMA quick_check`), writable (a read-only file would
/// start and then refuse every new run), and not in use by another server process (a lock on
/// `<path>.lock`, held while the store lives).
///
/// ```swift
/// let (queue, lock) = try StateFileGuard.open(path: "runs/state.sqlite")
/// ```
public enum StateFileGuard {
    /// The smallest SQLite file: its header.
    static let headerBytes = 100

    /// Opens `path` as a state file after every check; the lock is held until the returned
    /// `StateFileLock` is released.
    public static func open(path: String) throws(StateFileError) -> (DatabaseQueue, StateFileLock) {
        let trimmed = path.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == ":memory:" || trimmed.hasPrefix("file:") {
            throw StateFileError(path: path, detail: "'\(path)' is not a file SQLite keeps: state there would be forgotten on restart (an unset shell variable?); give a file path such as runs/state.sqlite, or leave out --state to keep state in memory on purpose")
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue {
            throw StateFileError(path: path, detail: "it is a folder; give a file path such as \(path)/state.sqlite")
        }
        let lock = try StateFileLock.acquire(path: path)
        if exists {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            if size < headerBytes {
                throw StateFileError(path: path, detail: "it is \(size) byte\(size == 1 ? "" : "s") long, shorter than a SQLite file's \(headerBytes)-byte header: it was cut short or is not a state file; move it away (its runs are lost) to start afresh")
            }
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path)
            let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard check == ["ok"] else {
                throw StateFileError(path: path, detail: "SQLite's integrity check fails (\(check.prefix(3).joined(separator: "; "))): the file is damaged")
            }
            // A write that changes nothing: a read-only file or folder fails here, not on the first run.
            try queue.write { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS state_file_probe (id INTEGER PRIMARY KEY)")
                try db.execute(sql: "DROP TABLE state_file_probe")
            }
        } catch let error as StateFileError {
            throw error
        } catch {
            throw StateFileError(path: path, detail: "\(error)")
        }
        return (queue, lock)
    }
}

/// An exclusive lock on `<state>.lock` (POSIX `fcntl`, released by the kernel when the process
/// ends, even by kill -9): a second server process on the same state file refuses to start.
/// Within one process the lock is shared and counted (a restart in a test reopens the file).
public final class StateFileLock: Sendable {
    public let path: String
    private static let held = Mutex<[String: (fd: Int32, count: Int)]>([:])

    private init(path: String) { self.path = path }

    static func acquire(path: String) throws(StateFileError) -> StateFileLock {
        let lockPath = path + ".lock"
        let result: Result<Void, StateFileError> = held.withLock { held in
            if let entry = held[lockPath] {
                held[lockPath] = (entry.fd, entry.count + 1)
                return .success(())
            }
            let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                return .failure(StateFileError(path: path, detail: "cannot create its lock file \(lockPath) (errno \(errno)): is the folder writable?"))
            }
            var lock = flock()
            lock.l_type = Int16(F_WRLCK)
            lock.l_whence = Int16(SEEK_SET)
            lock.l_start = 0
            lock.l_len = 0
            if fcntl(fd, F_SETLK, &lock) != 0 {
                var holder = flock()
                holder.l_type = Int16(F_WRLCK)
                holder.l_whence = Int16(SEEK_SET)
                let pid = fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != Int16(F_UNLCK) ? " (process \(holder.l_pid))" : ""
                Glibc.close(fd)
                return .failure(StateFileError(path: path, detail: "another server is using it\(pid): its lock \(lockPath) is held; stop that server, or give this one another --state file"))
            }
            held[lockPath] = (fd, 1)
            return .success(())
        }
        try result.get()
        return StateFileLock(path: lockPath)
    }

    deinit {
        let lockPath = path
        Self.held.withLock { held in
            guard let entry = held[lockPath] else { return }
            if entry.count > 1 {
                held[lockPath] = (entry.fd, entry.count - 1)
            } else {
                held[lockPath] = nil
                Glibc.close(entry.fd) // releases the process's lock
            }
        }
    }
}

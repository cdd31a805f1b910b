import ArgumentParser
import Rehearsal

extension Score {
    /// The checks `--jobs` and `--bootstrap` share with `harness bench rehearsal`.
    static func validate(jobs: Int, bootstrap: Int) throws {
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be in 1...256, got \(jobs)") }
        guard bootstrap == 0 || (2...100_000).contains(bootstrap) else {
            throw ValidationError("--bootstrap must be 0 (none) or in 2...100000, got \(bootstrap)")
        }
    }

    /// `--transport`'s value as a `Rehearsal.Connection`.
    static func transport(_ name: String) throws -> Rehearsal.Connection {
        guard let t = Rehearsal.Connection(rawValue: name) else {
            throw ValidationError("--transport '\(name)': accepted: \(Rehearsal.Connection.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
}

import GRDB

/// Reads one column of a `--state` file's row without trapping: GRDB's typed subscripts
/// (`row[0] as Int64`) stop the process on a NULL or a value of another type, and a state file
/// is outside input (damaged, hand-edited, or another program's). A bad value is a
/// `StateFileError` naming the table, the row, the column, the value and the type expected.
struct StateColumns {
    let path: String
    let table: String
    let row: Row
    /// How the row is named in a message (`"sequence 12"`).
    let rowName: String

    /// The column's value, which must be present and of type `T`.
    func value<T: DatabaseValueConvertible>(_ index: Int, _ column: String, as _: T.Type = T.self) throws(StateFileError) -> T {
        guard let v: T = try optional(index, column) else {
            throw StateFileError(path: path, detail: "\(table) row \(rowName): \(column) is NULL, expected \(T.self); the file is damaged")
        }
        return v
    }

    /// The column's value, or `nil` when it is NULL; any other type is an error.
    func optional<T: DatabaseValueConvertible>(_ index: Int, _ column: String, as _: T.Type = T.self) throws(StateFileError) -> T? {
        guard index < row.count else {
            throw StateFileError(path: path, detail: "\(table) row \(rowName) has no column \(column); the file is damaged")
        }
        let raw: DatabaseValue = row[index]
        if raw.isNull { return nil }
        guard let v = T.fromDatabaseValue(raw) else {
            throw StateFileError(path: path, detail: "\(table) row \(rowName): \(column) is \(raw), expected \(T.self); the file is damaged")
        }
        return v
    }
}

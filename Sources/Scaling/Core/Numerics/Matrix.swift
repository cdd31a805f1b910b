/// A dense real matrix stored row-major, the value type the numerics layer hands to GSL.
///
/// ```swift
/// var x = Matrix(rows: 3, columns: 2)
/// x[0, 1] = 4
/// let y = Matrix(rows: [[1, 2], [3, 4]])
/// ```
public struct Matrix: Equatable, Sendable, Codable {
    public let rows: Int
    public let columns: Int
    /// Row-major entries, `values[i * columns + j]`.
    public var values: [Double]

    /// A `rows` x `columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        values = Array(repeating: 0, count: rows * columns)
    }

    /// A matrix from its rows; every row must have the same length.
    public init(rows list: [[Double]]) {
        let columns = list.first?.count ?? 0
        precondition(list.allSatisfy { $0.count == columns }, "every row of a matrix must have the same length")
        rows = list.count
        self.columns = columns
        values = list.flatMap { $0 }
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(values[(i * columns)..<((i + 1) * columns)]) }

    /// The diagonal entries (of the leading square block).
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }
}

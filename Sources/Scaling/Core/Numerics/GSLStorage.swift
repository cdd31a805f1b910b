import CGSL

/// Owned GSL vectors and matrices with copies to and from Swift values.
///
/// Every GSL object is allocated once by its owner (a solver workspace) and freed in `deinit`;
/// these helpers only move numbers across. Freshly allocated GSL vectors have stride 1 and
/// matrices `tda == size2`, which the copies rely on.
enum GSLStorage {
    static func vector(_ count: Int, _ what: String) throws(NumericsError) -> UnsafeMutablePointer<gsl_vector> {
        try GSL.allocated(gsl_vector_alloc(count), "\(what) (vector of \(count))")
    }

    static func matrix(_ rows: Int, _ columns: Int, _ what: String) throws(NumericsError) -> UnsafeMutablePointer<gsl_matrix> {
        try GSL.allocated(gsl_matrix_alloc(rows, columns), "\(what) (\(rows)x\(columns) matrix)")
    }

    /// Checks a solver's start: exactly `count` finite numbers, else `.invalidInput` naming both.
    static func checkStart(_ x0: [Double], count: Int) throws(NumericsError) {
        guard x0.count == count, x0.allSatisfy(\.isFinite) else {
            throw .invalidInput("the start must be \(count) finite numbers, got \(x0)")
        }
    }

    static func copy(_ values: [Double], into v: UnsafeMutablePointer<gsl_vector>) {
        let data = v.pointee.data!
        for i in 0..<min(values.count, v.pointee.size) { data[i] = values[i] }
    }

    static func copy(_ m: Matrix, into g: UnsafeMutablePointer<gsl_matrix>) {
        let data = g.pointee.data!
        let tda = g.pointee.tda
        for i in 0..<m.rows {
            for j in 0..<m.columns { data[i * tda + j] = m.values[i * m.columns + j] }
        }
    }

    static func array(_ v: UnsafePointer<gsl_vector>) -> [Double] {
        let size = v.pointee.size
        let stride = v.pointee.stride
        let data = v.pointee.data!
        return (0..<size).map { data[$0 * stride] }
    }

    static func matrix(_ g: UnsafePointer<gsl_matrix>) -> Matrix {
        var m = Matrix(rows: g.pointee.size1, columns: g.pointee.size2)
        let data = g.pointee.data!
        let tda = g.pointee.tda
        for i in 0..<m.rows {
            for j in 0..<m.columns { m[i, j] = data[i * tda + j] }
        }
        return m
    }
}

/// One GSL object (a workspace, vector or matrix) owned by a Swift object: allocated once,
/// checked for NULL, and freed by GSL's own `*_free` in `deinit`.
///
/// Hold it in a stored property (or keep it alive with `withExtendedLifetime`) while GSL uses
/// `pointer`.
final class GSLOwned<Pointee> {
    let pointer: UnsafeMutablePointer<Pointee>
    private let free: (UnsafeMutablePointer<Pointee>) -> Void

    /// Takes `allocated` (the result of a `*_alloc`), throwing `NumericsError.allocation` for NULL.
    init(_ allocated: UnsafeMutablePointer<Pointee>?, _ what: @autoclosure () -> String,
         free: @escaping (UnsafeMutablePointer<Pointee>) -> Void) throws(NumericsError) {
        pointer = try GSL.allocated(allocated, what())
        self.free = free
    }

    deinit { free(pointer) }
}

extension GSLOwned where Pointee == gsl_vector {
    /// A vector of `count` (`GSLStorage.vector`).
    convenience init(vector count: Int, _ what: String) throws(NumericsError) {
        try self.init(GSLStorage.vector(count, what), what, free: { gsl_vector_free($0) })
    }

    /// Checks a solver's start (`GSLStorage.checkStart`: as many finite numbers as the vector
    /// holds) and copies it in.
    func load(start x0: [Double]) throws(NumericsError) {
        try GSLStorage.checkStart(x0, count: pointer.pointee.size)
        GSLStorage.copy(x0, into: pointer)
    }
}

extension GSLOwned where Pointee == gsl_matrix {
    /// A `rows` x `columns` matrix (`GSLStorage.matrix`).
    convenience init(matrix rows: Int, _ columns: Int, _ what: String) throws(NumericsError) {
        try self.init(GSLStorage.matrix(rows, columns, what), what, free: { gsl_matrix_free($0) })
    }
}

import CGSL

/// The one place the process talks to GSL's global state.
///
/// GSL aborts the process on any error by default. `GSL.prepare()` switches that handler off
/// (once, thread-safely); every wrapper calls it before touching GSL and then checks each status
/// code and each `*_alloc` result itself, turning failures into `NumericsError`.
public enum GSL {
    private static let handlerOff: Void = {
        _ = gsl_set_error_handler_off()
    }()

    /// Turn GSL's abort-on-error handler off. Cheap after the first call.
    @inline(__always)
    public static func prepare() { _ = handlerOff }

    /// `prepare()` for a minimiser of `variables` variables, which must be at least one (else
    /// `.invalidInput`); returns `variables`.
    static func prepare(variables: Int) throws(NumericsError) -> Int {
        prepare()
        guard variables >= 1 else { throw .invalidInput("a minimiser needs at least one variable, got \(variables)") }
        return variables
    }

    /// GSL's own text for a status code (`gsl_strerror`).
    public static func describe(_ status: Int32) -> String {
        String(cString: gsl_strerror(status))
    }

    /// Throws `NumericsError.gsl` unless `status` is `GSL_SUCCESS`.
    public static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(NumericsError) {
        guard status == Int32(GSL_SUCCESS) else {
            throw .gsl(operation: operation(), status: status, reason: describe(status))
        }
    }

    /// Unwraps an allocation, throwing `NumericsError.allocation` for NULL.
    public static func allocated<T>(_ pointer: T?, _ what: @autoclosure () -> String) throws(NumericsError) -> T {
        guard let pointer else { throw .allocation(what()) }
        return pointer
    }
}

/// A numerical failure, saying what failed and why.
public enum NumericsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A GSL routine returned a non-success status.
    case gsl(operation: String, status: Int32, reason: String)
    /// A GSL allocation returned NULL (GSL gives no reason; usually out of memory or a zero size).
    case allocation(String)
    /// The input cannot be fitted (too few points, non-finite values, wrong shapes...).
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .gsl(operation, status, reason): "\(operation) failed: \(reason) (GSL status \(status))"
        case let .allocation(what): "could not allocate \(what)"
        case let .invalidInput(why): "invalid input: \(why)"
        }
    }
}

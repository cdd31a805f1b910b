import CGSL

/// The Swift value behind a GSL `void *params`.
///
/// GSL calls back through C function pointers, which cannot capture anything (least of all a
/// generic parameter); they receive this box's address as `params` instead and unbox the value
/// with `CallbackContext<V>.value(params)`. The pointer is unretained: whoever hands it to GSL
/// keeps the box alive (a `CallbackTable`, or `withExtendedLifetime`).
final class CallbackContext<Value> {
    let value: Value

    init(_ value: Value) { self.value = value }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The value behind `params`, which must come from `opaque` of a live box of this type.
    @inline(__always)
    static func value(_ params: UnsafeMutableRawPointer?) -> Value {
        Unmanaged<CallbackContext>.fromOpaque(params!).takeUnretainedValue().value
    }
}

/// A GSL function table (`gsl_multimin_function`, `gsl_multifit_nlinear_fdf`, `gsl_function`...)
/// on the heap, together with the context its `params` point at.
///
/// GSL keeps the table's address from the set-up call for as long as the workspace iterates, so
/// the table may not live on the stack: it is allocated once here and freed in `deinit`.
final class CallbackTable<Table> {
    let pointer: UnsafeMutablePointer<Table>
    private let context: AnyObject

    /// `make` builds the table from the context's opaque address (its `params`).
    init<Value>(_ context: CallbackContext<Value>, _ make: (_ params: UnsafeMutableRawPointer) -> Table) {
        self.context = context
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: make(context.opaque))
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }

    /// Runs `body` with the table, keeping it and its context alive until `body` returns.
    func with<R, E: Error>(_ body: (UnsafeMutablePointer<Table>) throws(E) -> R) throws(E) -> R {
        try withExtendedLifetime(self) { () throws(E) -> R in try body(pointer) }
    }
}

/// What the multidimensional minimisers call back into: the objective, and its differentiable
/// view when it has one (looked up once here, not per evaluation).
struct ObjectiveCallbacks {
    let objective: any Objective
    let differentiable: (any DifferentiableObjective)?

    init(_ objective: any Objective) {
        self.objective = objective
        differentiable = objective as? any DifferentiableObjective
    }
}

/// The C trampolines, one per GSL callback signature: each unboxes its context and forwards to
/// the Swift protocol, so no wrapper writes its own.
enum Trampolines {
    typealias Context = UnsafeMutableRawPointer?

    /// `double f(const gsl_vector *x, void *params)`: the objective (`gsl_multimin_function(_fdf).f`).
    static let value: @convention(c) (UnsafePointer<gsl_vector>?, Context) -> Double = { x, params in
        CallbackContext<ObjectiveCallbacks>.value(params).objective.value(at: x!.pointee.data)
    }

    /// `void df(const gsl_vector *x, void *params, gsl_vector *g)`: the gradient (`gsl_multimin_function_fdf.df`).
    static let gradient: @convention(c) (UnsafePointer<gsl_vector>?, Context, UnsafeMutablePointer<gsl_vector>?) -> Void = { x, params, g in
        _ = CallbackContext<ObjectiveCallbacks>.value(params).differentiable!.value(at: x!.pointee.data, gradient: g!.pointee.data)
    }

    /// `void fdf(const gsl_vector *x, void *params, double *f, gsl_vector *g)`: both (`gsl_multimin_function_fdf.fdf`).
    static let valueAndGradient: @convention(c) (UnsafePointer<gsl_vector>?, Context, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<gsl_vector>?) -> Void = { x, params, f, g in
        f!.pointee = CallbackContext<ObjectiveCallbacks>.value(params).differentiable!.value(at: x!.pointee.data, gradient: g!.pointee.data)
    }

    /// `int f(const gsl_vector *x, void *params, gsl_vector *f)`: the residuals (`gsl_multifit_nlinear_fdf.f`).
    static let residuals: @convention(c) (UnsafePointer<gsl_vector>?, Context, UnsafeMutablePointer<gsl_vector>?) -> Int32 = { x, params, f in
        status(CallbackContext<any LeastSquaresModel>.value(params).residuals(at: x!.pointee.data, into: f!.pointee.data))
    }

    /// `int df(const gsl_vector *x, void *params, gsl_matrix *J)`: the Jacobian (`gsl_multifit_nlinear_fdf.df`).
    /// GSL allocates `J` itself, so `tda == size2` and the model's row-major layout matches.
    static let jacobian: @convention(c) (UnsafePointer<gsl_vector>?, Context, UnsafeMutablePointer<gsl_matrix>?) -> Int32 = { x, params, j in
        status(CallbackContext<any LeastSquaresModel>.value(params).jacobian(at: x!.pointee.data, into: j!.pointee.data))
    }

    /// `double function(double x, void *params)`: a scalar function (`gsl_function`).
    static let scalar: @convention(c) (Double, Context) -> Double = { x, params in
        CallbackContext<(Double) -> Double>.value(params)(x)
    }

    /// A model's "defined here" as a GSL status: undefined is `GSL_EDOM`.
    @inline(__always)
    private static func status(_ defined: Bool) -> Int32 { defined ? Int32(GSL_SUCCESS) : Int32(GSL_EDOM) }
}

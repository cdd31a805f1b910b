/// The answer a campaign gives for the target budget: the compute-optimal size and data, the
/// concrete final run, and the loss it should reach, each with an interval, plus what the
/// answer rests on and why it might not be trusted.
public struct Prediction: Encodable, Sendable {
    /// FLOPs of the final run (1e19 in the assignment).
    public var target: Double
    /// Which fitting method the numbers come from, and why that one.
    public var method: FitMethod
    public var methodReason: String
    /// The compute-optimal non-embedding size N_opt (12 L d^2 convention) with its interval.
    public var nOpt: Interval
    public var dOpt: Interval
    /// The concrete final run: its 12 L d^2 is close to N_opt.
    public var configuration: Configuration
    /// The loss the fit predicts for `configuration` trained for `target` FLOPs.
    public var loss: Interval
    /// The fitted laws N_opt = k C^a and D_opt = k' C^b.
    public var nOptLaw: PowerLaw
    public var dOptLaw: PowerLaw
    /// Why the shape, batch size and learning rate are what they are.
    public var justifications: [String]
    /// Reasons not to trust the prediction (few budgets, rejected profiles, wide intervals...).
    public var warnings: [PredictionWarning]
    /// The runs the fit used, and the runs set aside (with why).
    public var runsUsed: Int
    public var runsExcluded: [String]
    public var bootstrapResamples: Int

    /// Whether no warning was raised.
    public var trusted: Bool { warnings.isEmpty }
}

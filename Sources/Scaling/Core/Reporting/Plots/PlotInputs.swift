import Foundation

// The neutral inputs of every plot in this folder: numbers and labels only, so that the plots
// know nothing of predictors, truths or tournaments. Callers map their reports into these.

/// One point of a picture.
public struct PlotPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        (self.x, self.y) = (x, y)
    }
}

/// A value with its interval at one x: a bootstrap band's row, or an error bar.
public struct BandPoint: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var lower: Double
    public var upper: Double

    public init(x: Double, y: Double, lower: Double, upper: Double) {
        (self.x, self.y, self.lower, self.upper) = (x, y, lower, upper)
    }
}

/// A fitted power law y = k x^a, drawn as a line and named in the key.
public struct PlotPowerLaw: Equatable, Sendable {
    /// The fit's name in the key, e.g. "VPNLS".
    public var title: String
    public var coefficient: Double
    public var exponent: Double

    public init(title: String, coefficient: Double, exponent: Double) {
        (self.title, self.coefficient, self.exponent) = (title, coefficient, exponent)
    }

    public func callAsFunction(_ x: Double) -> Double { coefficient * Foundation.pow(x, exponent) }
}

/// A curve given as a function of x, sampled by the plot on its own grid; `label` says what it
/// is in the data file's comment (e.g. a parabola's verdict).
public struct PlotCurve {
    public var label: String
    public var y: (Double) -> Double

    public init(label: String, y: @escaping (Double) -> Double) {
        (self.label, self.y) = (label, y)
    }
}

/// How a series is drawn: colour, gnuplot dash type and line width, and the point type of its
/// markers (nil: no markers).
public struct LineStyle: Equatable, Sendable {
    public var colour: String
    public var dash: Int
    public var width: Double
    public var marker: Int?

    public init(colour: String, dash: Int, width: Double, marker: Int? = nil) {
        (self.colour, self.dash, self.width, self.marker) = (colour, dash, width, marker)
    }
}

extension Gnuplot {
    /// How every plot writes a number into its scripts and data files.
    public static func number(_ x: Double) -> String { String(format: "%.10g", x) }
}

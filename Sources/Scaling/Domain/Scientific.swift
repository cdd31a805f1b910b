import Foundation

extension Double {
    /// Three significant digits in C's `%.3g` form (`2e+18`, `1.27e+19`, `0.000316`): the one
    /// notation every table and message of the harness uses for FLOPs and sizes.
    public var scientific: String { String(format: "%.3g", self) }
}

/// The built-in strategies by the names `--strategy` accepts.
public enum StrategyCatalog {
    /// Every built-in strategy with its default parameters, in the order they are listed.
    public static var all: [any Strategy] { [SeedGridStrategy(), IsoFLOPStrategy(), AdaptiveStrategy()] }

    public static var names: [String] { all.map(\.name) }

    /// The strategy called `name`, or an error listing the accepted names.
    public static func named(_ name: String) throws(PlanError) -> any Strategy {
        guard let s = all.first(where: { $0.name == name }) else {
            throw PlanError("unknown strategy '\(name)'; accepted: \(names.joined(separator: ", ")) (or --plan FILE / --strategy-file FILE)")
        }
        return s
    }
}

import Foundation
import Testing
@testable import Scaling

/// Float layouts against `float-formats.json`: 703 doubles (edge values and seeded random bit
/// patterns and decimals) as CPython 3.12's `json.dumps` and pydantic-core 2.41.5's `to_json`
/// wrote them (`Tests/Fixtures/api2026/generators/make_tables.py`).
@Suite struct FloatTextTests {
    struct Row: CustomStringConvertible {
        var value: Double, python: String, pydantic: String
        var description: String { python }
    }

    static let rows: [Row] = {
        guard case .array(let items) = try? WireFixtures.json("float-formats.json") else { return [] }
        return items.compactMap { v in
            guard let hex = v["bits"]?.stringValue, let bits = UInt64(hex, radix: 16),
                  let python = v["python"]?.stringValue, let pydantic = v["pydantic"]?.stringValue else { return nil }
            return Row(value: Double(bitPattern: bits), python: python, pydantic: pydantic)
        }
    }()

    @Test func theTableIsComplete() { #expect(Self.rows.count == 703) }

    @Test func pythonReprMatchesCPython() {
        let wrong = Self.rows.filter { FloatText.python($0.value) != $0.python }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { "\($0.python) -> \(FloatText.python($0.value))" })")
    }

    @Test func pydanticMatchesPydanticCore() {
        let wrong = Self.rows.filter { FloatText.pydantic($0.value) != $0.pydantic }
        #expect(wrong.isEmpty, "\(wrong.prefix(5).map { "\($0.pydantic) -> \(FloatText.pydantic($0.value))" })")
    }

    /// Every written float reads back as the same Double (shortest round trip).
    @Test func bothLayoutsRoundTrip() {
        for row in Self.rows where row.value.isFinite {
            #expect(Double(FloatText.python(row.value)) == row.value)
            #expect(Double(FloatText.pydantic(row.value)) == row.value)
        }
    }

    /// The thresholds of README §1, spelled out.
    @Test(arguments: [
        (30.0, "30.0", "30.0"), (0.0003, "0.0003", "0.0003"), (1e-4, "0.0001", "0.0001"), (1e-5, "1e-05", "0.00001"),
        (1.5e-5, "1.5e-05", "0.000015"), (1e-6, "1e-06", "1e-6"), (1e-8, "1e-08", "1e-8"), (1.5e-7, "1.5e-07", "1.5e-7"),
        (9999999999999998.0, "9999999999999998.0", "9999999999999998.0"), (1e16, "1e+16", "1e16"),
        (1.5e16, "1.5e+16", "1.5e16"), (-0.0, "-0.0", "-0.0"), (5e-324, "5e-324", "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308", "1.7976931348623157e308"), (3.0, "3.0", "3.0"),
        (Double.nan, "NaN", "null"), (Double.infinity, "Infinity", "null"), (-Double.infinity, "-Infinity", "null"),
    ])
    func thresholds(_ x: Double, _ python: String, _ pydantic: String) {
        #expect(FloatText.python(x) == python)
        #expect(FloatText.pydantic(x) == pydantic)
    }
}

import Foundation
import Scaling
import Testing

@Suite struct WireTests {
    /// Python's repr of these floats (json.dumps writes repr).
    @Test(arguments: [(0, "0.0"), (650_000_000_000_000, "650000000000000.0"), (10_000_000_000_000_000, "1e+16"),
                      (2_000_000_000_000_000_000, "2e+18"), (1_230_000_000_000_000_000, "1.23e+18")] as [(Int64, String)])
    func totalsAreWrittenAsPythonWrites(total: Int64, python: String) throws {
        #expect(WireFormat.totalFlopsUsedBody(total) == python)
        #expect(try WireFormat.decodeTotalFlopsUsed(Data(python.utf8)) == total)
    }

    @Test func queryStringRoundTripsAwkwardKeys() {
        let key = "ssh-ed25519 AAAA+b/c=\n"
        let encoded = QueryString.encode([("api_key", key), ("learning_rate", "0.001")])
        #expect(encoded == "api_key=ssh-ed25519%20AAAA%2Bb%2Fc%3D%0A&learning_rate=0.001")
        #expect(QueryString.parameters(Substring(encoded)) == ["api_key": key, "learning_rate": "0.001"])
        #expect(QueryString.parameters("a=1+2&a=3&b=%zz") == ["a": "3", "b": "%zz"])
        #expect(QueryString.parameters("a=1+2") == ["a": "1 2"])
    }

    @Test func everyAllowedFlopsValueSurvivesAFloatSpelling() {
        for f in APIRules.live.trainFlops {
            #expect(WireNumber.wholeNumber("\(Double(f))") == f)
        }
        #expect(WireNumber.wholeNumber("nan") == nil)
        #expect(WireNumber.wholeNumber("1e300") == nil)
        #expect(WireNumber.wholeNumber("0.5") == nil)
    }

    @Test func messagesAreValidJSON() throws {
        let body = WireFormat.messageBody("Invalid API key provided: a\"b\\c\n\u{01}")
        #expect(WireFormat.decodeMessage(Data(body.utf8)) == "Invalid API key provided: a\"b\\c\n\u{01}")
    }
}

import Foundation
import MockAPIServer
import Scaling
import SyntheticTrainer
import Testing

/// Issue 15, defects 8 and 11: what a hostile query string may not do to /loss.
@Suite struct HostileQueryTests {
    static let valid = TrainingAPITests.valid

    func loss(_ api: TrainingAPI, _ query: String, key: String = "k1") -> APIResponse {
        api.respond(path: "/loss", rawQuery: Substring(query + "&api_key=" + key))
    }

    @Test(arguments: [
        ("d_model=512", "d_model=512%00junk"),
        ("d_model=512", "d_model=0x200"),
        ("batch_size=128", "batch_size=0x80"),
        ("learning_rate=0.001", "learning_rate=0x1p-10"),
        ("learning_rate=0.001", "learning_rate=0.001%00"),
        ("train_flops=10000000000000000", "train_flops=1e16junk"),
        ("d_model=512", "d_model=%20512"),
        ("d_model=512", "d_model=512."),
        ("learning_rate=0.001", "learning_rate=."),
        ("learning_rate=0.001", "learning_rate=1e"),
    ])
    func hexNulAndJunkAre422AndNotCharged(_ from: String, _ to: String) throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid.replacingOccurrences(of: from, with: to))
        #expect(r.status == 422 || (to == "d_model=512." && r.status == 200), "\(to): \(r.status) \(r.body)")
        if to != "d_model=512." { #expect(api.ledger.spent("k1") == 0) }
    }

    @Test func decimalSpellingsStillParse() {
        #expect(WireNumber.wholeNumber("1e16") == 10_000_000_000_000_000)
        #expect(WireNumber.wholeNumber("+1.0E+16") == 10_000_000_000_000_000)
        #expect(WireNumber.wholeNumber("512.0") == 512)
        #expect(WireNumber.finite(".5") == 0.5)
        #expect(WireNumber.finite("-1e-3") == -0.001)
        #expect(WireNumber.finite("0x1p-10") == nil)
        #expect(WireNumber.wholeNumber("0x200") == nil)
        #expect(WireNumber.finite("infinity") == nil)
    }

    @Test(arguments: [
        ("d_model=512", "d_model=9223372036854775808", "d_model must be in range [64, 1024], got 9223372036854775808"),
        ("d_model=512", "d_model=-99999999999999999999", "d_model must be in range [64, 1024], got -99999999999999999999"),
        ("num_layers=8", "num_layers=1e30", "num_layers must be in range [2, 24], got 1e30"),
    ])
    func wholeNumbersPastInt64AreTheRange404(_ from: String, _ to: String, _ message: String) throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid.replacingOccurrences(of: from, with: to))
        #expect(r.status == 404)
        #expect(r.body == WireFormat.messageBody(message))
    }

    /// The rest of #11's kind: every whole-number parameter, not only those above, answers a
    /// value of 2^63 or more (or below -2^63) with the range 404, never "must be a whole number".
    @Test(arguments: ["d_model", "num_layers", "num_heads", "batch_size", "train_flops"],
          ["9223372036854775808", "18446744073709551616", "1e19", "-9223372036854775809", "99999999999999999999999999"])
    func everyWholeNumberPastInt64IsTheRange404(_ name: String, _ value: String) throws {
        let api = try makeAPI()
        let query = Self.valid.split(separator: "&").map { $0.hasPrefix(name + "=") ? "\(name)=\(value)" : String($0) }.joined(separator: "&")
        let r = loss(api, query)
        #expect(r.status == 404, "\(name)=\(value): \(r.status) \(r.body)")
        #expect(r.body.contains(value) && !r.body.contains("whole number"), "\(r.body)")
        #expect(api.ledger.spent("k1") == 0)
    }

    @Test func headOfLossIs405WithAllowAndChargesNothing() async throws {
        let api = try makeAPI()
        let query = Self.valid + "&api_key=k1"
        let head = await api.respond(to: TransportRequest(method: .head, path: "/loss", query: query))
        #expect(head.status == 405)
        #expect(head.headers.contains(.init("Allow", "GET")))
        #expect(api.ledger.spent("k1") == 0)
        let post = await api.respond(to: TransportRequest(method: .post, path: "/loss", query: query))
        #expect(post.status == 405 && post.headers.contains(.init("Allow", "GET")))
        #expect(api.ledger.spent("k1") == 0)
    }

    /// Issue 15 #9 behind the validator: a truth that overflows is never served (`inf` is not
    /// JSON) nor charged.
    @Test func aNonFiniteLossIsNotServedNorCharged() throws {
        struct Overflowing: LossOracle {
            var rules = APIRules.live
            func observedLoss(_ query: Query) -> Double { .infinity }
        }
        let api = TrainingAPI(oracle: Overflowing(), ledger: try Ledger(budget: APIRules.live.budget))
        let r = loss(api, Self.valid)
        #expect(r.status >= 500)
        #expect(!r.body.contains("\"loss\""))
        #expect(r.body.contains("not a finite number; nothing was charged"))
        #expect(api.ledger.spent("k1") == 0)
    }
}

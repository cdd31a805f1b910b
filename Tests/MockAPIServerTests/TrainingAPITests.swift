import Foundation
import MockAPIServer
import Scaling
import Testing

/// `respond` in process: the bodies, codes and accounting of api-2025.md.
@Suite struct TrainingAPITests {
    static let valid = "d_model=512&num_layers=8&num_heads=8&batch_size=128&learning_rate=0.001&train_flops=10000000000000000"

    func loss(_ api: TrainingAPI, _ query: String, key: String = "k1") -> APIResponse {
        api.respond(path: "/loss", rawQuery: Substring(query + "&api_key=" + key))
    }

    @Test func validQueryAnswersLossAndIntegerTotal() throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid)
        #expect(r.status == 200)
        let expected = FixtureOracle().observedLoss(Query(configuration: Configuration(dModel: 512, numLayers: 8, numHeads: 8, batchSize: 128, learningRate: 0.001), trainFlops: 10_000_000_000_000_000))
        #expect(r.body == "{\"loss\": \(expected), \"total_flops_used\": 10000000000000000}")
    }

    @Test func outOfRangeIs404WithTheLiveMessage() throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid.replacingOccurrences(of: "d_model=512", with: "d_model=9999"))
        #expect(r.status == 404)
        #expect(r.body == "{\"message\": \"d_model must be in range [64, 1024], got 9999\"}")
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=k1").body == "0.0")
    }

    @Test(arguments: [
        ("learning_rate=0.001", "learning_rate=nan", "learning_rate must be a finite number, e.g. 0.001, got 'nan'"),
        ("learning_rate=0.001", "learning_rate=inf", "learning_rate must be a finite number, e.g. 0.001, got 'inf'"),
        ("d_model=512", "d_model=abc", "d_model must be a whole number, got 'abc'"),
        ("train_flops=10000000000000000", "train_flops=12.5", "train_flops must be a whole number of FLOPs, e.g. 10000000000000000 or 1e16, got '12.5'"),
        ("&num_heads=8", "", "missing query parameter num_heads; /loss needs d_model, num_layers, num_heads, batch_size, learning_rate, train_flops and api_key"),
    ])
    func malformedParametersAre422(from: String, to: String, message: String) throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid.replacingOccurrences(of: from, with: to))
        #expect(r.status == 422)
        #expect(r.body == WireFormat.messageBody(message))
    }

    @Test(arguments: ["1e16", "1e%2B16", "1.0e16", "10000000000000000.0"])
    func floatSpellingsOfAllowedFlopsAreTheSameQuery(spelling: String) throws {
        let api = try makeAPI()
        let a = loss(api, Self.valid)
        let b = loss(api, Self.valid.replacingOccurrences(of: "train_flops=10000000000000000", with: "train_flops=" + spelling))
        #expect(b == a)
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=k1").body == "1e+16")
    }

    @Test func disallowedFlopsListsTheAllowedValues() throws {
        let api = try makeAPI()
        let r = loss(api, Self.valid.replacingOccurrences(of: "train_flops=10000000000000000", with: "train_flops=20000000000000000"))
        #expect(r.status == 404)
        #expect(r.body.contains("train_flops must be one of [10000000000000, 30000000000000"))
        #expect(r.body.contains("got 20000000000000000"))
    }

    @Test func repeatsAreFreeAndPreviousRunsKeepFirstQueriedOrder() throws {
        let api = try makeAPI()
        let second = Self.valid.replacingOccurrences(of: "d_model=512", with: "d_model=256")
        let first = loss(api, Self.valid)
        _ = loss(api, second)
        #expect(loss(api, Self.valid) == first.withTotal(20_000_000_000_000_000))
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=k1").body == "2e+16")
        let runs = try WireFormat.decodePreviousRuns(Data(api.respond(path: "/previous_runs", rawQuery: "api_key=k1").body.utf8))
        #expect(runs.map(\.configuration.dModel) == [512, 256])
    }

    @Test func mismatchedHeadsAreAcceptedAsLive() throws {
        let api = try makeAPI()
        #expect(loss(api, Self.valid.replacingOccurrences(of: "num_heads=8", with: "num_heads=7")).status == 200)
    }

    @Test func budgetRefusedExactlyPastTheCap() throws {
        let api = try makeAPI()
        // 1e18 + 6e17 + 3e17 + 1e17 = 2e18 exactly: all accepted.
        for (i, flops) in ["1000000000000000000", "600000000000000000", "300000000000000000", "100000000000000000"].enumerated() {
            let q = Self.valid.replacingOccurrences(of: "d_model=512", with: "d_model=\(100 + i)")
                .replacingOccurrences(of: "train_flops=10000000000000000", with: "train_flops=\(flops)")
            #expect(loss(api, q).status == 200)
        }
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=k1").body == "2e+18")
        let refused = loss(api, Self.valid.replacingOccurrences(of: "train_flops=10000000000000000", with: "train_flops=10000000000000"))
        #expect(refused.status == 403)
        #expect(refused.body == WireFormat.messageBody(BudgetExceeded(budget: 2_000_000_000_000_000_000, used: 2_000_000_000_000_000_000, requested: 10_000_000_000_000).description))
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=k1").body == "2e+18")
        // A repeat after the cap is still answered, free.
        #expect(loss(api, Self.valid.replacingOccurrences(of: "d_model=512", with: "d_model=100").replacingOccurrences(of: "train_flops=10000000000000000", with: "train_flops=1000000000000000000")).status == 200)
    }

    @Test func keysAreIsolatedAndComparedExactly() throws {
        let api = try makeAPI()
        _ = loss(api, Self.valid, key: "alice")
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=bob").body == "0.0")
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=alice%0A").body == "0.0")
        #expect(api.respond(path: "/previous_runs", rawQuery: "api_key=bob").body == "{\"previous_runs\": []}")
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=alice").body == "1e+16")
    }

    @Test func keyFileAdmitsOnlyItsKeys() throws {
        let api = try makeAPI(keys: .only(["good+key/="]))
        #expect(api.respond(path: "/total_flops_used", rawQuery: "api_key=good%2Bkey%2F%3D").status == 200)
        let r = api.respond(path: "/total_flops_used", rawQuery: "api_key=good%2Bkey%2F%3D%0A")
        #expect(r.status == 401)
        #expect(r.body == "{\"message\": \"Invalid API key provided: good+key/=\\n\"}")
        #expect(api.respond(path: "/loss", rawQuery: "api_key=").status == 401)
        #expect(api.respond(path: "/loss", rawQuery: "d_model=1").status == 422)
    }

    @Test func openAPIIsJSONAndDocsIsSelfContained() throws {
        let api = try makeAPI()
        let spec = api.respond(path: "/openapi.json", rawQuery: "")
        let object = try JSONSerialization.jsonObject(with: Data(spec.body.utf8)) as? [String: Any]
        #expect(object?["openapi"] as? String == "3.0.3")
        #expect(Set(((object?["paths"] as? [String: Any]) ?? [:]).keys) == ["/loss", "/total_flops_used", "/previous_runs"])
        let docs = api.respond(path: "/docs", rawQuery: "")
        #expect(docs.contentType.hasPrefix("text/html"))
        // The plain rendering rides along in <noscript>; the only scripts are the server's own.
        #expect(docs.body.contains("GET /loss"))
        #expect(!docs.body.contains("http://") && !docs.body.contains("https://"))
        #expect(docs.body.contains(#"<script src="/docs/swagger-ui-bundle.js"></script>"#))
        #expect(docs.body.contains(#"url: "/openapi.json""#))
    }

    @Test("/docs is Swagger UI, its assets served by the server itself with their content types")
    func swaggerUIAssets() throws {
        let api = try makeAPI()
        #expect(SwaggerUI.available, "the SwaggerUI resource bundle was not found beside the test binary")
        let js = api.respond(path: "/docs/swagger-ui-bundle.js", rawQuery: "")
        #expect(js.status == 200 && js.contentType == "text/javascript; charset=utf-8")
        #expect(js.body.contains("SwaggerUIBundle") && js.body.count > 500_000)
        let css = api.respond(path: "/docs/swagger-ui.css", rawQuery: "")
        #expect(css.status == 200 && css.contentType == "text/css; charset=utf-8" && css.body.contains(".swagger-ui"))
        let licence = api.respond(path: "/docs/LICENSE", rawQuery: "")
        #expect(licence.status == 200 && licence.body.contains("Apache License"))
        #expect(api.respond(path: "/docs/other.js", rawQuery: "").status == 404)
    }

    @Test("/openapi.json and /docs are written from the rules served, not the live defaults")
    func openAPIFollowsTheRulesServed() throws {
        let rules = APIRules(dModel: 32...2048, batchSizes: [64, 128], budget: 1_000_000_000_000_000_000)
        let api = TrainingAPI(oracle: FixtureOracle(rules: rules), ledger: try Ledger(budget: rules.budget))
        let spec = api.respond(path: "/openapi.json", rawQuery: "").body
        #expect(spec.contains("\"minimum\": 32, \"maximum\": 2048"))
        #expect(spec.contains("\"enum\": [64, 128]"))
        #expect(spec.contains("at most 1000000000000000000 FLOPs"))
        #expect(api.respond(path: "/docs", rawQuery: "").body.contains("2048"))
        #expect(api.respond(path: "/loss", rawQuery: "d_model=2048&num_layers=4&num_heads=4&batch_size=64&learning_rate=0.001&train_flops=10000000000000000&api_key=k").status == 200)
    }
}

extension APIResponse {
    /// The same loss answer with a different total (a repeat reports the key's current total).
    func withTotal(_ total: Int64) -> APIResponse {
        var copy = self
        if let range = copy.body.range(of: "\"total_flops_used\": ") {
            copy.body = String(copy.body[..<range.upperBound]) + "\(total)}"
        }
        return copy
    }
}

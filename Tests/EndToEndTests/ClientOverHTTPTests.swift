import Foundation
import MockAPIServer
import Scaling
import Testing

/// Our client against the in-process server over real HTTP on loopback.
@Suite struct ClientOverHTTPTests {
    @Test func campaignRepeatsFreeAndCapRefusedExactlyAt2e18() async throws {
        let server = try await MockServer.start(service: try Fixtures.api())
        let client = try Fixtures.client(server.url, key: "alice")
        let big: Int64 = 1_000_000_000_000_000_000
        let queries = Fixtures.campaign(2, flops: big)
        let (first, total1) = try await client.loss(queries[0])
        #expect(total1 == big)
        let (second, total2) = try await client.loss(queries[1])
        #expect(total2 == 2 * big)
        #expect(try await client.totalFlopsUsed() == 2_000_000_000_000_000_000)
        // A repeat: answered from memory, same loss, no charge.
        #expect(try await client.loss(queries[0]).run == first)
        // One more FLOP-unit: refused locally, before sending...
        let extra = Fixtures.campaign(3, flops: 10_000_000_000_000)[2]
        await #expect(throws: BudgetExceeded.self) { try await client.loss(extra) }
        // ... and by the server (403), for a client that does not know the key's spending: the
        // client reports it as the budget refusal it is, with the service's total.
        let naive = try Fixtures.client(server.url, key: "alice")
        await #expect(throws: BudgetExceeded(budget: 2 * big, used: 2 * big, requested: 10_000_000_000_000)) {
            try await naive.loss(extra)
        }
        #expect(try await naive.previousRuns() == [first, second])
        #expect(try await client.totalFlopsUsed() == 2 * big)
        await server.stop()
    }

    @Test func twoKeysAreIsolated() async throws {
        let server = try await MockServer.start(service: try Fixtures.api())
        let alice = try Fixtures.client(server.url, key: "alice")
        let bob = try Fixtures.client(server.url, key: "bob")
        let q = Fixtures.campaign(1)[0]
        let a = try await alice.loss(q)
        #expect(try await bob.totalFlopsUsed() == 0)
        #expect(try await bob.previousRuns().isEmpty)
        let b = try await bob.loss(q)
        #expect(a.run == b.run) // the same loss for every key, bit for bit
        #expect(a.totalFlopsUsed == b.totalFlopsUsed)
        await server.stop()
    }

    @Test func refusalsCarryTheServersMessageAndMaskTheKey() async throws {
        let server = try await MockServer.start(service: try Fixtures.api(keys: .only(["registered-key-1"])))
        let client = try Fixtures.client(server.url, key: "unregistered-key-2")
        do {
            _ = try await client.totalFlopsUsed()
            Issue.record("an unknown key was admitted")
        } catch let APIError.refused(status, _, message) {
            #expect(status == 401)
            #expect(message == "Invalid API key provided: unr…2")
        }
        await server.stop()
    }

    /// The in-process transport gives byte-identical answers to HTTP for the same request sequence.
    @Test func inProcessTransportMatchesHTTP() async throws {
        let server = try await MockServer.start(service: try Fixtures.api())
        let http = URLSessionTransport(baseURL: server.url)
        let direct = InProcessTransport(service: try Fixtures.api())
        let v = "d_model=512&num_layers=8&num_heads=8&batch_size=128&learning_rate=0.001&train_flops=1e16"
        let requests: [(String, String)] = [
            ("/total_flops_used", "api_key=k"), ("/loss", v + "&api_key=k"), ("/loss", v + "&api_key=k"),
            ("/loss", v.replacingOccurrences(of: "512", with: "9999") + "&api_key=k"),
            ("/loss", v.replacingOccurrences(of: "0.001", with: "nan") + "&api_key=k"),
            ("/loss", "api_key=k"), ("/previous_runs", "api_key=k"), ("/total_flops_used", "api_key=k"),
            ("/previous_runs", "api_key=other"), ("/total_flops_used", ""), ("/nowhere", "api_key=k"), ("/openapi.json", ""), ("/docs", ""),
        ]
        for (path, query) in requests {
            let a = try await http.send(.get(path, query: query))
            let b = try await direct.send(.get(path, query: query))
            // The same status, body and content type; the HTTP host adds only transport headers.
            #expect(a.status == b.status, "\(path)?\(query)")
            #expect(a.body == b.body, "\(path)?\(query)")
            #expect(a.header("content-type") == b.header("Content-Type"), "\(path)?\(query)")
            #expect(Set(a.headers.map { $0.name.lowercased() }).subtracting(b.headers.map { $0.name.lowercased() }) == ["content-length", "date"], "\(path)?\(query)")
        }
        await server.stop()
    }

    /// Many concurrent HTTP requests of one key: each distinct query charged once, cap never passed.
    @Test func concurrentSameKeyRequestsNeverDoubleChargeNorPassTheCap() async throws {
        let server = try await MockServer.start(service: try Fixtures.api())
        let transport = URLSessionTransport(baseURL: server.url)
        let queries = Fixtures.campaign(10, flops: 300_000_000_000_000_000)
        let statuses = await withTaskGroup(of: (Int, Int).self) { group in
            for i in 0..<120 {
                group.addTask {
                    let c = queries[i % queries.count].configuration
                    let q = "d_model=\(c.dModel)&num_layers=\(c.numLayers)&num_heads=\(c.numHeads)&batch_size=\(c.batchSize)&learning_rate=\(c.learningRate)&train_flops=300000000000000000&api_key=k"
                    let status = (try? await transport.send(.get("/loss", query: q)).status) ?? -1
                    return (i % queries.count, status)
                }
            }
            var out: [(Int, Int)] = []
            for await s in group { out.append(s) }
            return out
        }
        #expect(!statuses.contains { $0.1 != 200 && $0.1 != 403 })
        let accepted = Set(statuses.filter { $0.1 == 200 }.map(\.0))
        #expect(accepted.count == 6) // 6 x 3e17 = 1.8e18 <= 2e18 < 7 x 3e17
        let client = try Fixtures.client(server.url, key: "k")
        #expect(try await client.totalFlopsUsed() == 1_800_000_000_000_000_000)
        #expect(try await client.previousRuns().count == 6)
        await server.stop()
    }
}

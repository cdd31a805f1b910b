import Foundation
import Scaling
#if canImport(Glibc)
import Glibc
#endif

/// `harness serve --api 2026 ...` as a subprocess on 127.0.0.1 and a free port, for the tests
/// that must see the real command: started from the package root, read until it prints
/// 'listening on', stopped with SIGTERM (its own pid only).
final class ServeProcess2026: @unchecked Sendable {
    let pid: pid_t
    let url: URL
    let outputPath: String

    /// `harness` next to this test bundle, else in `.build/debug/`.
    static let executable: String? = {
        var candidates: [URL] = []
        if let me = Bundle.main.executableURL { candidates.append(me.deletingLastPathComponent()) }
        if let first = ProcessInfo.processInfo.arguments.first { candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("harness").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool { executable != nil }

    /// - Parameter api: the protocol served (`serve --api`), 2026 unless given.
    init(_ arguments: [String], api: String = "2026") throws {
        outputPath = Fixtures.temporaryPath("serve.txt")
        let child = try spawnHarness(["serve", "--api", api, "--port", "0"] + arguments, output: outputPath)
        pid = child
        // Wait (bounded: 30 s) for 'listening on http://127.0.0.1:PORT'.
        var found: URL?
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                found = URL(string: String(line.dropFirst("listening on ".count)))
                break
            }
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child { throw ServeProcessError("harness serve exited: \(text)") }
            usleep(50_000)
        }
        guard let found else {
            kill(child, SIGKILL)
            throw ServeProcessError("harness serve did not start listening within 30 s")
        }
        url = found
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait for the exit (SIGKILL after 10 s).
    func stop() {
        kill(pid, SIGTERM)
        for _ in 0..<200 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

struct ServeProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One HTTP exchange with the subprocess, through the package's own transport.
func http(_ method: String, _ url: URL, key: String? = nil, body: String? = nil) async throws -> (status: Int, body: String) {
    guard let root = URL(string: "/", relativeTo: url)?.absoluteURL else { throw ServeProcessError("bad url \(url)") }
    var headers: [TransportRequest.Header] = []
    if let key { headers.append(.init("X-API-Key", key)) }
    if body != nil { headers.append(.init("Content-Type", "application/json")) }
    let request = TransportRequest(method: .init(rawValue: method), path: url.path, headers: headers, body: Data((body ?? "").utf8))
    let answer = try await URLSessionTransport(baseURL: root, timeout: 10).send(request)
    return (answer.status, String(decoding: answer.body, as: UTF8.self))
}

/// A valid normalised config (the handout's) with another seed and runtime.
func config2026(seed: Int, maxRuntime: Double = 120, tokens: Int = 1_048_576) -> String {
    #"{"architecture_config":{"attention_bias":false,"head_dim":64,"hidden_size":448,"intermediate_size":1280,"num_attention_heads":7,"num_hidden_layers":9,"num_key_value_heads":7,"rms_norm_eps":1e-6,"rope_theta":1000000,"tie_word_embeddings":false,"dtype":"bfloat16","vocab_size":32000},"optimizer_config":{"lr_scheduler":{"peak_value":0.0003,"final_lr_frac":0.1,"warmup_frac":0.05,"init_value":0.0},"weight_decay":0.01,"beta1":0.9,"beta2":0.95,"eps":1e-8,"eps_root":1e-8,"grad_clip_norm":1.0},"train_batch_size":128,"val_batch_size":32,"n_evals":16,"total_train_tokens":\#(tokens),"max_runtime_seconds":\#(maxRuntime),"model_seed":\#(seed)}"#
}

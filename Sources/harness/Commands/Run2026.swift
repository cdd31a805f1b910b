import ArgumentParser
import Foundation
import Rehearsal
import Scaling
import SyntheticTrainer

/// The final-run choices `--predictor` accepts for 2026.
enum PredictorChoice2026 {
    static var all: [any FinalRunPredictor2026] { [Predictor2026(), BestRunBaseline2026()] }
    static var names: [String] { all.map(\.name) }

    /// The named predictor (nil: the first, the default).
    static func named(_ name: String?) throws -> any FinalRunPredictor2026 {
        guard let name else { return all[0] }
        guard let p = all.first(where: { $0.name == name }) else {
            throw ValidationError("--predictor '\(name)': accepted: \(names.joined(separator: ", "))")
        }
        return p
    }
}

/// `harness run --api 2026`: a rehearsal in process, or the campaign against a live service.
struct Run2026 {
    var strategy: any Strategy2026
    var predictor: any FinalRunPredictor2026
    var seed: UInt64
    var out: String?
    /// False under `--no-plots`.
    var plots = true

    static func scenario(_ nameOrPath: String) throws -> Scenario2026 {
        let url = try Scenario2026Loading.locate(nameOrPath) ?? ScenarioFiles.locate(nameOrPath, in: Scenario2026.directory)
        return try Scenario2026.load(from: url)
    }

    func rehearse(scenario name: String) async throws {
        let scenario = try Self.scenario(name)
        let folder = URL(fileURLWithPath: out ?? "results/run-2026-\(scenario.name)-\(strategy.name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let journal = folder.appendingPathComponent("journal.jsonl")
        // A rehearsal starts from nothing: the same command gives the same campaign.
        try? FileManager.default.removeItem(at: journal)
        let best = try scenario.target().loss
        let r = try await Rehearsal2026(scenario: scenario, strategy: strategy, predictor: predictor, bestLoss: best, seed: seed,
                                        journalPath: journal.path).run()
        try RunOutput2026(folder: folder, title: "\(strategy.name) on \(scenario.name) (seed \(seed)), rehearsed",
                          experiments: r.experiments, final: r.final, predictionError: r.predictionError, predictor: predictor.name,
                          scorecard: r.scorecard, warnings: r.warnings, refused: r.refused, wallSeconds: r.wallSeconds, plotsEnabled: plots).publish()
    }

    func live(service: ServiceOptions, submitFinal: Bool, pollSeconds: Double) async throws {
        let key = try APIKey.load2026(file: service.apiKeyFile, environment: ProcessInfo.processInfo.environment)
        let journalPath = service.journal == ServiceOptions.defaultJournal ? "runs/journal-2026.jsonl" : service.journal
        var options = TrainingAPIClient2026.Options()
        options.allowFinalSubmission = submitFinal
        options.retry = .lasting(seconds: service.retryFor)
        options.pollBase = pollSeconds
        options.pollCap = 12 * pollSeconds
        let client = try TrainingAPIClient2026(baseURL: try service.baseURL(), apiKey: key, journal: RunJournal2026(path: journalPath),
                                               options: options, log: { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        })
        let start = ContinuousClock.now
        // A rerun adopts what the journal left in flight instead of submitting it again.
        try await client.settleUnfinished()
        let known = await client.experimentsKnown.filter(\.status.isTerminal).map { ($0.trainingConfig, $0) }
        let rules = CampaignRules2026()
        let engine = CampaignEngine(rules: rules, planner: StrategyPlanner2026(strategy), maxInFlight: strategy.maxInFlight,
                                    pollInterval: .milliseconds(Int64((pollSeconds * 1000).rounded())))
        let outcome = try await engine.run(against: client, replaying: known)
        let reconciliation = try await client.reconcile()
        let experiments = await client.experimentsKnown
        var final: FinalRunChoice2026?
        var predictionError: String?
        do { final = try predictor.predictFinal(experiments, budgetSeconds: Truth2026.targetBudgetSeconds) } catch {
            predictionError = "\(error)"
        }
        let folder = URL(fileURLWithPath: out ?? "results/run-2026-live-\(strategy.name)")
        let wall = Double((ContinuousClock.now - start).components.seconds)
        print("\(known.count) ended experiment(s) came from the journal \(journalPath); the service says \(reconciliation.service.usedSeconds) s used (the experiments account for \(reconciliation.mirroredUsedSeconds) s).")
        try RunOutput2026(folder: folder, title: "\(strategy.name) against \(client.endpoint)", experiments: experiments, final: final,
                          predictionError: predictionError, predictor: predictor.name, scorecard: nil,
                          warnings: await client.warnings + strategy.notes(StrategyPlanner2026.view(outcome.progress, budgetSeconds: rules.budgetSeconds)),
                          refused: outcome.progress.refused.map { ($0.request, $0.reason.description) }, wallSeconds: wall, plotsEnabled: plots).publish()
        guard let final else { return }
        if submitFinal {
            let answer = try await client.submitFinal(final.config, predictedFinalLoss: final.predictedLoss)
            print("final submission accepted: predicted loss \(answer.predictedFinalLoss), submitted at \(WireTimestamp.string(microsecondsSinceEpoch: answer.submittedAt))")
        } else {
            print("the final run was not submitted (pass --submit-final to POST it to /final_submission)")
        }
    }
}

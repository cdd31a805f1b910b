import Scaling
import Rehearsal
import SyntheticTrainer

/// The flat CSV files written beside the JSON (docs/outputs.md): what a pandas or R user loads in
/// one line. Column names are the JSON's snake_case keys.
enum CSVExports {
    /// `runs.csv`: one row per run, the columns `harness fit --runs` reads back.
    static func runs(_ runs: [Run], sources: [String]? = nil) -> CSVOutput {
        var csv = CSVOutput(["d_model", "num_layers", "num_heads", "batch_size", "learning_rate", "train_flops", "loss"]
                            + (sources == nil ? [] : ["source"]))
        for (i, run) in runs.enumerated() {
            let c = run.configuration
            csv.append([.integer(Int64(c.dModel)), .integer(Int64(c.numLayers)), .integer(Int64(c.numHeads)), .integer(Int64(c.batchSize)),
                        .number(c.learningRate), .integer(run.trainFlops), .number(run.loss)]
                       + (sources.map { [.text($0[i])] } ?? []))
        }
        return csv
    }

    /// `prediction.csv`: one row per predicted quantity (n_opt, d_opt, loss) with its 95%
    /// interval (equal to the estimate without a bootstrap).
    static func prediction(_ p: Prediction) -> CSVOutput {
        var csv = CSVOutput(["target", "method", "quantity", "estimate", "lower", "upper"])
        for (name, i) in [("n_opt", p.nOpt), ("d_opt", p.dOpt), ("loss", p.loss)] {
            csv.append([.number(p.target), .text(p.method.rawValue), .text(name), .number(i.estimate), .number(i.lower), .number(i.upper)])
        }
        return csv
    }

    /// `rehearsals.csv`: one row per rehearsal of a tournament, its scorecard flattened (empty
    /// cells where the rehearsal failed before a scorecard), and its failures.
    static func rehearsals(_ entries: [TournamentEntry]) -> CSVOutput {
        var csv = CSVOutput(["scenario", "strategy", "seed", "target", "predicted_n", "true_n", "ln_n_error", "predicted_loss",
                             "achieved_loss", "loss_error", "best_loss", "regret", "budget", "spent", "rules_kept", "failures"])
        for e in entries {
            var row: [CSVOutput.Cell] = [.text(e.scenario), .text(e.strategy), .text(String(e.seed))]
            if let s = e.scorecard {
                row += [.number(s.target), .number(s.predictedN), .number(s.trueN), .number(s.lnNError), .number(s.predictedLoss),
                        .number(s.achievedLoss), .number(s.lossError), .number(s.bestLoss), .number(s.regret),
                        .integer(s.budget), .integer(s.spent), .bool(s.rulesKept)]
            } else {
                row += Array(repeating: .empty, count: 12)
            }
            row.append(.text(e.failures.keys.sorted().map(\.rawValue).joined(separator: " ")))
            csv.append(row)
        }
        return csv
    }
}

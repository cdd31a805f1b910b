import Scaling
import SyntheticTrainer

/// The two tables of a run or fit, as rows of cells: the printed summary draws them as text
/// tables and the write-up as Markdown, so both say the same thing in the same words.
extension RunOutput {
    /// quantity | predicted | truth (the truth column only in a rehearsal; its final run is the
    /// truth's best configuration). Narrow enough for a 100-column terminal.
    var predictionRows: [[String]] {
        let p = prediction
        var rows = [
            ["N_opt (non-embedding, 12 L d^2)", Self.interval(p.nOpt), truth.map { Self.sci($0.frontier.nonEmbeddingParameters) } ?? ""],
            ["D_opt (tokens)", Self.interval(p.dOpt), truth.map { Self.sci($0.frontier.tokens) } ?? ""],
            ["final run (d_model/layers/heads)", Self.shape(p.configuration), truth.map { Self.shape($0.bestConfiguration.configuration) } ?? ""],
            ["its loss", Self.interval(p.loss) { String(format: "%.4f", $0) },
             scorecard.map { String(format: "%.4f (best achievable %.4f)", $0.achievedLoss, $0.bestLoss) } ?? ""],
        ]
        if truth == nil { rows = rows.map { Array($0.prefix(2)) } }
        return rows
    }

    /// measure | value, for a rehearsal's scorecard.
    static func scorecardRows(_ s: Scorecard) -> [[String]] {
        [
            ["ln(N_pred / N*)", String(format: "%+.4f", s.lnNError)],
            ["predicted - achieved loss", String(format: "%+.4f nats", s.lossError)],
            ["regret (achieved - best)", String(format: "%.4f nats", s.regret)],
            ["budget used", String(format: "%.1f%%", 100 * Double(s.spent) / Double(s.budget))],
            ["rules kept", s.rulesKept ? "yes" : "NO: " + s.violations.map(\.description).joined(separator: "; ")],
        ]
    }

    static func shape(_ c: Configuration) -> String {
        "\(c.dModel)/\(c.numLayers)/\(c.numHeads), batch \(c.batchSize), lr \(NumberFormat.general(c.learningRate, digits: 3))"
    }

    static func textTable(_ header: [String], _ rows: [[String]]) -> String {
        var t = TextTable(header)
        for row in rows { t.append(row) }
        return t.rendered
    }

    static func markdownTable(_ header: [String], _ rows: [[String]]) -> [String] {
        ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
    }
}

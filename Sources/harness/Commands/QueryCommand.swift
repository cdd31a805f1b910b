import ArgumentParser
import Foundation
import Scaling

/// `harness query`: one query to the training API, journalled.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Ask the training API for the loss of one configuration (answered from the journal if already paid for).",
        discussion: """
            Without --api-url it asks a local 'harness serve' at \(ServiceOptions.defaultURL). \
            The query is checked against the API's rules and the key's remaining budget before \
            anything is sent.

            Examples:
              harness query --flops 1e16 \\
                --config d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3
              harness query --use-cached-only --flops 1e16 \\
                --config d_model=512,num_layers=8,num_heads=8,batch_size=128,learning_rate=1e-3
            """)

    @Option(help: ArgumentHelp("The configuration: d_model=..,num_layers=..,num_heads=..,batch_size=..,learning_rate=..", valueName: "config"))
    var config: String

    @Option(help: ArgumentHelp("Training FLOPs: one of the API's values, as an integer or e.g. 1e16.", valueName: "flops"))
    var flops: String

    @OptionGroup var service: ServiceOptions

    func run() async throws {
        let configuration = try Configuration(parsing: config)
        guard let trainFlops = WireNumber.wholeNumber(flops) else {
            throw ValidationError("--flops '\(flops)' is not a whole number of FLOPs; e.g. 1e16 or 10000000000000000; allowed: \(service.rules.trainFlops.map { "\(Double($0))" }.joined(separator: ", "))")
        }
        let query = Query(configuration: configuration, trainFlops: trainFlops)
        if service.rules.violations(of: query).isEmpty, configuration.dModel % max(configuration.numHeads, 1) != 0 {
            FileHandle.standardError.write(Data("note: d_model \(configuration.dModel) is not a multiple of num_heads \(configuration.numHeads); the API accepts it anyway\n".utf8))
        }
        let client = try service.makeClient()
        let cached = await client.isKnown(query)
        let (run, total): (Run, Int64)
        do { (run, total) = try await client.loss(query) } catch let refusal as RuleViolation {
            throw ValidationError("\(refusal.message) (refused locally; nothing was sent)")
        } catch let refusal as BudgetExceeded {
            throw CommandFailure.Message("\(refusal.description) (refused locally from the journal \(service.journal); nothing was sent)")
        }
        print("\(run.configuration) train_flops=\(run.trainFlops) loss=\(run.loss) total_flops_used=\(total) (\(cached ? "from the journal \(service.journal)" : "answered by \(client.endpoint), key \(client.apiKey.masked)"))")
    }
}

import SnapshotTesting
import Testing

/// The help of every command and subcommand, pinned as text: a changed flag, default, wording
/// or example shows up as a snapshot diff. To accept a deliberate change, delete the snapshot
/// (or run with SNAPSHOT_TESTING_RECORD=all) and commit the newly recorded file.
@Suite struct HelpTextTests {
    static let commands: [[String]] = [
        [], ["plan"], ["run"], ["fit"], ["score"], ["score", "merge"], ["isoflops"], ["truth"], ["calibrate"], ["scenarios"], ["serve"],
        ["query"], ["runs"], ["sync"], ["compare"],
        ["bench"], ["bench", "fit"], ["bench", "truth"], ["bench", "server"], ["bench", "server-2026"], ["bench", "rehearsal"],
    ]

    @Test(arguments: commands)
    func help(_ command: [String]) {
        let result = HarnessProcess.run(command + ["--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        assertSnapshot(of: result.stdout, as: .lines, named: command.isEmpty ? "harness" : command.joined(separator: "-"), testName: "help")
    }

    /// What the snapshots cannot say on their own: the rules every help text keeps.
    @Test(arguments: commands)
    func helpKeepsTheRules(_ command: [String]) {
        let help = HarnessProcess.run(command + ["--help"]).stdout
        #expect(help.contains("\nExamples:\n"), "no examples in 'harness \(command.joined(separator: " ")) --help'")
        // Defaults as a user would type them, never a Swift value's description.
        #expect(!help.contains("Argument(value:"))
        #expect(!help.contains("e+"))
        // Nothing that depends on the machine: --jobs's default is decided at run time.
        #expect(!help.contains("the number of cores). (default:"))
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("  harness ") || line.hasPrefix("  .build") {
            #expect(line.count <= 100, "example wider than the 100 columns of the test: \(line)")
        }
    }

    @Test func helpSubcommandMatchesTheFlag() {
        #expect(HarnessProcess.run(["help", "plan"]).stdout == HarnessProcess.run(["plan", "--help"]).stdout)
    }
}

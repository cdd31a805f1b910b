import Foundation
@testable import MockAPIServer
import Scaling
import Testing

/// Issue 15, defect 10: keys are compared byte for byte, as the README promises; Swift's
/// `String ==` (canonical equivalence) must never decide which account a key is.
@Suite struct ExactKeyTests {
    /// Pairs that Swift's String calls equal but whose bytes differ.
    static let lookalikes: [(String, String)] = [
        ("caf\u{E9}-key", "cafe\u{301}-key"),      // precomposed and decomposed accent
        ("\u{2126}mega-key", "\u{3A9}mega-key"),   // the Ohm sign and Greek capital Omega
        ("\u{D55C}-key", "\u{1112}\u{1161}\u{11AB}-key"), // Hangul as a syllable and as jamo
    ]

    @Test(arguments: lookalikes)
    func equalLookingKeysAreTwoAccounts(_ a: String, _ b: String) throws {
        #expect(a == b) // what makes String comparison wrong here
        let api = try makeAPI()
        let query = TrainingAPITests.valid
        let first = api.respond(path: "/loss", rawQuery: Substring(query + "&api_key=" + QueryString.encode([("k", a)]).dropFirst(2)))
        #expect(first.status == 200)
        #expect(api.ledger.spent(a) == 10_000_000_000_000_000)
        #expect(api.ledger.spent(b) == 0)
        #expect(api.ledger.runs(b).isEmpty)
    }

    @Test(arguments: lookalikes)
    func aKeyFileAdmitsOnlyTheExactBytes(_ a: String, _ b: String) throws {
        let path = StateFileTests.temporaryPath("keys.txt")
        try (a + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let policy = try KeyPolicy.load(file: path)
        #expect(policy.admits(a))
        #expect(!policy.admits(b))
    }

    @Test func aKeyFileWithLookalikesOrInvisibleCharactersIsRefused() throws {
        let path = StateFileTests.temporaryPath("keys.txt")
        try "caf\u{E9}-key\ncafe\u{301}-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try KeyPolicy.load(file: path) } throws: { "\($0)".contains("lines 1 and 2: two keys that look the same") }
        try "good-key\nstudent\u{200B}-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try KeyPolicy.load(file: path) } throws: { "\($0)".contains("line 2: the key has the invisible character U+200B at character 8") }
        try "\u{FEFF}student-key\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try KeyPolicy.load(file: path) } throws: { "\($0)".contains("U+FEFF") }
    }

    @Test func the2026EngineKeepsLookalikeKeysApart() throws {
        var engine = try LifecycleEngine2026(truth: FormulaTruth2026(), behaviour: quietBehaviour(), seed: 1)
        let (a, b) = Self.lookalikes[0]
        _ = engine.submit(key: a, config: .example())
        #expect(engine.experiments(of: a).count == 1)
        #expect(engine.experiments(of: b).isEmpty)
        #expect(!engine.hasExperiment(key: b, config: .example()))
    }
}

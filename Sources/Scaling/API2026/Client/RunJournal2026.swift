import Foundation

/// The 2026 run journal: a JSON Lines file with one line per answer of the service, written
/// (fsync'd, through `JournalFile`) before the client uses the answer, so a crashed campaign
/// is rebuilt from it and submits nothing twice.
///
/// Each line is one HTTP exchange, the answer's body kept raw (exactly the bytes the service
/// sent, as a JSON string):
///
/// ```json
/// {"seq":3,"at":41.5,"request":"POST /submit","unique_id":"f4f2366951d3d154db4f","status":200,"body":"{\"experiment_id\":14,\"budget_summary\":{...}}","sent":"{\"architecture_config\":...}"}
/// {"seq":4,"at":71.5,"request":"GET /experiment/14","status":200,"body":"{\"experiment_id\":14,...}"}
/// {"seq":9,"at":9000.0,"request":"CLIENT abandon","experiment_id":15,"status":0,"body":"no new loss for 7200 s: treated as stuck"}
/// ```
///
/// - `at`: the client's clock (seconds; virtual in a rehearsal) when the answer arrived.
/// - `unique_id` and `sent`: on `POST /submit`, the contract's config hash (§7) and the
///   normalised JSON of the config sent.
/// - `request` `CLIENT abandon`: the client gave up on a stuck run (its reservation stays held).
///
/// A poll whose answer is byte-identical to the last one journalled for that experiment is not
/// written again (it carries nothing new). Python: `[json.loads(l) for l in open(path)]`.
public struct RunJournal2026: Sendable, Hashable {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Entry: Sendable, Hashable {
        public var seq: Int
        public var at: Double
        /// `METHOD /path`, or `CLIENT abandon`.
        public var request: String
        public var uniqueID: String?
        public var experimentID: Int64?
        public var status: Int
        public var body: String
        /// On `POST /submit`: the config sent (its normalised JSON text).
        public var sent: String?

        public init(seq: Int, at: Double, request: String, uniqueID: String? = nil, experimentID: Int64? = nil,
                    status: Int, body: String, sent: String? = nil) {
            self.seq = seq; self.at = at; self.request = request; self.uniqueID = uniqueID
            self.experimentID = experimentID; self.status = status; self.body = body; self.sent = sent
        }

        /// The line's JSON (keys in the documented order).
        public var json: JSONValue {
            var members: [JSONMember] = [JSONMember(key: "seq", value: .int(seq)), JSONMember(key: "at", value: .double(at)),
                                         JSONMember(key: "request", value: .string(request))]
            if let uniqueID { members.append(JSONMember(key: "unique_id", value: .string(uniqueID))) }
            if let experimentID { members.append(JSONMember(key: "experiment_id", value: .int(Int(experimentID)))) }
            members.append(JSONMember(key: "status", value: .int(status)))
            members.append(JSONMember(key: "body", value: .string(body)))
            if let sent { members.append(JSONMember(key: "sent", value: .string(sent))) }
            return .object(members)
        }

        init(json: JSONValue) throws(WireDecodingError) {
            let o = try WireObject(json, "journal entry")
            seq = try o.int("seq")
            at = try o.double("at")
            request = try o.string("request")
            uniqueID = o.optionalValue("unique_id") == nil ? nil : try o.string("unique_id")
            experimentID = o.optionalValue("experiment_id") == nil ? nil : Int64(try o.int("experiment_id"))
            status = try o.int("status")
            body = try o.string("body")
            sent = o.optionalValue("sent") == nil ? nil : try o.string("sent")
        }
    }

    /// Every entry in file order. A missing file is an empty journal; a line that is not an
    /// entry is a `JournalError` naming the file and the line (never a trap).
    public func load() throws(JournalError) -> [Entry] {
        var entries: [Entry] = []
        for (number, bytes) in try JournalFile(path: path).completeLines() {
            do {
                entries.append(try Entry(json: try JSONText.parse(bytes)))
            } catch let error as JSONSyntaxError {
                throw JournalError("journal \(path), line \(number): not JSON (\(error.message) at character \(error.offset)); expected one object per line with seq, at, request, status and body")
            } catch let error as WireDecodingError {
                throw JournalError("journal \(path), line \(number): not a 2026 journal entry (\(error)); expected one object per line with seq, at, request, status and body")
            } catch {
                throw JournalError("journal \(path), line \(number): \(error)")
            }
        }
        return entries
    }

    /// Appends entries in order, durable before returning.
    public func append(_ entries: [Entry]) throws(JournalError) {
        try JournalFile(path: path).append(entries.map { JSONText.pydantic($0.json) + "\n" }.joined())
    }
}

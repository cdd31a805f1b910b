/// An amount a budget counts in: FLOPs for the 2025 protocol, GPU-seconds for the 2026 one.
/// Sums never trap: they saturate at `maximum` (a value read from outside can be anything).
public protocol BudgetAmount: Comparable, Hashable, Sendable, CustomStringConvertible {
    static var zero: Self { get }
    /// The largest amount; a saturated sum is this.
    static var maximum: Self { get }
    /// `self + other`, or `maximum` when that would overflow.
    func saturatingAdd(_ other: Self) -> Self
    /// `self - other`, never below zero.
    func floorSubtract(_ other: Self) -> Self
    /// The budget refusal's words: the cap, what is committed, what the request needs.
    static func shortfallDescription(cap: Self, committed: Self, requested: Self) -> String
}

/// A budget that is reserved, then settled: a request reserves what it may cost when it is
/// submitted; when it ends, the reservation is replaced by what was actually charged (the same
/// for an instant protocol, the runtime used for a queued one). Nothing may be reserved past the
/// cap; the engine refuses instead of trusting a strategy.
public struct Budget<Amount: BudgetAmount>: Sendable, Equatable {
    public let cap: Amount
    /// What ended experiments were charged.
    public private(set) var settled: Amount
    /// What experiments in flight hold, by reservation id.
    public private(set) var reservations: [Int: Amount]
    private var nextID = 0

    public init(cap: Amount, settled: Amount = .zero) {
        self.cap = cap
        self.settled = settled
        reservations = [:]
    }

    public var reserved: Amount { reservations.values.reduce(.zero) { $0.saturatingAdd($1) } }
    /// Settled plus reserved.
    public var committed: Amount { settled.saturatingAdd(reserved) }
    public var remaining: Amount { cap.floorSubtract(committed) }

    /// Whether `amount` more can be reserved without passing the cap.
    public func canReserve(_ amount: Amount) -> Bool {
        let total = committed.saturatingAdd(amount)
        return total <= cap && total != .maximum
    }

    /// Reserves `amount`; nil (nothing reserved) when it would pass the cap.
    public mutating func reserve(_ amount: Amount) -> Int? {
        guard canReserve(amount) else { return nil }
        nextID += 1
        reservations[nextID] = amount
        return nextID
    }

    /// Ends a reservation, charging `charged` (which may differ from what was reserved).
    public mutating func settle(_ id: Int, charged: Amount) {
        reservations[id] = nil
        settled = settled.saturatingAdd(charged)
    }

    /// Charges what was spent outside any reservation (answers replayed from a journal).
    public mutating func charge(_ amount: Amount) {
        settled = settled.saturatingAdd(amount)
    }

    /// Why `requested` cannot be reserved now.
    public func shortfall(_ requested: Amount) -> BudgetShortfall<Amount> {
        BudgetShortfall(cap: cap, committed: committed, requested: requested)
    }
}

/// A request the budget cannot take: the cap, what was committed, what it needed.
public struct BudgetShortfall<Amount: BudgetAmount>: Error, Sendable, Hashable, CustomStringConvertible {
    public var cap: Amount
    public var committed: Amount
    public var requested: Amount
    public var description: String { Amount.shortfallDescription(cap: cap, committed: committed, requested: requested) }
}

/// A budget amount that is one number: its order is the number's.
public protocol ScalarBudgetAmount: BudgetAmount {
    associatedtype Scalar: Comparable & Sendable & Hashable
    var value: Scalar { get }
}

extension ScalarBudgetAmount {
    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }
}

/// GPU-seconds (the 2026 protocol's unit), as a budget amount.
public struct Seconds: ScalarBudgetAmount, Codable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public static let zero = Seconds(0)
    public static let maximum = Seconds(.greatestFiniteMagnitude)
    public func saturatingAdd(_ other: Seconds) -> Seconds {
        let s = value + other.value
        return s.isFinite ? Seconds(s) : .maximum
    }
    public func floorSubtract(_ other: Seconds) -> Seconds { Seconds(max(0, value - other.value)) }
    public var description: String { "\(value) s" }
    public static func shortfallDescription(cap: Seconds, committed: Seconds, requested: Seconds) -> String {
        "budget exceeded: at most \(cap.value) seconds, \(committed.value) committed, and the request reserves \(requested.value) more"
    }
}

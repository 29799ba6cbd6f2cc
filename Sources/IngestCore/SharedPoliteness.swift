import Foundation

/// Per-origin politeness kept outside the process, so that several processes fetching from
/// one origin (PostgreSQL sync workers on several machines, issue #16) obey one limit
/// together: in-flight requests, the delay between request starts (with robots.txt
/// `Crawl-delay`) and a 429/503 `Retry-After` back-off. The fetcher asks `start` before each
/// request and calls `finish` after it; origins are `Origin.description` strings
/// (`http://host:port`).
public protocol SharedPoliteness: Sendable {
    /// Waits until a request to `origin` may start under `limits` across all processes and
    /// returns its slot, to give back with `finish`. Throws when the shared state cannot be
    /// reached (the request must not start then).
    func start(_ origin: String, limits: OriginLimits) async throws -> Int64
    /// Gives back a slot `start` returned.
    func finish(_ origin: String, slot: Int64) async
    /// Holds every process's requests to `origin` for `seconds` (429 / 503 with Retry-After).
    func backOff(_ origin: String, seconds: Double) async
    /// Records `origin`'s robots.txt Crawl-delay in seconds (0: none), already clamped.
    func setCrawlDelay(_ origin: String, seconds: Double) async
}

/// The politeness one origin is owed, from the fetch settings.
public struct OriginLimits: Sendable, Equatable {
    /// Requests in flight at once, all processes together.
    public var perOrigin: Int
    /// Least seconds between two request starts (a larger Crawl-delay wins).
    public var delay: Double
    /// Seconds a slot counts as in flight unless given back first: longer than any request
    /// takes, so a killed process's slots come back after it.
    public var slotLifetime: Double
    /// Seconds between two looks at the shared state while every slot is taken.
    public var recheck: Double
    /// Seconds a slot may pass straight from one request of a process to its next on the
    /// origin (`OriginPoliteness.mayHandOver`) after the shared state was last read or
    /// written: how late a worker sees a back-off another one recorded, at most.
    public var handOverFor: Double

    public init(perOrigin: Int, delay: Double, slotLifetime: Double, recheck: Double = 0.05, handOverFor: Double = 1) {
        self.perOrigin = max(1, perOrigin)
        self.delay = max(0, delay)
        self.slotLifetime = slotLifetime
        self.recheck = recheck
        self.handOverFor = handOverFor
    }
}

/// One origin's shared politeness state (a row of the PostgreSQL store's `ingest_politeness`
/// with its slots) and the pure decision whether a request may start now: the driver reads
/// it, asks `turn`, and writes the result back only if nobody changed it in between
/// (`version`).
public struct OriginPoliteness: Sendable, Equatable {
    /// A request in flight: its id and when it stops counting if never given back.
    public struct Slot: Sendable, Equatable {
        public var id: Int64
        public var expires: Date
        public init(id: Int64, expires: Date) {
            self.id = id
            self.expires = expires
        }
    }

    /// Bumped by every change, so a write based on an older read is refused.
    public var version: Int64
    /// When the latest request started.
    public var lastStart: Date?
    /// No request before this (429 / 503 Retry-After).
    public var backoffUntil: Date?
    /// robots.txt Crawl-delay in seconds (0: none).
    public var crawlDelay: Double
    /// Requests in flight (expired ones may still be listed).
    public var slots: [Slot]

    public init(version: Int64 = 0, lastStart: Date? = nil, backoffUntil: Date? = nil, crawlDelay: Double = 0, slots: [Slot] = []) {
        self.version = version
        self.lastStart = lastStart
        self.backoffUntil = backoffUntil
        self.crawlDelay = crawlDelay
        self.slots = slots
    }

    /// What a request asking at `now` does.
    public enum Turn: Sendable, Equatable {
        /// Start; the state to write back (the new slot taken, the start recorded).
        case go(OriginPoliteness)
        /// Look again at `until` (or earlier, if a slot is given back meanwhile); `full` when
        /// every slot is taken (their holders may have died: worth sweeping).
        case wait(until: Date, full: Bool)
    }

    /// Whether a request may start at `now` under `limits`, taking the slot `id` if so.
    public func turn(slot id: Int64, now: Date, limits: OriginLimits) -> Turn {
        var earliest = backoffUntil ?? now
        if let lastStart { earliest = max(earliest, lastStart.addingTimeInterval(max(limits.delay, crawlDelay))) }
        if earliest > now { return .wait(until: earliest, full: false) }
        let live = slots.filter { $0.expires > now }
        if live.count >= limits.perOrigin {
            let freed = live.map(\.expires).min() ?? now
            return .wait(until: min(freed, now.addingTimeInterval(limits.recheck)), full: true)
        }
        var next = self
        next.version += 1
        next.lastStart = now
        next.slots = live + [Slot(id: id, expires: now.addingTimeInterval(limits.slotLifetime))]
        return .go(next)
    }

    /// Whether slot `id`, given back at `now` while another request of the same process waits
    /// for the origin, may pass straight to that request without a look at the shared state
    /// (`confirmed`: when it was last read or written): the number in flight stays the same,
    /// so only what a new start must record forbids it: a delay between starts (its start
    /// time is what the others space theirs by), a back-off, a slot too near its expiry for
    /// another whole request (the others would count it free), or a view older than
    /// `limits.handOverFor` (another worker's back-off would go unseen longer).
    public func mayHandOver(_ id: Int64, now: Date, confirmed: Date, limits: OriginLimits) -> Bool {
        guard max(limits.delay, crawlDelay) == 0, (backoffUntil ?? now) <= now,
              now.timeIntervalSince(confirmed) < limits.handOverFor,
              let slot = slots.first(where: { $0.id == id }) else { return false }
        return slot.expires.timeIntervalSince(now) >= limits.slotLifetime / 2
    }

    /// The state once slot `id` is given back.
    public func releasing(_ id: Int64) -> OriginPoliteness {
        var next = self
        next.slots.removeAll { $0.id == id }
        return next
    }
}

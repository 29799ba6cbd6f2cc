import Foundation
import IngestCore
import Testing

/// The shared per-origin decision (`OriginPoliteness.turn`): whether a request may start from
/// the row all workers share and the clock. Pure: the PostgreSQL driver only reads and writes it.
@Suite struct OriginPolitenessTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let limits = OriginLimits(perOrigin: 2, delay: 0.25, slotLifetime: 60, recheck: 0.05)

    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }
    static func slot(_ id: Int64, expires: Double) -> OriginPoliteness.Slot { .init(id: id, expires: at(expires)) }

    /// Each row: the state, the time asked (seconds after t0), and the turn expected.
    static let cases: [(name: String, state: OriginPoliteness, now: Double, turn: OriginPoliteness.Turn)] = [
        ("a new origin goes and takes the slot", OriginPoliteness(), 0,
         .go(OriginPoliteness(version: 1, lastStart: at(0), slots: [slot(9, expires: 60)]))),
        ("too soon after the last start waits for the delay", OriginPoliteness(lastStart: at(0), slots: [slot(1, expires: 60)]), 0.1,
         .wait(until: at(0.25), full: false)),
        ("after the delay, the second slot", OriginPoliteness(version: 4, lastStart: at(0), slots: [slot(1, expires: 60)]), 0.3,
         .go(OriginPoliteness(version: 5, lastStart: at(0.3), slots: [slot(1, expires: 60), slot(9, expires: 60.3)]))),
        ("a Crawl-delay longer than the delay wins", OriginPoliteness(lastStart: at(0), crawlDelay: 5), 1,
         .wait(until: at(5), full: false)),
        ("a Crawl-delay shorter than the delay does not shorten it", OriginPoliteness(lastStart: at(0), crawlDelay: 0.1), 0.2,
         .wait(until: at(0.25), full: false)),
        ("a Retry-After back-off holds until it ends", OriginPoliteness(backoffUntil: at(30)), 10,
         .wait(until: at(30), full: false)),
        ("a back-off that ended holds nothing", OriginPoliteness(backoffUntil: at(30)), 30,
         .go(OriginPoliteness(version: 1, lastStart: at(30), backoffUntil: at(30), slots: [slot(9, expires: 90)]))),
        ("every slot taken: look again soon", OriginPoliteness(lastStart: at(0), slots: [slot(1, expires: 60), slot(2, expires: 61)]), 1,
         .wait(until: at(1.05), full: true)),
        ("every slot taken, one about to expire: look again then",
         OriginPoliteness(lastStart: at(0), slots: [slot(1, expires: 1.01), slot(2, expires: 61)]), 1,
         .wait(until: at(1.01), full: true)),
        ("an expired slot (its holder died) is dropped and no longer counts",
         OriginPoliteness(version: 2, lastStart: at(0), slots: [slot(1, expires: 0.5), slot(2, expires: 61)]), 1,
         .go(OriginPoliteness(version: 3, lastStart: at(1), slots: [slot(2, expires: 61), slot(9, expires: 61)]))),
        ("the back-off and the delay: the later one", OriginPoliteness(lastStart: at(9.9), backoffUntil: at(10)), 0,
         .wait(until: at(10.15), full: false)),
    ]

    @Test(arguments: cases.indices)
    func aRequestGoesOrWaits(_ index: Int) {
        let (name, state, now, turn) = Self.cases[index]
        #expect(state.turn(slot: 9, now: Self.at(now), limits: Self.limits) == turn, "\(name)")
    }

    /// Two workers that read the same row and both go write versions that clash: the driver's
    /// conditional write lets only the first through, the second reads again and waits.
    @Test func twoTurnsFromOneReadAreTheSameVersion() throws {
        let row = OriginPoliteness(version: 7, lastStart: Self.at(0), slots: [Self.slot(1, expires: 60)])
        guard case .go(let first) = row.turn(slot: 2, now: Self.at(1), limits: Self.limits),
              case .go(let second) = row.turn(slot: 3, now: Self.at(1), limits: Self.limits) else {
            Issue.record("both should go from the row they read")
            return
        }
        #expect(first.version == 8 && second.version == 8)
        #expect(first.turn(slot: 3, now: Self.at(1.3), limits: Self.limits) == .wait(until: Self.at(1.3).addingTimeInterval(Self.limits.recheck), full: true),
                "once the first is written, the second finds both slots taken")
    }

    @Test func aSlotGivenBackFreesItsPlace() {
        let row = OriginPoliteness(version: 3, lastStart: Self.at(0), slots: [Self.slot(1, expires: 60), Self.slot(2, expires: 60)])
        let released = row.releasing(1)
        #expect(released.slots == [Self.slot(2, expires: 60)])
        #expect(released.version == 3, "a release does not change the version: a write based on the row before it holds")
        guard case .go = released.turn(slot: 9, now: Self.at(1), limits: Self.limits) else {
            Issue.record("a freed slot should be taken")
            return
        }
    }

    @Test func oneRequestAtATimeWithoutDelay() {
        let limits = OriginLimits(perOrigin: 1, delay: 0, slotLifetime: 60)
        guard case .go(let taken) = OriginPoliteness().turn(slot: 1, now: Self.t0, limits: limits) else {
            Issue.record("the first request should go")
            return
        }
        #expect(taken.turn(slot: 2, now: Self.t0, limits: limits) == .wait(until: Self.at(0.05), full: true))
        guard case .go = taken.releasing(1).turn(slot: 2, now: Self.t0, limits: limits) else {
            Issue.record("after the release the next should go at once")
            return
        }
    }

    /// A slot given back while a request of the same process waits: passed on as is only when
    /// no start needs recording and the view of the shared row is fresh.
    static let handOvers: [(name: String, state: OriginPoliteness, delay: Double, now: Double, confirmed: Double, passes: Bool)] = [
        ("no delay, fresh view, slot far from expiry: passes", OriginPoliteness(slots: [slot(1, expires: 60)]), 0, 1, 0.5, true),
        ("a delay between starts: the start must be recorded", OriginPoliteness(slots: [slot(1, expires: 60)]), 0.25, 1, 0.5, false),
        ("a Crawl-delay likewise", OriginPoliteness(crawlDelay: 2, slots: [slot(1, expires: 60)]), 0, 1, 0.5, false),
        ("a back-off in force", OriginPoliteness(backoffUntil: at(5), slots: [slot(1, expires: 60)]), 0, 1, 0.5, false),
        ("a back-off that ended", OriginPoliteness(backoffUntil: at(0.5), slots: [slot(1, expires: 60)]), 0, 1, 0.5, true),
        ("a view older than handOverFor", OriginPoliteness(slots: [slot(1, expires: 60)]), 0, 2, 0.5, false),
        ("a slot with less than half its lifetime left", OriginPoliteness(slots: [slot(1, expires: 29)]), 0, 1, 0.5, false),
        ("a slot the row does not list", OriginPoliteness(slots: [slot(2, expires: 60)]), 0, 1, 0.5, false),
    ]

    @Test(arguments: handOvers.indices)
    func aSlotGivenBackPassesToTheNextRequestOrNot(_ index: Int) {
        let (name, state, delay, now, confirmed, passes) = Self.handOvers[index]
        let limits = OriginLimits(perOrigin: 2, delay: delay, slotLifetime: 60, handOverFor: 1)
        #expect(state.mayHandOver(1, now: Self.at(now), confirmed: Self.at(confirmed), limits: limits) == passes, "\(name)")
    }
}

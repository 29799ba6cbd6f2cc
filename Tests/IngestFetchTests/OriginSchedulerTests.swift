import Testing
@testable import IngestFetch

@Suite struct OriginSchedulerTests {
    static let a = Origin(url: "http://a.test/")!
    static let b = Origin(url: "http://b.test:8080/")!
    static let ms: UInt64 = 1_000_000

    @Test func capsPerOriginAndOverall() {
        var scheduler = OriginScheduler<Int>(concurrency: 3, perOrigin: 2, defaultDelay: 0)
        for job in 0..<4 { scheduler.enqueue(job, origin: Self.a, now: 0) }
        for job in 10..<14 { scheduler.enqueue(job, origin: Self.b, now: 0) }
        var started: [Int] = []
        while let (_, job) = scheduler.next(now: 0) { started.append(job) }
        #expect(started == [0, 10, 1])  // round robin, 3 overall
        scheduler.finished(Self.a)
        #expect(scheduler.next(now: 0)?.job == 11)  // b still has room, a is next in line but…
        #expect(scheduler.next(now: 0) == nil)      // …overall cap reached again
        #expect(scheduler.activeCount == 3)
        #expect(scheduler.nextWake() == nil)  // waiting on capacity, not on time
    }

    @Test func spacesRequestStartsByTheOriginDelay() {
        var scheduler = OriginScheduler<Int>(concurrency: 10, perOrigin: 10, defaultDelay: 250 * Self.ms)
        for job in 0..<3 { scheduler.enqueue(job, origin: Self.a, now: 0) }
        scheduler.enqueue(9, origin: Self.b, now: 0)
        #expect(scheduler.next(now: 0)?.job == 0)
        #expect(scheduler.next(now: 0)?.job == 9)  // another origin is not held back
        #expect(scheduler.next(now: 100 * Self.ms) == nil)
        #expect(scheduler.nextWake() == 250 * Self.ms)
        #expect(scheduler.next(now: 250 * Self.ms)?.job == 1)
        scheduler.setDelay(1000 * Self.ms, for: Self.a)  // Crawl-delay raises it
        #expect(scheduler.next(now: 600 * Self.ms) == nil)
        #expect(scheduler.next(now: 1250 * Self.ms)?.job == 2)
    }

    @Test func blockedOriginWaitsWhileOthersProceed() {
        var scheduler = OriginScheduler<Int>(concurrency: 10, perOrigin: 10, defaultDelay: 0)
        scheduler.block(Self.a, until: 500 * Self.ms)
        scheduler.enqueue(1, origin: Self.a, now: 0)
        scheduler.enqueue(2, origin: Self.b, now: 0)
        #expect(scheduler.next(now: 0)?.job == 2)
        #expect(scheduler.next(now: 0) == nil)
        #expect(scheduler.nextWake() == 500 * Self.ms)
        #expect(scheduler.next(now: 500 * Self.ms)?.job == 1)
    }

    @Test func delayedJobsStartWhenDueAndDrainReturnsTheRest() {
        var scheduler = OriginScheduler<Int>(concurrency: 10, perOrigin: 10, defaultDelay: 0)
        scheduler.enqueue(1, origin: Self.a, notBefore: 300 * Self.ms, now: 0)
        scheduler.enqueue(2, origin: Self.a, now: 0)
        scheduler.enqueue(3, origin: Self.b, notBefore: 900 * Self.ms, now: 0)
        #expect(scheduler.next(now: 0)?.job == 2)
        #expect(scheduler.next(now: 0) == nil)
        #expect(scheduler.nextWake() == 300 * Self.ms)
        #expect(scheduler.next(now: 300 * Self.ms)?.job == 1)
        #expect(scheduler.waitingCount == 1)
        #expect(scheduler.drain() == [3])
        #expect(scheduler.waitingCount == 0)
    }

    @Test func removesAWaitingJob() {
        var scheduler = OriginScheduler<Int>(concurrency: 10, perOrigin: 1, defaultDelay: 0)
        for job in 1...3 { scheduler.enqueue(job, origin: Self.a, now: 0) }
        scheduler.enqueue(7, origin: Self.b, notBefore: 100, now: 0)
        #expect(scheduler.next(now: 0)?.job == 1)
        #expect(scheduler.remove { $0 == 2 } == 2)
        #expect(scheduler.remove { $0 == 7 } == 7)
        #expect(scheduler.remove { $0 == 1 } == nil)  // already started
        scheduler.finished(Self.a)
        #expect(scheduler.next(now: 200)?.job == 3)
        #expect(scheduler.waitingCount == 0)
    }
}

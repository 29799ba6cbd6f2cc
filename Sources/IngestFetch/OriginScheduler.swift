/// Which queued job may start now: at most `concurrency` in flight overall and
/// `perOrigin` per origin, request starts on one origin at least that origin's delay apart,
/// nothing on an origin that is backed off, nothing before a job's own `notBefore`.
/// Pure (time is passed in, in nanoseconds); origins are served round-robin.
struct OriginScheduler<Job> {
    let concurrency: Int
    let perOrigin: Int
    let defaultDelay: UInt64

    private struct OriginState {
        var queue: [Job] = []
        var head = 0
        var active = 0
        var delay: UInt64
        var lastStart: UInt64?
        var blockedUntil: UInt64 = 0

        var hasQueued: Bool { head < queue.count }

        mutating func start(now: UInt64) -> Job {
            let job = queue[head]
            head += 1
            if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
            active += 1
            lastStart = now
            return job
        }
        func nextStart() -> UInt64 { max(lastStart.map { $0 + delay } ?? 0, blockedUntil) }
    }

    private var origins: [Origin: OriginState] = [:]
    /// Origins with queued jobs, in round-robin order.
    private var rotation: [Origin] = []
    /// Jobs waiting for their own `notBefore` (retries), checked before each pick.
    private var delayed: [(due: UInt64, origin: Origin, job: Job)] = []
    private(set) var activeCount = 0

    init(concurrency: Int, perOrigin: Int, defaultDelay: UInt64) {
        self.concurrency = max(1, concurrency)
        self.perOrigin = max(1, perOrigin)
        self.defaultDelay = defaultDelay
    }

    /// Number of jobs queued or delayed, not yet started.
    var waitingCount: Int { delayed.count + origins.values.reduce(0) { $0 + $1.queue.count - $1.head } }

    /// Queues a job; it starts no sooner than `notBefore`.
    mutating func enqueue(_ job: Job, origin: Origin, notBefore: UInt64 = 0, now: UInt64) {
        if notBefore > now {
            delayed.append((notBefore, origin, job))
        } else {
            append(job, to: origin)
        }
    }

    /// Raises an origin's minimum delay between request starts (robots.txt Crawl-delay).
    mutating func setDelay(_ delay: UInt64, for origin: Origin) {
        origins[origin, default: OriginState(delay: defaultDelay)].delay = max(defaultDelay, delay)
    }

    /// Holds every request to `origin` until `until` (429 / 503).
    mutating func block(_ origin: Origin, until: UInt64) {
        var state = origins[origin, default: OriginState(delay: defaultDelay)]
        state.blockedUntil = max(state.blockedUntil, until)
        origins[origin] = state
    }

    /// The next job allowed to start at `now`, marking it active; `nil` if none may.
    mutating func next(now: UInt64) -> (origin: Origin, job: Job)? {
        promoteDue(now: now)
        guard activeCount < concurrency else { return nil }
        for offset in rotation.indices {
            let origin = rotation[offset]
            guard let state = origins[origin], state.hasQueued, state.active < perOrigin,
                  state.nextStart() <= now else { continue }
            // Mutated in place (not through a copy) so the queue buffer is never duplicated.
            guard let job = origins[origin]?.start(now: now) else { continue }
            activeCount += 1
            rotation.remove(at: offset)
            if origins[origin]?.hasQueued == true { rotation.append(origin) }
            return (origin, job)
        }
        return nil
    }

    /// Marks one job of `origin` finished.
    mutating func finished(_ origin: Origin) {
        origins[origin]?.active -= 1
        activeCount -= 1
    }

    /// The earliest time a waiting job could start, if one waits on time; `nil` while the
    /// overall cap is reached (only a finishing transfer can free a slot, and that wakes
    /// the driver anyway: returning a past time here would make it spin).
    func nextWake() -> UInt64? {
        guard activeCount < concurrency else { return nil }
        var wake = delayed.map(\.due).min()
        for origin in rotation {
            guard let state = origins[origin], state.active < perOrigin else { continue }
            wake = min(wake ?? .max, state.nextStart())
        }
        return wake
    }

    /// Removes and returns the first waiting job matching `predicate` (cancellation).
    mutating func remove(where predicate: (Job) -> Bool) -> Job? {
        if let index = delayed.firstIndex(where: { predicate($0.job) }) { return delayed.remove(at: index).job }
        for origin in rotation {
            guard let state = origins[origin],
                  let index = state.queue[state.head...].firstIndex(where: predicate) else { continue }
            let job = origins[origin]!.queue.remove(at: index)
            if origins[origin]?.hasQueued != true { rotation.removeAll { $0 == origin } }
            return job
        }
        return nil
    }

    /// Removes and returns every job not yet started (on shutdown).
    mutating func drain() -> [Job] {
        var jobs = delayed.map(\.job)
        for origin in rotation { if let state = origins[origin] { jobs += state.queue[state.head...] } }
        delayed = []
        rotation = []
        for key in origins.keys { origins[key]?.queue = []; origins[key]?.head = 0 }
        return jobs
    }

    private mutating func append(_ job: Job, to origin: Origin) {
        if origins[origin]?.hasQueued != true { rotation.append(origin) }
        origins[origin, default: OriginState(delay: defaultDelay)].queue.append(job)
    }

    private mutating func promoteDue(now: UInt64) {
        guard delayed.contains(where: { $0.due <= now }) else { return }
        let due = delayed.filter { $0.due <= now }
        delayed.removeAll { $0.due <= now }
        for entry in due { append(entry.job, to: entry.origin) }
    }
}

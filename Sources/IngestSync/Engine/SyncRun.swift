import Foundation
import IngestCore

/// One incremental sync pass over every source of a feeds.json.
///
///     let run = SyncRun(config: config, fetcher: fetcher, discoverer: discoverer, extractor: extractor,
///                       clusterer: storyIndex, store: store, options: SyncOptions(force: false))
///     let summary = try await run.run()     // throws only when the store fails
///     print(summary.line)
///
/// Sources are polled concurrently, then every new URL and every known URL due for
/// revalidation is fetched and extracted concurrently; clustering and store writes happen
/// on this one task, as results arrive. Nothing is ever deleted because it left a feed:
/// only a 404 or 410 from the article's own URL deletes a copy.
public final class SyncRun {
    let config: FeedsConfig
    let fetcher: any PageFetching
    let discoverer: any SourceDiscovering
    let extractor: any ArticleExtracting
    let clusterer: any StoryClustering
    let store: any SyncStore
    let options: SyncOptions
    let clock: @Sendable () -> Date
    /// Called on the run's task for each event; keep it quick.
    public var onEvent: ((SyncEvent) -> Void)?

    /// The run's clock reading at the start; every schedule decision uses it.
    var now = Date()
    var summary = SyncSummary(started: Date())
    var sourceIndex: [String: Int] = [:]
    /// URL (or GUID key) → its state, and copy id → the primary state, loaded at the start.
    var states: [String: URLState] = [:]
    var primaryByCopy: [String: URLState] = [:]
    /// Copies already handled this run, so two routes to one article count once.
    var handledCopies: Set<String> = []
    /// The source each new URL was planned for, to credit a copy reached first by a redirect.
    var plannedSource: [String: String] = [:]
    /// Sources whose new URLs failed transiently: re-read in full next run.
    var sourcesToReread: Set<String> = []
    /// Pages handled so far and planned this run, for progress events.
    var pagesDone = 0
    var pagesPlanned = 0

    public init(config: FeedsConfig, fetcher: any PageFetching, discoverer: any SourceDiscovering,
                extractor: any ArticleExtracting, clusterer: any StoryClustering, store: any SyncStore,
                options: SyncOptions = SyncOptions(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.fetcher = fetcher
        self.discoverer = discoverer
        self.extractor = extractor
        self.clusterer = clusterer
        self.store = store
        self.options = options
        self.clock = clock
    }

    /// Runs the pass and saves its summary; throws only store errors (fatal for the run).
    public nonisolated(nonsending) func run() async throws -> SyncSummary {
        now = clock()
        summary = SyncSummary(started: now)
        try loadStates()
        if let sharing = store.sharing {
            try await runShared(sharing)
        } else {
            let polls = await pollSources { _ in true }
            countSourceResults(polls)
            let jobs = planJobs(polls)
            notePlannedSources(jobs)
            pagesPlanned = jobs.count
            onEvent?(.planned(pages: jobs.count))
            try await fetchArticles(jobs)
            try saveSourceStates(polls)
        }
        summary.finish(at: clock())
        summary.exitCode = summary.isPartialFailure ? SyncSummary.partialFailureExitCode : 0
        try store.saveRunSummary(summary)
        return summary
    }

    /// Remembers the source each new URL of `jobs` was planned for (the first one wins).
    func notePlannedSources(_ jobs: [FetchJob]) {
        for job in jobs where job.known == nil && plannedSource[job.url] == nil {
            plannedSource[job.url] = job.source
        }
    }

    func loadStates() throws {
        handledCopies = []
        plannedSource = [:]
        sourcesToReread = []
        pagesDone = 0
        try readStates()
    }

    /// (Re)reads every URL state from the store.
    func readStates() throws {
        states = [:]
        primaryByCopy = [:]
        for state in try store.allURLStates() {
            states[state.url] = state
            if let copy = state.copyID, !state.isAlias { primaryByCopy[copy] = state }
        }
    }

    /// Polls every due source of those `taken` concurrently; sources that are not due get an
    /// empty result. Each source taken gets its line in the summary.
    nonisolated(nonsending) func pollSources(_ taken: (FeedsConfig.Source) -> Bool) async -> [SourcePoll] {
        let poller = SourcePoller(fetcher: fetcher, discoverer: discoverer, options: options,
                                  schedule: config.settings.poll)
        let now = self.now
        var due: [(Int, FeedsConfig.Source, SourceState)] = []
        for (index, source) in config.sources.enumerated() where taken(source) {
            sourceIndex[source.name] = summary.sources.count
            let previous = store.sourceState(named: source.name) ?? SourceState(name: source.name)
            if config.settings.poll.isDue(nextPoll: previous.nextPoll, now: now, force: options.force) {
                due.append((index, source, previous))
                summary.sources.append(SyncSummary.Source(name: source.name))
            } else if let error = previous.lastError {
                // Backing off: still failing as far as anyone knows, reported but not polled,
                // so not a failure of this run (exit 3 is for sources that failed now).
                let until = previous.nextPoll.map { ", next try after \($0.formatted(.iso8601))" } ?? ""
                let message = "backing off (failed polls in a row: \(max(previous.failures, 1)))\(until): \(error)"
                summary.sources.append(SyncSummary.Source(name: source.name, ok: false, error: message, polled: false))
            } else {
                summary.sources.append(SyncSummary.Source(name: source.name, polled: false))
            }
        }
        var results: [(Int, SourcePoll)] = []
        onEvent?(.polling(name: nil, done: 0, total: due.count))
        await withTaskGroup(of: (Int, SourcePoll).self) { group in
            for (index, source, previous) in due {
                group.addTask { (index, await poller.poll(source, previous: previous, now: now)) }
            }
            for await result in group {
                results.append(result)
                onEvent?(.polling(name: result.1.name, done: results.count, total: due.count))
            }
        }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }

    func countSourceResults(_ polls: [SourcePoll]) {
        for poll in polls {
            summary.requests += poll.requests
            summary.bytes += poll.bytes
            if let error = poll.error, let index = sourceIndex[poll.name] {
                summary.sources[index].ok = false
                summary.sources[index].error = error
            }
            onEvent?(.sourcePolled(name: poll.name, entries: poll.entries.count, notModified: poll.notModified,
                                   error: poll.error))
        }
    }

    /// Saved only after every listed page was handled: a run killed earlier leaves the old
    /// validators, so the next run reads the feeds in full instead of getting a 304 and
    /// never seeing the entries this run did not reach. A source with a new URL that failed
    /// transiently is likewise read in full, and at once, next run.
    func saveSourceStates(_ polls: [SourcePoll]) throws {
        for poll in polls {
            var state = poll.state
            if sourcesToReread.contains(poll.name) {
                state.validators = Validators()
                state.children = [:]
                state.nextPoll = nil
            }
            try store.saveSourceState(state)
        }
    }
}

import Foundation
import IngestCore

/// A finished fetch (and extraction, for a 2xx page), handed back to the run's task.
struct FetchOutcome: Sendable {
    var job: FetchJob
    /// The response with its body dropped (the article holds what is needed), unless raw
    /// answers are kept (`SyncOptions.keepRaw`).
    var result: Result<FetchResponse, FetchError>
    var article: Article?
    var bytes: Int
}

/// How `fetchArticles` runs beside other runs on the store (`SyncRun.runShared`).
struct SharedFetching {
    var sharing: any SyncWorkSharing
    /// The next jobs, once all given so far are started and fewer than `moreBelow` are in
    /// flight, so the fetcher would idle (empty: there are no more).
    var more: nonisolated(nonsending) () async throws -> [FetchJob]
    var moreBelow: Int
    /// Called in the section that applied a job's outcome.
    var applied: (FetchJob) throws -> Void
}

/// What the fetch loop wakes up for: a finished page, or the commit timer.
private enum Arrival: Sendable {
    case fetched(Int, FetchOutcome)
    case tick
}

extension SyncRun {
    /// How often the fetch loop lets the store commit by time while pages are in flight, so
    /// pages handled before a slow one do not wait for it (`SyncStore.commitIfDue()`).
    public static let commitTick: Duration = .milliseconds(250)
    /// A shared run's commit waits for the other runs after this many ticks found them
    /// committing, or once this many outcomes are gathered.
    static let waitAfterBusyTicks = 4
    static let sharedBatch = 200

    /// Fetches and extracts the jobs concurrently (at most `maxInFlight` at once) and
    /// applies each outcome to the store as it arrives.
    /// With `inOrder`, outcomes are applied in job order (those that finish early wait): an
    /// archive's pages are then stored in the order of the archive, whatever finishes first.
    /// With `shared` (other runs write to the store too), outcomes are gathered and applied a
    /// batch at a time, on the commit timer, in `SyncWorkSharing.exclusively`: fetches go on
    /// meanwhile, and each batch is decided on the store as the other runs left it. Once every
    /// job is started and the fetcher would idle, `shared.more` gives the next ones (leased
    /// then, not earlier, so that other runs get their share), so the fetcher does not wait
    /// for the slowest origin of a lease.
    nonisolated(nonsending) func fetchArticles(_ jobs: [FetchJob], inOrder: Bool = false,
                                               shared: SharedFetching? = nil) async throws {
        let fetcher = self.fetcher, extractor = self.extractor, keepRaw = options.keepRaw
        var pending = jobs.enumerated().makeIterator()
        var finished: [Int: FetchOutcome] = [:]
        var nextToApply = 0
        var inFlight = 0
        var arrived: [FetchOutcome] = []
        var drained = shared == nil
        var busyTicks = 0
        /// Applies the gathered outcomes in a section; unless `waiting`, only if no other run is
        /// in its section (fetching goes on meanwhile). A run waits after `waitAfterBusyTicks`
        /// busy ticks in a row, or with a batch gathered, so that it is never starved.
        func applyArrived(waiting: Bool = true) throws {
            guard let shared, !arrived.isEmpty else { return }
            func applyAll() throws {
                for outcome in arrived {
                    try apply(outcome)
                    try shared.applied(outcome.job)
                }
            }
            if waiting || busyTicks >= Self.waitAfterBusyTicks || arrived.count >= Self.sharedBatch {
                try shared.sharing.exclusively(applyAll)
            } else if try !shared.sharing.exclusivelyIfFree(applyAll) {
                busyTicks += 1
                return
            }
            busyTicks = 0
            arrived = []
        }
        try await withThrowingTaskGroup(of: Arrival.self) { group in
            func startNext() -> Bool {
                guard let (index, job) = pending.next() else { return false }
                group.addTask { .fetched(index, await Self.perform(job, fetcher: fetcher, extractor: extractor, keepBody: keepRaw)) }
                inFlight += 1
                return true
            }
            func startTimer() {
                // Cancelled when the last page is in: it then returns at once, and no new one starts.
                group.addTask { try? await Task.sleep(for: Self.commitTick); return .tick }
            }
            for _ in 0..<max(1, options.maxInFlight) {
                guard startNext() else { break }
            }
            if inFlight > 0 { startTimer() }
            while let arrival = try await group.next() {
                switch arrival {
                case .tick:
                    if shared != nil { try applyArrived(waiting: false) } else { try store.commitIfDue() }
                    // A cancelled run's timer would return at once: commits then wait for pages.
                    if inFlight > 0 && !Task.isCancelled { startTimer() }
                case .fetched(let index, let outcome):
                    inFlight -= 1
                    if shared != nil {
                        arrived.append(outcome)
                    } else if inOrder {
                        finished[index] = outcome
                        while let ready = finished.removeValue(forKey: nextToApply) {
                            try apply(ready)
                            nextToApply += 1
                        }
                    } else {
                        try apply(outcome)
                    }
                    if !startNext(), !drained, let shared, inFlight < shared.moreBelow {
                        let more = try await shared.more()
                        drained = more.isEmpty
                        pending = more.enumerated().makeIterator()
                        while inFlight < max(1, options.maxInFlight) && startNext() {}
                    }
                    if inFlight == 0 { group.cancelAll() }
                }
            }
        }
        try applyArrived()
    }

    private static func perform(_ job: FetchJob, fetcher: any PageFetching,
                                extractor: any ArticleExtracting, keepBody: Bool) async -> FetchOutcome {
        let request = FetchRequest(url: job.url, etag: job.validators.etag, lastModified: job.validators.lastModified,
                                  allowPrivateAddresses: job.allowPrivate, purpose: .article)
        var result = await fetcher.fetch(request)
        var article: Article?
        var bytes = 0
        if case .success(var response) = result {
            bytes = response.body.count
            if response.isSuccess {
                article = extractor.extract(html: response.body, url: response.finalURL, encoding: response.charset,
                                            contentType: response.headers["content-type"])
            }
            if !keepBody { response.body = [] }
            result = .success(response)
        }
        return FetchOutcome(job: job, result: result, article: article, bytes: bytes)
    }

    /// Executes the `PageDecision` for one outcome.
    private func apply(_ outcome: FetchOutcome) throws {
        summary.requests += 1
        summary.bytes += outcome.bytes
        let job = outcome.job
        let response = try? outcome.result.get()
        switch PageDecision.decide(outcome.result, article: outcome.article) {
        case .retry(let reason):
            failTransiently(job, reason)
        case .skip(let reason, let answered):
            try skip(job, reason, answered: answered)
        case .notModified:
            summary.unchanged += 1
            try markChecked(job, validators: response)
            event(job, .unchanged)
        case .gone(let status):
            try markGone(job, status: status)
        case .article:
            guard let article = outcome.article, let response else { return }
            try store(article, job, response)
        }
    }

    /// Timeouts, DNS, 5xx: nothing is written about the page, so the next run tries again;
    /// for a new URL its source is re-read in full next run (see `saveSourceStates`).
    private func failTransiently(_ job: FetchJob, _ reason: String) {
        if job.known == nil { sourcesToReread.insert(job.source) }
        summary.failed += 1
        summary.report(job.url, reason + " (retried next run)")
        event(job, .failed, reason)
    }

    private func event(_ job: FetchJob, _ outcome: SyncEvent.PageOutcome, _ reason: String? = nil) {
        pagesDone += 1
        onEvent?(.page(url: job.url, outcome: outcome, reason: reason, done: pagesDone, total: pagesPlanned))
    }

    /// A page that is not stored. A new URL is remembered so it is not fetched every run;
    /// a known copy is left exactly as it was.
    private func skip(_ job: FetchJob, _ reason: String, answered: Bool) throws {
        summary.skipped += 1
        summary.report(job.url, reason)
        event(job, .skipped, reason)
        if job.known != nil {
            if answered { try markChecked(job, validators: nil) }
            return
        }
        try save(URLState(url: job.url, copyID: nil, source: job.source, allowPrivateAddresses: job.allowPrivate,
                          firstSeen: now, lastChecked: now))
    }

    /// 304, or an error answer for a known copy: only the check time moves, and the
    /// validators of a 304 (`validators`).
    private func markChecked(_ job: FetchJob, validators response: FetchResponse?) throws {
        guard var state = job.known else { return }
        state.lastChecked = now
        if let response {
            state.etag = response.etag ?? state.etag
            state.lastModified = response.lastModified ?? state.lastModified
        }
        try save(state)
    }

    /// 404/410: executes the `GoneDecision` (the store derives the story's deletion).
    private func markGone(_ job: FetchJob, status: Int) throws {
        let copy = try job.known?.copyID.flatMap { try store.copy(id: $0) }
        switch GoneDecision.decide(known: job.known, copy: copy) {
        case .notStored:
            try skip(job, "HTTP \(status)", answered: true)
        case .alreadyDeleted:
            try saveGone(job)
            event(job, .unchanged, "still HTTP \(status)")
        case .delete(let copyID):
            try saveGone(job)
            try store.markCopyDeleted(id: copyID, at: now)
            clusterer.remove(copyID: copyID)
            count(\.deleted, job.source)
            event(job, .deleted, "HTTP \(status)")
        }
    }

    private func saveGone(_ job: FetchJob) throws {
        guard var state = job.known else { return }
        state.gone = true
        state.lastChecked = now
        try save(state)
    }

    /// A fetched article: a new copy, a new revision of a changed one, or unchanged.
    private func store(_ article: Article, _ job: FetchJob, _ response: FetchResponse) throws {
        // Job URLs are normalised already; only a redirect needs normalising again.
        let finalURL = response.finalURL == job.url ? job.url : CanonicalURL.normalise(response.finalURL) ?? job.url
        var canonical = Self.canonicalURL(declared: article.canonicalURL, finalURL: finalURL)
        var claim: String?
        if canonical != finalURL, !Self.mayClaim(canonical, finalURL: finalURL, storedSource: states[canonical]?.source) {
            // Kept out of identity so it cannot overwrite another site's copy; reported in the event.
            claim = "ignored rel=canonical to another site's URL \(canonical)"
            canonical = finalURL
        }
        let guidKey = job.entry?.guid.map { SyncIdentity.guidKey(source: job.source, guid: $0) }
        let copyID = job.known?.copyID ?? [canonical, finalURL, job.url, guidKey].lazy
            .compactMap { $0.flatMap { self.states[$0]?.copyID } }.first
            ?? SyncIdentity.copyID(canonicalURL: canonical)
        let aliases = [job.url, canonical, guidKey].compactMap { $0 }
        guard handledCopies.insert(copyID).inserted else {
            // The same article reached a second way in this run (another source, a redirect).
            try saveAliases(aliases + [finalURL], of: copyID, primary: primaryByCopy[copyID]?.url ?? finalURL, job: job)
            event(job, .unchanged, "same copy as another URL this run")
            return
        }
        let source = job.known == nil ? creditedSource(job, finalURL: finalURL, canonical: canonical) : job.source
        let hash = clusterer.contentHash(of: article.text)
        let change = CopyChange.decide(existing: try store.copy(id: copyID), contentHash: hash)
        let outcome: SyncEvent.PageOutcome
        if change == .unchanged {
            summary.unchanged += 1
            outcome = .unchanged
        } else {
            let assignment = clusterer.assign(copyID: copyID, text: article.text)
            try store.saveCopy(CopyInput(id: copyID, story: assignment.storyID, url: canonical, source: source,
                                         contentHash: hash, article: article, fetchedAt: response.fetchedAt))
            if options.keepRaw {
                try store.saveRaw(RawAnswer(copyID: copyID, contentHash: hash, requestedURL: job.url, response: response,
                                            fetchedAt: response.fetchedAt ?? now))
            }
            for old in assignment.mergedStoryIDs where old != assignment.storyID {
                try store.addStoryAlias(old, storyID: assignment.storyID)
            }
            if change == .new {
                count(\.new, source)
                if assignment.joinedExistingStory { summary.merged += 1 }
                outcome = assignment.joinedExistingStory ? .joined : .new
            } else {
                count(\.updated, job.source)
                outcome = .updated
            }
        }
        let previous = job.known ?? primaryByCopy[copyID]
        let fetchedAt = response.fetchedAt ?? now
        try save(URLState(
            url: finalURL, copyID: copyID, source: previous?.source ?? source, etag: response.etag,
            lastModified: response.lastModified, allowPrivateAddresses: job.allowPrivate,
            firstSeen: previous?.firstSeen ?? fetchedAt, lastChecked: fetchedAt,
            published: article.metadata.published.flatMap(InternetDate.parse) ?? job.entry?.published ?? previous?.published))
        try saveAliases(aliases + [previous?.url].compactMap { $0 }, of: copyID, primary: finalURL, job: job)
        event(job, outcome, claim)
    }

    /// A new copy is credited to the first configured source that listed any of its URLs: a
    /// redirect from a later source's link may reach it first, and the counts and the stored
    /// source must not depend on which fetch finished first.
    func creditedSource(_ job: FetchJob, finalURL: String, canonical: String) -> String {
        let listing = [job.source] + [finalURL, canonical].compactMap { plannedSource[$0] }
        return listing.min { (sourceIndex[$0] ?? .max) < (sourceIndex[$1] ?? .max) } ?? job.source
    }

    /// The copy's URL: `rel=canonical` when it is a usable http(s) URL, else the final URL.
    /// A canonical naming the site's front page for an inner page is a template bug; ignored.
    static func canonicalURL(declared: String?, finalURL: String) -> String {
        guard let declared = declared.flatMap({ CanonicalURL.resolve($0, against: finalURL) }) else { return finalURL }
        let frontPage = CanonicalURL.httpComponents(declared)?.path ?? "/"
        let page = CanonicalURL.httpComponents(finalURL)?.path ?? "/"
        return (frontPage == "/" || frontPage.isEmpty) && page != "/" ? finalURL : declared
    }

    /// Whether a page fetched from `finalURL` may take `canonical` as its identity: only a
    /// URL of its own site (`SiteIdentity`). A saved file (`file:` URL) has no site; the user
    /// chose it, so its canonical is taken unless a sync source already stores that URL,
    /// which a file must not overwrite (`storedSource` is that URL's source, if stored).
    static func mayClaim(_ canonical: String, finalURL: String, storedSource: String?) -> Bool {
        if SiteIdentity.site(of: finalURL) == nil {
            return storedSource == nil || storedSource == importSource
        }
        return SiteIdentity.sameSite(canonical, finalURL)
    }

    private func saveAliases(_ urls: [String], of copyID: String, primary: String, job: FetchJob) throws {
        for url in Set(urls).sorted() where url != primary && !(states[url]?.isAlias == true && states[url]?.copyID == copyID) {
            try save(URLState(url: url, copyID: copyID, isAlias: true, source: job.source,
                              allowPrivateAddresses: job.allowPrivate, firstSeen: now))
        }
    }

    private func save(_ state: URLState) throws {
        try store.saveURLState(state)
        states[state.url] = state
        if let copy = state.copyID, !state.isAlias { primaryByCopy[copy] = state }
    }

    /// Adds one to a run total and to the source's own counter.
    private func count(_ counter: WritableKeyPath<SyncSummary.Source, Int>, _ source: String) {
        switch counter {
        case \.new: summary.new += 1
        case \.updated: summary.updated += 1
        default: summary.deleted += 1
        }
        if let index = sourceIndex[source] { summary.sources[index][keyPath: counter] += 1 }
    }
}

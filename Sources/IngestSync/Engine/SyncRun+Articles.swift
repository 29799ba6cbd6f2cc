import Foundation
import IngestCore

/// A finished fetch (and extraction, for a 2xx page), handed back to the run's task.
struct FetchOutcome: Sendable {
    var job: FetchJob
    /// The response with its body dropped (the article holds what is needed).
    var result: Result<SyncResponse, SyncFetchError>
    var article: Article?
    var bytes: Int
}

extension SyncRun {
    /// Fetches and extracts the jobs concurrently (at most `maxInFlight` at once) and
    /// applies each outcome to the store as it arrives.
    nonisolated(nonsending) func fetchArticles(_ jobs: [FetchJob]) async throws {
        let fetcher = self.fetcher, extractor = self.extractor
        var pending = jobs.makeIterator()
        try await withThrowingTaskGroup(of: FetchOutcome.self) { group in
            for _ in 0..<max(1, options.maxInFlight) {
                guard let job = pending.next() else { break }
                group.addTask { await Self.perform(job, fetcher: fetcher, extractor: extractor) }
            }
            while let outcome = try await group.next() {
                try apply(outcome)
                if let job = pending.next() {
                    group.addTask { await Self.perform(job, fetcher: fetcher, extractor: extractor) }
                }
            }
        }
    }

    private static func perform(_ job: FetchJob, fetcher: any SyncFetching,
                                extractor: any ArticleExtracting) async -> FetchOutcome {
        let request = SyncRequest(url: job.url, etag: job.validators.etag, lastModified: job.validators.lastModified,
                                  allowPrivateAddresses: job.allowPrivate, purpose: .article)
        var result = await fetcher.fetch(request)
        var article: Article?
        var bytes = 0
        if case .success(var response) = result {
            bytes = response.body.count
            if (200..<300).contains(response.status) {
                article = extractor.extract(html: response.body, url: response.finalURL, encoding: response.charset,
                                            contentType: response.headers["content-type"])
            }
            response.body = []
            result = .success(response)
        }
        return FetchOutcome(job: job, result: result, article: article, bytes: bytes)
    }

    private func apply(_ outcome: FetchOutcome) throws {
        summary.requests += 1
        summary.bytes += outcome.bytes
        let job = outcome.job
        switch outcome.result {
        case .failure(let error) where error.transient:
            failTransiently(job, error.description)
        case .failure(let error):
            try skip(job, error.description, response: nil)
        case .success(let response):
            switch response.status {
            case 304:
                summary.unchanged += 1
                try markChecked(job, response)
                event(job, .unchanged)
            case 404, 410:
                try markGone(job, response)
            case 429, 500...599:
                failTransiently(job, "HTTP \(response.status)")
            case 200..<300:
                guard let article = outcome.article, article.kind == .article else {
                    let reason = outcome.article?.reason.map { "not an article (\($0))" } ?? "not an article"
                    try skip(job, reason, response: response)
                    return
                }
                try store(article, job, response)
            default:
                try skip(job, "HTTP \(response.status)", response: response)
            }
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
    private func skip(_ job: FetchJob, _ reason: String, response: SyncResponse?) throws {
        summary.skipped += 1
        summary.report(job.url, reason)
        event(job, .skipped, reason)
        if job.known != nil {
            if let response { try markChecked(job, response) }
            return
        }
        try save(URLState(url: job.url, copyID: nil, source: job.source, allowPrivateAddresses: job.allowPrivate,
                          firstSeen: now, lastChecked: now))
    }

    /// 304, or an error answer for a known copy: only the check time and validators move.
    private func markChecked(_ job: FetchJob, _ response: SyncResponse) throws {
        guard var state = job.known else { return }
        state.lastChecked = now
        if response.status == 304 {
            state.etag = response.etag ?? state.etag
            state.lastModified = response.lastModified ?? state.lastModified
        }
        try save(state)
    }

    /// 404/410: the copy is deleted, and its story when no copy is left.
    private func markGone(_ job: FetchJob, _ response: SyncResponse) throws {
        guard var state = job.known, let copyID = state.copyID else {
            try skip(job, "HTTP \(response.status)", response: response)
            return
        }
        state.gone = true
        state.lastChecked = now
        try save(state)
        guard let copy = try store.copy(id: copyID), !copy.deleted else {
            event(job, .unchanged, "still HTTP \(response.status)")
            return
        }
        try store.markCopyDeleted(id: copyID, at: now)
        clusterer.remove(copyID: copyID)
        count(\.deleted, job.source)
        event(job, .deleted, "HTTP \(response.status)")
    }

    /// A fetched article: a new copy, a new revision of a changed one, or unchanged.
    private func store(_ article: Article, _ job: FetchJob, _ response: SyncResponse) throws {
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
        let hash = clusterer.contentHash(of: article.text)
        let existing = try store.copy(id: copyID)
        let outcome: SyncEvent.PageOutcome
        if let existing, !existing.deleted, existing.contentHash == hash {
            summary.unchanged += 1
            outcome = .unchanged
        } else {
            let assignment = clusterer.assign(copyID: copyID, text: article.text)
            try store.saveCopyRevision(CopyRevision(
                copyID: copyID, storyID: assignment.storyID, revision: (existing?.revision ?? 0) + 1, url: canonical,
                source: job.source, contentHash: hash, article: article, fetchedAt: now))
            for old in assignment.mergedStoryIDs where old != assignment.storyID {
                try store.addStoryAlias(old, storyID: assignment.storyID)
            }
            if existing == nil {
                count(\.new, job.source)
                if assignment.joinedExistingStory { summary.merged += 1 }
                outcome = assignment.joinedExistingStory ? .joined : .new
            } else {
                count(\.updated, job.source)
                outcome = .updated
            }
        }
        let previous = job.known ?? primaryByCopy[copyID]
        try save(URLState(
            url: finalURL, copyID: copyID, source: previous?.source ?? job.source, etag: response.etag,
            lastModified: response.lastModified, allowPrivateAddresses: job.allowPrivate,
            firstSeen: previous?.firstSeen ?? now, lastChecked: now,
            published: article.published.flatMap(InternetDate.parse) ?? job.entry?.published ?? previous?.published))
        try saveAliases(aliases + [previous?.url].compactMap { $0 }, of: copyID, primary: finalURL, job: job)
        event(job, outcome, claim)
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

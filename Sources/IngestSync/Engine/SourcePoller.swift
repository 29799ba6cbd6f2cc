import Foundation
import IngestCore

/// What polling one source produced.
struct SourcePoll: Sendable {
    var name: String
    var state: SourceState
    var entries: [DiscoveredEntry] = []
    /// Whether links found on this source may lead to private addresses.
    var linksMayBePrivate = false
    var error: String?
    /// The source answered 304: nothing new since the last poll.
    var notModified = false
    var requests = 0
    var bytes = 0
}

/// Polls one source: a conditional GET, discovery, then the announced feed of an HTML
/// homepage or the child sitemaps of an index (bounded). Runs as its own task.
struct SourcePoller: Sendable {
    let fetcher: any PageFetching
    let discoverer: any SourceDiscovering
    let options: SyncOptions
    let schedule: PollSchedule

    /// One GET followed by discovery.
    enum Step: Sendable {
        case notModified(FetchResponse)
        case found(DiscoveryResult, FetchResponse)
        case failed(String, headers: [String: String])
    }

    func poll(_ source: FeedsConfig.Source, previous: SourceState, now: Date) async -> SourcePoll {
        var poll = SourcePoll(name: source.name, state: previous)
        let outcome = await read(source, previous: previous, into: &poll)
        poll.state = outcome.state(after: previous, now: now, schedule: schedule)
        poll.error = outcome.error
        switch outcome {
        case .notModified: poll.notModified = true
        case .failed: break
        case .read:
            if poll.entries.count > options.maxEntriesPerSource {
                poll.entries.removeLast(poll.entries.count - options.maxEntriesPerSource)
            }
        }
        return poll
    }

    /// The fetches and discovery of one poll: the source's URL, then the feed an HTML
    /// homepage announces or the child sitemaps of an index. Entries and traffic go into `poll`.
    private func read(_ source: FeedsConfig.Source, previous: SourceState, into poll: inout SourcePoll) async -> SourceOutcome {
        let url = previous.feedURL ?? source.url
        let step = await discover(url, previous.validators, allowPrivate: Self.mayReachPrivate(url, configured: source.url),
                                  kind: previous.feedURL == nil ? source.kind : .auto, into: &poll)
        var (found, response): (DiscoveryResult, FetchResponse)
        switch step {
        case .notModified(let answer): return .notModified(headers: answer.headers)
        case .failed(let error, let headers): return .failed(error: error, headers: headers)
        case .found(let result, let answer): (found, response) = (result, answer)
        }
        poll.linksMayBePrivate = response.remoteIsPrivate
            ?? AddressPolicy.isNonPublic(host: CanonicalURL.host(of: response.finalURL) ?? "")
        var read = SourceOutcome.Read(validators: Validators(etag: response.etag, lastModified: response.lastModified),
                                      headers: response.headers)
        if previous.feedURL == nil, source.kind == .auto, found.kind == .html, let feed = found.alternateFeeds.first {
            switch await discover(feed, Validators(), allowPrivate: poll.linksMayBePrivate, kind: .auto, into: &poll) {
            case .found(let result, let answer):
                found = result
                read.feedURL = feed
                read.validators = Validators(etag: answer.etag, lastModified: answer.lastModified)
            case .failed(let error, let headers):
                return .failed(error: error, headers: headers, validators: read.validators)
            case .notModified:
                return .failed(error: "\(feed): 304 without a conditional request", headers: [:], validators: read.validators)
            }
        }
        poll.entries = found.entries
        read.timeToLive = found.timeToLive
        read.problem = found.problem.map { "\(url): \($0)" }
        if !found.childSitemaps.isEmpty {
            (read.children, read.childProblems) = await followSitemaps(found.childSitemaps, previous: previous, into: &poll)
        }
        return .read(read)
    }

    /// Fetches child sitemaps level by level (in parallel within a level) within the depth
    /// and count bounds, skipping known children whose `lastmod` is the one their index gave
    /// last time. A publisher's `lastmod` is never compared with our clock: it may be stale,
    /// or in another clock, while the child did change.
    /// Returns the children's validators and the problems of those that could not be read.
    private func followSitemaps(_ top: [SitemapReference], previous: SourceState,
                                into poll: inout SourcePoll) async -> ([String: Validators], [String]) {
        var level = top, depth = 1, budget = options.maxChildSitemaps
        var children: [String: Validators] = [:]
        var problems: [String] = []
        while !level.isEmpty, depth <= options.maxSitemapDepth, budget > 0 {
            var due: [SitemapReference] = []
            for child in level where children[child.url] == nil && !due.contains(where: { $0.url == child.url }) {
                let known = previous.children[child.url]
                if let known, let lastmod = child.lastmod, known.lastmod == lastmod.formatted(.iso8601) {
                    children[child.url] = known
                } else {
                    due.append(child)
                }
            }
            // Newest first, so the budget goes to the sitemaps where new articles are.
            due = Array(due.enumerated().sorted { a, b in
                let (x, y) = (a.element.lastmod ?? .distantPast, b.element.lastmod ?? .distantPast)
                return x != y ? x > y : a.offset < b.offset
            }.map(\.element).prefix(budget))
            budget -= due.count
            let allowPrivate = poll.linksMayBePrivate
            let steps = await withTaskGroup(of: (Int, Step, SourcePoll).self) { group in
                for (index, child) in due.enumerated() {
                    group.addTask {
                        var tally = SourcePoll(name: "", state: previous)
                        let step = await discover(child.url, previous.children[child.url] ?? Validators(),
                                                  allowPrivate: allowPrivate, kind: .sitemap, into: &tally)
                        return (index, step, tally)
                    }
                }
                var steps: [(Int, Step, SourcePoll)] = []
                for await step in group { steps.append(step) }
                return steps.sorted { $0.0 < $1.0 }
            }
            var next: [SitemapReference] = []
            for (index, step, tally) in steps {
                poll.requests += tally.requests
                poll.bytes += tally.bytes
                let url = due[index].url
                let lastmod = due[index].lastmod?.formatted(.iso8601)
                switch step {
                case .notModified:
                    children[url] = previous.children[url]
                    children[url]?.lastmod = lastmod
                case .found(let result, let answer):
                    poll.entries += result.entries
                    next += result.childSitemaps
                    if let problem = result.problem {
                        problems.append("\(url): \(problem)")
                    } else {
                        children[url] = Validators(etag: answer.etag, lastModified: answer.lastModified, lastmod: lastmod)
                    }
                case .failed(let error, _):
                    problems.append(error)
                }
            }
            level = next
            depth += 1
        }
        return (children, problems)
    }

    /// Whether `url`, polled for a source configured as `configured`, may connect to a
    /// non-public address. The configured URL is the user's choice (local and intranet
    /// sources, the tests' loopback sites), and the fetcher refuses any redirect from a
    /// public hop to a private one. A feed a homepage announced (stored as `feedURL`) has
    /// the homepage's policy: private only if the configured host is non-public by its
    /// spelling, or the feed is on that very host.
    static func mayReachPrivate(_ url: String, configured: String) -> Bool {
        guard url != configured else { return true }
        let configuredHost = CanonicalURL.host(of: configured) ?? ""
        return AddressPolicy.isNonPublic(host: configuredHost) || CanonicalURL.host(of: url) == configuredHost
    }

    /// A conditional GET of `url`, then discovery of its body as `kind`.
    private func discover(_ url: String, _ validators: Validators, allowPrivate: Bool, kind: FeedKind,
                          into poll: inout SourcePoll) async -> Step {
        let request = FetchRequest(url: url, etag: validators.etag, lastModified: validators.lastModified,
                                  allowPrivateAddresses: allowPrivate, purpose: .source)
        let result = await fetcher.fetch(request)
        poll.requests += 1
        if case .success(let response) = result { poll.bytes += response.body.count }
        switch SourceAnswer.decide(result, url: url) {
        case .failed(let error, let headers): return .failed(error, headers: headers)
        case .notModified(let response): return .notModified(response)
        case .body(let response):
            do {
                let found = try discoverer.discover(response.body, url: response.finalURL, kind: kind,
                                                    charset: response.charset)
                return .found(found, response)
            } catch {
                return .failed("\(url): \(error.description)", headers: [:])
            }
        }
    }
}

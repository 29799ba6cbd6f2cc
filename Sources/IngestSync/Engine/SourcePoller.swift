import Foundation

/// What polling one source produced.
struct SourcePoll: Sendable {
    var name: String
    var state: SourceState
    var entries: [DiscoveredEntry] = []
    /// Whether links found on this source may lead to private addresses.
    var linksMayBePrivate = false
    var error: String?
    var requests = 0
    var bytes = 0
}

/// Polls one source: a conditional GET, discovery, then the announced feed of an HTML
/// homepage or the child sitemaps of an index (bounded). Runs as its own task.
struct SourcePoller: Sendable {
    let fetcher: any SyncFetching
    let options: SyncOptions

    func poll(_ source: FeedsConfig.Source, previous: SourceState, now: Date) async -> SourcePoll {
        var poll = SourcePoll(name: source.name, state: previous)
        poll.state.lastPolled = now
        let url = previous.feedURL ?? source.url
        // Configured sources are the user's choice, so they may be private (local tests).
        let response: SyncResponse
        switch await get(url, previous.validators, allowPrivate: true, &poll) {
        case .failure(let error):
            return failed(poll, error.description, headers: [:], now: now)
        case .success(let answer) where answer.status == 304:
            poll.state.nextPoll = options.poll.nextPoll(now: now, headers: answer.headers, timeToLive: nil)
            poll.state.lastError = nil
            return poll
        case .success(let answer) where !(200..<300).contains(answer.status):
            if previous.feedURL != nil { poll.state.feedURL = nil }  // rediscover from the homepage
            return failed(poll, "HTTP \(answer.status) from \(url)", headers: answer.headers, now: now)
        case .success(let answer):
            response = answer
        }
        poll.linksMayBePrivate = response.remoteIsPrivate
            ?? PrivateAddress.isPrivate(host: CanonicalURL.host(of: response.finalURL) ?? "")
        poll.state.validators = Validators(etag: response.etag, lastModified: response.lastModified)
        let kind = previous.feedURL == nil ? source.kind : .auto
        var found: DiscoveryResult
        do {
            found = try FeedDiscovery.discover(response.body, url: response.finalURL, kind: kind, inflateLimit: options.inflateLimit)
        } catch {
            return failed(poll, "\(url): \(error.description)", headers: [:], now: now)
        }
        if kind == .auto, found.kind == .html, let feed = found.alternateFeeds.first {
            switch await get(feed, Validators(), allowPrivate: poll.linksMayBePrivate, &poll) {
            case .success(let answer) where (200..<300).contains(answer.status):
                do {
                    found = try FeedDiscovery.discover(answer.body, url: answer.finalURL, kind: .auto, inflateLimit: options.inflateLimit)
                    poll.state.feedURL = feed
                    poll.state.validators = Validators(etag: answer.etag, lastModified: answer.lastModified)
                } catch {
                    return failed(poll, "\(feed): \(error.description)", headers: [:], now: now)
                }
            case .success(let answer):
                return failed(poll, "HTTP \(answer.status) from \(feed)", headers: answer.headers, now: now)
            case .failure(let error):
                return failed(poll, error.description, headers: [:], now: now)
            }
        }
        poll.entries = found.entries
        if !found.childSitemaps.isEmpty {
            await followSitemaps(found.childSitemaps, previous: previous, into: &poll)
        }
        if poll.entries.count > options.maxEntriesPerSource {
            poll.entries.removeLast(poll.entries.count - options.maxEntriesPerSource)
        }
        poll.state.nextPoll = options.poll.nextPoll(now: now, headers: response.headers, timeToLive: found.timeToLive)
        poll.state.lastError = poll.error
        return poll
    }

    /// Fetches child sitemaps breadth-first within the depth and count bounds, skipping
    /// children whose `lastmod` predates the previous poll and revalidating the rest.
    private func followSitemaps(_ top: [SitemapReference], previous: SourceState, into poll: inout SourcePoll) async {
        var level = top, depth = 1, fetched = 0
        var children: [String: Validators] = [:]
        var problems: [String] = []
        while !level.isEmpty, depth <= options.maxSitemapDepth {
            var next: [SitemapReference] = []
            for child in level {
                let known = previous.children[child.url]
                if let known, let lastmod = child.lastmod, let polled = previous.lastPolled, lastmod < polled {
                    children[child.url] = known
                    continue
                }
                guard fetched < options.maxChildSitemaps else { break }
                fetched += 1
                switch await get(child.url, known ?? Validators(), allowPrivate: poll.linksMayBePrivate, &poll) {
                case .failure(let error):
                    problems.append(error.description)
                case .success(let answer) where answer.status == 304:
                    children[child.url] = known
                case .success(let answer) where !(200..<300).contains(answer.status):
                    problems.append("HTTP \(answer.status) from \(child.url)")
                case .success(let answer):
                    children[child.url] = Validators(etag: answer.etag, lastModified: answer.lastModified)
                    do {
                        let found = try FeedDiscovery.discover(answer.body, url: answer.finalURL, kind: .sitemap,
                                                               inflateLimit: options.inflateLimit)
                        poll.entries += found.entries
                        next += found.childSitemaps
                    } catch {
                        problems.append("\(child.url): \(error.description)")
                    }
                }
            }
            level = next
            depth += 1
        }
        poll.state.children = children
        if !problems.isEmpty { poll.error = problems.joined(separator: "; ") }
    }

    private func get(_ url: String, _ validators: Validators, allowPrivate: Bool,
                     _ poll: inout SourcePoll) async -> Result<SyncResponse, SyncFetchError> {
        let request = SyncRequest(url: url, etag: validators.etag, lastModified: validators.lastModified,
                                  allowPrivateAddresses: allowPrivate, purpose: .source)
        let result = await fetcher.fetch(request)
        poll.requests += 1
        if case .success(let response) = result { poll.bytes += response.body.count }
        return result
    }

    private func failed(_ poll: SourcePoll, _ error: String, headers: [String: String], now: Date) -> SourcePoll {
        var poll = poll
        poll.error = error
        poll.entries = []
        poll.state.lastError = error
        poll.state.nextPoll = options.poll.nextPollAfterFailure(now: now, headers: headers)
        return poll
    }
}

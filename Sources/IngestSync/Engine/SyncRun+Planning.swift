import Foundation
import IngestCore

/// One article URL to fetch this run.
struct FetchJob: Sendable {
    var url: String
    var source: String
    var validators: Validators
    var allowPrivate: Bool
    /// The primary state of the known copy being revalidated; `nil` for a new URL.
    var known: URLState?
    /// The feed entry that listed it, if any.
    var entry: DiscoveredEntry?
    /// Which lease of a shared run (`runShared`) it belongs to.
    var lease = 0
}

extension SyncRun {
    /// New URLs from the feeds (each once, first source wins), then known copies due for
    /// revalidation, whether or not a feed still lists them (of those `revalidating` takes).
    func planJobs(_ polls: [SourcePoll], revalidating: (URLState) -> Bool = { _ in true }) -> [FetchJob] {
        var jobs: [FetchJob] = []
        var planned: Set<String> = []
        for poll in polls {
            for entry in poll.entries {
                guard planned.insert(entry.url).inserted else { continue }
                guard let state = states[entry.url] else {
                    // A new URL, or a known feed GUID under a new URL: the same copy moved.
                    let guidKey = entry.guid.map { SyncIdentity.guidKey(source: poll.name, guid: $0) }
                    let moved = guidKey.flatMap { states[$0]?.copyID }.flatMap { primaryByCopy[$0] }
                    if let moved, !planned.insert("copy:" + (moved.copyID ?? "")).inserted { continue }
                    jobs.append(FetchJob(url: entry.url, source: poll.name, validators: Validators(),
                                         allowPrivate: poll.linksMayBePrivate, known: moved, entry: entry))
                    continue
                }
                guard let copy = state.copyID else {
                    // Fetched before but not stored (not an article, refused, gone): tried
                    // again only as rarely as the oldest articles are revalidated.
                    if let last = state.lastChecked,
                       now.timeIntervalSince(last) >= config.settings.revalidation.oldestInterval - config.settings.revalidation.slack {
                        jobs.append(FetchJob(url: entry.url, source: poll.name, validators: Validators(),
                                             allowPrivate: poll.linksMayBePrivate, entry: entry))
                    }
                    continue
                }
                guard let primary = primaryByCopy[copy], planned.insert("copy:" + copy).inserted else { continue }
                if let job = revalidation(of: primary, entry: entry) {
                    jobs.append(job)
                } else if !primary.gone {
                    summary.unchanged += 1
                }
            }
        }
        for (copy, primary) in primaryByCopy.sorted(by: { $0.key < $1.key })
        where !planned.contains("copy:" + copy) && revalidating(primary) {
            if let job = revalidation(of: primary, entry: nil) { jobs.append(job) }
        }
        return Self.interleavedByHost(jobs)
    }

    /// The jobs taken round-robin across hosts, each host's in its own order: the engine
    /// keeps a bounded number of fetches in flight, and if they all went to one host the
    /// fetcher's per-host politeness would leave every other host idle.
    static func interleavedByHost(_ jobs: [FetchJob]) -> [FetchJob] {
        var queues: [Substring: [FetchJob]] = [:]
        var hosts: [Substring] = []
        for job in jobs {
            let host = Self.authority(of: job.url)
            if queues[host] == nil { hosts.append(host) }
            queues[host, default: []].append(job)
        }
        var result: [FetchJob] = []
        result.reserveCapacity(jobs.count)
        var round = 0
        while !hosts.isEmpty {
            for host in hosts { result.append(queues[host]![round]) }
            round += 1
            hosts.removeAll { queues[$0]!.count <= round }  // so a long tail costs no empty rounds
        }
        return result
    }

    /// `host[:port]` of a normalised URL, by plain string search (this runs for every job).
    static func authority(of url: String) -> Substring {
        guard let start = url.range(of: "://")?.upperBound else { return Substring(url) }
        let rest = url[start...]
        return rest[..<(rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex)]
    }

    /// A conditional GET of a known copy when the schedule says so, when its feed entry
    /// carries a date newer than the last check, or always with `revalidateAll`. A deleted
    /// copy is checked again only while a feed still lists it (a 200 then revives it).
    private func revalidation(of primary: URLState, entry: DiscoveredEntry?) -> FetchJob? {
        guard let lastChecked = primary.lastChecked, !primary.gone || entry != nil else { return nil }
        let hinted = entry?.newestDate.map { $0 > lastChecked } ?? false
        let born = primary.published ?? primary.firstSeen
        guard options.revalidateAll || hinted || config.settings.revalidation.isDue(born: born, lastChecked: lastChecked, now: now)
        else { return nil }
        return FetchJob(url: primary.url, source: primary.source,
                        validators: Validators(etag: primary.etag, lastModified: primary.lastModified),
                        allowPrivate: primary.allowPrivateAddresses, known: primary, entry: entry)
    }
}

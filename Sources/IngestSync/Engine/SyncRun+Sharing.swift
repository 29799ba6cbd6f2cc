import Foundation
import IngestCore

extension SyncRun {
    /// One round shared with other runs (`SyncWorkSharing`): lease a few origins, poll their
    /// sources, fetch their new and due URLs; once all of them are started, lease more, and so
    /// on until no origin is left. A lease's source states are saved, and its origins marked
    /// done, in the section that applies its last page. The summary covers this run's origins.
    nonisolated(nonsending) func runShared(_ sharing: any SyncWorkSharing) async throws {
        let origins = sharedOrigins()
        // Enough origins at once to fill the fetcher: each takes `perHostConcurrency` of its `concurrency`.
        let perOrigin = max(1, config.settings.perHostConcurrency)
        let limit = max(1, (config.settings.concurrency + perOrigin - 1) / perOrigin)
        var leases: [Int: (origins: [String], polls: [SourcePoll], left: Int)] = [:]
        var nextLease = 0

        func done(_ lease: Int) throws {
            guard let finished = leases.removeValue(forKey: lease) else { return }
            try saveSourceStates(finished.polls)
            try sharing.finish(finished.origins)
        }
        /// The jobs of the next lease that has any (leases with nothing to fetch are done at once).
        nonisolated(nonsending) func more() async throws -> [FetchJob] {
            while true {
                let leased = try sharing.claim(origins, limit: limit)
                if leased.isEmpty { return [] }
                let taken = Set(leased), lease = nextLease
                nextLease += 1
                // What other runs stored about these origins before they were leased.
                try sharing.exclusively { try readStates() }
                let polls = await pollSources { taken.contains(Self.origin(of: $0.url)) }
                countSourceResults(polls)
                var jobs = planJobs(polls) { taken.contains(Self.origin(of: $0.url)) }
                for index in jobs.indices { jobs[index].lease = lease }
                notePlannedSources(jobs)
                leases[lease] = (leased, polls, jobs.count)
                if jobs.isEmpty {
                    try done(lease)
                    continue
                }
                pagesPlanned += jobs.count
                onEvent?(.planned(pages: pagesPlanned))
                return jobs
            }
        }
        let shared = SharedFetching(sharing: sharing, more: more, moreBelow: max(1, config.settings.concurrency)) { job in
            leases[job.lease]?.left -= 1
            if leases[job.lease]?.left == 0 { try done(job.lease) }
        }
        try await fetchArticles(try await more(), shared: shared)
    }

    /// The origins of the sources and of every known copy: a copy no source lists any more is
    /// revalidated by the run that leases its origin.
    func sharedOrigins() -> [String] {
        var origins = Set(config.sources.map { Self.origin(of: $0.url) })
        for primary in primaryByCopy.values { origins.insert(Self.origin(of: primary.url)) }
        return origins.sorted()
    }

    /// The lease key of a URL: its `host[:port]`, lower-cased.
    static func origin(of url: String) -> String { authority(of: url).lowercased() }
}

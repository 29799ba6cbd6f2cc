import Foundation
import IngestCore

/// What one GET of a source URL answered, decided from the fetch result alone before its
/// body is discovered. `SourceDecisionTests` pins every branch as a table.
enum SourceAnswer: Sendable, Equatable {
    /// 304: nothing new since the validators sent.
    case notModified(FetchResponse)
    /// A 2xx: its body is discovered next.
    case body(FetchResponse)
    /// No response, or a status that is neither; `headers` may carry a `Retry-After`.
    case failed(String, headers: [String: String])

    static func decide(_ result: Result<FetchResponse, FetchError>, url: String) -> SourceAnswer {
        switch result {
        case .failure(let error):
            // The real fetcher's messages already end with the URL.
            return .failed(error.description.contains(url) ? error.description : "\(url): \(error.description)", headers: [:])
        case .success(let response):
            if response.status == 304 { return .notModified(response) }
            guard (200..<300).contains(response.status) else {
                return .failed("HTTP \(response.status) from \(url)", headers: response.headers)
            }
            return .body(response)
        }
    }
}

/// How a source poll ended, as a pure value: `state(after:)` turns it and the source's
/// previous state into the state to remember (validators, the announced feed, child
/// sitemaps, the error, the next poll), which `SourcePoller` (the thin driver) returns and
/// `SyncRun` saves. After `PageDecision` and async-http-client's state machines.
enum SourceOutcome: Sendable, Equatable {
    /// The polled URL answered 304: the error clears, the caching hints set the next poll.
    case notModified(headers: [String: String])
    /// The poll failed. An announced feed is forgotten (rediscovered from the homepage next
    /// time); `validators` are those the poll learned before failing (nil: the previous ones
    /// stay); only `Retry-After` in `headers` delays the next try.
    case failed(error: String, headers: [String: String], validators: Validators? = nil)
    /// The source was read.
    case read(Read)

    struct Read: Sendable, Equatable {
        /// Validators of the URL whose entries were read.
        var validators: Validators
        /// The feed a homepage announced and that was read instead (nil: the previous one stays).
        var feedURL: String?
        /// Validators of the child sitemaps (nil: the source listed none; the previous stay).
        var children: [String: Validators]?
        /// The read body was cut off or malformed: its validators are dropped, so the next run
        /// reads it in full instead of revalidating it into a 304.
        var problem: String?
        /// Child sitemaps that could not be read.
        var childProblems: [String] = []
        /// Response headers of the polled URL and the feed's own hint (RSS `<ttl>`).
        var headers: [String: String] = [:]
        var timeToLive: TimeInterval?
    }

    /// The error the source reports for this poll (nil: none).
    var error: String? {
        switch self {
        case .notModified: return nil
        case .failed(let error, _, _): return error
        case .read(let read):
            let problems = [read.problem].compactMap { $0 } + read.childProblems
            return problems.isEmpty ? nil : problems.joined(separator: "; ")
        }
    }

    /// The state to remember after polling, at `now`, a source whose state was `previous`.
    /// Any poll with an error counts as a failure: it starts or extends `failingSince` and
    /// backs the source off; a poll without one clears both.
    func state(after previous: SourceState, now: Date, schedule: PollSchedule) -> SourceState {
        var state = previous
        state.lastPolled = now
        state.lastError = error
        let failures = error == nil ? 0 : previous.failures + 1
        state.failures = failures
        state.failingSince = failures == 0 ? nil : previous.failingSince ?? now
        let afterFailure = { (headers: [String: String]) in
            schedule.nextPollAfterFailure(now: now, headers: headers, failures: failures)
        }
        switch self {
        case .notModified(let headers):
            state.nextPoll = schedule.nextPoll(now: now, headers: headers, timeToLive: nil)
        case .failed(_, let headers, let validators):
            state.feedURL = nil
            if let validators { state.validators = validators }
            state.nextPoll = afterFailure(headers)
        case .read(let read):
            state.validators = read.problem == nil ? read.validators : Validators()
            if let feedURL = read.feedURL { state.feedURL = feedURL }
            if let children = read.children { state.children = children }
            state.nextPoll = error != nil ? afterFailure(read.headers)
                : schedule.nextPoll(now: now, headers: read.headers, timeToLive: read.timeToLive)
        }
        return state
    }
}

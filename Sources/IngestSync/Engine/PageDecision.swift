import IngestCore

/// What one fetched article page means, decided from the fetch result alone before anything
/// is written: pure values that `SyncRun` (the thin driver) executes, after async-http-client's
/// state machines. `PageDecisionTests` pins every branch as a table.
enum PageDecision: Sendable, Equatable {
    /// Timeouts, DNS failures, 429, 5xx: nothing is written and the page is retried next run.
    case retry(reason: String)
    /// Refused, not an article, or a status that means neither: not stored. A new URL is
    /// remembered so it is not fetched every run; a known copy only moves its check time
    /// when a server answered (`answered`).
    case skip(reason: String, answered: Bool)
    /// 304: the known copy is unchanged; its check time and validators move.
    case notModified
    /// 404 or 410 from the article's own URL (`GoneDecision` says what it deletes).
    case gone(status: Int)
    /// A 2xx page the extractor took for an article (`CopyChange` says new, revision or unchanged).
    case article

    /// The decision for a fetch `result` and, for a 2xx, what the extractor made of it.
    static func decide(_ result: Result<FetchResponse, FetchError>, article: Article?) -> PageDecision {
        switch result {
        case .failure(let error) where error.isTransient: return .retry(reason: error.description)
        case .failure(let error): return .skip(reason: error.description, answered: false)
        case .success(let response):
            switch response.status {
            case 304: return .notModified
            case 404, 410: return .gone(status: response.status)
            case 429, 500...599: return .retry(reason: "HTTP \(response.status)")
            case 200..<300:
                guard let article, article.kind == .article else {
                    return .skip(reason: article?.reason.map { "not an article (\($0))" } ?? "not an article", answered: true)
                }
                return .article
            default: return .skip(reason: "HTTP \(response.status)", answered: true)
            }
        }
    }
}

/// What a 404 or 410 does: deletes the copy a known URL holds, once.
enum GoneDecision: Sendable, Equatable {
    /// The URL never held a copy: skipped like any other error status.
    case notStored
    /// The copy is already deleted (or no longer stored): the URL state records the check.
    case alreadyDeleted
    /// The copy is deleted now.
    case delete(copyID: String)

    /// The decision for the URL's known state and the copy it names (looked up by the driver).
    static func decide(known: URLState?, copy: StoredCopy?) -> GoneDecision {
        guard let copyID = known?.copyID else { return .notStored }
        guard let copy, !copy.deleted else { return .alreadyDeleted }
        return .delete(copyID: copyID)
    }
}

/// Whether a fetched article is a new copy, a new revision of a stored one, or unchanged;
/// the store numbers the revisions it appends.
enum CopyChange: Sendable, Equatable {
    case new, revision, unchanged

    /// The change for the stored copy (nil: none) and the new text's content hash. A deleted
    /// copy that answers again is revived by a revision, even with the same text.
    static func decide(existing: StoredCopy?, contentHash: String) -> CopyChange {
        guard let existing else { return .new }
        return !existing.deleted && existing.contentHash == contentHash ? .unchanged : .revision
    }
}

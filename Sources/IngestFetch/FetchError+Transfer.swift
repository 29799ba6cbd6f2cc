import IngestCore
import CCurl

extension FetchError {
    /// A transport failure and whether retrying may help.
    struct Failure: Error {
        let error: FetchError
        let transient: Bool
    }

    /// The HTTP status of a completed attempt, or the failure it ended in (`limit`: the body cap).
    static func classify(_ result: TransferResult, limit: Int) -> Result<Int, Failure> {
        if let kind = result.forbidden {
            return .failure(Failure(error: .forbiddenAddress(url: result.url, address: kind), transient: false))
        }
        if result.tooLarge || result.curlCode == Int(CURLE_FILESIZE_EXCEEDED.rawValue) {
            return .failure(Failure(error: .tooLarge(url: result.url, limit: limit), transient: false))
        }
        if result.curlCode == 0 {
            // Only a final 2xx has a page to judge: redirects and errors carry no story.
            if (200...299).contains(result.status), TruncatedBody.stopsMidElement(body: result.body, headers: result.headers) {
                return .failure(Failure(error: .truncated(url: result.url, received: result.body.count,
                                                          announced: result.body.count), transient: true))
            }
            return .success(result.status)
        }
        if result.curlCode == -1 { return .failure(Failure(error: .shutDown, transient: false)) }
        if result.curlCode == -2 { return .failure(Failure(error: .cancelled, transient: false)) }
        let code = CURLcode(rawValue: UInt32(result.curlCode))
        if code == CURLE_OPERATION_TIMEDOUT {
            return .failure(Failure(error: .timeout(url: result.url, message: result.curlMessage), transient: true))
        }
        if code == CURLE_PARTIAL_FILE {
            return .failure(Failure(error: .truncated(url: result.url, received: result.body.count,
                                                      announced: TruncatedBody.announcedLength(result.headers)),
                                    transient: true))
        }
        let transient = [CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
                         CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3].contains(code)
        return .failure(Failure(error: .transport(url: result.url, code: result.curlCode, message: result.curlMessage),
                                transient: transient))
    }
}

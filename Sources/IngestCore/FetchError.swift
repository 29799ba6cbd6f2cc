/// Why a fetch got no HTTP answer, or was refused; `description` is a sentence for logs and
/// status output. Any answer a server gave, whatever its status, is a `FetchResponse`.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// robots.txt of the origin disallows the URL; nothing was fetched.
    case disallowedByRobots(url: String)
    /// Not an absolute http(s) URL we can parse.
    case invalidURL(String)
    /// A scheme other than http or https (also as a redirect target).
    case unsupportedScheme(String, url: String)
    /// The host resolved to a loopback, private or link-local address and the request did not allow that.
    case forbiddenAddress(url: String, address: AddressClass)
    /// A hop answered from a public address redirected to a non-public one.
    case redirectToPrivate(from: String, to: String, address: AddressClass)
    /// The body exceeded `maxPageBytes` (after decompression).
    case tooLarge(url: String, limit: Int)
    /// The body is not all there: the connection closed before the announced `Content-Length`
    /// (`announced` bytes, `received` came), or an HTML page stops mid-element exactly at a
    /// `Content-Length` shorter than what the server sent (`announced == received`). Never
    /// stored; retried like a network error.
    case truncated(url: String, received: Int, announced: Int?)
    /// More than `maxRedirects` hops.
    case tooManyRedirects(url: String, limit: Int)
    /// A redirect pointed back to a URL already visited.
    case redirectLoop(url: String)
    /// The connect, total or low-speed timeout hit.
    case timeout(url: String, message: String)
    /// A local source (a saved file, an archive batch) has no readable page at `url`;
    /// `reason` says why ("no such file", "is a directory", "not in the archive").
    case unreadable(url: String, reason: String)
    /// Any other transport failure, with curl's message.
    case transport(url: String, code: Int, message: String)
    /// The fetcher was shut down before this fetch finished.
    case shutDown
    /// The calling task was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .disallowedByRobots(let url): return "disallowed by robots.txt: \(url)"
        case .invalidURL(let url): return "not a valid http(s) URL: \(url)"
        case .unsupportedScheme(let scheme, let url): return "unsupported scheme \"\(scheme)\" (only http and https): \(url)"
        case .forbiddenAddress(let url, let kind):
            return "refused to connect to a \(kind.label) address for a link from a public source: \(url)"
        case .redirectToPrivate(let from, let to, let kind):
            return "refused a redirect from a public address to a \(kind.label) address: \(from) -> \(to)"
        case .tooLarge(let url, let limit): return "page larger than the \(limit)-byte limit: \(url)"
        case .truncated(let url, let received, let announced):
            switch announced {
            case received?: return "truncated page: the HTML stops mid-element at its Content-Length of \(received) bytes: \(url)"
            case let announced?: return "truncated body: the connection closed after \(received) of \(announced) announced bytes: \(url)"
            case nil: return "truncated body: the connection closed before the announced end of the body: \(url)"
            }
        case .tooManyRedirects(let url, let limit): return "more than \(limit) redirects: \(url)"
        case .redirectLoop(let url): return "redirect loop back to \(url)"
        case .timeout(let url, let message): return "timed out (\(message)): \(url)"
        case .unreadable(_, let reason): return reason
        case .transport(let url, let code, let message): return "network error (curl \(code): \(message)): \(url)"
        case .shutDown: return "the fetcher was shut down"
        case .cancelled: return "the fetch was cancelled"
        }
    }

    /// Network trouble that may pass by the next run (timeouts, resets, truncation, a fetcher
    /// shut down or cancelled): retried, never a deletion. Refusals (robots, size, address,
    /// redirects, scheme, a missing file) will not pass.
    public var isTransient: Bool {
        switch self {
        case .timeout, .transport, .truncated, .shutDown, .cancelled: true
        default: false
        }
    }
}

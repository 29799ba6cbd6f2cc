import CCurl
import IngestCore
#if canImport(Glibc)
import Glibc
#endif

/// What the driver needs to run one HTTP GET.
struct TransferJob: Sendable {
    /// Unique per attempt, for cancellation.
    let id: UInt64
    let url: String
    /// Extra request lines such as `If-None-Match: "x"`.
    let headers: [String]
    let allowPrivateAddresses: Bool
    let completion: @Sendable (TransferResult) -> Void
}

/// The outcome of one attempt, before retry and redirect decisions.
struct TransferResult: Sendable {
    var url: String
    var curlCode = 0
    var curlMessage = ""
    var status = 0
    var headers: [String: String] = [:]
    /// The answer's status line and header lines as curl delivered them, through the empty
    /// line that ends them (an interim 1xx answer's replaced by the final one's; trailers not).
    var head: [UInt8] = []
    /// The request head as curl sent it (request line and header lines, through the empty line).
    var requestHead: [UInt8] = []
    var body: [UInt8] = []
    var remoteIP: String?
    /// Set when the address policy refused the connection.
    var forbidden: AddressClass?
    /// Set when the body went over the cap.
    var tooLarge = false

    /// The result of a job cancelled before it finished.
    static func cancelled(_ url: String) -> TransferResult {
        TransferResult(url: url, curlCode: -2, curlMessage: "cancelled")
    }
}

/// One easy handle and everything curl's callbacks write into; the one owner of the
/// handle, its header list and its error buffer, all freed in `deinit`. Touched only on
/// the driver thread.
final class Transfer {
    let easy: UnsafeMutableRawPointer
    let job: TransferJob
    let origin: Origin
    private let limit: Int
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private(set) var result: TransferResult
    /// The empty line after the headers came: later header lines are trailers, not the head.
    private var headEnded = false

    init?(job: TransferJob, origin: Origin, settings: FetchSettings) {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.job = job
        self.origin = origin
        self.limit = settings.maxPageBytes
        self.result = TransferResult(url: job.url)
        errorBuffer.initialize(to: 0)
        configure(settings)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Fills in curl's verdict and what curl knows about the connection.
    func complete(code: CURLcode) -> TransferResult {
        result.curlCode = Int(code.rawValue)
        if code != CURLE_OK {
            let detail = String(cString: errorBuffer)
            result.curlMessage = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        }
        var status = 0
        if ingest_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK, status > 0 {
            result.status = status
        }
        var ip: UnsafeMutablePointer<CChar>?
        if ingest_curl_easy_getinfo_string(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK, let ip, ip.pointee != 0 {
            result.remoteIP = String(cString: ip)
        }
        return result
    }

    private func configure(_ settings: FetchSettings) {
        ingest_curl_easy_setopt_string(easy, CURLOPT_URL, job.url)
        ingest_curl_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        ingest_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)  // hops are followed by Fetcher, each checked
        ingest_curl_easy_setopt_string(easy, CURLOPT_USERAGENT, settings.userAgent)
        ingest_curl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")  // every encoding this libcurl decodes
        ingest_curl_easy_setopt_string(easy, CURLOPT_PROXY, "")  // ignore *_proxy variables: we check the peer address
        ingest_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        ingest_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout))
        ingest_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds(settings.timeout))
        ingest_curl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedLimit)
        ingest_curl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, settings.lowSpeedTime)
        // Rejects an announced Content-Length early; the write callback enforces the rest.
        ingest_curl_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(settings.maxPageBytes))
        ingest_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        // The curl tool's receive buffer size: 6x fewer callbacks and reads than the 16 KiB default.
        ingest_curl_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 100 * 1024)
        for line in job.headers { headerList = curl_slist_append(headerList, line) }
        if let headerList { ingest_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList) }

        let me = Unmanaged.passUnretained(self).toOpaque()
        ingest_curl_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, Transfer.onBody)
        ingest_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me)
        ingest_curl_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, Transfer.onHeader)
        ingest_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me)
        // curl tells what it sent only to a debug callback, which VERBOSE turns on (its text
        // then goes to the callback, which drops it, never to stderr): kept raw answers record
        // the request headers actually sent.
        ingest_curl_easy_setopt_debug_callback(easy, CURLOPT_DEBUGFUNCTION, Transfer.onDebug)
        ingest_curl_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, me)
        ingest_curl_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        if !job.allowPrivateAddresses {
            ingest_curl_easy_setopt_opensocket_callback(easy, CURLOPT_OPENSOCKETFUNCTION, Transfer.onOpenSocket)
            ingest_curl_easy_setopt_pointer(easy, CURLOPT_OPENSOCKETDATA, me)
            // A reused connection opens no socket: the pre-request hook checks the peer of
            // every request. The shim has no typed setter for it; a C function pointer
            // passes through curl's varargs like a data pointer on every ABI we build for.
            ingest_curl_easy_setopt_pointer(easy, CURLOPT_PREREQFUNCTION, unsafeBitCast(Transfer.onPrerequest, to: UnsafeMutableRawPointer.self))
            ingest_curl_easy_setopt_pointer(easy, CURLOPT_PREREQDATA, me)
        }
    }

    private func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    private static func from(_ pointer: UnsafeMutableRawPointer?) -> Transfer {
        Unmanaged<Transfer>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Appends body bytes (already decompressed); a short count makes curl abort once the cap is passed.
    private static let onBody: curl_write_callback = { data, size, count, context in
        let transfer = from(context)
        let length = size * count
        guard transfer.result.body.count + length <= transfer.limit else {
            transfer.result.tooLarge = true
            return 0
        }
        if let data {
            data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                transfer.result.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
            }
        }
        return length
    }

    /// Collects header lines; a status line starts a fresh set (interim 1xx answers).
    private static let onHeader: curl_write_callback = { data, size, count, context in
        let length = size * count
        guard let data else { return length }
        let line = UnsafeRawBufferPointer(start: data, count: length)
        from(context).addHeader(line)
        return length
    }

    /// Keeps the request head curl sent; its other reports (text, data) are dropped.
    private static let onDebug: curl_debug_callback = { _, type, data, size, context in
        guard type == CURLINFO_HEADER_OUT, let data else { return 0 }
        from(context).addRequestHead(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    /// Appends to the request head; a head sent again (curl retrying on a connection that
    /// died) replaces the first.
    private func addRequestHead(_ bytes: UnsafeRawBufferPointer) {
        if result.requestHead.suffix(4).elementsEqual("\r\n\r\n".utf8) { result.requestHead = [] }
        result.requestHead.append(contentsOf: bytes)
    }

    /// Keeps the line in the raw head and parses a `Name: value` line on its bytes (names
    /// lower-cased; repeats joined by ", ").
    private func addHeader(_ line: UnsafeRawBufferPointer) {
        if line.starts(with: "HTTP/".utf8) {
            result.headers = [:]
            result.head = Array(line)
            headEnded = false
            return
        }
        if !headEnded {
            result.head.append(contentsOf: line)
            headEnded = line.allSatisfy { $0 == 0x0D || $0 == 0x0A }
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: line[..<colon].lazy.map(\.asciiLowercased), as: UTF8.self).trimmingASCIIWhitespace()
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
        if name == "content-length", let announced = Int(value), result.body.isEmpty {
            result.body.reserveCapacity(min(announced, limit))  // one allocation, no regrowth
        }
        if let previous = result.headers[name] {
            result.headers[name] = previous + ", " + value
        } else {
            result.headers[name] = value
        }
    }

    /// Refuses to open a socket to a non-public address (checked after DNS, so rebinding
    /// cannot sneak past); otherwise opens it as curl would.
    private static let onOpenSocket: curl_opensocket_callback = { context, _, address in
        guard let address else { return -1 }
        let kind = withUnsafePointer(to: &address.pointee.addr) { AddressPolicy.classify($0) }
        guard kind.isPublic else {
            from(context).result.forbidden = kind
            return -1  // CURL_SOCKET_BAD
        }
        let fd = socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    /// Aborts before the request is sent when the connected peer is not public.
    private static let onPrerequest: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32 = { context, ip, _, _, _ in
        let kind = ip.flatMap { AddressPolicy.classify(ipAddress: String(cString: $0)) } ?? .reserved
        guard kind.isPublic else {
            from(context).result.forbidden = kind
            return 1  // CURL_PREREQFUNC_ABORT
        }
        return 0  // CURL_PREREQFUNC_OK
    }
}

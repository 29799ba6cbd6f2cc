import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An in-process HTTP/1.1 server on 127.0.0.1 for tests: one or several ports ("sites"),
/// routes set at any time, every request recorded. POSIX sockets, a thread per connection,
/// keep-alive. Bounded: at most `maxConnections` connections, 64 KiB of request head,
/// 10 s idle, the last 100,000 requests recorded; ended connection threads are joined as
/// it goes. Call `stop()`: it closes every socket and joins every thread (the threads
/// hold the server, so it is not freed while serving).
///
///     let server = try LoopbackServer(sites: 2)
///     server.route("/a") { _ in .text("<p>hi</p>") }
///     server.route("/slow", site: 1) { _ in .text("late").delayed(by: .seconds(2)) }
///     let url = server.url("/a")            // http://127.0.0.1:PORT/a
///     server.requests("/a").count           // 1 after a fetch
///     server.stop()
///
/// `@unchecked Sendable`: all mutable state is in `state`, only touched under `lock`;
/// sockets and the wake pipe are fixed after init.
public final class LoopbackServer: @unchecked Sendable {
    /// Answers one request.
    public typealias Handler = @Sendable (LoopbackRequest) -> LoopbackResponse

    /// The listening ports, one per site.
    public let ports: [Int]
    /// The first site's port.
    public var port: Int { ports[0] }

    static let maxConnections = 256
    static let maxHeadBytes = 64 * 1024
    static let idleTimeoutMs: Int32 = 10_000
    static let maxRecordedRequests = 100_000

    private struct State {
        var routes: [String: Handler] = [:]
        var requests: [LoopbackRequest] = []
        var threads: [pthread_t] = []
        /// Connection threads that have ended and wait to be joined by the acceptor.
        var finished: [pthread_t] = []
        var connections: Set<Int32> = []
        var stopped = false
    }

    private let lock = NSLock()
    private var state = State()
    private let listeners: [Int32]
    /// Written once on stop and never read: every poll() that includes it wakes up.
    private let wake: (read: Int32, write: Int32)
    private var acceptor: pthread_t?

    /// Binds `sites` ports on 127.0.0.1 (chosen by the system) and starts serving.
    public init(sites: Int = 1) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ServerError.system("pipe", errno) }
        wake = (fds[0], fds[1])
        var listeners: [Int32] = []
        var ports: [Int] = []
        do {
            for _ in 0..<max(1, sites) {
                let (fd, port) = try LoopbackServer.listen()
                listeners.append(fd)
                ports.append(port)
            }
        } catch {
            listeners.forEach { _ = close($0) }
            close(fds[0]); close(fds[1])
            throw error
        }
        self.listeners = listeners
        self.ports = ports
        acceptor = JoinableThread.start { self.acceptLoop() }
    }


    /// The URL of `path` on site `site`.
    public func url(_ path: String, site: Int = 0) -> String {
        "http://127.0.0.1:\(ports[site])\(path.hasPrefix("/") ? path : "/" + path)"
    }

    /// Answers `path` (exact, query ignored; or a prefix when it ends in `*`) with
    /// `handler`, on one site or (nil) on all. Later routes replace earlier ones.
    public func route(_ path: String, site: Int? = nil, _ handler: @escaping Handler) {
        lock.withLock { state.routes[LoopbackServer.key(path, site)] = handler }
    }

    /// Requests received so far, optionally only for one path (without query) and site.
    public func requests(_ path: String? = nil, site: Int? = nil) -> [LoopbackRequest] {
        lock.withLock {
            state.requests.filter { (path == nil || $0.path == path) && (site == nil || $0.site == site) }
        }
    }

    /// Stops serving: closes listeners and connections, wakes sleeping handlers, joins
    /// every thread. Idempotent.
    public func stop() {
        let acceptor: pthread_t? = lock.withLock {
            guard !state.stopped else { return nil }
            state.stopped = true
            for fd in state.connections { shutdown(fd, Int32(SHUT_RDWR)) }
            return self.acceptor
        }
        guard let acceptor else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        pthread_join(acceptor, nil)
        // No new connection threads after the acceptor ended; join the rest.
        let threads = lock.withLock { state.threads }
        for thread in threads { pthread_join(thread, nil) }
        listeners.forEach { _ = close($0) }
        close(wake.read)
        close(wake.write)
    }

    // MARK: - Serving

    private func acceptLoop() {
        var polls = listeners.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        polls.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
        while true {
            joinFinishedConnections()
            guard poll(&polls, nfds_t(polls.count), 1000) >= 0 || errno == EINTR else { return }
            if polls.last!.revents != 0 { return }
            for (site, entry) in polls.dropLast().enumerated() where entry.revents & Int16(POLLIN) != 0 {
                let fd = accept(entry.fd, nil, nil)
                guard fd >= 0 else { continue }
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                let admitted = lock.withLock {
                    guard !state.stopped, state.connections.count < LoopbackServer.maxConnections else { return false }
                    state.connections.insert(fd)
                    return true
                }
                guard admitted else { close(fd); continue }
                let thread = JoinableThread.start { self.serve(fd, site: site) }
                lock.withLock { state.threads.append(thread) }
            }
        }
    }

    /// Joins connection threads that have ended, so a long test does not pile them up.
    private func joinFinishedConnections() {
        let done = lock.withLock {
            let finished = state.finished
            state.finished = []
            state.threads.removeAll { finished.contains($0) }
            return finished
        }
        for thread in done { pthread_join(thread, nil) }
    }

    private func serve(_ fd: Int32, site: Int) {
        defer {
            lock.withLock {
                _ = state.connections.remove(fd)
                state.finished.append(pthread_self())
            }
            close(fd)
        }
        var buffer: [UInt8] = []
        while let request = readRequest(fd, buffer: &buffer, site: site) {
            let handler = lock.withLock { () -> Handler? in
                if state.requests.count >= LoopbackServer.maxRecordedRequests { state.requests.removeFirst() }
                state.requests.append(request)
                return state.routes[LoopbackServer.key(request.path, site)] ?? state.routes[LoopbackServer.key(request.path, nil)]
                    ?? LoopbackServer.prefixRoute(request.path, site: site, in: state.routes)
            }
            let response = handler?(request) ?? .text("not found", status: 404, contentType: "text/plain")
            guard respond(response, to: request, on: fd) else { return }
            if request.headers["connection"]?.lowercased() == "close" { return }
        }
    }

    /// Writes the response; false when the connection must close afterwards.
    private func respond(_ response: LoopbackResponse, to request: LoopbackRequest, on fd: Int32) -> Bool {
        if response.delay > .zero, !sleep(response.delay) { return false }
        if let raw = response.raw {
            _ = send(raw, on: fd)
            return false
        }
        let noBody = request.method == "HEAD" || response.status == 304 || response.status == 204
        var head = "HTTP/1.1 \(response.status) \(response.reason)\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        let names = Set(response.headers.map { $0.name.lowercased() })
        if !names.contains("content-length"), !names.contains("transfer-encoding"), response.status != 304 {
            head += "Content-Length: \(response.body.count)\r\n"
        }
        head += "\r\n"
        var body = noBody ? [] : response.body
        if let cut = response.truncateAfter { body = Array(body.prefix(cut)) }
        if let drip = response.drip {
            guard send(Array(head.utf8), on: fd) else { return false }
            var offset = 0
            while offset < body.count {
                let end = min(body.count, offset + max(1, drip.chunk))
                guard send(Array(body[offset..<end]), on: fd), sleep(drip.interval) else { return false }
                offset = end
            }
        } else {
            guard send(Array(head.utf8) + body, on: fd) else { return false }
        }
        return response.truncateAfter == nil
    }

    /// Reads one request head (and discards any body); nil on close, timeout, stop or a bad request.
    private func readRequest(_ fd: Int32, buffer: inout [UInt8], site: Int) -> LoopbackRequest? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let end = buffer.firstRange(of: terminator) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<end.upperBound)
                guard let request = LoopbackServer.parse(head, site: site) else { return nil }
                let length = Int(request.headers["content-length"] ?? "0") ?? 0
                guard length >= 0, length <= LoopbackServer.maxHeadBytes else { return nil }
                while buffer.count < length {
                    guard waitReadable(fd) else { return nil }
                    let count = recv(fd, &chunk, chunk.count, 0)
                    guard count > 0 else { return nil }
                    buffer += chunk[..<count]
                }
                buffer.removeFirst(length)
                return request
            }
            guard buffer.count < LoopbackServer.maxHeadBytes, waitReadable(fd) else { return nil }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    static func parse(_ head: String, site: Int) -> LoopbackRequest? {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        let target = String(parts[1])
        let path = String(target.prefix { $0 != "?" })
        return LoopbackRequest(method: String(parts[0]), target: target, path: path, headers: headers,
                               site: site, receivedAt: .now)
    }

    // MARK: - Helpers

    private static func key(_ path: String, _ site: Int?) -> String { "\(site.map(String.init) ?? "*") \(path)" }

    private static func prefixRoute(_ path: String, site: Int, in routes: [String: Handler]) -> Handler? {
        var best: (length: Int, handler: Handler)?
        for (key, handler) in routes where key.hasSuffix("*") {
            let parts = key.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0] == "*" || parts[0] == String(site) else { continue }
            let prefix = parts[1].dropLast()
            if path.hasPrefix(prefix), prefix.count > (best?.length ?? -1) { best = (prefix.count, handler) }
        }
        return best?.handler
    }

    /// Waits for data (or close) on `fd`; false on idle timeout or stop.
    private func waitReadable(_ fd: Int32) -> Bool {
        var polls = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&polls, 2, LoopbackServer.idleTimeoutMs)
            if ready < 0, errno == EINTR { continue }
            return ready > 0 && polls[1].revents == 0
        }
    }

    /// Sleeps unless the server stops first; false when stopped.
    private func sleep(_ duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        let ms = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        var polls = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        return poll(&polls, 1, ms) == 0
    }

    private func send(_ bytes: [UInt8], on fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func listen() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.system("socket", errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.system("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Why the server could not start.
    public enum ServerError: Error {
        case system(String, Int32)
    }
}

/// A pthread running a closure, so its owner can join it.
enum JoinableThread {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping () -> Void) -> pthread_t {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, box)
        precondition(created == 0, "pthread_create failed (\(created))")
        return thread
    }
}

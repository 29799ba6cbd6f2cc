import Foundation

/// A fresh directory under the system's temporary directory (symlinks resolved, as the
/// binary sees it), removed with everything in it by `remove()` or when released. Tests
/// call `remove()` in a `defer`: an optimised build may release the object before the end
/// of the scope, a `defer` keeps it alive until then.
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(_ prefix: String = "ingest-test") {
        var template = Array((NSTemporaryDirectory() + "/\(prefix)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
        // mkdtemp fails only when the temporary directory itself is unusable: nothing to test then.
        url = URL(fileURLWithPath: made ?? NSTemporaryDirectory()).resolvingSymlinksInPath()
        precondition(made != nil, "cannot create a directory under \(NSTemporaryDirectory()): errno \(errno)")
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit { remove() }
}

/// A TCP port on 127.0.0.1 that nothing listens on: one the kernel just handed out and that
/// was closed again (rather than assuming that port 1 is closed).
public func closedLoopbackPort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0, "socket: errno \(errno)")
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    precondition(bound, "bind 127.0.0.1:0: errno \(errno)")
    return UInt16(bigEndian: address.sin_port)
}

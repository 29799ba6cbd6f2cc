import Foundation
import IngestCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffers output in 1 MiB pieces before writing it to a descriptor.
final class BufferedOutput {
    private let fd: Int32
    private let path: String
    private var buffer = Data()

    /// Output to `fd`; `path` names it in errors.
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ text: String) throws { try write(Data(text.utf8)) }

    func flush() throws {
        guard buffer.withUnsafeBytes({ POSIXIO.writeAll(fd, $0) }) else { throw StoreError.system("write", path) }
        buffer.removeAll(keepingCapacity: true)
    }
}

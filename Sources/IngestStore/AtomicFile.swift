import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files atomically: write a temp file beside it, `fsync`, `rename`, `fsync` the directory.
/// A crash at any point leaves either the old file or the new one, plus at most a stray temp file.
enum AtomicFile {
    /// Temp files end with this; `Store.open(access: .write)` removes strays.
    static let tempSuffix = ".tmp"

    /// The temp path used while replacing `path`.
    static func tempPath(for path: String) -> String { path + ".\(getpid())" + tempSuffix }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        let writer = try Writer(replacing: path)
        try writer.write(data)
        try writer.commit()
    }

    /// A streaming atomic replacement: write in pieces, then `commit` (or drop it to abandon).
    final class Writer {
        let path: String
        let tempPath: String
        private var fd: Int32
        /// The temp file's descriptor, for streaming writers.
        var descriptor: Int32 { fd }

        /// Creates the temp file for `path`.
        init(replacing path: String) throws {
            self.path = path
            tempPath = AtomicFile.tempPath(for: path)
            fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw StoreError.system("create", tempPath) }
        }

        deinit {
            if fd >= 0 {
                close(fd)
                unlink(tempPath)
            }
        }

        /// Appends bytes to the temp file.
        func write(_ data: Data) throws {
            try data.withUnsafeBytes { try write($0) }
        }

        /// Appends raw bytes to the temp file.
        func write(_ buffer: UnsafeRawBufferPointer) throws {
            var done = 0
            while done < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw StoreError.system("write", tempPath) }
                done += n
            }
        }

        /// Makes the new content durable and puts it in place.
        func commit() throws {
            guard fsync(fd) == 0 else { throw StoreError.system("fsync", tempPath) }
            close(fd)
            fd = -1
            guard rename(tempPath, path) == 0 else {
                let failure = StoreError.system("rename to \(path)", tempPath)
                unlink(tempPath)
                throw failure
            }
            try fsyncDirectory(of: path)
        }
    }
}

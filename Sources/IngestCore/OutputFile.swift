#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a user's `--output PATH` is written. A regular file (or a new one) is replaced
/// atomically, so a failed export leaves the previous file; a symlink is followed, so the file
/// it points to is replaced and the link stays; anything else that exists (`/dev/null`, a FIFO,
/// a terminal) is written in place, because renaming over it would put a regular file where
/// the device was (as root, a broken `/dev/null` for the whole machine).
public final class OutputFile {
    private let atomic: AtomicFile.Writer?
    private var fd: Int32
    /// What is being written: the temp file beside a regular file, or the device itself.
    public let writingPath: String
    public var descriptor: Int32 { fd }

    public init(_ path: String) throws(SystemCallError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            // A directory fails here with EISDIR, as the rename would have.
            fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw .now("open", path) }
            atomic = nil
            writingPath = path
        } else {
            let target = realpath(path, nil).map { resolved in
                defer { free(resolved) }
                return String(cString: resolved)
            } ?? path
            let writer = try AtomicFile.Writer(replacing: target)
            atomic = writer
            fd = writer.descriptor
            writingPath = writer.tempPath
        }
    }

    deinit {
        if atomic == nil, fd >= 0 { close(fd) }
    }

    /// Puts a regular file in place (durably); closes a device or FIFO.
    public func commit() throws(SystemCallError) {
        if let atomic { return try atomic.commit() }
        let result = close(fd)
        fd = -1
        guard result == 0 else { throw .now("close", writingPath) }
    }
}

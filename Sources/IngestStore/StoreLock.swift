import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock: an exclusive `flock` on `<store>/lock`, which also holds the pid.
///
/// The kernel drops the lock when the process dies, so a killed sync never leaves a stale lock.
final class StoreLock {
    private let fd: Int32

    /// Takes the lock without waiting, or throws `.locked` naming the holder's pid.
    init(path: String) throws {
        // Never through a symlink: ingest would write its pid into the link's target.
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.system("open lock file", path) }
        // From here on a throw runs `deinit`, which closes `fd`: closing it here too would close
        // whatever another thread opened with the same number in between.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            guard code == EWOULDBLOCK else { throw StoreError.io(path: path, operation: "flock", errno: code) }
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            let text = String(decoding: buffer.prefix(max(0, n)), as: UTF8.self)
            throw StoreError.locked(path: path, pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pid = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, pid, pid.count, 0) == pid.count else {
            throw StoreError.system("write lock file", path)
        }
    }

    deinit { if fd >= 0 { close(fd) } }  // closing the descriptor releases the flock
}

import Foundation

/// A tiny tmpfs for the disk-full tests (needs root and `mount`; the tests are skips with a
/// reason elsewhere, and CI, which has both, fails if they would skip).
public enum SmallDisk {
    /// Whether this process can mount and unmount a tmpfs.
    public static let available: Bool = {
        let probe = TemporaryDirectory("ingest-mount-probe")
        defer { probe.remove() }
        return mount(kilobytes: 16, at: probe.path) && unmount(probe.path)
    }()

    /// Mounts a tmpfs of `kilobytes` at the existing directory `path`.
    public static func mount(kilobytes: Int, at path: String) -> Bool {
        geteuid() == 0 && runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
    }

    @discardableResult
    public static func unmount(_ path: String) -> Bool { runTool("/bin/umount", [path]) }
}

/// Runs a system tool quietly; whether it ran and exited 0.
public func runTool(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}

/// Makes a directory unwritable, also for root (which ignores mode bits): `chattr +i`.
public enum ReadOnlyDirectory {
    /// Whether this machine can: probed once on a scratch directory.
    public static let available: Bool = {
        let probe = TemporaryDirectory("ingest-chattr-probe")
        defer { undo(probe.path); probe.remove() }
        return make(probe.path)
    }()

    /// Makes `path` unwritable; whether it worked.
    public static func make(_ path: String) -> Bool {
        chmod(path, 0o555)
        if geteuid() == 0 && !chattr("+i", path) { return false }
        return access(path + "/.", W_OK) != 0 || geteuid() == 0
    }

    /// Makes `path` writable again.
    public static func undo(_ path: String) {
        if geteuid() == 0 { _ = chattr("-i", path) }
        chmod(path, 0o755)
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool { runTool("/usr/bin/chattr", [flag, path]) }
}

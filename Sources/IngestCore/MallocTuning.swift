#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator settings (`mallopt`) and `malloc_trim`, for the whole process: the one
/// place they are set (the fetcher when it starts, `ingest import` of an archive). They do
/// nothing elsewhere (macOS has neither).
///
///     MallocTuning.set(.mmapThreshold, 1 << 20)   // blocks of 1 MiB and more: own mapping
public enum MallocTuning {
    /// The `mallopt` parameters used here (their values in `<malloc.h>`).
    public enum Parameter: Int32, Sendable {
        /// `M_MMAP_THRESHOLD`: a block at least this large gets its own mapping, returned to
        /// the system when freed. Setting it also stops glibc raising it by itself (by default
        /// it rises to the size of the largest mapped block freed, up to 32 MiB, after which
        /// blocks that large are kept in the per-thread heaps when freed).
        case mmapThreshold = -3
        /// `M_TRIM_THRESHOLD`: free memory at the top of the heap beyond this is given back.
        case trimThreshold = -1
    }

    /// Gives the free memory of every heap back to the system (`malloc_trim(0)`: also whole
    /// free pages inside a heap, not only at its top); true if any was released.
    @discardableResult
    public static func releaseFreeMemory() -> Bool {
        #if os(Linux)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return false }
        return unsafeBitCast(symbol, to: MallocTrim.self)(0) == 1
        #else
        return false
        #endif
    }

    /// Sets `parameter`; false if it was refused or there is no `mallopt`.
    @discardableResult
    public static func set(_ parameter: Parameter, _ value: Int32) -> Bool {
        #if os(Linux)
        // mallopt is not in Swift's Glibc module (it lives in <malloc.h>): found with dlsym.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(parameter.rawValue, value) == 1
        #else
        return false
        #endif
    }
}

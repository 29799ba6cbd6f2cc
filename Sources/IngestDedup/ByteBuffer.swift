/// A growable byte buffer on raw memory for the normaliser's hot loop (Array's per-append
/// uniqueness checks cost more than the normalisation itself). Noncopyable, so the memory has
/// exactly one owner and is freed once, when the buffer goes away.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always) mutating func append(_ b: UInt8) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = b
        count += 1
    }

    /// Makes room for `extra` more bytes so `appendUnchecked` may follow.
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: max(capacity * 2, count + extra)) }
    }

    /// Appends without a capacity check: only after `reserve`.
    @inline(__always) mutating func appendUnchecked(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        if count + bytes.count > capacity { grow(to: max(capacity * 2, count + bytes.count)) }
        if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
        count += bytes.count
    }

    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}

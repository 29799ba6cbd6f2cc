import Foundation
import IngestCore

/// Snapshot of a `StoryIndex` on disk: a little-endian binary file with a version, the
/// caller's watermark, story slots (id and merge parent), copies (story, sketch, band keys,
/// copy-id hash), each story's representative, the shared blocks learned (`SharedBlocks`), the
/// bin minima counted (`CommonMinima`), each copy's sentence sketch, and a trailing FNV-1a checksum. Removed copies are left
/// out unless a story's representative sketch is theirs. Older versions still load (copies
/// saved with fewer LSH bands keep those, the later bands empty): version 3
/// (before minima were counted) with none counted yet and no sentence sketches, version 2 (before shared blocks) with none
/// learned yet, version 1 (before stories had representatives) with each story's first live
/// copy as its representative, so a store keeps its story ids.
extension StoryIndex {
    /// Errors from `load(from:)` and `save(to:)`.
    public enum SnapshotError: Error, Equatable {
        /// Not a snapshot, a newer version, or a truncated/corrupted file.
        case invalid(String)
        /// The file system refused (`errno` included).
        case io(String, Int32)
    }

    static let magic = Array("INGDEDUP".utf8)
    static let version: UInt32 = 4
    /// In a copy's story field: a removed copy kept only as a story's representative.
    private static let removed = UInt32.max

    /// Writes the snapshot atomically (`AtomicFile`: a temporary file in the same folder,
    /// fsync, rename, fsync of the folder).
    public func save(to path: String) throws {
        do {
            try AtomicFile.write(Data(snapshot()), to: path)
        } catch {
            throw SnapshotError.io("cannot \(error.operation) \(error.path)", error.errno)
        }
    }

    /// The snapshot's bytes, for whoever stores them (`load(snapshot:)` reads them back).
    public func snapshot() -> [UInt8] {
        var out = SnapshotWriter()
        out.bytes.append(contentsOf: Self.magic)
        out.put(Self.version)
        out.put(UInt32(Signature.bins))
        out.put(UInt32(Signature.bands))
        out.put(watermark)
        out.put(UInt32(storyIDs.count))
        for slot in storyIDs.indices {
            out.put(storyIDs[slot])
            out.put(UInt32(bitPattern: parent[slot]))
        }
        let isRepresentative = Set(storyIDs.indices.filter { parent[$0] == Int32($0) }.map { representative[$0] })
        let kept = docStory.indices.filter { docStory[$0] >= 0 || isRepresentative.contains(Int32($0)) }
        var position: [Int32: UInt32] = [:]
        for (i, doc) in kept.enumerated() { position[Int32(doc)] = UInt32(i) }
        let bandKeys = bands.keysByDocument()
        out.put(UInt32(kept.count))
        for doc in kept {
            out.put(docStory[doc] >= 0 ? UInt32(bitPattern: docStory[doc]) : Self.removed)
            out.put(shingleCounts[doc])
            out.bytes.append(contentsOf: signatures[doc * Signature.bins..<(doc + 1) * Signature.bins])
            for band in 0..<Signature.bands { out.put(bandKeys[doc * Signature.bands + band]) }
            out.put(copyKeys[doc])
            // Version 4: the sentence sketch and count.
            out.bytes.append(contentsOf: sentenceSketches[doc * Signature.sentenceBins..<(doc + 1) * Signature.sentenceBins])
            out.put(sentenceCounts[doc])
        }
        for slot in storyIDs.indices {
            out.put(parent[slot] == Int32(slot) ? position[representative[slot]] ?? Self.removed : Self.removed)
        }
        // Version 3: the shared blocks learned so far (sorted: the same index, the same bytes).
        out.put(UInt32(sharedBlocks.sightings.count))
        for (block, sighting) in sharedBlocks.sightings.sorted(by: { $0.key < $1.key }) {
            out.put(block)
            out.put(UInt32(bitPattern: sighting.firstStory))
            out.put(UInt32(sighting.stories))
        }
        out.put(UInt32(sharedBlocks.learned.count))
        for block in sharedBlocks.learned.sorted() { out.put(block) }
        // Version 4: the bin minima counted so far, sorted.
        out.put(UInt32(commonMinima.counts.count))
        for (key, count) in commonMinima.counts.sorted(by: { $0.key < $1.key }) {
            out.put(key)
            out.put(count)
        }
        out.put(StableHash.fnv1a64(out.bytes))
        return out.bytes
    }

    /// Reads a snapshot written by `save(to:)`; the index continues exactly as the saved one would.
    public static func load(from path: String) throws -> StoryIndex {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SnapshotError.io("cannot read \(path)", errno)
        }
        return try load(snapshot: [UInt8](data), name: path)
    }

    /// Reads the bytes `snapshot()` returned; `name` labels errors.
    public static func load(snapshot bytes: [UInt8], name path: String = "snapshot") throws -> StoryIndex {
        guard bytes.count >= magic.count + 8, Array(bytes.prefix(magic.count)) == magic else {
            throw SnapshotError.invalid("\(path) is not a story index snapshot")
        }
        var reader = SnapshotReader(bytes: bytes[..<(bytes.count - 8)], cursor: magic.count)
        var check = SnapshotReader(bytes: bytes[...], cursor: bytes.count - 8)
        guard try check.get(UInt64.self) == StableHash.fnv1a64(bytes[..<(bytes.count - 8)]) else {
            throw SnapshotError.invalid("\(path): checksum mismatch (truncated or corrupted)")
        }
        let fileVersion = try reader.get(UInt32.self)
        guard (1...version).contains(fileVersion) else { throw SnapshotError.invalid("\(path): unsupported version") }
        // Fewer bands: a snapshot from before the lookup had its last bands (12 until
        // 2026-12-06); its copies keep the keys they have and are found by those.
        let fileBands = Int(try reader.get(UInt32.self) == UInt32(Signature.bins) ? try reader.get(UInt32.self) : 0)
        guard (1...Signature.bands).contains(fileBands) else {
            throw SnapshotError.invalid("\(path): written with another signature layout")
        }
        var index = StoryIndex()
        index.watermark = try reader.get(UInt64.self)
        let storyCount = Int(try reader.get(UInt32.self))
        for slot in 0..<storyCount {
            let id = try reader.get(UInt64.self)
            let parent = Int32(bitPattern: try reader.get(UInt32.self))
            guard parent >= 0, Int(parent) <= slot else { throw SnapshotError.invalid("\(path): bad story parent") }
            _ = index.appendStory(id: id, parent: parent, representative: -1)
        }
        let docCount = Int(try reader.get(UInt32.self))
        guard docCount <= bytes.count / Signature.bins else { throw SnapshotError.invalid("\(path): bad copy count") }
        // Headroom for the run that loads it: a table reserved exactly full would be rebuilt,
        // old and new side by side, on the first add.
        index.reserve(copies: docCount + max(1_024, docCount / 8))
        for doc in 0..<docCount {
            let field = try reader.get(UInt32.self)
            let slot = field == removed ? -1 : Int32(bitPattern: field)
            guard field == removed || (slot >= 0 && Int(slot) < storyCount) else {
                throw SnapshotError.invalid("\(path): bad story slot")
            }
            let shingles = try reader.get(UInt32.self)
            let values = try reader.take(Signature.bins)
            var keys: [UInt32] = []
            for _ in 0..<fileBands { keys.append(try reader.get(UInt32.self)) }
            keys.append(contentsOf: repeatElement(0, count: Signature.bands - fileBands))  // 0: no key
            let copyKey = try reader.get(UInt64.self)
            if fileVersion >= 4 {
                index.sentenceSketches.append(contentsOf: try reader.take(Signature.sentenceBins))
                index.sentenceCounts.append(try reader.get(UInt16.self))
            } else {
                index.sentenceSketches.append(contentsOf: repeatElement(0, count: Signature.sentenceBins))
                index.sentenceCounts.append(0)
            }
            index.copyKeys.append(copyKey)
            index.docStory.append(slot)
            index.signatures.append(contentsOf: values)
            index.shingleCounts.append(shingles)
            index.bands.insert(doc: Int32(doc), keys: keys)
            index.docOfCopy.insert(doc: Int32(doc), keys: index.copyKeys)
            guard slot >= 0 else {  // a representative's sketch only: not a copy any more
                index.bands.remove(doc: Int32(doc))
                index.docOfCopy.remove(doc: Int32(doc), keys: index.copyKeys)
                continue
            }
            let root = index.root(slot)
            index.members[Int(root)] += 1
            if fileVersion == 1, index.representative[Int(root)] < 0 { index.representative[Int(root)] = Int32(doc) }
        }
        if fileVersion >= 2 {
            for slot in 0..<storyCount {
                let field = try reader.get(UInt32.self)
                guard field == removed || Int(field) < docCount else { throw SnapshotError.invalid("\(path): bad representative") }
                index.representative[slot] = field == removed ? -1 : Int32(field)
            }
        }
        if fileVersion >= 3 {
            var sightings: [UInt64: SharedBlocks.Sighting] = [:]
            for _ in 0..<Int(try reader.get(UInt32.self)) {
                let block = try reader.get(UInt64.self)
                let story = Int32(bitPattern: try reader.get(UInt32.self))
                let stories = try reader.get(UInt32.self)
                guard story >= 0, Int(story) < storyCount, stories > 0, stories < UInt32(SharedBlocks.storiesToLearn) else {
                    throw SnapshotError.invalid("\(path): bad shared block")
                }
                sightings[block] = SharedBlocks.Sighting(firstStory: story, stories: UInt8(stories))
            }
            var learned: Set<UInt64> = []
            for _ in 0..<Int(try reader.get(UInt32.self)) { learned.insert(try reader.get(UInt64.self)) }
            index.sharedBlocks = SharedBlocks(sightings: sightings, learned: learned)
        }
        if fileVersion >= 4 {
            var counts: [UInt32: UInt8] = [:]
            let entries = Int(try reader.get(UInt32.self))
            guard entries <= bytes.count / 5 else { throw SnapshotError.invalid("\(path): bad minima count") }
            counts.reserveCapacity(entries)
            for _ in 0..<entries {
                let key = try reader.get(UInt32.self), count = try reader.get(UInt8.self)
                guard (1...CommonMinima.commonAt).contains(count) else { throw SnapshotError.invalid("\(path): bad minimum count") }
                counts[key] = count
            }
            index.commonMinima = CommonMinima(counts: counts)
        }
        return index
    }
}

/// Little-endian appender for snapshots.
struct SnapshotWriter {
    var bytes: [UInt8] = []
    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Bounds-checked little-endian reader for snapshots.
struct SnapshotReader {
    let bytes: ArraySlice<UInt8>
    var cursor: Int

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, cursor + count <= bytes.endIndex else {
            throw StoryIndex.SnapshotError.invalid("snapshot truncated")
        }
        defer { cursor += count }
        return bytes[cursor..<cursor + count]
    }

    mutating func get<T: FixedWidthInteger>(_: T.Type) throws -> T {
        var value: T = 0
        let raw = try take(MemoryLayout<T>.size)
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: raw) }
        return T(littleEndian: value)
    }
}

import IngestCore

/// Stable identifiers sync derives (never Swift's seeded `Hasher`).
public enum SyncIdentity {
    /// The id of a copy first seen at `canonicalURL`: `c` + 16 hex digits of FNV-1a 64.
    public static func copyID(canonicalURL: String) -> String {
        let hash = StableHash.fnv1a64(canonicalURL.utf8)
        let hex = String(hash, radix: 16)
        return "c" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The alias key under which a feed GUID is remembered (GUIDs are only unique per feed).
    public static func guidKey(source: String, guid: String) -> String {
        "guid:\(source)|\(guid)"
    }
}

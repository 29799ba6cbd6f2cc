#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of network an IP address belongs to, for the rule "a link found on a public
/// source never leads to a loopback, private or link-local address".
public enum AddressClass: String, Sendable, Equatable {
    case `public`, loopback, `private`, linkLocal, unspecified, multicast, reserved

    /// Whether this is an ordinary internet address.
    public var isPublic: Bool { self == .public }

    /// A name for messages ("link-local").
    public var label: String {
        switch self {
        case .linkLocal: "link-local"
        default: rawValue
        }
    }
}

/// The pure address classifier the fetcher checks every connection against (also used by
/// sync to decide whether a source is public).
public enum AddressPolicy {
    /// Classifies an IPv4 or IPv6 literal (`"10.0.0.1"`, `"::1"`, `"[fe80::1]"`); `nil`
    /// when `text` is not an IP address.
    public static func classify(ipAddress text: String) -> AddressClass? {
        var literal = text
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        if let zone = literal.firstIndex(of: "%") { literal = String(literal[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            return classify(ipv4: withUnsafeBytes(of: v4) { Array($0) })
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, literal, &v6) == 1 {
            return classify(ipv6: withUnsafeBytes(of: v6) { Array($0) })
        }
        return nil
    }

    /// Whether a host is known by its spelling alone (IP literal, `localhost`) to be
    /// outside the public internet; names that need DNS count as public until the
    /// fetcher reports the address it connected to.
    public static func isNonPublic(host: String) -> Bool {
        !(classify(host: host)?.isPublic ?? true)
    }

    /// Classifies the host part of a URL: an IP literal, or `localhost` (and `*.localhost`)
    /// as loopback; other names are `nil` (unknown until resolved).
    public static func classify(host: String) -> AddressClass? {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered.hasSuffix(".localhost") { return .loopback }
        return classify(ipAddress: host)
    }

    /// Classifies 4 address bytes in network order.
    static func classify(ipv4 b: [UInt8]) -> AddressClass {
        switch (b[0], b[1]) {
        case (0, _): return .unspecified
        case (127, _): return .loopback
        case (10, _), (172, 16...31), (192, 168), (100, 64...127): return .private
        case (169, 254): return .linkLocal
        case (224...239, _): return .multicast
        case (240...255, _): return .reserved
        case (192, 0) where b[2] == 0 || b[2] == 2: return .reserved  // IETF protocol, TEST-NET-1
        case (198, 18...19): return .reserved                          // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return .reserved  // TEST-NET-2/3
        default: return .public
        }
    }

    /// Classifies 16 address bytes in network order; IPv4-mapped, -translated, -compatible and
    /// well-known NAT64 addresses are judged by the IPv4 address inside.
    static func classify(ipv6 b: [UInt8]) -> AddressClass {
        if b[0..<15].allSatisfy({ $0 == 0 }) { return b[15] == 1 ? .loopback : .unspecified }
        let embeddedV4 = Array(b[12..<16])
        if b[0..<10].allSatisfy({ $0 == 0 }), b[10] == 0xFF, b[11] == 0xFF { return classify(ipv4: embeddedV4) }
        if b[0..<12].allSatisfy({ $0 == 0 }) { return classify(ipv4: embeddedV4) }
        // ::ffff:0:a.b.c.d (SIIT translated) carries an IPv4 address like ::ffff:a.b.c.d does.
        if b[0..<8].allSatisfy({ $0 == 0 }), b[8] == 0xFF, b[9] == 0xFF, b[10] == 0, b[11] == 0 {
            return classify(ipv4: embeddedV4)
        }
        if b[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return classify(ipv4: embeddedV4) }
        // 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): a translator inside some network.
        if b[0..<6].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01]) { return .private }
        // 2001::/32 Teredo tunnels to a host behind NAT; where it ends up cannot be judged.
        if b[0..<4].elementsEqual([0x20, 0x01, 0x00, 0x00]) { return .reserved }
        if b[0] & 0xFE == 0xFC { return .private }                      // fc00::/7 unique local
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return .linkLocal }      // fe80::/10
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return .private }        // fec0::/10 site-local (deprecated)
        if b[0] == 0xFF { return .multicast }
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return .reserved }  // documentation
        if b[0] == 0x20, b[1] == 0x02 { return classify(ipv4: Array(b[2..<6])) }       // 6to4
        return .public
    }

    /// Classifies a socket address as curl hands it to the open-socket callback;
    /// unknown families are `.reserved` (refused).
    public static func classify(_ address: UnsafePointer<sockaddr>) -> AddressClass {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin_addr) { classify(ipv4: Array($0)) }
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { classify(ipv6: Array($0)) }
            }
        default:
            return .reserved
        }
    }
}

/// Recognises hosts that are loopback, private or link-local by their spelling, for when
/// the fetcher does not say which address it connected to.
public enum PrivateAddress {
    /// Whether `host` (a name or an IP literal, brackets allowed) is local: `localhost`,
    /// `*.localhost`, 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 0/8, 100.64/10,
    /// `::1`, `::`, fc00::/7, fe80::/10 and IPv4-mapped forms of those.
    public static func isPrivate(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        if let octets = ipv4Octets(name) { return isPrivate(ipv4: octets) }
        guard name.contains(":") else { return false }
        if name == "::1" || name == "::" { return true }
        if name.hasPrefix("::ffff:"), let octets = ipv4Octets(String(name.dropFirst(7))) {
            return isPrivate(ipv4: octets)
        }
        let first = name.split(separator: ":", omittingEmptySubsequences: false).first ?? ""
        guard let group = UInt16(first, radix: 16), first.count >= 3 else { return false }
        return group & 0xFE00 == 0xFC00 || group & 0xFFC0 == 0xFE80
    }

    private static func isPrivate(ipv4 o: [Int]) -> Bool {
        switch (o[0], o[1]) {
        case (127, _), (10, _), (0, _), (192, 168), (169, 254): true
        case (172, 16...31), (100, 64...127): true
        default: false
        }
    }

    private static func ipv4Octets(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { Int($0) }.filter { (0...255).contains($0) }
        return octets.count == 4 ? octets : nil
    }
}

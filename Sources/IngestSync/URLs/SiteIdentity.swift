import Foundation
import IngestCore

/// Which "site" a URL belongs to, for the rule that a page's `rel=canonical` may only name
/// a URL of its own site (otherwise site B could overwrite site A's stored copy).
///
/// A small registrable-domain rule, not the Public Suffix List: the last two labels of the
/// host (`news.example.com` → `example.com`), or the last three when the top level is a
/// two-letter country code and the second level is a common generic one (`bbc.co.uk`,
/// `abc.net.au`). Its limits: private suffixes (`github.io`, `blogspot.com`) count as one
/// site, so their tenants may claim each other's pages; country second levels not listed
/// here (`ltd.uk`) make the whole second level one site. An IP literal, `localhost` or a
/// one-label host has no domain to share: its site is `host:port` (loopback test sites
/// differ only by port).
public enum SiteIdentity {
    /// Second-level labels under a two-letter country code that are registries, not sites.
    static let genericSecondLevels: Set<String> = ["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"]

    /// The site of an absolute http(s) URL; `nil` for anything else (a `file:` URL).
    public static func site(of url: String) -> String? {
        guard let parts = CanonicalURL.httpComponents(url), let host = parts.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        if AddressPolicy.classify(host: host) != nil || !host.contains(".") {
            let port = parts.port ?? (parts.scheme?.lowercased() == "https" ? 443 : 80)
            return "\(host):\(port)"
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: true)
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let top = labels[labels.count - 1], second = labels[labels.count - 2]
        let kept = top.count == 2 && genericSecondLevels.contains(String(second)) ? 3 : 2
        return labels.suffix(kept).joined(separator: ".")
    }

    /// Whether `a` and `b` are http(s) URLs of the same site.
    public static func sameSite(_ a: String, _ b: String) -> Bool {
        guard let siteA = site(of: a) else { return false }
        return siteA == site(of: b)
    }
}

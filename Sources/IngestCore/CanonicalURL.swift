import Foundation

/// URL identity: one spelling per article, so a `utm_` link, a fragment or an upper-case
/// host do not make a second copy.
///
///     CanonicalURL.normalise("HTTPS://Example.com:443/a?utm_source=x&id=2#top")
///     // "https://example.com/a?id=2"
public enum CanonicalURL {
    /// Query parameters that only track the reader, removed by `normalise` (exact names,
    /// compared case-insensitively). Every name starting with `utm_` is removed as well.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "wickedid", "ref_src", "ref_url", "cmpid", "ncid", "ocid",
        "s_cid", "spm", "sr_share", "at_medium", "at_campaign", "rss", "smid", "cmp",
    ]

    /// The prefixes of removed parameter families (`utm_source`, `utm_medium`, …).
    public static let trackingPrefixes = ["utm_", "pk_", "mtm_"]

    /// `reference` resolved against `base`, normalised; `nil` unless the result is an
    /// absolute http(s) URL with a host (drops `file:`, `javascript:`, `mailto:`, `data:`).
    public static func resolve(_ reference: String, against base: String?) -> String? {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let baseURL = base.flatMap { URL(string: $0) }
        guard let url = URL(string: trimmed, relativeTo: baseURL) else { return nil }
        return normalise(url.absoluteString)
    }

    /// The canonical spelling of an absolute http(s) URL, or `nil` for anything else:
    /// scheme and host lower-cased, default port, fragment, user info, tracking parameters
    /// and an empty query removed, an empty path written `/`.
    public static func normalise(_ text: String) -> String? {
        guard var parts = httpComponents(text) else { return nil }
        parts.user = nil
        parts.password = nil
        parts.fragment = nil
        if (parts.scheme == "http" && parts.port == 80) || (parts.scheme == "https" && parts.port == 443) {
            parts.port = nil
        }
        if parts.percentEncodedPath.isEmpty { parts.percentEncodedPath = "/" }
        if let query = parts.percentEncodedQuery {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return !isTracking(name.removingPercentEncoding ?? name)
            }
            parts.percentEncodedQuery = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return parts.string
    }

    /// Whether a query parameter name is a tracking parameter.
    public static func isTracking(_ name: String) -> Bool {
        let lower = name.lowercased()
        return trackingParameters.contains(lower) || trackingPrefixes.contains { lower.hasPrefix($0) }
    }

    /// The components of an absolute http(s) URL with a host: scheme and host lower-cased
    /// (an international host in its `xn--` form), `.` and `..` path segments removed.
    public static func httpComponents(_ text: String) -> URLComponents? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: trimmed)?.standardized,
              var parts = URLComponents(url: url, resolvingAgainstBaseURL: true),
              let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = parts.encodedHost?.lowercased()
        else { return nil }
        // Every trailing dot: removing one left `example..` as `example.`, which the next
        // normalisation changed again (found by scripts/fuzz).
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }
        parts.scheme = scheme
        parts.encodedHost = host
        return parts
    }

    /// The lower-cased host of an http(s) URL (`xn--` form for international names).
    public static func host(of text: String) -> String? {
        httpComponents(text)?.encodedHost
    }

    /// `url` with any `user:password@` removed; unchanged when it has none or does not parse.
    public static func withoutUserinfo(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.user != nil || parts.password != nil else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }
}

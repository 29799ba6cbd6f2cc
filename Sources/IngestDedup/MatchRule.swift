/// When two story texts are copies of one story, from their estimated Jaccard similarity and
/// sizes. Containment (the share of the smaller text found in the larger) catches trimmed
/// endings and added paragraphs; the length guard on the other side keeps a short brief or a
/// follow-up that reuses a few paragraphs out of a long story.
struct MatchRule: Sendable {
    /// The larger of the two containments must reach this (wire copies: ≥ 0.72 measured on dev;
    /// briefs and follow-ups: ≤ 0.62).
    var minimumContainment = 0.68
    /// The smaller containment must reach this: a 300-character brief inside an 8,000-character
    /// story shares its sentences but is not a copy of it.
    var minimumCoverage = 0.25
    /// Below this many shingles (about 400 characters of story text) a sketch is too coarse and
    /// one stock sentence ("Editor's note: …") can be half the text, so such texts must be
    /// near-identical to match.
    var smallText: UInt32 = 400
    var smallTextJaccard = 0.75

    /// The smallest similarity `matches` can accept: at the length ratio where the larger
    /// containment just reaches `minimumContainment` as the smaller just reaches
    /// `minimumCoverage` (or `smallTextJaccard` if that is lower), rounded down a hair so that
    /// floating-point rounding in `matches` can never make it reject what `matches` accepts.
    var minimumJaccard: Double {
        let c = minimumContainment, v = minimumCoverage
        return min(smallTextJaccard, c / (1 + c / v - c)) * (1 - 1e-9)
    }

    /// True when texts with sketches `a`, `b` and shingle counts `na`, `nb` are one story.
    func matches(jaccard j: Double, _ na: UInt32, _ nb: UInt32) -> Bool {
        guard na > 0, nb > 0, j > 0 else { return false }
        if min(na, nb) < smallText { return j >= smallTextJaccard }
        let inter = j * Double(na + nb) / (1 + j)
        let ca = min(1, inter / Double(na)), cb = min(1, inter / Double(nb))
        return max(ca, cb) >= minimumContainment && min(ca, cb) >= minimumCoverage
    }
}

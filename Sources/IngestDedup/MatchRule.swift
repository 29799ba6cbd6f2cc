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
    /// Below this many shingles (about 400 characters of story text) a sketch is coarse (its
    /// containment estimate varies by ±0.1), so such texts match when near-identical, or when
    /// the smaller is at least `smallTextContainment` inside the larger. One stock sentence
    /// ("Editor's note: …") can be half such a text: that is one block, which `spread` stops.
    var smallText: UInt32 = 400
    var smallTextJaccard = 0.75
    var smallTextContainment = 0.8

    /// The smallest similarity `matches` can accept: at the length ratio where the larger
    /// containment just reaches `minimumContainment` as the smaller just reaches
    /// `minimumCoverage` (or `smallTextJaccard` if that is lower), rounded down a hair so that
    /// floating-point rounding in `matches` can never make it reject what `matches` accepts.
    var minimumJaccard: Double {
        let c = min(minimumContainment, smallTextContainment), v = minimumCoverage
        return min(smallTextJaccard, c / (1 + c / v - c)) * (1 - 1e-9)
    }

    /// When one block (story line) of a text holds more than this share of what it shares
    /// with another, the evidence is that block alone: a plea, a reused background paragraph,
    /// a quoted paragraph. A copy's shared text is spread over its paragraphs.
    var maximumBlockShare = 0.9
    /// Evidence in one block still makes a copy when the smaller text is this much inside the
    /// larger (a copy trimmed to its first paragraph), or when the text has at most
    /// `1 - concentratedContainment` of its own outside that block that the other lacks (a
    /// story printed as one long paragraph). A brief under a long plea keeps its own sentences
    /// outside the plea.
    var concentratedContainment = 0.9
    /// A block whose own sketch holds at least this share of the estimated shared text may be
    /// all of it (the estimates vary by about ±0.1 of a small text): the text outside it is then
    /// measured directly, and the match must also hold on the block's share plus that.
    var dominantBlockShare = 0.5

    /// When the shingles two texts share are mostly common ones (`CommonMinima`), at least this
    /// share of the smaller text's own sentences must be in the larger, whole. A reprint under
    /// a dateline keeps all but its first (11 of 12); two stories of one template share only
    /// sentences without a name or a figure, and those are common, not their own.
    var sentenceContainment = 0.7

    /// A match resting on common evidence stands on the text's own bins alone when there are
    /// at least this many of them: an estimate from k bins varies by up to 0.5/√k (±0.09 at 32,
    /// the coarseness accepted for small texts), and fewer own bins leave it to the sentences.
    var minimumOwnBins = 32

    /// True when, of `bins` bins whose minimum is one text's own (not common), the other
    /// sketch agrees on `agreeing`, they are at least `minimumOwnBins`, and the texts (`na`,
    /// `nb` shingles) match on that estimate of their similarity.
    func matchesOnOwnBins(agreeing: Int, of bins: Int, _ na: UInt32, _ nb: UInt32) -> Bool {
        bins >= minimumOwnBins && matches(jaccard: Signature.chanceCorrected(agreeing, of: bins), na, nb)
    }

    /// True when, of `bins` sentence bins of one text (of `na` sentences; the other has `nb`),
    /// `held` hold the same sentence in the other, and that makes at least
    /// `sentenceContainment` of the smaller text's sentences found in the larger.
    func sentencesMatch(held: Int, of bins: Int, _ na: Double, _ nb: Double) -> Bool {
        guard bins > 0, held > 0, na > 0, nb > 0 else { return false }
        let j = Signature.chanceCorrected(held, of: bins)
        return j * (na + nb) / (1 + j) / min(na, nb) >= sentenceContainment
    }

    /// True when texts with sketches `a`, `b` and shingle counts `na`, `nb` are one story.
    func matches(jaccard j: Double, _ na: UInt32, _ nb: UInt32) -> Bool {
        guard na > 0, nb > 0, j > 0 else { return false }
        let small = min(na, nb) < smallText
        if small && j >= smallTextJaccard { return true }
        let inter = intersection(jaccard: j, na, nb)
        let ca = min(1, inter / Double(na)), cb = min(1, inter / Double(nb))
        return max(ca, cb) >= (small ? smallTextContainment : minimumContainment) && min(ca, cb) >= minimumCoverage
    }

    /// The estimated number of shingles two texts share: |A∩B| = J(|A|+|B|)/(1+J).
    func intersection(jaccard j: Double, _ na: UInt32, _ nb: UInt32) -> Double {
        j * Double(na + nb) / (1 + j)
    }

    /// Given two matching texts of `na` and `nb` shingles sharing `shared`, of which `outside`
    /// lie outside the block of the first (`holder` shingles) that holds most of them, whether
    /// the match stands: the shared text is spread, or the smaller text lies (almost) wholly
    /// inside the larger, or the first has (almost) no text of its own outside that block.
    func spread(shared: Double, outside: Double, holder: Int, _ na: UInt32, _ nb: UInt32) -> Bool {
        guard shared > 0, outside < (1 - maximumBlockShare) * shared else { return true }
        let ownOutside = Double(na) - Double(holder) - outside
        return wholly(shared: shared, na, nb) || ownOutside <= (1 - concentratedContainment) * Double(na)
    }

    /// Whether texts sharing `shared` shingles have the smaller (almost) wholly inside the
    /// larger: `spread` accepts them whatever their blocks.
    func wholly(shared: Double, _ na: UInt32, _ nb: UInt32) -> Bool {
        shared / Double(min(na, nb)) >= concentratedContainment
    }
}

import IngestMarkup

/// React's streaming server rendering (Next.js and others) sends the slow parts of a page after
/// the rest. Where a part belongs it leaves a placeholder, `<!--$?--><template id="B:0">
/// </template>` and a fallback ("Loading paragraph...") up to `<!--/$-->`; the part itself
/// comes at the end of the body in `<div hidden id="S:0">`, and a script (`$RC("B:0","S:0")`)
/// moves it into place and drops the fallback. Read as sent, such a story is a row of
/// fallbacks and its text a pile of hidden divs after the footer, out of order or lost.
/// `resolved` does what the script does, on the bytes, before parsing.
///
/// The markup is React's own (machine-written and well-formed), so a segment's end is found by
/// counting `<div` and `</div` outside comments, scripts and styles. Placeholders `P:n` of
/// partial segments (`$RS("S:n","P:n")`) are filled the same way.
enum ReactStream {
    /// How deep segments may be placed inside segments: a bound, not a limit pages reach.
    static let maxNesting = 32
    /// How many segments are read and placed at most. Reading stops at the first unclosed
    /// one, and the fallbacks' scans share a budget of a few passes over the page, so a
    /// hostile page costs a few passes whatever it holds.
    static let maxSegments = 256

    /// The page with its streamed segments in place, or nil when it has none to place.
    static func resolved(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard find("<div hidden id=\"S:", in: buffer, from: 0) != nil else { return nil }
            let segments = self.segments(in: buffer)
            guard !segments.isEmpty else { return nil }
            let targets = self.targets(in: buffer)
            var cuts: [Cut] = []
            var placed = Set<String>()
            var budget = 4 * buffer.count
            var at = 0
            while let start = find("<template id=\"", in: buffer, from: at) {
                at = start + 1
                guard let (id, tagEnd) = quotedValue(in: buffer, at: start + 14), id.hasPrefix("B:") || id.hasPrefix("P:"),
                      matches("></template>", in: buffer, at: tagEnd) else { continue }
                let end = tagEnd + 12
                // Without any completion call in the page, a part has the placeholder's number.
                guard let segment = targets.isEmpty ? "S:" + id.dropFirst(2) : targets[id], segments[segment] != nil,
                      !placed.contains(segment) else { continue }
                placed.insert(segment)
                cuts.append(Cut(range: start..<fallbackEnd(in: buffer, template: start, after: end, budget: &budget), segment: segment))
            }
            guard !placed.isEmpty else { return nil }
            for (id, segment) in segments where placed.contains(id) {
                cuts.append(Cut(range: segment.whole, segment: nil))
            }
            cuts.sort { $0.range.lowerBound < $1.range.lowerBound }
            return assembled(buffer, cuts: cuts, segments: segments)
        }
    }

    /// A stretch of the page left out: a placeholder with its fallback (then the segment's
    /// content goes there), or a placed segment's hidden div.
    struct Cut {
        var range: Range<Int>
        var segment: String?
    }

    /// The page copied with the cuts applied, each segment's content at its placeholder.
    /// An explicit stack of stretches still to copy, innermost last; a segment is placed once.
    private static func assembled(_ buffer: UnsafeBufferPointer<UInt8>, cuts: [Cut],
                                  segments: [String: (whole: Range<Int>, content: Range<Int>)]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        var used = Set<String>()
        var hiddenID: [Int: String] = [:]
        for (id, segment) in segments { hiddenID[segment.whole.lowerBound] = id }
        var stack: [Range<Int>] = [0..<buffer.count]
        while var stretch = stack.popLast() {
            // The first cut starting inside the stretch (cuts are sorted by start).
            var low = 0, high = cuts.count
            while low < high {
                let middle = (low + high) / 2
                if cuts[middle].range.lowerBound < stretch.lowerBound { low = middle + 1 } else { high = middle }
            }
            guard low < cuts.count, cuts[low].range.lowerBound < stretch.upperBound else {
                output.append(contentsOf: buffer[stretch])
                continue
            }
            let cut = cuts[low]
            output.append(contentsOf: buffer[stretch.lowerBound..<cut.range.lowerBound])
            // A segment not placed by the time its hidden div comes (its placeholder sat in a
            // fallback that went, or comes later) stays where it is, hidden, as sent.
            if cut.segment == nil, let id = hiddenID[cut.range.lowerBound], used.insert(id).inserted {
                output.append(contentsOf: buffer[cut.range])
            }
            stretch = min(cut.range.upperBound, stretch.upperBound)..<stretch.upperBound
            stack.append(stretch)
            if let id = cut.segment, let segment = segments[id], stack.count <= maxNesting, used.insert(id).inserted {
                stack.append(segment.content)
            }
        }
        return output
    }

    /// Every `<div hidden id="S:n">` with the range of the whole div and of its content.
    private static func segments(in buffer: UnsafeBufferPointer<UInt8>) -> [String: (whole: Range<Int>, content: Range<Int>)] {
        var result: [String: (whole: Range<Int>, content: Range<Int>)] = [:]
        var at = 0, tried = 0
        while tried < maxSegments, let start = find("<div hidden id=\"", in: buffer, from: at) {
            at = start + 1
            tried += 1
            guard let (id, tagEnd) = quotedValue(in: buffer, at: start + 16), id.hasPrefix("S:"),
                  tagEnd < buffer.count, buffer[tagEnd] == 0x3E else { continue }
            // React closes what it opens: an unclosed segment means the rest is not its markup.
            guard let (close, end) = divEnd(in: buffer, from: tagEnd + 1) else { break }
            result[id] = (start..<end, (tagEnd + 1)..<close)
            at = end
        }
        return result
    }

    /// Where the div whose content starts at `from` closes: the `</div` and the byte after its `>`.
    private static func divEnd(in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> (Int, Int)? {
        var depth = 1, at = from
        while let open = find("<", in: buffer, from: at) {
            at = open + 1
            if matches("<!--", in: buffer, at: open) {
                guard let end = find("-->", in: buffer, from: open + 4) else { return nil }
                at = end + 3
            } else if let name = tagStarts("<script", in: buffer, at: open) ? "</script" : tagStarts("<style", in: buffer, at: open) ? "</style" : nil {
                guard let end = find(name, in: buffer, from: open + 1) else { return nil }
                at = end + 2
            } else if tagStarts("<div", in: buffer, at: open) {
                depth += 1
            } else if tagStarts("</div", in: buffer, at: open) {
                depth -= 1
                guard depth > 0 else { return find(">", in: buffer, from: open).map { (open, $0 + 1) } }
            }
        }
        return nil
    }

    /// Which segment each placeholder takes, from the page's completion calls:
    /// `$RC("B:0","S:3")` (a boundary's content) and `$RS("S:4","P:4")` (a partial segment).
    private static func targets(in buffer: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        for call in ["$RC(\"", "$RS(\""] {
            var at = 0
            while let start = find(call, in: buffer, from: at) {
                at = start + 1
                guard let (first, firstEnd) = quotedValue(in: buffer, at: start + 5), matches(",\"", in: buffer, at: firstEnd),
                      let (second, _) = quotedValue(in: buffer, at: firstEnd + 2) else { continue }
                if call == "$RC(\"" { result[first] = second } else { result[second] = first }
            }
        }
        return result
    }

    /// Where a boundary's fallback ends: at its `<!--/$-->` when the placeholder opens with
    /// `<!--$?-->` (boundaries nest: `<!--$…-->` opens one), else right after the template;
    /// also there once the scans have used up `budget` bytes.
    private static func fallbackEnd(in buffer: UnsafeBufferPointer<UInt8>, template: Int, after end: Int,
                                    budget: inout Int) -> Int {
        guard template >= 9, matches("<!--$?-->", in: buffer, at: template - 9), budget > 0 else { return end }
        var depth = 1, at = end
        defer { budget -= at - end }
        while let comment = find("<!--", in: buffer, from: at) {
            at = comment + 4
            if matches("<!--/$-->", in: buffer, at: comment) {
                depth -= 1
                if depth == 0 { return comment }
            } else if matches("<!--$", in: buffer, at: comment) {
                depth += 1
            }
        }
        at = buffer.count
        return end
    }

    /// The value up to the next `"` starting at `at` (at most 32 bytes) and the index after the quote.
    private static func quotedValue(in buffer: UnsafeBufferPointer<UInt8>, at: Int) -> (String, Int)? {
        var end = at
        while end < buffer.count, end - at < 32, buffer[end] != 0x22 { end += 1 }
        guard end < buffer.count, buffer[end] == 0x22, end > at else { return nil }
        return (String(decoding: buffer[at..<end], as: UTF8.self), end + 1)
    }

    private static func matches(_ text: String, in buffer: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        let bytes = text.utf8
        guard at >= 0, at + bytes.count <= buffer.count else { return false }
        return buffer[at..<(at + bytes.count)].elementsEqual(bytes)
    }

    /// A tag name at `at` followed by whitespace, `>` or `/` ("<div" but not "<divider").
    private static func tagStarts(_ text: String, in buffer: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
        let after = at + text.utf8.count
        return matches(text, in: buffer, at: at) && after < buffer.count && [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(buffer[after])
    }

    private static func find(_ text: String, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        CodeTrimmer.find(Array(text.utf8), in: buffer, from: from)
    }
}

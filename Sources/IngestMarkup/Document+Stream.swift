import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Document {
    /// How `Document.walkHTML` ended.
    public enum StreamOutcome: Equatable, Sendable {
        case parsed
        /// The page nests elements deeper than `maxDepth`: parsing stopped there.
        case tooDeep
        /// libxml2 made no document at all (for example empty input).
        case noDocument
        /// Script bodies were cut where the parser did not read script (`trimsCode`): the
        /// events are not the page's; walk it again without trimming.
        case trimMisread
    }

    /// Parses HTML and hands its elements and text to `visit` as the parser meets them, without
    /// building libxml2's tree: the same events in the same order as
    /// `Document(html:encoding:url:keepsCode: false)?.walk(attributes:_:)` gives, with the
    /// same input preparation, options and depth cap. Building, walking and freeing libxml2's
    /// tree (a node, a name copy and an attribute node per element, one free each) took a
    /// third of the extractor's CPU time.
    ///
    /// The events follow what libxml2's SAX2 tree builder would have made of the same parser
    /// calls: adjacent text is one text node, up to the next element, comment or processing
    /// instruction; an element's name loses a `prefix:` (`xmlSplitQName`); a valueless boolean
    /// attribute (`checked`…) has its own name as value; only the first top-level element is
    /// walked, and elements opened after it closed join it as last children when it is the
    /// document's first node (no doctype or comment before it), as the tree builder does.
    /// Script and style text is dropped except in JSON-LD scripts.
    ///
    /// With `trimsCode`, script and style bodies of UTF-8 input are cut before parsing
    /// (`CodeTrimmer`), which saves libxml2 reading them; the parser confirms each cut, and
    /// when one was wrong the outcome is `.trimMisread`: the caller throws the events away and
    /// walks again without trimming.
    public static func walkHTML(_ bytes: some Collection<UInt8>, encoding: String? = "UTF-8", url: String? = nil,
                                trimsCode: Bool = false, attributes wanted: Set<String>,
                                _ visit: (WalkEvent) -> WalkDecision) -> StreamOutcome {
        initializeLibrary()
        var input = prepared(bytes, encoding: encoding)
        var trimmed = 0
        // Only UTF-8 with its label: libxml2 then reads the bytes through its UTF-8 decoder, where
        // an invalid byte is read alone, never past a `<`, and changes nothing after it.
        if trimsCode, encoding.map(isUTF8Label) == true, !input.starts(with: [0xEF, 0xBB, 0xBF]) {
            let trimmer = CodeTrimmer(input)
            (input, trimmed) = (trimmer.bytes, trimmer.replaced)
        }
        guard let context = htmlNewParserCtxt() else { return .noDocument }
        defer { htmlFreeParserCtxt(context) }
        return withoutActuallyEscaping(visit) { visit in
            let stream = HTMLStream(wanted: wanted, visit: visit)
            context.pointee._private = Unmanaged.passUnretained(stream).toOpaque()
            HTMLStream.install(on: context.pointee.sax)
            Document.closesSectionsThroughDivs(context)
            let parsed: xmlDocPtr? = input.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), url, encoding, htmlOptions)
                }
            }
            stream.finish()
            context.pointee._private = nil
            // The document holds at most a doctype: the elements never became nodes.
            guard let parsed else { return .noDocument }
            xmlFreeDoc(parsed)
            if stream.confirmedMarkers != trimmed { return .trimMisread }
            return context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) ? .tooDeep : .parsed
        }
    }

    /// "UTF-8", "utf8", "Utf_8".
    static func isUTF8Label(_ label: String) -> Bool {
        label.uppercased().filter { $0 != "-" && $0 != "_" } == "UTF8"
    }
}

/// The state of one `Document.walkHTML` parse, reached from libxml2's SAX callbacks through
/// the parser context's `_private` pointer; it lives on the caller's stack frame for the parse.
private final class HTMLStream {
    /// One open element, as libxml2's tree builder would have pushed it.
    struct Frame {
        /// Whether its `.open` was visited, so its `.close` is owed.
        var opened: Bool
        /// Whether its content is visited (inside the walked root and not skipped).
        var delivers: Bool
        /// Whether it is a JSON-LD `<script>`, whose CDATA text is kept.
        var isJSONLD: Bool
        /// Whether script or style text has come for it yet (`cdataBlock` gives 1000 bytes at a time).
        var hadCode = false
    }

    enum Root {
        case notYet
        /// The first top-level element is open (`frames[0]`).
        case open
        /// It closed; `pendingClose` when its `.close` waits for elements that may still join it.
        case closed(pendingClose: Bool)
    }

    let visit: (WalkEvent) -> WalkDecision
    var names: NameTable
    var frames: [Frame] = []
    var root = Root.notYet
    /// Whether the root is the document's first node so far (nothing before it at top level).
    var rootIsFirst = false
    var rootDelivers = false
    /// A comment or processing instruction came before the root, at top level.
    var nodeBeforeRoot = false
    /// The text node being built: its bytes, whether it is CDATA, and whether there is one.
    var text: [UInt8] = []
    var textIsCDATA = false
    var hasText = false
    /// `CodeTrimmer` markers the parser read as the whole body of a script or style.
    var confirmedMarkers = 0

    init(wanted: Set<String>, visit: @escaping (WalkEvent) -> WalkDecision) {
        self.names = NameTable(wanted: wanted)
        self.visit = visit
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> (UnsafeMutablePointer<xmlParserCtxt>, HTMLStream)? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
              let state = parser.pointee._private else { return nil }
        return (parser, Unmanaged<HTMLStream>.fromOpaque(state).takeUnretainedValue())
    }

    /// Replaces the tree builder's callbacks; the document's own (start, doctype, end) stay, so
    /// libxml2 sees the same document and doctype it decides whitespace and roots by.
    static func install(on sax: UnsafeMutablePointer<xmlSAXHandler>) {
        sax.pointee.startElement = { context, name, attributes in
            guard let (parser, stream) = HTMLStream.from(context) else { return }
            guard stream.frames.count < Document.maxDepth else { return xmlStopParser(parser) }
            stream.start(parser, name, attributes)
        }
        sax.pointee.endElement = { context, _ in HTMLStream.from(context)?.1.end() }
        sax.pointee.characters = { context, value, length in
            HTMLStream.from(context)?.1.add(value, Int(length), isCDATA: false)
        }
        // libxml2 hands script and style text to `cdataBlock` only.
        sax.pointee.cdataBlock = { context, value, length in
            guard let stream = HTMLStream.from(context)?.1, let frame = stream.frames.last else { return }
            stream.checkMarker(value, Int(length), frame)
            guard frame.isJSONLD else { return }
            stream.add(value, Int(length), isCDATA: true)
        }
        sax.pointee.comment = { context, _ in HTMLStream.from(context)?.1.otherNode() }
        sax.pointee.processingInstruction = { context, _, _ in HTMLStream.from(context)?.1.otherNode() }
    }

    func start(_ parser: UnsafeMutablePointer<xmlParserCtxt>, _ rawName: UnsafePointer<xmlChar>?,
               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        flushText()
        var isRoot = false
        let parentDelivers: Bool
        if let parent = frames.last {
            parentDelivers = parent.delivers
        } else {
            switch root {
            case .notYet:
                // The tree builder makes the first element the root when the document has no
                // node yet; the doctype is the only node this stream leaves in the document.
                isRoot = true
                rootIsFirst = !nodeBeforeRoot && parser.pointee.myDoc?.pointee.children == nil
                parentDelivers = true
            case .open, .closed:
                // A later top-level element becomes the root's last child while the root is
                // the document's first node (a doctype met later goes in front of it), else a
                // second root that the walk never reaches.
                parentDelivers = rootIsFirst && rootDelivers && parser.pointee.myDoc?.pointee.children == nil
            }
        }
        var frame = Frame(opened: false, delivers: false, isJSONLD: false)
        var isScript = false
        if let rawName { isScript = xmlStrcasecmp(rawName, "script") == 0 }
        var pairs: [(name: String, value: String)] = []
        if let attributes {
            var index = 0
            while let attributeName = attributes[index] {
                let value = attributes[index + 1]
                if isScript, !frame.isJSONLD, xmlStrcasecmp(attributeName, "type") == 0, let value {
                    frame.isJSONLD = Document.isJSONLDType(value)
                }
                // libxml2 interns attribute and element names in its dictionary for the parse.
                // Inside skipped content (an `<svg>`'s paths) no attribute is read.
                let known = parentDelivers ? names.internedName(attributeName) : (name: "", isWanted: false)
                if known.isWanted {
                    if let value {
                        pairs.append((known.name, String(cString: value)))
                    } else {
                        // SAX2 gives a valueless boolean attribute its own name as value.
                        pairs.append((known.name, htmlIsBooleanAttr(attributeName) != 0 ? known.name : ""))
                    }
                }
                index += 2
            }
        }
        if parentDelivers {
            frame.opened = true
            frame.delivers = visit(.open(name: elementName(parser, rawName), attributes: pairs)) == .descend
        }
        if isRoot {
            root = .open
            rootDelivers = frame.delivers
        }
        frames.append(frame)
    }

    /// The element's name as SAX2 stores it: a `prefix:` is split off.
    func elementName(_ parser: UnsafeMutablePointer<xmlParserCtxt>, _ raw: UnsafePointer<xmlChar>?) -> String {
        guard let raw, xmlStrchr(raw, UInt8(ascii: ":")) != nil else { return names.internedName(raw).name }
        var prefix: UnsafeMutablePointer<xmlChar>?
        let local = xmlSplitQName(parser, raw, &prefix)
        defer {
            ingest_xml_free(local)
            ingest_xml_free(prefix)
        }
        return names.name(local).name
    }

    func end() {
        flushText()
        guard let frame = frames.popLast() else { return }
        if frames.isEmpty, case .open = root {
            // The root's `.close` waits while later elements may still join it.
            root = .closed(pendingClose: frame.opened && rootIsFirst)
            if frame.opened && !rootIsFirst { _ = visit(.close) }
            return
        }
        if frame.opened { _ = visit(.close) }
    }

    func add(_ value: UnsafePointer<xmlChar>?, _ length: Int, isCDATA: Bool) {
        // Text outside any element has no node to go in; skipped content is not visited.
        guard let frame = frames.last, frame.delivers else { return }
        if hasText, textIsCDATA != isCDATA { flushText() }
        hasText = true
        textIsCDATA = isCDATA
        if let value, length > 0 { text.append(contentsOf: UnsafeBufferPointer(start: value, count: length)) }
    }

    /// Counts a trimmed body read back whole: the first code text of a script or style (not
    /// JSON-LD, whose body is never cut) and nothing but the marker.
    func checkMarker(_ value: UnsafePointer<xmlChar>?, _ length: Int, _ frame: Frame) {
        frames[frames.count - 1].hadCode = true
        guard !frame.hadCode, !frame.isJSONLD, let value, length == CodeTrimmer.marker.count,
              CodeTrimmer.marker.withUnsafeBytes({ memcmp($0.baseAddress!, value, length) == 0 }) else { return }
        confirmedMarkers += 1
    }

    /// A comment or processing instruction: a node between texts, which ends a text node.
    func otherNode() {
        flushText()
        if frames.isEmpty, case .notYet = root { nodeBeforeRoot = true }
    }

    func flushText() {
        guard hasText else { return }
        // A text node's content is read as a C string, up to a NUL.
        let end = text.firstIndex(of: 0) ?? text.count
        let content = text[..<end]
        if textIsCDATA || !content.contains(UInt8(ascii: "&")) {
            _ = visit(.text(String(decoding: content, as: UTF8.self)))
        } else {
            _ = visit(.text(String(decoding: HTML5Entities.decode(Array(content)), as: UTF8.self)))
        }
        text.removeAll(keepingCapacity: true)
        hasText = false
    }

    /// Closes what the parse left open (it stopped at the depth cap), then a waiting root.
    func finish() {
        while !frames.isEmpty { end() }
        flushText()
        if case .closed(pendingClose: true) = root { _ = visit(.close) }
    }
}

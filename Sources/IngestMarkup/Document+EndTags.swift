import CLibXML2

extension Document {
    /// Makes the HTML parser close a section as browsers do when an element left open inside
    /// it is a `<div>`.
    ///
    /// libxml2 2.9 lets an end tag close only elements of lower or equal "end priority", and
    /// gives `<div>` a higher one than every element its table does not list, HTML5's among
    /// them. So `</aside>`, `</section>` or `</nav>` with a `<div>` left open inside is
    /// dropped, and the rest of the page, the story included, is parsed into the sidebar or
    /// the menu. The HTML standard closes the open elements up to the section instead, unless
    /// a table cell or another scope boundary stands between. libxml2 reports the dropped tag
    /// as a mismatch right before it would close a matching current element: the handler
    /// closes the elements above the section there, as libxml2's own auto-close does (the
    /// SAX end callback, then the name stack), and the parser then closes the section itself.
    static func closesSectionsThroughDivs(_ context: UnsafeMutablePointer<xmlParserCtxt>) {
        // Structured errors go to the handler only with a SAX2 handler's mark; the HTML parser
        // reads no other field by it.
        context.pointee.sax.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        context.pointee.sax.pointee.serror = { userData, error in
            guard let error, error.pointee.code == Int32(XML_ERR_TAG_NAME_MISMATCH.rawValue), let tag = error.pointee.str1,
                  let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            Document.closeThroughDivs(parser, String(cString: tag))
        }
    }

    /// End tags that close the elements left open inside them (the HTML standard's "address,
    /// article, aside, …" end tag rule) and that libxml2's priority table leaves at its default.
    static let sectionEndTags: Set<String> = [
        "address", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir", "dl",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol",
        "pre", "search", "section", "summary", "ul",
    ]

    /// Elements an end tag does not close through: the standard's scope boundaries and the
    /// table's parts (always inside a `<table>`).
    static let scopeBoundaries: Set<String> = [
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
        "tr", "tbody", "thead", "tfoot", "body", "head",
    ]

    private static func closeThroughDivs(_ parser: UnsafeMutablePointer<xmlParserCtxt>, _ tag: String) {
        guard sectionEndTags.contains(tag), let names = parser.pointee.nameTab else { return }
        // Only a tag libxml2 dropped for a `<div>` above it: within reach, no boundary between.
        var index = Int(parser.pointee.nameNr) - 1
        var heldByDiv = false
        while index >= 0 {
            guard let open = names[index] else { return }
            let name = String(cString: open)
            if name == tag { break }
            if scopeBoundaries.contains(name) { return }
            heldByDiv = heldByDiv || name == "div"
            index -= 1
        }
        guard index >= 0, heldByDiv else { return }
        while Int(parser.pointee.nameNr) - 1 > index {
            parser.pointee.sax.pointee.endElement?(parser.pointee.userData, parser.pointee.name)
            let top = Int(parser.pointee.nameNr) - 1
            names[top] = nil
            parser.pointee.nameNr = Int32(top)
            parser.pointee.name = names[top - 1]
        }
    }
}

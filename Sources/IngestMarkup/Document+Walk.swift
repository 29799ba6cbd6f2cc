import CLibXML2

/// One step of `Document.walk`, in document order.
public enum WalkEvent {
    /// An element opens: its name and the attributes that were asked for, in document order.
    case open(name: String, attributes: [(name: String, value: String)])
    /// A text or CDATA node.
    case text(String)
    /// The element opened last (and not yet closed) closes.
    case close
}

/// What `Document.walk` does after an `.open` event.
public enum WalkDecision {
    case descend
    /// Do not visit the element's content; its `.close` still follows.
    case skipContent
}

extension Document {
    /// Walks every element and text node under the root without recursion and without
    /// creating `Node` values (no reference counting per step), for passes that copy the
    /// whole tree. Attribute names are compared as libxml2 gives them (lower case for HTML).
    ///
    ///     doc.walk(attributes: ["class"]) { event in
    ///         if case .open(let name, _) = event, name == "script" { return .skipContent }
    ///         return .descend
    ///     }
    public func walk(attributes wanted: Set<String>, _ visit: (WalkEvent) -> WalkDecision) {
        guard let root = xmlDocGetRootElement(pointer) else { return }
        var names = NameTable(wanted: wanted)
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let elementName = names.name(current.pointee.name).name
                var attributes: [(name: String, value: String)] = []
                var attr = current.pointee.properties
                while let property = attr {
                    let attrName = names.name(property.pointee.name)
                    if attrName.isWanted { attributes.append((attrName.name, Document.value(of: property))) }
                    attr = property.pointee.next
                }
                descend = visit(.open(name: elementName, attributes: attributes)) == .descend && current.pointee.children != nil
                if !descend { _ = visit(.close) }
            case XML_TEXT_NODE:
                if let content = current.pointee.content {
                    let bytes = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
                    let text = bytes.contains(UInt8(ascii: "&"))
                        ? String(decoding: HTML5Entities.decode(Array(bytes)), as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
                    _ = visit(.text(text))
                }
            case XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { _ = visit(.text(String(cString: content))) }
            default:
                break
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // Next sibling, or climb, closing each element left.
            var climb: xmlNodePtr? = current
            node = nil
            while let up = climb, up != root {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climb = up.pointee.parent
                if let parent = climb, parent.pointee.type == XML_ELEMENT_NODE { _ = visit(.close) }
            }
        }
    }

    /// An attribute's value: its single text child read in place, else libxml2's copy.
    private static func value(of property: xmlAttrPtr) -> String {
        if let child = property.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
           let content = child.pointee.content {
            return String(cString: content)
        }
        guard let copy = xmlNodeListGetString(property.pointee.doc, property.pointee.children, 1) else { return "" }
        defer { ingest_xml_free(copy) }
        return String(cString: copy)
    }
}

/// Element and attribute names repeat all over a page (libxml2's HTML parser copies each one
/// rather than interning it): a small table keyed by length and end bytes makes each name's
/// Swift string, and whether it is wanted, once per page.
struct NameTable {
    let wanted: Set<String>
    private var slots = [(bytes: [UInt8], name: String, isWanted: Bool)?](repeating: nil, count: 256)
    /// Names the parser interns (its dictionary, or static strings) keep their address for the
    /// whole parse: known by address, they need neither a length nor a comparison.
    private var interned = [(pointer: UnsafePointer<xmlChar>, name: String, isWanted: Bool)?](repeating: nil, count: 256)

    init(wanted: Set<String>) {
        self.wanted = wanted
    }

    /// `name(_:)` for a name whose address stays the same for the table's life.
    mutating func internedName(_ raw: UnsafePointer<xmlChar>?) -> (name: String, isWanted: Bool) {
        guard let raw else { return ("", false) }
        let slot = (Int(bitPattern: raw) >> 3) & 255
        if let known = interned[slot], known.pointer == raw { return (known.name, known.isWanted) }
        let found = name(raw)
        interned[slot] = (raw, found.name, found.isWanted)
        return found
    }

    mutating func name(_ raw: UnsafePointer<xmlChar>?) -> (name: String, isWanted: Bool) {
        guard let raw else { return ("", false) }
        let length = Int(xmlStrlen(raw))
        let bytes = UnsafeBufferPointer(start: raw, count: length)
        var slot = 0
        if length > 0 {
            let first = Int(bytes[0]), last = Int(bytes[length - 1])
            slot = (length &* 31 &+ first &* 7 &+ last) & 255
        }
        if let known = slots[slot], known.bytes.elementsEqual(bytes) { return (known.name, known.isWanted) }
        let string = String(decoding: bytes, as: UTF8.self)
        let isWanted = wanted.contains(string)
        slots[slot] = (Array(bytes), string, isWanted)
        return (string, isWanted)
    }
}

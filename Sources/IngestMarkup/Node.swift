import CLibXML2

/// An element, text or other node of a `Document`. It keeps its document alive, so a
/// node can never point into freed memory.
public struct Node {
    /// What sort of node this is; everything libxml2 has besides these is `.other`.
    public enum Kind: Equatable, Sendable { case element, text, comment, other }

    let pointer: xmlNodePtr
    /// Held only to keep the `xmlDoc` alive while this node exists.
    let document: Document

    init(_ pointer: xmlNodePtr, in document: Document) {
        self.pointer = pointer
        self.document = document
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: .text
        case XML_COMMENT_NODE: .comment
        default: .other
        }
    }

    /// The local tag name (HTML names are lower-case as libxml2 gives them).
    public var name: String {
        pointer.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The namespace URI of an XML element, if it has one (Atom, sitemaps, Media RSS).
    public var namespace: String? {
        pointer.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    /// The value of an attribute, looked up by its local name.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { ingest_xml_free(value) }
        return String(cString: value)
    }

    /// All attributes as (local name, value) pairs, in document order.
    public var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var attr = pointer.pointee.properties
        while let current = attr {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            result.append((name, attribute(name) ?? ""))
            attr = current.pointee.next
        }
        return result
    }

    /// The text of a text node, or the concatenated text of every descendant.
    public var text: String {
        if kind == .text, let content = pointer.pointee.content {
            return String(cString: content)
        }
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { ingest_xml_free(content) }
        return String(cString: content)
    }

    public var parent: Node? {
        guard let p = pointer.pointee.parent, p.pointee.type == XML_ELEMENT_NODE else { return nil }
        return Node(p, in: document)
    }
    public var firstChild: Node? { pointer.pointee.children.map { Node($0, in: document) } }
    public var nextSibling: Node? { pointer.pointee.next.map { Node($0, in: document) } }

    /// The direct children, in document order.
    public var children: Children { Children(first: firstChild) }

    /// Every descendant in document order, walked without recursion so that
    /// 100,000 nested elements cannot overflow the stack.
    public var descendants: Descendants { Descendants(root: self) }

    /// Descendant elements with the given local name.
    public func descendants(named name: String) -> [Node] {
        descendants.filter { $0.kind == .element && $0.name == name }
    }

    /// The direct child elements with the given local name.
    public func children(named name: String) -> [Node] {
        children.filter { $0.kind == .element && $0.name == name }
    }

    /// The direct children of a node.
    public struct Children: Sequence, IteratorProtocol {
        var current: Node?
        init(first: Node?) { current = first }
        public mutating func next() -> Node? {
            defer { current = current?.nextSibling }
            return current
        }
    }

    /// A pre-order walk of a node's descendants (the node itself excluded).
    public struct Descendants: Sequence, IteratorProtocol {
        let root: xmlNodePtr
        let document: Document
        var current: xmlNodePtr?

        init(root: Node) {
            self.root = root.pointer
            self.document = root.document
            self.current = root.pointer
        }

        public mutating func next() -> Node? {
            guard var node = current else { return nil }
            if let child = node.pointee.children, node.pointee.type == XML_ELEMENT_NODE {
                current = child
            } else {
                while node != root, node.pointee.next == nil {
                    guard let up = node.pointee.parent else { break }
                    node = up
                }
                current = node == root ? nil : node.pointee.next
            }
            return current.map { Node($0, in: document) }
        }
    }
}

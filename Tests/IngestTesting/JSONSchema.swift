import Foundation

/// A JSON Schema checker for the subset the repo's schemas use (`type`, `properties`,
/// `required`, `additionalProperties: false`, `items`, `enum`, `pattern`, `minLength`,
/// `minimum`, `maximum`, `minItems`), so the tests can hold real output against
/// `schemas/*.json` without a dependency. An unknown keyword is a problem too: the schema must
/// not say more than this checks.
public struct JSONSchema {
    let root: [String: Any]

    /// Loads `schemas/NAME` from the repository.
    public init(named name: String, file: String = #filePath) throws {
        let repo = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: repo.appendingPathComponent("schemas").appendingPathComponent(name))
        root = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// Every place where `value` (from JSONSerialization) breaks the schema, as `path: why`.
    public func problems(_ value: Any) -> [String] {
        var found: [String] = []
        check(value, root, "$", &found)
        return found
    }

    private static let annotations: Set<String> = ["$schema", "$id", "title", "description", "default"]

    private func check(_ value: Any, _ schema: [String: Any], _ path: String, _ found: inout [String]) {
        for (keyword, rule) in schema {
            switch keyword {
            case _ where Self.annotations.contains(keyword):
                continue
            case "type":
                let allowed = (rule as? [String]) ?? [rule as? String ?? ""]
                if !allowed.contains(where: { Self.type(of: value) == $0 || ($0 == "number" && Self.type(of: value) == "integer") }) {
                    found.append("\(path): \(Self.type(of: value)), expected \(allowed.joined(separator: " or "))")
                }
            case "enum":
                let options = rule as? [Any] ?? []
                if !options.contains(where: { Self.equal($0, value) }) { found.append("\(path): \(value) is not one of \(options)") }
            case "pattern":
                if let text = value as? String, let pattern = rule as? String,
                   text.range(of: pattern, options: .regularExpression) == nil {
                    found.append("\(path): \"\(text.prefix(60))\" does not match \(pattern)")
                }
            case "minLength":
                if let text = value as? String, text.count < (rule as? Int ?? 0) { found.append("\(path): shorter than \(rule)") }
            case "minimum":
                if let number = Self.number(value), number < (Self.number(rule) ?? 0) { found.append("\(path): below \(rule)") }
            case "maximum":
                if let number = Self.number(value), number > (Self.number(rule) ?? 0) { found.append("\(path): above \(rule)") }
            case "minItems":
                if let items = value as? [Any], items.count < (rule as? Int ?? 0) { found.append("\(path): fewer than \(rule) items") }
            case "items":
                if let items = value as? [Any], let itemSchema = rule as? [String: Any] {
                    for (index, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(index)]", &found) }
                }
            case "required":
                if let object = value as? [String: Any] {
                    for key in rule as? [String] ?? [] where object[key] == nil { found.append("\(path): missing \"\(key)\"") }
                }
            case "properties":
                if let object = value as? [String: Any], let properties = rule as? [String: Any] {
                    for (key, item) in object {
                        if let propertySchema = properties[key] as? [String: Any] { check(item, propertySchema, "\(path).\(key)", &found) }
                    }
                }
            case "additionalProperties":
                if let object = value as? [String: Any], rule as? Bool == false {
                    let known = (schema["properties"] as? [String: Any]).map { Set($0.keys) } ?? []
                    for key in object.keys.sorted() where !known.contains(key) { found.append("\(path): unexpected \"\(key)\"") }
                }
            default:
                found.append("\(path): the schema uses \"\(keyword)\", which this checker does not know")
            }
        }
    }

    private static func type(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case let number as NSNumber:
            // JSONSerialization gives booleans objCType "c", floating-point numbers "d".
            switch String(cString: number.objCType) {
            case "c": return "boolean"
            case "d", "f": return "number"
            default: return "integer"
            }
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }

    private static func number(_ value: Any) -> Double? {
        guard let number = value as? NSNumber, type(of: value) != "boolean" else { return nil }
        return number.doubleValue
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if type(of: a) != type(of: b) { return false }
        return (a as? NSObject)?.isEqual(b) ?? false
    }
}

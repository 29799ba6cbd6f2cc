/// The corpus's text metric, as its score.py defines it: tokens are runs of word characters,
/// 4-token shingles compared as multisets; per page tp, fp, fn normalised by their sum.
struct ShingleScore {
    var tp = 0.0, fp = 0.0, fn = 0.0
    var predictionEmpty = false
    var truthEmpty = false
    var bowPrecision = 0.0, bowRecall = 0.0

    init(truth: String, prediction: String) {
        let truthTokens = ShingleScore.tokens(truth), predictedTokens = ShingleScore.tokens(prediction)
        let t = ShingleScore.shingles(truthTokens), p = ShingleScore.shingles(predictedTokens)
        var shared = 0
        for (key, count) in p { shared += min(count, t[key] ?? 0) }
        let predicted = p.values.reduce(0, +), expected = t.values.reduce(0, +)
        let total = Double(shared + (predicted - shared) + (expected - shared))
        if total > 0 {
            tp = Double(shared) / total
            fp = Double(predicted - shared) / total
            fn = Double(expected - shared) / total
        }
        predictionEmpty = predicted == 0
        truthEmpty = expected == 0
        let tb = ShingleScore.counts(truthTokens.map { $0.lowercased() })
        let pb = ShingleScore.counts(predictedTokens.map { $0.lowercased() })
        var common = 0
        for (key, count) in pb { common += min(count, tb[key] ?? 0) }
        bowPrecision = predictedTokens.isEmpty ? 0 : Double(common) / Double(predictedTokens.count)
        bowRecall = truthTokens.isEmpty ? 0 : Double(common) / Double(truthTokens.count)
    }

    var precision: Double {
        if fp == 0 && fn == 0 { return 1 }
        return tp + fp == 0 ? 0 : tp / (tp + fp)
    }

    var recall: Double {
        if fp == 0 && fn == 0 { return 1 }
        return tp + fn == 0 ? 0 : tp / (tp + fn)
    }

    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    var bowF1: Double {
        if truthEmpty && predictionEmpty { return 1 }
        return bowPrecision + bowRecall == 0 ? 0 : 2 * bowPrecision * bowRecall / (bowPrecision + bowRecall)
    }

    /// Mean P over pages with a prediction, mean R over pages with a truth, F1 of the means.
    static func summary(_ scores: [ShingleScore]) -> (precision: Double, recall: Double, f1: Double, bowF1: Double) {
        let withPrediction = scores.filter { $0.tp + $0.fp > 0 }
        let withTruth = scores.filter { $0.tp + $0.fn > 0 }
        let p = withPrediction.map(\.precision).reduce(0, +) / Double(max(withPrediction.count, 1))
        let r = withTruth.map(\.recall).reduce(0, +) / Double(max(withTruth.count, 1))
        let bow = scores.map(\.bowF1).reduce(0, +) / Double(max(scores.count, 1))
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), bow)
    }

    /// Runs of Unicode word characters (letters, marks, digits, connector punctuation).
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            let isWord = properties.isAlphabetic || properties.numericType != nil
                || properties.generalCategory == .connectorPunctuation || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            if isWord {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    static func shingles(_ tokens: [String]) -> [String: Int] {
        guard !tokens.isEmpty else { return [:] }
        if tokens.count < 4 { return [tokens.joined(separator: " "): 1] }
        var result: [String: Int] = [:]
        for index in 0...(tokens.count - 4) {
            result[tokens[index..<index + 4].joined(separator: " "), default: 0] += 1
        }
        return result
    }

    static func counts(_ tokens: [String]) -> [String: Int] {
        tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}

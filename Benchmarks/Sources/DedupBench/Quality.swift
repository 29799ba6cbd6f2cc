import Foundation
import IngestDedup

/// Clusters the dev corpus in ingest order, writes `{"id","cluster"}` lines and runs score.py.
func runQuality(corpus: String, scorer: String, output: String) throws {
    let docs = try loadDevCorpus(corpus)
    var index = StoryIndex()
    let start = now()
    var ids: [String] = []
    for doc in docs { ids.append(index.add(copyID: doc.id, text: doc.text).storyID) }
    let seconds = now() - start
    // Report final (resolved) story ids: earlier answers may have been merged since.
    var lines = ""
    for doc in docs {
        let story = index.storyID(ofCopy: doc.id) ?? "?"
        lines += "{\"id\": \"\(doc.id)\", \"cluster\": \"\(story)\"}\n"
    }
    try lines.write(toFile: output, atomically: true, encoding: .utf8)
    print(String(format: "dev set: %d docs clustered in %.3f s (%.0f docs/s); predictions in %@", docs.count, seconds,
                 Double(docs.count) / seconds, output))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scorer, corpus, output, "--detail"]
    try process.run()
    process.waitUntilExit()
}

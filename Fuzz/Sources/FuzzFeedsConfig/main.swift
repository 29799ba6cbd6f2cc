import FuzzSupport
import Foundation
import IngestSync

/// The feeds.json validator: any bytes are a config or a list of problems, never a crash.
runFuzzer { data, count in
    let data = Data(fuzzBytes(data, count))
    do {
        _ = try FeedsConfig.parse(data)
    } catch let error as ConfigError {
        precondition(!error.problems.isEmpty, "a refused config names no problem")
    } catch {
        preconditionFailure("FeedsConfig.parse threw something other than a ConfigError: \(error)")
    }
    return 0
}

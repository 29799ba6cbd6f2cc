import CCurl
import Foundation
import IngestCore

/// One libcurl multi handle driven on its own thread, so network waits never block the
/// Swift cooperative pool. Jobs come in through a locked inbox; the thread schedules them
/// with an `OriginScheduler`, runs them, and calls each job's completion on this thread.
///
/// `@unchecked Sendable` is safe because the only state touched from other threads is
/// `inbox`/`stopping`/`thread`/`accepted`, always under `lock`; `curl_multi_wakeup` is documented
/// thread-safe and is only called under `lock` while the handle lives (the driver thread
/// frees it under `lock` after `stopping` was set); everything else (the multi handle,
/// transfers, scheduler) is used only by the driver thread.
final class CurlDriver: @unchecked Sendable {
    private enum Command {
        case submit(TransferJob, Origin, notBefore: UInt64)
        case setDelay(Origin, UInt64)
        case block(Origin, until: UInt64)
        case cancel(UInt64)
    }

    private let settings: FetchSettings
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var inbox: [Command] = []
    private var stopping = false
    private var thread: pthread_t?
    /// Commands taken into the inbox so far, by kind (under `lock`). Tests wait on these
    /// instead of sleeping: once a count has grown, the command is ahead of any later one.
    private var accepted = (submits: 0, blocks: 0)

    // Driver-thread state.
    private var scheduler: OriginScheduler<TransferJob>
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Cancellations that arrived before their job (bounded: a cancel for a job that had
    /// already finished is never claimed).
    private var cancelledEarly: [UInt64] = []

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        // Page bodies are 100 KB – 5 MB arrays made and freed at network speed. Above glibc's
        // default 128 KiB mmap threshold each one is a fresh mmap whose every page faults in,
        // and heap trimming returns the rest: that cost 40% of throughput on 200 KB pages.
        // Keep bodies up to 8 MiB on the heap and 32 MiB of free heap for reuse.
        MallocTuning.set(.mmapThreshold, 8 << 20)
        MallocTuning.set(.trimThreshold, 32 << 20)
    }()

    init(settings: FetchSettings) {
        _ = CurlDriver.globalInit
        self.settings = settings
        self.multi = curl_multi_init()
        scheduler = OriginScheduler(concurrency: settings.concurrency, perOrigin: settings.perHostConcurrency,
                                    defaultDelay: Monotonic.nanoseconds(settings.perHostDelay))
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            let driver = Unmanaged<CurlDriver>.fromOpaque(context!).takeRetainedValue()
            driver.run()
            return nil
        }, context)
        precondition(created == 0, "cannot start the fetcher thread (\(created))")
        self.thread = thread
    }

    /// Queues a transfer; its completion runs on the driver thread (keep it short).
    func submit(_ job: TransferJob, origin: Origin, notBefore: UInt64 = 0) {
        send(.submit(job, origin, notBefore: notBefore)) {
            job.completion(TransferResult(url: job.url, curlCode: -1, curlMessage: "shut down"))
        }
    }

    /// Raises an origin's minimum delay between request starts.
    func setDelay(_ seconds: Double, for origin: Origin) {
        send(.setDelay(origin, Monotonic.nanoseconds(seconds))) {}
    }

    /// Holds every request to `origin` for `seconds` from now.
    func block(_ origin: Origin, forSeconds seconds: Double) {
        send(.block(origin, until: Monotonic.now() + Monotonic.nanoseconds(seconds))) {}
    }

    /// Ends job `id` as cancelled, queued or running; a no-op once it has finished.
    func cancel(id: UInt64) {
        send(.cancel(id)) {}
    }

    /// Stops the thread: running and queued transfers complete as shut down, then the
    /// multi handle is freed. Idempotent; returns after the thread has ended.
    func shutdown() {
        let thread: pthread_t? = lock.withLock {
            guard !stopping else { return nil }
            stopping = true
            curl_multi_wakeup(multi)
            defer { self.thread = nil }
            return self.thread
        }
        guard let thread else { return }
        pthread_join(thread, nil)
    }

    private func send(_ command: Command, ifStopped: () -> Void) {
        let taken = lock.withLock {
            guard !stopping else { return false }
            inbox.append(command)
            switch command {
            case .submit: accepted.submits += 1
            case .block: accepted.blocks += 1
            case .setDelay, .cancel: break
            }
            curl_multi_wakeup(multi)
            return true
        }
        if !taken { ifStopped() }
    }

    /// Jobs submitted and origin hold-backs (429/503) taken into the inbox so far.
    var acceptedCommands: (submits: Int, blocks: Int) { lock.withLock { accepted } }

    private func run() {
        while takeCommands() {
            startReadyTransfers()
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            let finishedAny = collectFinished()
            if finishedAny { continue }  // capacity freed: start more before sleeping
            curl_multi_poll(multi, nil, 0, pollTimeout(), nil)
        }
        for transfer in active.values {
            curl_multi_remove_handle(multi, transfer.easy)
            transfer.job.completion(TransferResult(url: transfer.job.url, curlCode: -1, curlMessage: "shut down"))
        }
        active = [:]
        for job in scheduler.drain() {
            job.completion(TransferResult(url: job.url, curlCode: -1, curlMessage: "shut down"))
        }
        lock.withLock { _ = curl_multi_cleanup(multi) }
    }

    /// Applies queued commands; false once shutdown was asked.
    private func takeCommands() -> Bool {
        let (commands, stop) = lock.withLock {
            defer { inbox = [] }
            return (inbox, stopping)
        }
        let now = Monotonic.now()
        for command in commands {
            switch command {
            case .submit(let job, let origin, let notBefore):
                if let index = cancelledEarly.firstIndex(of: job.id) {
                    cancelledEarly.remove(at: index)
                    job.completion(.cancelled(job.url))
                } else {
                    scheduler.enqueue(job, origin: origin, notBefore: notBefore, now: now)
                }
            case .cancel(let id):
                cancel(id)
            case .setDelay(let origin, let delay):
                scheduler.setDelay(delay, for: origin)
            case .block(let origin, let until):
                scheduler.block(origin, until: until)
            }
        }
        if stop {
            // Jobs that arrived with the stop request still get their answer.
            for job in scheduler.drain() {
                job.completion(TransferResult(url: job.url, curlCode: -1, curlMessage: "shut down"))
            }
        }
        return !stop
    }

    private func cancel(_ id: UInt64) {
        if let (easy, transfer) = active.first(where: { $0.value.job.id == id }) {
            active[easy] = nil
            curl_multi_remove_handle(multi, easy)
            scheduler.finished(transfer.origin)
            transfer.job.completion(.cancelled(transfer.job.url))
        } else if let job = scheduler.remove(where: { $0.id == id }) {
            job.completion(.cancelled(job.url))
        } else {
            cancelledEarly.append(id)
            if cancelledEarly.count > 1024 { cancelledEarly.removeFirst() }
        }
    }

    private func startReadyTransfers() {
        let now = Monotonic.now()
        while let (origin, job) = scheduler.next(now: now) {
            guard let transfer = Transfer(job: job, origin: origin, settings: settings) else {
                scheduler.finished(origin)
                job.completion(TransferResult(url: job.url, curlCode: -1, curlMessage: "curl_easy_init failed"))
                continue
            }
            active[transfer.easy] = transfer
            curl_multi_add_handle(multi, transfer.easy)
        }
    }

    private func collectFinished() -> Bool {
        var finishedAny = false
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = active.removeValue(forKey: easy) else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            scheduler.finished(transfer.origin)
            transfer.job.completion(transfer.complete(code: code))
            finishedAny = true
        }
        return finishedAny
    }

    /// Sleep until curl has work, a command arrives (wakeup), or a delayed job is due.
    private func pollTimeout() -> Int32 {
        guard let wake = scheduler.nextWake() else { return 1000 }
        let now = Monotonic.now()
        guard wake > now else { return 0 }
        return Int32(min(1000, (wake - now) / 1_000_000 + 1))
    }
}

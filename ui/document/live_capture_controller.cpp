// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/live_capture_controller.h"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace tcpscope::ui {

namespace {
constexpr int kTickMs = 100; // ten snapshots a second at most
constexpr int kViewerBufferMiB = 32;
} // namespace

LiveCaptureController::LiveCaptureController(QObject* parent) : QObject(parent) {
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveCaptureController::tick);
    connect(&m_watcher, &QFutureWatcher<DocumentPtr>::finished, this,
            &LiveCaptureController::onSnapshotBuilt);
}

LiveCaptureController::~LiveCaptureController() {
    if (m_capture) m_capture->stop();
    if (m_reader.joinable()) m_reader.join();
    m_watcher.waitForFinished();
}

bool LiveCaptureController::start(const CaptureOptions& options, const DissectOptions& dissect,
                                  size_t maxBytes, QString* error) {
    if (m_running) return false;
    if (m_reader.joinable()) m_reader.join();
    m_watcher.waitForFinished();
    m_options = options;
    // The kernel's buffer holds what arrives while the helper waits for a CPU: in the viewer
    // it shares them with the snapshots, so it gets more room than the command line's 4 MiB.
    m_options.bufferMiB = std::max(options.bufferMiB, kViewerBufferMiB);
    m_capture = std::make_unique<LiveCapture>();
    const std::string name = options.interface;
    m_session = std::make_unique<LiveSession>(name, dissect, maxBytes);
    if (!m_capture->start(m_options)) {
        if (error) *error = fromCore(m_capture->error());
        m_capture.reset();
        return false;
    }
    m_received = 0;
    m_shown = 0;
    m_handed = 0;
    m_lags.clear();
    m_sinceBuild.invalidate();
    m_buildMs = 0;
    m_readerDone = false;
    m_lastBuilt = false;
    m_running = true;
    m_reader = std::thread([this] {
        for (Frame f; m_capture->next(f);) {
            m_session->append(f);
            ++m_received;
        }
        m_readerDone = true;
    });
    m_timer.start();
    buildSnapshot(false); // an empty capture on screen at once
    return true;
}

void LiveCaptureController::stop() {
    if (m_capture) m_capture->stop();
}

CaptureStats LiveCaptureController::stats() const {
    return m_capture ? m_capture->stats() : CaptureStats{};
}

uint64_t LiveCaptureController::discarded() const {
    return m_session ? m_session->discarded() : 0;
}

void LiveCaptureController::tick() {
    emit statsChanged();
    if (m_building) return; // the next tick takes what came meanwhile
    // A snapshot is built from all the frames: on a long capture that takes a while, and the
    // builds then leave the capture helper at least two thirds of the time.
    if (m_sinceBuild.isValid() && !m_readerDone && m_sinceBuild.elapsed() < 2 * m_buildMs) return;
    const bool done = m_readerDone;
    if (done || m_received != m_shown) buildSnapshot(done);
}

void LiveCaptureController::buildSnapshot(bool last) {
    m_building = true;
    m_lastBuilt = last;
    m_buildTimer.start();
    m_shown = m_received;
    LiveSession* session = m_session.get();
    m_watcher.setFuture(QtConcurrent::run([session, last]() -> DocumentPtr {
        return last ? session->finish() : session->snapshot();
    }));
}

void LiveCaptureController::onSnapshotBuilt() {
    m_building = false;
    m_buildMs = m_buildTimer.elapsed();
    m_sinceBuild.start();
    if (DocumentPtr doc = m_watcher.result()) {
        if (doc->size() > m_handed && !doc->records().empty()) {
            // The first frame this snapshot shows that the last did not (with a ring buffer,
            // the oldest still kept).
            const size_t first =
                std::min(doc->size() - 1, m_handed - std::min<size_t>(m_handed, discarded()));
            const Timestamp ts = doc->record(first).ts;
            const double now =
                std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                    .count();
            m_lags.push_back(now - (double(ts.sec) + double(ts.nsec) * 1e-9));
        }
        m_handed = doc->size() + size_t(discarded());
        emit snapshot(doc);
    }
    if (!m_lastBuilt) return;
    m_timer.stop();
    if (m_reader.joinable()) m_reader.join();
    m_running = false;
    const QString error = fromCore(m_capture->error());
    emit statsChanged();
    emit ended(error);
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/live_capture_controller.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tcpscope::ui {

namespace {
constexpr int kTickMs = 100; // ten snapshots a second at most
}

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
    m_capture = std::make_unique<LiveCapture>();
    const std::string name = options.interface;
    m_session = std::make_unique<LiveSession>(name, dissect, maxBytes);
    if (!m_capture->start(options)) {
        if (error) *error = fromCore(m_capture->error());
        m_capture.reset();
        return false;
    }
    m_received = 0;
    m_shown = 0;
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
    const bool done = m_readerDone;
    if (done || m_received != m_shown) buildSnapshot(done);
}

void LiveCaptureController::buildSnapshot(bool last) {
    m_building = true;
    m_lastBuilt = last;
    m_shown = m_received;
    LiveSession* session = m_session.get();
    m_watcher.setFuture(QtConcurrent::run([session, last]() -> DocumentPtr {
        if (!last) return session->snapshot();
        return CaptureSession::fromFrames(session->frames(), session->name(), "live capture",
                                          session->options(), true);
    }));
}

void LiveCaptureController::onSnapshotBuilt() {
    m_building = false;
    if (DocumentPtr doc = m_watcher.result()) emit snapshot(doc);
    if (!m_lastBuilt) return;
    m_timer.stop();
    if (m_reader.joinable()) m_reader.join();
    m_running = false;
    const QString error = fromCore(m_capture->error());
    emit statsChanged();
    emit ended(error);
}

} // namespace tcpscope::ui

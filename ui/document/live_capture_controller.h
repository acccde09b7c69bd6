// SPDX-License-Identifier: GPL-2.0-or-later
// A live capture in the viewer (Capture menu): the core's LiveCapture runs the capture helper
// and a reading thread appends each frame to a LiveSession as it arrives; ten times a second,
// when frames came, a snapshot of the session is built on a worker thread and handed to the
// window, which shows it as it shows a loaded file. The UI thread never waits for the capture
// or for a snapshot: while one is being built, newer frames wait for the next.
#pragma once

#include "document/document.h"

#include <tcpscope/live_capture.h>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace tcpscope::ui {

class LiveCaptureController : public QObject {
    Q_OBJECT
  public:
    explicit LiveCaptureController(QObject* parent = nullptr);
    ~LiveCaptureController() override;

    // Starts capturing; false with `error` when the helper cannot be started. maxBytes > 0
    // keeps only the newest frames up to about that many bytes (a ring buffer).
    bool start(const CaptureOptions& options, const DissectOptions& dissect, size_t maxBytes,
               QString* error);
    // Asks the helper to stop; ended() follows once the last frames are in.
    void stop();
    bool isRunning() const { return m_running; }
    // The helper has opened the interface: packets sent from now on are captured.
    bool ready() const { return m_capture && m_capture->ready(); }
    int helperPid() const { return m_capture ? m_capture->helperPid() : -1; }
    const CaptureOptions& options() const { return m_options; }
    CaptureStats stats() const;
    // Frames received so far (also those dropped for the ring buffer), and those dropped.
    uint64_t received() const { return m_received; }
    uint64_t discarded() const;

    // Display lag, one value per snapshot shown: seconds from the capture of the oldest packet
    // it showed first to the moment it was handed to the window (bench.py's live benchmark).
    const std::vector<double>& lags() const { return m_lags; }

  signals:
    // A newer snapshot of everything captured so far (partial while capturing).
    void snapshot(tcpscope::ui::DocumentPtr document);
    void statsChanged();
    // The capture ended: the last snapshot (complete) came before; `error` says why it ended
    // early, empty when it was stopped or reached its count.
    void ended(const QString& error);

  private:
    void tick();
    void buildSnapshot(bool last);
    void onSnapshotBuilt();

    CaptureOptions m_options;
    std::unique_ptr<LiveCapture> m_capture;
    std::unique_ptr<LiveSession> m_session;
    std::thread m_reader;
    std::atomic<bool> m_readerDone{false};
    std::atomic<uint64_t> m_received{0};
    uint64_t m_shown = 0; // frames in the last snapshot asked for
    size_t m_handed = 0;  // frames in the last snapshot handed to the window
    std::vector<double> m_lags;
    bool m_running = false;
    bool m_building = false;
    bool m_lastBuilt = false;
    QTimer m_timer;
    QElapsedTimer m_buildTimer; // the snapshot being built
    QElapsedTimer m_sinceBuild; // since the last one was done
    qint64 m_buildMs = 0;       // how long the last one took
    QFutureWatcher<DocumentPtr> m_watcher;
};

} // namespace tcpscope::ui

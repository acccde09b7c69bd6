// SPDX-License-Identifier: GPL-2.0-or-later
// Applies a display filter to the open capture (the core's applyFilter) for the filter bar: a
// small capture at once, a large one on a worker thread with progress, the run cancelled and
// replaced when another filter is applied; only the last run's result is reported.
#pragma once

#include "document/document.h"

#include <tcpscope/display_filter.h>
#include <tcpscope/session_filter.h>

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace tcpscope::ui {

using FilterResultPtr = std::shared_ptr<const SessionFilterResult>;

class FilterRunner : public QObject {
    Q_OBJECT
  public:
    // Captures up to this many packets are filtered on the calling thread (a few ms).
    static constexpr size_t kSyncPackets = 50000;

    explicit FilterRunner(QObject* parent = nullptr);
    ~FilterRunner() override;

    // Applies `filter` (compiled from `text`) to `document`, cancelling a run in progress.
    void run(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter,
             const QString& text);
    void cancel();
    bool isBusy() const { return m_busy; }

  signals:
    void started(const QString& text);
    void progress(int done, int total); // in thousands of packets
    // The run of `text` finished on `document` (never for a cancelled or replaced run).
    void finished(tcpscope::ui::DocumentPtr document, const QString& text,
                  tcpscope::ui::FilterResultPtr result);

  private:
    void stopRunning();

    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace tcpscope::ui

Q_DECLARE_METATYPE(tcpscope::ui::FilterResultPtr)

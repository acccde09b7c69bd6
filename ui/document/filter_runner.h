// SPDX-License-Identifier: GPL-2.0-or-later
// Applies a display filter to the open capture (the core's applyFilter) for the filter bar: a
// small capture at once, a large one on a worker thread with progress, the run cancelled and
// replaced when another filter is applied; only the last run's result is reported. On a live
// capture, a filter's result on one snapshot is the base of its run on the next (only the new
// packets are tested), and a run that a later snapshot continues is not cancelled: it finishes
// and the later snapshot's run follows from it.
#pragma once

#include "document/document.h"

#include <tcpscope/display_filter.h>
#include <tcpscope/session_filter.h>

#include <QFuture>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace tcpscope::ui {

using FilterResultPtr = std::shared_ptr<const SessionFilterResult>;

// The same filter's result on an earlier snapshot of the same live capture.
struct FilterBase {
    DocumentPtr document;
    FilterResultPtr result;
};

class FilterRunner : public QObject {
    Q_OBJECT
  public:
    // Captures up to this many packets are filtered on the calling thread (a few ms).
    static constexpr size_t kSyncPackets = 50000;

    explicit FilterRunner(QObject* parent = nullptr);
    ~FilterRunner() override;

    // Applies `filter` (compiled from `text`) to `document`, cancelling a run in progress.
    void run(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter, const QString& text,
             FilterBase base = {});
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
    void start(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter,
               const QString& text, FilterBase base);

    struct Pending {
        DocumentPtr document;
        std::shared_ptr<const DisplayFilter> filter;
        QString text;
    };
    DocumentPtr m_running; // the document of the run on the worker, and its filter's text
    QString m_runningText;
    std::optional<Pending> m_pending; // a later snapshot's run, after the running one

    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace tcpscope::ui

Q_DECLARE_METATYPE(tcpscope::ui::FilterResultPtr)

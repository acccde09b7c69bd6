// SPDX-License-Identifier: GPL-2.0-or-later
// Loads a capture off the UI thread (QtConcurrent): libpcap or the text parsers read it, then
// the first pass dissects every frame and feeds the tracker, reporting progress; cancel stops
// it between packets and drops the partial result. A large file first yields a preview of its
// first packets, so rows are on screen long before the whole file is read.
#pragma once

#include "document/document.h"

#include <QFutureWatcher>
#include <QObject>

namespace tcpscope::ui {

class CaptureLoader : public QObject {
    Q_OBJECT
  public:
    explicit CaptureLoader(QObject* parent = nullptr);
    ~CaptureLoader() override;

    void openFile(const QString& path, const DissectOptions& options);
    // Builds a document from an input already in memory (pasted text, appended packets).
    void build(LoadedInput input, const QString& path, const DissectOptions& options);
    void cancel();
    // A load runs, or has ended and its finished() is not yet delivered: a preview shown just
    // before the end (its event queued behind the loading thread) is still followed by more.
    bool isBusy() const;

  signals:
    void started(const QString& what);
    void progress(int done, int total);
    // The first packets of a large file while the rest still loads (isPartial()).
    void preview(tcpscope::ui::DocumentPtr document);
    // The complete document; null when cancelled.
    void finished(tcpscope::ui::DocumentPtr document);

  private:
    void watch(const QFuture<DocumentPtr>& future);
    QFutureWatcher<DocumentPtr> m_watcher;
    bool m_busy = false; // from watch() until finished() is emitted
};

} // namespace tcpscope::ui

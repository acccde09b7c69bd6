// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/filter_runner.h"

#include <QtConcurrent/QtConcurrentRun>

namespace tcpscope::ui {

FilterRunner::FilterRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<FilterResultPtr>();
    qRegisterMetaType<DocumentPtr>();
}

FilterRunner::~FilterRunner() {
    stopRunning();
}

void FilterRunner::stopRunning() {
    if (m_cancel) *m_cancel = true;
    // A cancelled run stops within one chunk of packets (a few milliseconds).
    m_future.waitForFinished();
    m_cancel.reset();
}

void FilterRunner::cancel() {
    ++m_generation;
    stopRunning();
    m_busy = false;
}

void FilterRunner::run(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter,
                       const QString& text) {
    cancel();
    if (!document || !filter) return;
    const quint64 generation = m_generation;
    m_busy = true;
    emit started(text);
    if (document->size() <= kSyncPackets) {
        auto result = applyFilter(*document, *filter);
        m_busy = false;
        emit finished(document, text, std::make_shared<SessionFilterResult>(std::move(*result)));
        return;
    }
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancelFlag;
    // The worker hands its results back through queued calls to this object (which waits for
    // the worker before it goes); the generation tells a replaced run's late calls apart.
    m_future = QtConcurrent::run([this, generation, cancelFlag, document, filter, text] {
        const auto report = [&](size_t done, size_t total) {
            if (*cancelFlag) return false;
            QMetaObject::invokeMethod(
                this,
                [this, generation, done, total] {
                    if (m_generation == generation)
                        emit progress(int(done / 1000), int(total / 1000));
                },
                Qt::QueuedConnection);
            return true;
        };
        auto result = applyFilter(*document, *filter, report);
        if (!result) return;
        auto shared = std::make_shared<SessionFilterResult>(std::move(*result));
        QMetaObject::invokeMethod(
            this,
            [this, generation, document, text, shared] {
                if (m_generation != generation) return;
                m_busy = false;
                emit finished(document, text, shared);
            },
            Qt::QueuedConnection);
    });
}

} // namespace tcpscope::ui

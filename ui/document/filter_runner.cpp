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
    m_running.reset();
    m_pending.reset();
}

void FilterRunner::run(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter,
                       const QString& text, FilterBase base) {
    // A later snapshot of the capture the worker is filtering: it goes on, and this one's run
    // follows from its result (cancelled, each snapshot would start over and none finish).
    if (m_busy && m_running && document && filter && text == m_runningText &&
        document->continues(*m_running)) {
        m_pending = Pending{std::move(document), std::move(filter), text};
        return;
    }
    cancel();
    if (!document || !filter) return;
    start(std::move(document), std::move(filter), text, std::move(base));
}

void FilterRunner::start(DocumentPtr document, std::shared_ptr<const DisplayFilter> filter,
                         const QString& text, FilterBase base) {
    const quint64 generation = m_generation;
    m_busy = true;
    emit started(text);
    if (!base.document || !base.result || !document->continues(*base.document)) base = {};
    const size_t work =
        base.document ? packetsToFilterAfter(*document, *base.document) : document->size();
    const auto apply = [document, filter,
                        base](const FilterProgress& report) -> std::optional<SessionFilterResult> {
        return base.document
                   ? applyFilterAfter(*document, *filter, *base.document, *base.result, report)
                   : applyFilter(*document, *filter, report);
    };
    if (work <= kSyncPackets) {
        auto result = apply({});
        m_busy = false;
        emit finished(document, text, std::make_shared<SessionFilterResult>(std::move(*result)));
        return;
    }
    m_running = document;
    m_runningText = text;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancelFlag;
    // The worker hands its results back through queued calls to this object (which waits for
    // the worker before it goes); the generation tells a replaced run's late calls apart.
    m_future = QtConcurrent::run([this, generation, cancelFlag, document, text, apply] {
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
        auto result = apply(report);
        if (!result) return;
        auto shared = std::make_shared<SessionFilterResult>(std::move(*result));
        QMetaObject::invokeMethod(
            this,
            [this, generation, document, text, shared] {
                if (m_generation != generation) return;
                m_busy = false;
                m_running.reset();
                emit finished(document, text, shared);
                if (std::optional<Pending> next = std::exchange(m_pending, std::nullopt))
                    start(std::move(next->document), std::move(next->filter), next->text,
                          FilterBase{document, shared});
            },
            Qt::QueuedConnection);
    });
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/capture_loader.h"

#include <QFileInfo>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace tcpscope::ui {

namespace {
CaptureSession::Progress reporter(QPromise<DocumentPtr>& promise) {
    return [&promise](size_t done, size_t total) {
        if (promise.isCanceled()) return false;
        promise.setProgressRange(0, int(std::min<size_t>(total, INT32_MAX)));
        promise.setProgressValue(int(std::min<size_t>(done, INT32_MAX)));
        return true;
    };
}
} // namespace

CaptureLoader::CaptureLoader(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<DocumentPtr>::progressValueChanged, this,
            [this](int v) { emit progress(v, m_watcher.progressMaximum()); });
    connect(&m_watcher, &QFutureWatcher<DocumentPtr>::resultReadyAt, this, [this](int index) {
        DocumentPtr doc = m_watcher.resultAt(index);
        if (doc && doc->isPartial() && !m_watcher.isCanceled()) emit preview(doc);
    });
    connect(&m_watcher, &QFutureWatcher<DocumentPtr>::finished, this, [this] {
        // The complete document is the last result (a preview may come before it).
        DocumentPtr doc;
        const int n = m_watcher.future().resultCount();
        if (!m_watcher.isCanceled() && n > 0) doc = m_watcher.resultAt(n - 1);
        if (doc && doc->isPartial()) doc.reset();
        m_busy = false;
        emit finished(doc);
    });
}

CaptureLoader::~CaptureLoader() {
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

bool CaptureLoader::isBusy() const {
    return m_busy;
}

void CaptureLoader::cancel() {
    m_watcher.cancel();
}

void CaptureLoader::watch(const QFuture<DocumentPtr>& future) {
    m_watcher.setFuture(future);
    m_busy = true;
}

void CaptureLoader::openFile(const QString& path, const DissectOptions& options) {
    if (isBusy()) {
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
    emit started(QFileInfo(path).fileName());
    watch(QtConcurrent::run([path, options](QPromise<DocumentPtr>& promise) {
        promise.setProgressRange(0, 0); // reading: no count yet
        auto preview = [&promise](DocumentPtr first) {
            if (!promise.isCanceled()) promise.addResult(std::move(first));
        };
        DocumentPtr doc = openDocument(path, options, reporter(promise), preview);
        if (doc && !promise.isCanceled()) promise.addResult(doc);
    }));
}

void CaptureLoader::build(LoadedInput input, const QString& path, const DissectOptions& options) {
    if (isBusy()) {
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
    emit started(path.isEmpty() ? tr("pasted packets") : QFileInfo(path).fileName());
    auto shared = std::make_shared<LoadedInput>(std::move(input));
    watch(QtConcurrent::run([shared, path, options](QPromise<DocumentPtr>& promise) {
        DocumentPtr doc = CaptureSession::fromInput(std::move(*shared), localPath(path), options,
                                                    reporter(promise));
        if (doc && !promise.isCanceled()) promise.addResult(doc);
    }));
}

} // namespace tcpscope::ui

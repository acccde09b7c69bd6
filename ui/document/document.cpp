// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/document.h"

#include <tcpscope/capture_writer.h>

#include <QCoreApplication>

namespace tcpscope::ui {

namespace {

bool save(const QString& path, size_t count, const std::function<Frame(size_t)>& frameAt,
          const std::function<bool(size_t)>& hasTimestamp, QString* error,
          const QString& protectedPath) {
    if (!protectedPath.isEmpty() &&
        QFileInfo(path).absoluteFilePath() == QFileInfo(protectedPath).absoluteFilePath()) {
        if (error)
            *error = QCoreApplication::translate(
                         "saveFrames", "%1 is the file being viewed; choose a new file name.")
                         .arg(path);
        return false;
    }
    const CaptureFileFormat format = path.endsWith(QLatin1String(".pcap"), Qt::CaseInsensitive)
                                         ? CaptureFileFormat::Pcap
                                         : CaptureFileFormat::Pcapng;
    std::string message;
    if (writeCaptureFile(localPath(path), format, count, frameAt, hasTimestamp, message))
        return true;
    if (error) *error = QString::fromStdString(message);
    return false;
}

} // namespace

bool saveFrames(const QString& path, const std::vector<OwnedFrame>& frames, QString* error,
                const QString& protectedPath) {
    return save(
        path, frames.size(), [&](size_t i) { return frames[i].view(); },
        [&](size_t i) { return frames[i].hasTimestamp; }, error, protectedPath);
}

bool saveFrames(const QString& path, const FrameStore& frames, QString* error,
                const QString& protectedPath) {
    return save(
        path, frames.size(), [&](size_t i) { return frames.view(i); },
        [&](size_t i) { return frames.hasTimestamp(i); }, error, protectedPath);
}

} // namespace tcpscope::ui

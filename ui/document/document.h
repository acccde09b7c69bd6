// SPDX-License-Identifier: GPL-2.0-or-later
// The viewer's open capture is the core's CaptureSession: read once through the first pass,
// then immutable and shared by every model and view. This header adds the Qt conveniences.
#pragma once

#include <tcpscope/capture_session.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMetaType>
#include <QString>

#include <memory>

namespace tcpscope::ui {

using DocumentPtr = std::shared_ptr<const CaptureSession>;

inline QString documentPath(const CaptureSession& d) {
    return QFile::decodeName(QByteArray::fromStdString(d.path()));
}
// The file name, or "(pasted)" for text pasted into the viewer.
inline QString documentName(const CaptureSession& d) {
    return d.path().empty() ? QCoreApplication::translate("Document", "(pasted)")
                            : QFileInfo(documentPath(d)).fileName();
}
inline std::string localPath(const QString& path) {
    return QFile::encodeName(path).toStdString();
}
inline QString fromCore(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// CaptureSession::open for a path as Qt holds it.
inline DocumentPtr openDocument(const QString& path, const DissectOptions& options = {},
                                const CaptureSession::Progress& progress = {},
                                const CaptureSession::Preview& preview = {}) {
    return CaptureSession::open(localPath(path), options, progress, preview);
}

// Writes frames as a capture file (pcapng, or pcap when the name ends in .pcap) through the
// core's writer: the target appears complete or not at all. Refuses `protectedPath` (the file
// being viewed) and returns false with a message in `error`.
bool saveFrames(const QString& path, const std::vector<OwnedFrame>& frames, QString* error,
                const QString& protectedPath = {});
bool saveFrames(const QString& path, const FrameStore& frames, QString* error,
                const QString& protectedPath = {});

} // namespace tcpscope::ui

Q_DECLARE_METATYPE(tcpscope::ui::DocumentPtr)

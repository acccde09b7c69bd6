// SPDX-License-Identifier: GPL-2.0-or-later
// Writes frames as a pcapng file (one Section Header, one Interface Description per link type,
// one Enhanced Packet Block per frame, nanosecond timestamps), so pasted hex can be saved and
// opened by Wireshark, tshark and tcpdump. Writes go through QSaveFile: the target appears
// complete or not at all, and the file that is open in the viewer is never overwritten.
#pragma once

#include <tcpscope/frame.h>

#include <QByteArray>
#include <QString>

#include <vector>

namespace tcpscope::ui {

class PcapngWriter {
  public:
    static QByteArray encode(const std::vector<OwnedFrame>& frames);
    // Returns false with a message in `error`; refuses `path` when it names `protectedPath`.
    static bool save(const QString& path, const std::vector<OwnedFrame>& frames, QString* error,
                     const QString& protectedPath = {});
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/packet_colors.h"

#include <tcpscope/connection_tracker.h>
#include <tcpscope/packet_summary.h>

namespace tcpscope::ui {

RowColors PacketColors::colorsFor(const PacketRecord& row, uint32_t analysisFlags,
                                  bool trackerProblem, bool badChecksum) const {
    using namespace TcpAnalysisFlag;
    // Wireshark's "Bad TCP": tcp.analysis.flags && !window_update && !keep_alive && !keep_alive_ack
    const uint32_t benign = WindowUpdate | KeepAlive | KeepAliveAck;
    if ((analysisFlags & ~benign) != 0 || row.problems != 0 || badChecksum || trackerProblem)
        return m_dark ? RowColors{QColor(0x10, 0x10, 0x10), QColor(0xff, 0x7a, 0x7a), "Bad TCP"}
                      : RowColors{QColor(0x12, 0x12, 0x12), QColor(0xf7, 0x87, 0x87), "Bad TCP"};
    if (!row.hasTcp) return {};
    if (row.flags & TcpFlag::Rst)
        return m_dark ? RowColors{QColor(0x8c, 0x00, 0x00), QColor(0xff, 0xfc, 0x9c), "TCP RST"}
                      : RowColors{QColor(0xa4, 0x00, 0x00), QColor(0xff, 0xfc, 0x9c), "TCP RST"};
    if (row.flags & (TcpFlag::Syn | TcpFlag::Fin))
        return m_dark
                   ? RowColors{QColor(0x50, 0x50, 0x50), QColor(0xf2, 0xf2, 0xf2), "TCP SYN/FIN"}
                   : RowColors{QColor(0xa0, 0xa0, 0xa0), QColor(0x00, 0x00, 0x00), "TCP SYN/FIN"};
    return m_dark ? RowColors{QColor(0x2d, 0x2a, 0x46), QColor(0xe4, 0xe2, 0xff), "TCP"}
                  : RowColors{QColor(0xe7, 0xe6, 0xff), QColor(0x12, 0x27, 0x2e), "TCP"};
}

RowColors PacketColors::marked() const {
    return m_dark ? RowColors{QColor(0xf0, 0xf0, 0xf0), QColor(0x00, 0x00, 0x00), "Marked"}
                  : RowColors{QColor(0x00, 0x00, 0x00), QColor(0xff, 0xff, 0xff), "Marked"};
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// Row colours after Wireshark's default colouring rules (Bad TCP, TCP RST, TCP SYN/FIN, TCP),
// with a dark variant so text stays readable on a dark palette.
#pragma once

#include "document/document.h"

#include <QColor>

namespace tcpscope::ui {

struct RowColors {
    QColor background;
    QColor foreground;
    const char* rule = ""; // Wireshark's rule name, for the legend and tooltips
};

class PacketColors {
  public:
    void setDark(bool dark) { m_dark = dark; }
    bool dark() const { return m_dark; }
    // analysisFlags/notes: the tracker's bits for the row (0 when none).
    RowColors colorsFor(const PacketRecord& row, uint32_t analysisFlags, bool trackerProblem,
                        bool badChecksum) const;
    // A marked packet: white on black as Wireshark draws it; on a dark palette black on a
    // light row, which stands out there as black does on a light one.
    RowColors marked() const;

  private:
    bool m_dark = false;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// Find packet (Edit > Find, Ctrl+F), as Wireshark's: the next packet of the list as shown whose
// Info column or bytes hold what was typed, or that a display filter matches. Bytes are matched
// as text (UTF-8) or as hex bytes written any way the paste dialog reads them ("2a 31", "2a:31",
// "0x2a31").
#pragma once

#include "document/document.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace tcpscope::ui {

class PacketListModel;

struct FindQuery {
    enum class In : uint8_t { Info, BytesText, BytesHex, DisplayFilter } in = In::Info;
    QString text;
    bool caseSensitive = false;
};

// The bytes a hex query stands for, or an error saying what was wrong.
std::vector<uint8_t> findHexBytes(const QString& text, QString* error);

// Whether packet `docRow` of `doc` matches (Info text from `model`). `needle`: the query's
// bytes (findHexBytes, or the text's UTF-8), read for the byte searches.
bool packetMatches(const PacketListModel& model, const CaptureSession& doc, int docRow,
                   const FindQuery& q, const std::vector<uint8_t>& needle);

// The model row of the next match after `fromRow` (before it when `backward`), wrapping around
// the list as shown, or -1. `fromRow` -1 starts at the first (last) row. A display filter that
// does not compile gives -1 and its error.
int findRow(const PacketListModel& model, const CaptureSession& doc, const FindQuery& q,
            int fromRow, bool backward, QString* error);

} // namespace tcpscope::ui

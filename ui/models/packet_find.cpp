// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/packet_find.h"

#include "models/packet_list_model.h"

#include <tcpscope/hex_text.h>
#include <tcpscope/session_filter.h>

#include <algorithm>
#include <cctype>

namespace tcpscope::ui {

std::vector<uint8_t> findHexBytes(const QString& text, QString* error) {
    const QByteArray utf8 = text.trimmed().toUtf8();
    if (utf8.isEmpty()) {
        if (error) *error = QObject::tr("Type the bytes to find in hex, e.g. 2a:31:0d:0a.");
        return {};
    }
    // The paste dialog's reader: plain hex with or without 0x, spaces, colons or commas.
    const HexTextResult r = parseHexText(std::string_view(utf8.constData(), size_t(utf8.size())));
    if (r.error || r.frames.size() != 1 || r.frames.front().bytes.empty()) {
        if (error)
            *error = r.error ? QObject::tr("Not hex bytes: %1 at %2")
                                   .arg(QString::fromStdString(r.error->message),
                                        QString::fromStdString(r.error->where()))
                             : QObject::tr("Not one run of hex bytes.");
        return {};
    }
    return r.frames.front().bytes;
}

namespace {

bool bytesContain(std::span<const uint8_t> hay, const std::vector<uint8_t>& needle,
                  bool caseSensitive) {
    if (needle.empty() || hay.size() < needle.size()) return false;
    if (caseSensitive)
        return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
    const auto lower = [](uint8_t c) { return uint8_t(std::tolower(c)); };
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                       [&](uint8_t a, uint8_t b) { return lower(a) == lower(b); }) != hay.end();
}

} // namespace

bool packetMatches(const PacketListModel& model, const CaptureSession& doc, int docRow,
                   const FindQuery& q, const std::vector<uint8_t>& needle) {
    switch (q.in) {
    case FindQuery::In::Info:
        return model.infoText(docRow).contains(q.text, q.caseSensitive ? Qt::CaseSensitive
                                                                       : Qt::CaseInsensitive);
    case FindQuery::In::BytesText:
        return bytesContain(doc.bytes(size_t(docRow)), needle, q.caseSensitive);
    case FindQuery::In::BytesHex:
        return bytesContain(doc.bytes(size_t(docRow)), needle, true);
    case FindQuery::In::DisplayFilter: // findRow tests the rows itself (one reused tree)
        break;
    }
    return false;
}

namespace {

// Visits the model rows after `fromRow` (before it when `backward`), wrapping around, until
// `match` holds for one; returns it or -1.
template <typename Match> int walkRows(int rows, int fromRow, bool backward, Match&& match) {
    const int start = fromRow < 0 ? (backward ? rows : -1) : fromRow;
    for (int k = 1; k <= rows; ++k) {
        const int row = ((start + (backward ? -k : k)) % rows + rows) % rows;
        if (match(row)) return row;
    }
    return -1;
}

int findByFilter(const PacketListModel& model, const CaptureSession& doc, const FindQuery& q,
                 int fromRow, bool backward, QString* error) {
    FilterError e;
    const QByteArray utf8 = q.text.trimmed().toUtf8();
    if (utf8.isEmpty()) {
        if (error) *error = QObject::tr("Type a display filter, e.g. tcp.flags.reset == 1.");
        return -1;
    }
    const auto filter =
        DisplayFilter::compile(std::string_view(utf8.constData(), size_t(utf8.size())), &e);
    if (!filter) {
        if (error)
            *error = QObject::tr("Bad display filter: %1").arg(QString::fromStdString(e.text()));
        return -1;
    }
    PacketMatcher matcher(doc, *filter);
    return walkRows(model.rowCount(), fromRow, backward,
                    [&](int row) { return matcher.matches(size_t(model.documentRow(row))); });
}

} // namespace

int findRow(const PacketListModel& model, const CaptureSession& doc, const FindQuery& q,
            int fromRow, bool backward, QString* error) {
    if (q.in == FindQuery::In::DisplayFilter)
        return findByFilter(model, doc, q, fromRow, backward, error);
    std::vector<uint8_t> needle;
    if (q.in == FindQuery::In::BytesHex) {
        needle = findHexBytes(q.text, error);
        if (needle.empty()) return -1;
    } else if (q.text.isEmpty()) {
        if (error) *error = QObject::tr("Type what to find.");
        return -1;
    } else if (q.in == FindQuery::In::BytesText) {
        const QByteArray utf8 = q.text.toUtf8();
        needle.assign(utf8.begin(), utf8.end());
    }
    return walkRows(model.rowCount(), fromRow, backward, [&](int row) {
        return packetMatches(model, doc, model.documentRow(row), q, needle);
    });
}

} // namespace tcpscope::ui

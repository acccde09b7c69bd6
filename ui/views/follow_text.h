// SPDX-License-Identifier: GPL-2.0-or-later
// The text of Follow TCP Stream as a coloured QTextDocument: each chunk (one packet's new bytes)
// a run in its direction's colours, as Wireshark's dialog draws it (client red-ish, server
// blue-ish), with what Wireshark leaves unsaid made visible: gaps as marker lines, retransmitted
// bytes that differ from the first copy underlined and named on a warning line, and the
// segments after a gap nobody acknowledged (which Wireshark drops) at the end under a heading.
// It remembers which packet each run came from, so a click can select that packet.
#pragma once

#include <tcpscope/stream_follow.h>

#include <QColor>
#include <QCoreApplication>

#include <cstdint>
#include <vector>

class QTextDocument;

namespace tcpscope::ui {

// The colours of the text, for a light and for a dark palette: foreground and background of
// each direction, of the markers (gaps, the unplaced heading) and of the warnings.
struct FollowColors {
    QColor clientText, clientBack, serverText, serverBack;
    QColor markerText, markerBack;
    QColor warningText, warningBack, warningLine;
    static FollowColors forPalette(bool dark);
};

// What the text shows: the whole conversation or one direction (node 0 = client).
enum class FollowDirection : uint8_t { Both, Client, Server };

class FollowText {
    Q_DECLARE_TR_FUNCTIONS(FollowText)
  public:
    struct Span {
        enum class Kind : uint8_t { Data, Missing, Anomaly, Heading, Unplaced };
        int start = 0; // document positions, end exclusive
        int end = 0;
        uint64_t frame = 0; // 0 for a heading
        Kind kind = Kind::Data;
    };

    // Replaces `doc`'s contents with `s` in `format`, the direction(s) `dir` only.
    void build(QTextDocument& doc, const FollowStream& s, FollowFormat format, FollowDirection dir,
               const FollowColors& colors);
    const std::vector<Span>& spans() const { return m_spans; }
    // The packet whose text holds `position` (a gap: the acknowledging packet); 0 for none.
    uint64_t frameAt(int position) const;
    // The first span of `kind`, or null: for tests and for scrolling to it.
    const Span* firstSpan(Span::Kind kind) const;

    // The marker texts, as shown.
    static QString missingText(uint32_t bytes);
    static QString anomalyText(const FollowAnomaly& a);
    static QString unplacedHeading(size_t segments, uint64_t bytes);

  private:
    std::vector<Span> m_spans;
};

} // namespace tcpscope::ui

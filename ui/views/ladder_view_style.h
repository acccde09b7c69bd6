// SPDX-License-Identifier: GPL-2.0-or-later
// The ladder view's look, shared by its two source files (ladder_view.cpp: data, interaction;
// ladder_view_paint.cpp: painting and export): fonts, pens and colours of one paint (Style),
// where things are across the diagram (Geometry), and small text helpers. Not a public header.
#pragma once

#include "views/ladder_view.h"

#include <tcpscope/connection_tracker.h>

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QPointF>
#include <QString>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

namespace tcpscope::ui {

namespace ladderdetail {
inline constexpr double kMargin = 10;
inline constexpr double kRowLines = 2.5; // row spacing at zoom 1, in label lines
inline constexpr double kPresentationRowLines = 3.5;
// Room made between rows where a label has none (LadderView::makeRoom): a step per round, at
// most kMaxRoomRows before one packet, in at most kRoomRounds rounds, for streams of up to
// kRoomMaxItems packets (beyond, labels cross arrows where they must).
inline constexpr double kRoomStepRows = 0.25;
inline constexpr double kMaxRoomRows = 1.5;
inline constexpr int kRoomRounds = 10;
inline constexpr size_t kRoomMaxItems = 500;
// Items on either side of a packet whose labels or arrows the room before it can affect
// (arrows drop at most three rows; a label avoids the dozen placed before it).
inline constexpr size_t kRoomReach = 12;

// `f` scaled by `k`, whether its size is given in points or in pixels.
inline QFont scaledFont(QFont f, double k) {
    if (f.pixelSize() > 0)
        f.setPixelSize(std::max(1, int(std::lround(f.pixelSize() * k))));
    else
        f.setPointSizeF(f.pointSizeF() * k);
    return f;
}

// Which analysis bits name a mark (as tcpscope::ladderMarks: "retransmission" is dropped
// when its fast or spurious kind is set).
inline uint32_t markBits(uint32_t flags) {
    if (flags & (TcpAnalysisFlag::FastRetransmission | TcpAnalysisFlag::SpuriousRetransmission))
        flags &= ~TcpAnalysisFlag::Retransmission;
    return flags & ((1u << TcpAnalysisFlag::Count) - 1);
}

inline bool isRetransmission(uint32_t flags) {
    return flags & (TcpAnalysisFlag::Retransmission | TcpAnalysisFlag::FastRetransmission |
                    TcpAnalysisFlag::SpuriousRetransmission);
}

// A core text: UTF-8 (expert messages and state meanings may be Chinese).
inline QString coreText(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The text of a mark's pill: the mark itself, shortened where it is long.
inline QString pillText(const QString& mark) {
    if (mark == QLatin1String("PREVIOUS SEGMENT NOT CAPTURED"))
        return QStringLiteral("PREV. NOT CAPTURED");
    return mark;
}

inline QString durationText(double s) {
    if (s < 1e-3) return QCoreApplication::translate("LadderView", "%1 µs").arg(s * 1e6, 0, 'f', 0);
    if (s < 1)
        return QCoreApplication::translate("LadderView", "%1 ms")
            .arg(s * 1e3, 0, 'f', s < 0.01 ? 2 : 0);
    if (s < 60) return QCoreApplication::translate("LadderView", "%1 s").arg(s, 0, 'f', 1);
    if (s < 3600)
        return QCoreApplication::translate("LadderView", "%1 min %2 s")
            .arg(int(s / 60))
            .arg(int(std::fmod(s, 60.0)));
    return QCoreApplication::translate("LadderView", "%1 h %2 min")
        .arg(int(s / 3600))
        .arg(int(std::fmod(s, 3600.0) / 60));
}

} // namespace ladderdetail

// Fonts, pens and colours of one paint (light or dark, normal or presentation).
struct LadderView::Style {
    QFont font, bold, small;
    double lineH = 16; // height of a label line
    double pen = 1.3;  // arrow line width
    double head = 8;   // arrow head length
    double band = 10;  // state band width
    double digit = 7;  // width of a digit in the label font
    bool dark = false;
    QColor bg, text, dim, headerBg, rule, labelBg, selection, selectionRow;
    QColor syn, fin, rst, data, ack;

    QColor stateFill(TcpState st) const {
        static const char* const light[] = {"#e0e0e0", "#cfd8dc", "#b3e5fc", "#ffe082",
                                            "#ffe082", "#a5d6a7", "#ffcc80", "#ffcc80",
                                            "#f8bbd0", "#ffcc80", "#f8bbd0", "#d1c4e9"};
        static const char* const darkFill[] = {"#4a4a4a", "#455a64", "#01579b", "#8d6e00",
                                               "#8d6e00", "#2e7d32", "#a65c00", "#a65c00",
                                               "#ad1457", "#a65c00", "#ad1457", "#5e35b1"};
        const size_t i = std::min(size_t(st), kTcpStateCount - 1);
        return QColor(QString::fromLatin1(dark ? darkFill[i] : light[i]));
    }
    QColor stateText() const { return dark ? QColor(0xf5f5f5) : QColor(0x1b1b1b); }
    QColor markColor(uint32_t bit) const {
        using namespace TcpAnalysisFlag;
        auto pick = [&](unsigned l, unsigned d) { return QColor::fromRgb(dark ? d : l); };
        if (bit & (Retransmission | FastRetransmission | SpuriousRetransmission))
            return pick(0xd32f2f, 0xef5350);
        if (bit & OutOfOrder) return pick(0x7b1fa2, 0xba68c8);
        if (bit & (LostSegment | AckLostSegment)) return pick(0xad1457, 0xf06292);
        if (bit & DuplicateAck) return pick(0xe65100, 0xffa726);
        if (bit & (ZeroWindow | ZeroWindowProbe | ZeroWindowProbeAck | WindowFull))
            return pick(0xb28704, 0xffd54f);
        if (bit & WindowUpdate) return pick(0x00796b, 0x4db6ac);
        if (bit & (KeepAlive | KeepAliveAck)) return pick(0x3949ab, 0x7986cb);
        return pick(0x616161, 0xbdbdbd);
    }
    QColor markText(uint32_t bit) const {
        // Light pills carry dark text; the amber of window problems is light in both palettes.
        using namespace TcpAnalysisFlag;
        const bool lightPill =
            dark || (bit & (ZeroWindow | ZeroWindowProbe | ZeroWindowProbeAck | WindowFull));
        return lightPill ? QColor(0x111111) : QColor(0xffffff);
    }
    QColor arrowColor(const TcpPacketAnalysis& p) const {
        if (const uint32_t m = ladderdetail::markBits(p.analysisFlags))
            return markColor(m & (~m + 1));
        if (p.flags & TcpFlag::Rst) return rst;
        if (p.flags & TcpFlag::Syn) return syn;
        if (p.flags & TcpFlag::Fin) return fin;
        return p.len ? data : ack;
    }
};

// Where things are across the diagram, for one width.
struct LadderView::Geometry {
    double width = 0;
    double timeRight = 0; // right edge of the frame/time column
    double clientX = 0, serverX = 0;
    double headerH = 0;
    double legendTop = 0; // the legend strip, inside the header
    double top = 0;       // y of the first arrow
    double row = 0;       // spacing of packets (even) or average spacing (true time)
    double height = 0;

    double laneX(bool client) const { return client ? clientX : serverX; }
    // Where an arrow starts and ends: `inset` inside the sender's and the receiver's lane.
    std::pair<QPointF, QPointF> arrowEnds(const LadderItem& it, double inset) const {
        return {{it.fromClient ? clientX + inset : serverX - inset, it.y},
                {it.fromClient ? serverX - inset : clientX + inset, it.end}};
    }
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/flags_view.h"

#include <tcpscope/field.h>

#include <QMouseEvent>
#include <QPainter>
#include <bit>

namespace tcpscope::ui {

namespace {
// Left to right: bit 11 .. bit 0 of the 12-bit flags field (RFC 9293 3.1, RFC 3168, AccECN).
const char* const kLabels[12] = {"Res", "Res", "Res", "AE",  "CWR", "ECE",
                                 "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
const char* const kAbbrevs[12] = {"tcp.flags.res",   "tcp.flags.res", "tcp.flags.res",
                                  "tcp.flags.ae",    "tcp.flags.cwr", "tcp.flags.ece",
                                  "tcp.flags.urg",   "tcp.flags.ack", "tcp.flags.push",
                                  "tcp.flags.reset", "tcp.flags.syn", "tcp.flags.fin"};
constexpr int kPad = 6;
} // namespace

FlagsView::FlagsView(QWidget* parent) : QWidget(parent) {
    m_bitNodes.fill(-1);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

QString FlagsView::meaning(int bit) {
    switch (bit) {
    case 0:
        return tr("FIN: the sender has no more data; it closes its half of the connection (RFC "
                  "9293 3.6).");
    case 1:
        return tr("SYN: synchronize sequence numbers; opens a connection and carries the ISN (RFC "
                  "9293 3.5).");
    case 2:
        return tr("RST: reset; abort the connection at once, or refuse it (RFC 9293 3.5.2).");
    case 3:
        return tr("PSH: push; hand the buffered data to the application now.");
    case 4:
        return tr("ACK: the acknowledgment number is valid; every byte before it has arrived.");
    case 5:
        return tr("URG: the urgent pointer is valid (rarely used today, RFC 6093).");
    case 6:
        return tr(
            "ECE: ECN-Echo; on a SYN, ECN capable, otherwise congestion was seen (RFC 3168).");
    case 7:
        return tr("CWR: congestion window reduced; the sender reacted to ECE (RFC 3168).");
    case 8:
        return tr("AE: Accurate ECN; part of AccECN negotiation and its counter.");
    default:
        return tr("Reserved: must be zero (RFC 9293 3.1); set by a middlebox or an extension.");
    }
}

void FlagsView::setTree(std::shared_ptr<const ProtoTree> tree,
                        std::optional<uint16_t> summaryFlags) {
    m_tree = std::move(tree);
    m_flagsNode = -1;
    m_bitNodes.fill(-1);
    m_flags = 0;
    m_fromSummary = false;
    m_selected = -1;
    if (m_tree) {
        m_flagsNode = m_tree->findFirst(fieldId("tcp.flags"));
        if (m_flagsNode >= 0) {
            if (auto* v = std::get_if<uint64_t>(&m_tree->node(m_flagsNode).value))
                m_flags = uint16_t(*v & 0xfff);
            for (int i = 0; i < 12; ++i)
                m_bitNodes[size_t(i)] = m_tree->findFirst(fieldId(kAbbrevs[i]));
        }
    }
    if (m_flagsNode < 0 && summaryFlags) {
        m_flags = *summaryFlags & 0xfff;
        m_fromSummary = true;
    }
    updateGeometry();
    update();
}

void FlagsView::setSelectedNode(int node) {
    m_selected = node;
    update();
}

int FlagsView::nodeForBit(int bit) const {
    return m_bitNodes[size_t(11 - bit)];
}

// The font of the flag names over the cells.
QFont FlagsView::labelFont() const {
    QFont small = font();
    if (small.pixelSize() > 0)
        small.setPixelSize(std::max(1, int(small.pixelSize() * 0.85 + 0.5)));
    else
        small.setPointSizeF(font().pointSizeF() * 0.85);
    return small;
}

// A cell is at least as wide as the widest flag name plus a gap, so that names never run into
// each other ("CWRECE") at a large font.
int FlagsView::minCellWidth() const {
    const QFontMetrics fm(labelFont());
    int w = 0;
    for (const char* label : kLabels)
        w = std::max(w, fm.horizontalAdvance(QString::fromLatin1(label)));
    return w + fm.averageCharWidth() + 2;
}

QRect FlagsView::cellRect(int bit) const {
    const int least = minCellWidth();
    const int w = std::clamp((width() - 2 * kPad) / 12, least, std::max(64, least + 16));
    const int h = fontMetrics().height();
    return {kPad + (11 - bit) * w, kPad + h + 2, w - 2, int(h * 1.6)};
}

QSize FlagsView::sizeHint() const {
    const int h = fontMetrics().height();
    int lines = 0;
    for (int b = 0; b < 12; ++b) lines += (m_flags >> b) & 1;
    if (m_flags & 0xe00) lines -= std::popcount(unsigned(m_flags & 0xe00)) - 1;
    // A meaning may wrap onto a second line at the usual width.
    return {12 * std::max(48, minCellWidth()) + 2 * kPad,
            kPad * 2 + int(h * 4.2) + std::max(lines, 1) * (2 * h + 1)};
}

QSize FlagsView::minimumSizeHint() const {
    return {12 * minCellWidth() + 2 * kPad, fontMetrics().height() * 5};
}

void FlagsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int h = fm.height();
    if (!hasFlags()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(kPad, kPad, -kPad, -kPad), Qt::AlignLeft | Qt::AlignTop,
                   tr("TCP flags: no TCP header in this packet."));
        return;
    }
    const bool wholeSelected = m_flagsNode >= 0 && m_selected == m_flagsNode;
    const QFont small = labelFont();
    for (int bit = 11; bit >= 0; --bit) {
        const QRect r = cellRect(bit);
        const bool set = (m_flags >> bit) & 1;
        const bool selected = wholeSelected || (m_selected >= 0 && nodeForBit(bit) == m_selected);
        p.setFont(small);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(r.left(), kPad, r.width(), h), Qt::AlignCenter,
                   QString::fromLatin1(kLabels[11 - bit]));
        p.setFont(font());
        p.fillRect(r, set ? pal.color(QPalette::Highlight) : pal.color(QPalette::Base));
        p.setPen(QPen(selected ? pal.color(QPalette::Text) : pal.color(QPalette::Mid),
                      selected ? 3 : 1));
        p.drawRect(r.adjusted(1, 1, -1, -1));
        QFont f = font();
        f.setBold(set);
        p.setFont(f);
        p.setPen(set ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::PlaceholderText));
        p.drawText(r, Qt::AlignCenter, set ? QStringLiteral("1") : QStringLiteral("0"));
    }
    p.setFont(font());
    p.setPen(pal.color(QPalette::Text));
    QString binary;
    for (int bit = 11; bit >= 0; --bit) {
        binary += QChar((m_flags >> bit) & 1 ? u'1' : u'0');
        if (bit % 4 == 0 && bit) binary += u' ';
    }
    int y = cellRect(0).bottom() + 4;
    p.drawText(QRect(kPad, y, width() - 2 * kPad, h), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Flags = %1 binary = 0x%2%3")
                   .arg(binary)
                   .arg(m_flags, 3, 16, QLatin1Char('0'))
                   .arg(m_fromSummary ? tr("  (from the tcpdump line: no bytes)") : QString()));
    y += h + 2;
    bool reservedDone = false;
    for (int bit = 11; bit >= 0; --bit) {
        if (!((m_flags >> bit) & 1)) continue;
        if (bit >= 9) {
            if (reservedDone) continue;
            reservedDone = true;
        }
        // Whole, wrapped at the view's width: several set flags each get their full meaning.
        const QString text = meaning(bit);
        const int textH =
            fm.boundingRect(QRect(0, 0, width() - 2 * kPad, 100 * h), Qt::TextWordWrap, text)
                .height();
        p.drawText(QRect(kPad, y, width() - 2 * kPad, textH), Qt::AlignLeft | Qt::TextWordWrap,
                   text);
        y += textH + 1;
    }
    if (m_flags == 0)
        p.drawText(QRect(kPad, y, width() - 2 * kPad, h), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("No flags set (a \"null\" segment: no normal stack sends one)."));
}

void FlagsView::mousePressEvent(QMouseEvent* event) {
    for (int bit = 0; bit < 12; ++bit)
        if (cellRect(bit).contains(event->position().toPoint())) {
            const int node = nodeForBit(bit);
            if (node >= 0) emit nodeClicked(node);
            return;
        }
    if (m_flagsNode >= 0) emit nodeClicked(m_flagsNode);
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/header_diagram_view.h"
#include "views/drawing_export.h"

#include "models/field_text.h"

#include <tcpscope/field.h>

#include <QContextMenuEvent>
#include <QCoreApplication>
#include <QFileDialog>
#include <QImage>
#include <QMenu>
#include <QPainter>

namespace tcpscope::ui {

struct FixedBox {
    const char* abbrev;
    int bitStart;
    int bitLength;
    const char* label;
};

namespace {

// RFC 791 3.1 (IHL in 32-bit words, DS field per RFC 2474/3168).
const FixedBox kIpv4[] = {
    {"ip.version", 0, 4, QT_TRANSLATE_NOOP("HeaderDiagramView", "Version")},
    {"ip.hdr_len", 4, 4, "IHL"},
    {"ip.dsfield.dscp", 8, 6, "DSCP"},
    {"ip.dsfield.ecn", 14, 2, "ECN"},
    {"ip.len", 16, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Total Length")},
    {"ip.id", 32, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Identification")},
    {"ip.flags", 48, 3, QT_TRANSLATE_NOOP("HeaderDiagramView", "Flags")},
    {"ip.frag_offset", 51, 13, QT_TRANSLATE_NOOP("HeaderDiagramView", "Fragment Offset")},
    {"ip.ttl", 64, 8, QT_TRANSLATE_NOOP("HeaderDiagramView", "Time to Live")},
    {"ip.proto", 72, 8, QT_TRANSLATE_NOOP("HeaderDiagramView", "Protocol")},
    {"ip.checksum", 80, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Header Checksum")},
    {"ip.src", 96, 32, QT_TRANSLATE_NOOP("HeaderDiagramView", "Source Address")},
    {"ip.dst", 128, 32, QT_TRANSLATE_NOOP("HeaderDiagramView", "Destination Address")},
};
// RFC 8200 3.
const FixedBox kIpv6[] = {
    {"ipv6.version", 0, 4, QT_TRANSLATE_NOOP("HeaderDiagramView", "Version")},
    {"ipv6.tclass", 4, 8, QT_TRANSLATE_NOOP("HeaderDiagramView", "Traffic Class")},
    {"ipv6.flow", 12, 20, QT_TRANSLATE_NOOP("HeaderDiagramView", "Flow Label")},
    {"ipv6.plen", 32, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Payload Length")},
    {"ipv6.nxt", 48, 8, QT_TRANSLATE_NOOP("HeaderDiagramView", "Next Header")},
    {"ipv6.hlim", 56, 8, QT_TRANSLATE_NOOP("HeaderDiagramView", "Hop Limit")},
    {"ipv6.src", 64, 128, QT_TRANSLATE_NOOP("HeaderDiagramView", "Source Address")},
    {"ipv6.dst", 192, 128, QT_TRANSLATE_NOOP("HeaderDiagramView", "Destination Address")},
};
// RFC 9293 3.1 (the 4 reserved bits drawn with the flags, as Wireshark's 12-bit tcp.flags).
const FixedBox kTcp[] = {
    {"tcp.srcport", 0, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Source Port")},
    {"tcp.dstport", 16, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Destination Port")},
    {"tcp.seq_raw", 32, 32, QT_TRANSLATE_NOOP("HeaderDiagramView", "Sequence Number")},
    {"tcp.ack_raw", 64, 32, QT_TRANSLATE_NOOP("HeaderDiagramView", "Acknowledgment Number")},
    {"tcp.hdr_len", 96, 4, QT_TRANSLATE_NOOP("HeaderDiagramView", "Offset")},
    {"tcp.flags", 100, 12, QT_TRANSLATE_NOOP("HeaderDiagramView", "Reserved + Flags")},
    {"tcp.window_size_value", 112, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Window")},
    {"tcp.checksum", 128, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Checksum")},
    {"tcp.urgent_pointer", 144, 16, QT_TRANSLATE_NOOP("HeaderDiagramView", "Urgent Pointer")},
};

constexpr int kMargin = 6;

} // namespace

HeaderDiagramView::HeaderDiagramView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void HeaderDiagramView::addLayer(int layerNode, const QString& title, const FixedBox* table,
                                 size_t count, const char* optionsAbbrev) {
    const TreeNode& layer = m_tree->node(layerNode);
    const int index = int(m_layers.size());
    int bits = 0;
    auto childOf = [&](int node) {
        for (int p = node; p >= 0; p = m_tree->node(p).parent)
            if (p == layerNode) return true;
        return false;
    };
    auto findIn = [&](const char* abbrev) {
        for (int n : m_tree->findAll(fieldId(abbrev)))
            if (childOf(n)) return n;
        return -1;
    };
    for (size_t i = 0; i < count; ++i) {
        Box b;
        b.node = findIn(table[i].abbrev);
        b.layer = index;
        b.bitStart = table[i].bitStart;
        b.bitLength = table[i].bitLength;
        b.label = QCoreApplication::translate("HeaderDiagramView", table[i].label);
        if (b.node >= 0) {
            b.value = fieldText(m_tree->node(b.node)).value;
            b.shortValue = filterValue(m_tree->node(b.node), {});
        } else {
            b.value = tr("(not captured)");
        }
        bits = std::max(bits, b.bitStart + b.bitLength);
        m_boxes.push_back(b);
    }
    // Options, each where its bytes are.
    const int options = findIn(optionsAbbrev);
    if (options >= 0) {
        for (int child : m_tree->node(options).children) {
            const TreeNode& n = m_tree->node(child);
            if (n.generated || n.length == 0) continue;
            Box b;
            b.node = child;
            b.layer = index;
            b.bitStart = int(n.offset - layer.offset) * 8;
            b.bitLength = int(n.length) * 8;
            const FieldText t = fieldText(n);
            b.label = t.shortName;
            b.value = t.value;
            b.shortValue = t.value.section(u' ', 0, 0);
            bits = std::max(bits, b.bitStart + b.bitLength);
            m_boxes.push_back(b);
        }
    }
    m_layers.push_back({title, (bits + 31) / 32});
}

namespace {

// A layer's short name as the packet list shows it ("GRE", "VXLAN", "IPv4").
QString layerName(FieldId f) {
    const FieldDef& def = FieldRegistry::instance().def(f);
    const std::string_view name = def.shortName.empty() ? def.name : def.shortName;
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

} // namespace

void HeaderDiagramView::setTree(std::shared_ptr<const ProtoTree> tree) {
    m_tree = std::move(tree);
    m_layers.clear();
    m_boxes.clear();
    m_selectedBox = -1;
    if (m_tree) {
        // Inside a tunnel, the innermost IP header: the one the TCP header belongs to, titled
        // with the layer that carried it (GRE, VXLAN, MPLS, an outer IP...). Link layers do not
        // count as carriers.
        static const std::string_view kLinks[] = {"frame", "eth",        "sll",  "null",  "raw",
                                                  "vlan",  "ieee8021ad", "ppp",  "chdlc", "wlan",
                                                  "llc",   "ppi",        "nflog"};
        int ip = -1;
        QString carrier, last;
        for (int root : m_tree->roots()) {
            const FieldId f = m_tree->node(root).field;
            if (f == kNoField) continue;
            const FieldDef& def = FieldRegistry::instance().def(f);
            if (def.abbrev == "tcp") break;
            if (def.abbrev == "ip" || def.abbrev == "ipv6") {
                ip = root;
                carrier = last;
            }
            if (def.type == FieldType::Protocol &&
                std::find(std::begin(kLinks), std::end(kLinks), def.abbrev) == std::end(kLinks))
                last = layerName(f);
        }
        const QString suffix = carrier.isEmpty() ? QString() : tr(", inside %1").arg(carrier);
        for (int root : m_tree->roots()) {
            const FieldId f = m_tree->node(root).field;
            if (f == kNoField) continue;
            const std::string_view abbrev = FieldRegistry::instance().def(f).abbrev;
            if (abbrev == "ip" && root == ip)
                addLayer(root, tr("IPv4 header (RFC 791)") + suffix, kIpv4, std::size(kIpv4),
                         "ip.options");
            else if (abbrev == "ipv6" && root == ip)
                addLayer(root, tr("IPv6 header (RFC 8200)") + suffix, kIpv6, std::size(kIpv6), "");
            else if (abbrev == "tcp")
                addLayer(root, tr("TCP header (RFC 9293)"), kTcp, std::size(kTcp), "tcp.options");
        }
    }
    setMinimumHeight(heightForWidth(width()));
    updateGeometry();
    update();
}

void HeaderDiagramView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The scroll area sizes its widget by minimum height, not heightForWidth().
    const int h = heightForWidth(width());
    if (minimumHeight() != h) setMinimumHeight(h);
}

void HeaderDiagramView::setSelectedNode(int node) {
    m_selectedBox = -1;
    // The box of the node itself, or of its nearest ancestor that has one (a flag bit selects
    // the flags box, an option's shift count selects the option).
    for (int n = node; n >= 0 && m_tree && m_selectedBox < 0; n = m_tree->node(n).parent)
        for (size_t i = 0; i < m_boxes.size(); ++i)
            if (m_boxes[i].node == n) {
                m_selectedBox = int(i);
                break;
            }
    update();
    if (m_selectedBox >= 0)
        emit selectedBoxMoved(pieces(m_boxes[size_t(m_selectedBox)], width()).front());
}

int HeaderDiagramView::selectedBoxNode() const {
    return m_selectedBox >= 0 ? m_boxes[size_t(m_selectedBox)].node : -1;
}

HeaderDiagramView::Metrics HeaderDiagramView::metrics(int width) const {
    const QFontMetrics fm(font());
    Metrics m;
    m.left = kMargin + fm.horizontalAdvance(QStringLiteral("00")) + 6;
    // Wide windows get no wider boxes: more of the diagram fits on screen.
    m.bitWidth =
        std::clamp((width - m.left - kMargin) / 32, 8, fm.horizontalAdvance(QStringLiteral("000")));
    m.rowHeight = fm.height() * 2 + 6;
    m.titleHeight = fm.height() * 2 + 6; // title + bit ruler
    return m;
}

int HeaderDiagramView::layerTop(int layer, int width) const {
    const Metrics m = metrics(width);
    int y = kMargin;
    for (int i = 0; i < layer; ++i)
        y += m.titleHeight + m_layers[size_t(i)].rows * m.rowHeight + 10;
    return y + m.titleHeight;
}

int HeaderDiagramView::heightForWidth(int width) const {
    if (m_layers.empty()) return fontMetrics().height() * 3;
    return layerTop(int(m_layers.size()), width) - metrics(width).titleHeight + kMargin;
}

QSize HeaderDiagramView::sizeHint() const {
    return {32 * 18 + 40, heightForWidth(32 * 18 + 40)};
}

std::vector<QRect> HeaderDiagramView::pieces(const Box& b, int width) const {
    const Metrics m = metrics(width);
    const int top = layerTop(b.layer, width);
    std::vector<QRect> out;
    int bit = b.bitStart;
    const int end = b.bitStart + b.bitLength;
    while (bit < end) {
        const int row = bit / 32;
        const int col = bit % 32;
        int stop = std::min(end, (row + 1) * 32);
        // Whole rows below a row-aligned start merge into one tall box.
        if (col == 0 && stop == (row + 1) * 32) {
            int rows = 1;
            while ((row + rows + 1) * 32 <= end) ++rows;
            out.emplace_back(m.left, top + row * m.rowHeight, 32 * m.bitWidth, rows * m.rowHeight);
            bit = (row + rows) * 32;
            continue;
        }
        out.emplace_back(m.left + col * m.bitWidth, top + row * m.rowHeight,
                         (stop - bit) * m.bitWidth, m.rowHeight);
        bit = stop;
    }
    return out;
}

int HeaderDiagramView::selectedLayerTop() const {
    if (m_selectedBox < 0) return -1;
    return layerTop(m_boxes[size_t(m_selectedBox)].layer, width()) - metrics(width()).titleHeight;
}

QRect HeaderDiagramView::boxRect(int node) const {
    for (const Box& b : m_boxes)
        if (b.node == node) return pieces(b, width()).front();
    return {};
}

int HeaderDiagramView::nodeAt(const QPoint& pos) const {
    for (const Box& b : m_boxes)
        for (const QRect& r : pieces(b, width()))
            if (r.contains(pos)) return b.node;
    return -1;
}

void HeaderDiagramView::paintTo(QPainter& p, int width) const {
    if (m_layers.empty()) {
        const QFontMetrics fm(font());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(kMargin, kMargin, width - 2 * kMargin, fm.height() * 2),
                   Qt::AlignLeft | Qt::TextWordWrap,
                   tr("Select a packet with an IP or TCP header to see its header diagram."));
        return;
    }
    for (size_t li = 0; li < m_layers.size(); ++li) paintLayerFrame(p, int(li), width);
    for (size_t i = 0; i < m_boxes.size(); ++i)
        paintBox(p, m_boxes[i], int(i) == m_selectedBox, width);
}

// The font of bit numbers, row offsets and box labels.
QFont HeaderDiagramView::smallFont() const {
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    return small;
}

// A header's title, the bit numbers over its rows and the byte offset of each row.
void HeaderDiagramView::paintLayerFrame(QPainter& p, int layer, int width) const {
    const QPalette& pal = palette();
    const Metrics m = metrics(width);
    const QFontMetrics fm(font());
    const int top = layerTop(layer, width);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(m.left, top - m.titleHeight + fm.ascent(), m_layers[size_t(layer)].title);
    p.setFont(smallFont());
    p.setPen(pal.color(QPalette::PlaceholderText));
    // Every bit's number where "31" fits in a bit's width with a gap, else every 2nd, 4th or
    // 8th: at a large font size the numbers must not run together.
    const int widest = QFontMetrics(smallFont()).horizontalAdvance(QStringLiteral("31")) + 3;
    int step = 1;
    while (step < 8 && step * m.bitWidth < widest) step *= 2;
    for (int bit = 0; bit < 32; bit += step)
        p.drawText(
            QRect(m.left + bit * m.bitWidth, top - fm.height() - 2, m.bitWidth * 2, fm.height()),
            Qt::AlignLeft | Qt::AlignBottom, QString::number(bit));
    for (int row = 0; row < m_layers[size_t(layer)].rows; ++row)
        p.drawText(QRect(kMargin, top + row * m.rowHeight, m.left - kMargin - 4, m.rowHeight),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(row * 4));
}

// A field's box: its pieces outlined (highlighted when selected), the label and value in the
// largest piece, "label …" in the others.
void HeaderDiagramView::paintBox(QPainter& p, const Box& b, bool sel, int width) const {
    const QPalette& pal = palette();
    const QFontMetrics fm(font());
    const QFont small = smallFont();
    const QFontMetrics sfm(small);
    const std::vector<QRect> ps = pieces(b, width);
    const QRect* biggest = &ps.front();
    for (const QRect& r : ps) {
        p.fillRect(r, sel ? pal.color(QPalette::Highlight)
                          : (b.node < 0 ? pal.color(QPalette::Window) : pal.color(QPalette::Base)));
        p.setPen(QPen(pal.color(QPalette::Text), 1));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        if (r.width() * r.height() > biggest->width() * biggest->height()) biggest = &r;
    }
    const QRect inner = biggest->adjusted(3, 2, -3, -2);
    const QColor fg = sel ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text);
    // The other pieces of a box that wraps rows say whose they are.
    p.setFont(small);
    p.setPen(sel ? fg : pal.color(QPalette::PlaceholderText));
    for (const QRect& r : ps)
        if (&r != biggest)
            p.drawText(
                r.adjusted(3, 2, -3, -2), Qt::AlignCenter,
                sfm.elidedText(b.label + QStringLiteral(" …"), Qt::ElideRight, r.width() - 6));
    if (b.value.isEmpty()) {
        p.setFont(font());
        p.setPen(fg);
        p.drawText(inner, Qt::AlignCenter, fm.elidedText(b.label, Qt::ElideRight, inner.width()));
        return;
    }
    const int mid = inner.top() + (inner.height() - fm.height() - sfm.height()) / 2;
    p.setFont(small);
    p.setPen(sel ? fg : pal.color(QPalette::PlaceholderText));
    p.drawText(QRect(inner.left(), mid, inner.width(), sfm.height()), Qt::AlignCenter,
               sfm.elidedText(b.label, Qt::ElideRight, inner.width()));
    p.setFont(font());
    p.setPen(fg);
    // A narrow box shows the bare value ("2" rather than "Not-ECT (0)") before eliding.
    const QString value = fm.horizontalAdvance(b.value) <= inner.width() || b.shortValue.isEmpty()
                              ? b.value
                              : b.shortValue;
    p.drawText(QRect(inner.left(), mid + sfm.height(), inner.width(), fm.height()), Qt::AlignCenter,
               fm.elidedText(value, Qt::ElideRight, inner.width()));
}

void HeaderDiagramView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Window));
    paintTo(p, width());
}

void HeaderDiagramView::mousePressEvent(QMouseEvent* event) {
    const int node = nodeAt(event->position().toPoint());
    if (node >= 0) emit nodeClicked(node);
}

bool HeaderDiagramView::exportPng(const QString& path) const {
    QImage img(size() * 2, QImage::Format_ARGB32);
    img.setDevicePixelRatio(2);
    img.fill(palette().color(QPalette::Window));
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    paintTo(p, width());
    p.end();
    return img.save(path);
}

bool HeaderDiagramView::exportSvg(const QString& path) const {
    return writeSvg(path, QSizeF(size()), tr("TcpScope header diagram"), {}, [this](QPainter& p) {
        p.fillRect(rect(), palette().color(QPalette::Window));
        paintTo(p, width());
    });
}

void HeaderDiagramView::contextMenuEvent(QContextMenuEvent* event) {
    execExportMenu(
        this, event->globalPos(), tr("diagram"), QStringLiteral("header"),
        [this](const QString& f) { return exportPng(f); },
        [this](const QString& f) { return exportSvg(f); });
}

} // namespace tcpscope::ui

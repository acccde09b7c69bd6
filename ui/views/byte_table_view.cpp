// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/byte_table_view.h"

#include "models/field_text.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace tcpscope::ui {

namespace {
constexpr int kMargin = 6;
QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

ByteTableView::ByteTableView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    updateMetrics();
}

void ByteTableView::setPacket(std::shared_ptr<const ProtoTree> tree,
                              std::span<const uint8_t> bytes) {
    m_tree = std::move(tree);
    m_bytes = bytes;
    m_node = -1;
    m_cursor = -1;
    m_selStart = m_selEnd = m_layerStart = m_layerEnd = 0;
    m_selMask = 0;
    updateMetrics();
    verticalScrollBar()->setValue(0);
    viewport()->update();
}

void ByteTableView::setSelectedNode(int node) {
    m_node = (m_tree && node >= 0 && node < int(m_tree->nodes().size())) ? node : -1;
    m_selStart = m_selEnd = m_layerStart = m_layerEnd = 0;
    m_selMask = 0;
    m_selLength = 0;
    if (m_node >= 0) {
        const TreeNode& n = m_tree->node(m_node);
        int root = m_node;
        while (m_tree->node(root).parent >= 0) root = m_tree->node(root).parent;
        // A generated field has no bytes: shade the layer of the nearest ancestor with bytes.
        const TreeNode& layer = m_tree->node(root);
        m_layerStart = layer.offset;
        m_layerEnd = std::min<uint32_t>(layer.offset + layer.length, uint32_t(m_bytes.size()));
        if (!n.generated && n.length > 0) {
            m_selStart = n.offset;
            m_selEnd = std::min<uint32_t>(n.offset + n.length, uint32_t(m_bytes.size()));
            m_selLength = n.length;
            if (n.length <= 8) m_selMask = n.bitmask;
            if (m_cursor < int(m_selStart) || m_cursor >= int(m_selEnd)) m_cursor = int(m_selStart);
            // Show the first byte the mask touches.
            int first = int(m_selStart);
            for (uint32_t o = m_selStart; o < m_selEnd; ++o)
                if (highlightBits(int(o))) {
                    first = int(o);
                    break;
                }
            ensureVisible(first);
        }
    }
    viewport()->update();
}

void ByteTableView::setBytesPerRow(int n) {
    m_perRow = n == 8 ? 8 : 16;
    updateMetrics();
    viewport()->update();
}

void ByteTableView::setShowBitStrip(bool on) {
    m_showStrip = on;
    updateScrollBar();
    viewport()->update();
}

uint8_t ByteTableView::highlightBits(int offset) const {
    if (offset < int(m_selStart) || offset >= int(m_selEnd)) return 0;
    if (m_selMask == 0) return 0xff;
    const int shift = 8 * int(m_selLength - 1 - (uint32_t(offset) - m_selStart));
    return uint8_t((m_selMask >> shift) & 0xff);
}

bool ByteTableView::isShaded(int offset) const {
    return offset >= int(m_layerStart) && offset < int(m_layerEnd);
}

int ByteTableView::rowCount() const {
    return int((m_bytes.size() + size_t(m_perRow) - 1) / size_t(m_perRow));
}

int ByteTableView::stripHeight() const {
    return m_showStrip ? 3 * m_lineHeight + 10 : 0;
}

int ByteTableView::visibleRows() const {
    return std::max(1, (viewport()->height() - stripHeight() - kMargin) / m_lineHeight);
}

void ByteTableView::updateMetrics() {
    const QFontMetrics fm(font());
    m_charWidth = fm.horizontalAdvance(QLatin1Char('0'));
    m_lineHeight = fm.height() + 3;
    m_offsetChars = m_bytes.size() > 0xffff ? 8 : 4;
    m_hexX = kMargin + (m_offsetChars + 2) * m_charWidth;
    m_asciiX = xOfHex(m_perRow) + 2 * m_charWidth;
    updateScrollBar();
}

int ByteTableView::xOfHex(int column) const {
    return m_hexX + (column * 3 + (column >= 8 ? 1 : 0)) * m_charWidth;
}

void ByteTableView::updateScrollBar() {
    verticalScrollBar()->setRange(0, std::max(0, rowCount() - visibleRows()));
    verticalScrollBar()->setPageStep(visibleRows());
    const int width = m_asciiX + m_perRow * m_charWidth + kMargin;
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

QSize ByteTableView::sizeHint() const {
    return {m_asciiX + m_perRow * m_charWidth + kMargin + verticalScrollBar()->sizeHint().width() +
                4,
            m_lineHeight * 8 + stripHeight()};
}

QRect ByteTableView::hexCellRect(int offset) const {
    const int row = offset / m_perRow - verticalScrollBar()->value();
    const int col = offset % m_perRow;
    return {xOfHex(col) - m_charWidth / 2 - horizontalScrollBar()->value(),
            kMargin + row * m_lineHeight, 3 * m_charWidth, m_lineHeight};
}

QRect ByteTableView::asciiCellRect(int offset) const {
    const int row = offset / m_perRow - verticalScrollBar()->value();
    return {m_asciiX + (offset % m_perRow) * m_charWidth - horizontalScrollBar()->value(),
            kMargin + row * m_lineHeight, m_charWidth, m_lineHeight};
}

int ByteTableView::byteAt(const QPoint& pos) const {
    if (pos.y() < kMargin || pos.y() >= viewport()->height() - stripHeight()) return -1;
    const int row = (pos.y() - kMargin) / m_lineHeight + verticalScrollBar()->value();
    const int x = pos.x() + horizontalScrollBar()->value();
    int col = -1;
    for (int c = 0; c < m_perRow; ++c) {
        const int left = xOfHex(c) - m_charWidth / 2;
        if (x >= left && x < left + 3 * m_charWidth) col = c;
        if (x >= m_asciiX + c * m_charWidth && x < m_asciiX + (c + 1) * m_charWidth) col = c;
    }
    const int off = row * m_perRow + col;
    return col < 0 || off >= int(m_bytes.size()) ? -1 : off;
}

void ByteTableView::ensureVisible(int offset) {
    if (offset < 0) return;
    const int row = offset / m_perRow;
    QScrollBar* sb = verticalScrollBar();
    if (row < sb->value())
        sb->setValue(row);
    else if (row >= sb->value() + visibleRows())
        sb->setValue(row - visibleRows() + 1);
}

void ByteTableView::moveCursorTo(int offset) {
    if (m_bytes.empty()) return;
    offset = std::clamp(offset, 0, int(m_bytes.size()) - 1);
    m_cursor = offset;
    ensureVisible(offset);
    viewport()->update();
    if (m_tree) {
        const int node = m_tree->deepestAt(uint32_t(offset));
        if (node >= 0) emit nodeClicked(node);
    }
}

void ByteTableView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    const QPalette& pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    p.setFont(font());
    const QColor text = pal.color(QPalette::Text);
    const QColor dim = blend(pal.color(QPalette::Base), text, 0.55);
    const QColor hl = pal.color(QPalette::Highlight);
    const QColor hlText = pal.color(QPalette::HighlightedText);
    const QColor shade = blend(pal.color(QPalette::Base), hl, 0.22);
    const QColor partial = blend(pal.color(QPalette::Base), hl, 0.55);
    const int first = verticalScrollBar()->value();
    const int dx = horizontalScrollBar()->value();
    const int bottom = viewport()->height() - stripHeight();
    const int ascent = QFontMetrics(font()).ascent() + 1;

    if (m_bytes.empty()) {
        p.setPen(dim);
        p.drawText(viewport()->rect().adjusted(kMargin, kMargin, 0, -stripHeight()),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_tree ? tr("This packet has no bytes (a tcpdump summary line).")
                          : tr("No packet selected."));
    }
    p.setClipRect(QRect(0, 0, viewport()->width(), bottom));
    for (int row = first; row < rowCount(); ++row) {
        const int y = kMargin + (row - first) * m_lineHeight;
        if (y > bottom) break;
        p.setPen(dim);
        p.drawText(kMargin - dx, y + ascent,
                   QStringLiteral("%1").arg(row * m_perRow, m_offsetChars, 16, QLatin1Char('0')));
        for (int c = 0; c < m_perRow; ++c) {
            const int off = row * m_perRow + c;
            if (off >= int(m_bytes.size())) break;
            const uint8_t b = m_bytes[size_t(off)];
            const uint8_t bits = highlightBits(off);
            const QRect hr = hexCellRect(off).adjusted(0, 0, 0, -1);
            const QRect ar = asciiCellRect(off).adjusted(0, 0, 0, -1);
            QColor fg = text;
            if (bits) {
                const QColor bg = bits == 0xff ? hl : partial;
                p.fillRect(hr, bg);
                p.fillRect(ar, bg);
                fg = bits == 0xff ? hlText : text;
            } else if (isShaded(off)) {
                p.fillRect(hr, shade);
                p.fillRect(ar, shade);
            }
            if (bits && bits != 0xff) { // a bit field: underline the byte to show it is partial
                p.fillRect(QRect(hr.left() + 2, hr.bottom() - 1, hr.width() - 4, 2), hl);
            }
            p.setPen(fg);
            p.drawText(hr.left() + m_charWidth / 2, y + ascent,
                       QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
            const QChar ch = (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(u'·');
            p.setPen(b >= 0x20 && b < 0x7f ? fg : (bits == 0xff ? hlText : dim));
            p.drawText(ar.left(), y + ascent, QString(ch));
            if (off == m_cursor && hasFocus()) {
                p.setPen(QPen(text, 1, Qt::DotLine));
                p.drawRect(hr.adjusted(0, 0, -1, 0));
            }
        }
    }
    p.setClipping(false);
    if (m_showStrip) paintBitStrip(p, QRect(0, bottom, viewport()->width(), stripHeight()));
}

void ByteTableView::paintBitStrip(QPainter& p, const QRect& area) {
    const QPalette& pal = palette();
    p.fillRect(area, pal.color(QPalette::AlternateBase));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(area.topLeft(), area.topRight());
    const QColor text = pal.color(QPalette::Text);
    const int ascent = QFontMetrics(font()).ascent() + 1;
    int y = area.top() + 4;
    if (m_node < 0 || !m_tree) {
        p.setPen(text);
        p.drawText(kMargin, y + ascent, tr("Select a field to see its bytes and bits."));
        return;
    }
    const TreeNode& n = m_tree->node(m_node);
    const FieldText t = fieldText(n);
    QString head = t.abbrev.isEmpty() ? t.name : t.abbrev;
    if (n.generated || n.length == 0)
        head += tr("  — generated: no bytes of its own");
    else
        head += tr("  bytes 0x%1–0x%2 (%3)")
                    .arg(n.offset, 0, 16)
                    .arg(n.offset + n.length - 1, 0, 16)
                    .arg(n.length);
    if (m_selMask) head += tr("  mask 0x%1").arg(m_selMask, 0, 16);
    p.setPen(text);
    p.drawText(kMargin, y + ascent, head);
    y += m_lineHeight + 2;
    if (!m_selMask || n.length == 0 || n.length > 4) return;
    // One cell per bit of the field's bytes, each byte labelled with its offset; the mask's
    // bits filled.
    const int cell = std::max(2 * m_charWidth, 14);
    int x = kMargin;
    const QColor hl = pal.color(QPalette::Highlight);
    const QColor dim = blend(pal.color(QPalette::Base), text, 0.55);
    for (uint32_t i = 0; i < n.length && n.offset + i < m_bytes.size(); ++i) {
        const uint32_t off = n.offset + i;
        const uint8_t b = m_bytes[off];
        const uint8_t bits = highlightBits(int(off));
        const QString label = QStringLiteral("0x%1").arg(off, 2, 16, QLatin1Char('0'));
        p.setPen(dim);
        p.drawText(x, y + ascent, label);
        x += QFontMetrics(font()).horizontalAdvance(label) + m_charWidth / 2;
        for (int bit = 7; bit >= 0; --bit) {
            const QRect r(x, y, cell - 1, m_lineHeight);
            const bool in = bits & (1u << bit);
            if (in) p.fillRect(r, hl);
            p.setPen(pal.color(QPalette::Mid));
            p.drawRect(r.adjusted(0, 0, -1, -1));
            p.setPen(in ? pal.color(QPalette::HighlightedText) : (bits ? text : dim));
            p.drawText(r, Qt::AlignCenter, QString::number((b >> bit) & 1));
            x += cell;
        }
        x += cell;
    }
    p.setPen(text);
    p.drawText(x, y + ascent, t.value);
}

void ByteTableView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

void ByteTableView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) updateMetrics();
    QAbstractScrollArea::changeEvent(event);
}

void ByteTableView::mousePressEvent(QMouseEvent* event) {
    const int off = byteAt(event->position().toPoint());
    if (off >= 0) moveCursorTo(off);
}

void ByteTableView::keyPressEvent(QKeyEvent* event) {
    if (m_bytes.empty()) return QAbstractScrollArea::keyPressEvent(event);
    const int cur = m_cursor < 0 ? 0 : m_cursor;
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursorTo(cur - 1);
        break;
    case Qt::Key_Right:
        moveCursorTo(cur + 1);
        break;
    case Qt::Key_Up:
        moveCursorTo(cur - m_perRow);
        break;
    case Qt::Key_Down:
        moveCursorTo(cur + m_perRow);
        break;
    case Qt::Key_PageUp:
        moveCursorTo(cur - m_perRow * visibleRows());
        break;
    case Qt::Key_PageDown:
        moveCursorTo(cur + m_perRow * visibleRows());
        break;
    case Qt::Key_Home:
        moveCursorTo(event->modifiers() & Qt::ControlModifier ? 0 : cur - cur % m_perRow);
        break;
    case Qt::Key_End:
        moveCursorTo(event->modifiers() & Qt::ControlModifier
                         ? int(m_bytes.size()) - 1
                         : cur - cur % m_perRow + m_perRow - 1);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool ByteTableView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(event);
        const int off = byteAt(he->pos());
        if (off < 0 || !m_tree) {
            QToolTip::hideText();
            return true;
        }
        const int node = m_tree->deepestAt(uint32_t(off));
        QString tip = tr("Byte 0x%1 (%2) = 0x%3")
                          .arg(off, 0, 16)
                          .arg(off)
                          .arg(m_bytes[size_t(off)], 2, 16, QLatin1Char('0'));
        if (node >= 0) {
            const FieldText t = fieldText(m_tree->node(node));
            tip += u'\n' + QString::fromStdString(m_tree->node(node).display);
            if (!t.abbrev.isEmpty()) tip += u'\n' + t.abbrev;
        }
        QToolTip::showText(he->globalPos(), tip, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace tcpscope::ui

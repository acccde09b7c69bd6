// SPDX-License-Identifier: GPL-2.0-or-later
// The byte table: offsets, hex and ASCII of the selected packet. The selected field's bytes are
// highlighted exactly (for a bit field only the bytes its mask touches), the enclosing protocol
// is shaded lighter, and a bit strip under the table shows which bits a bit field covers.
// Clicking, hovering or moving the cursor with the keyboard maps a byte to its deepest field.
#pragma once

#include <tcpscope/proto_tree.h>

#include <QAbstractScrollArea>

#include <memory>
#include <span>

namespace tcpscope::ui {

class ByteTableView : public QAbstractScrollArea {
    Q_OBJECT
  public:
    explicit ByteTableView(QWidget* parent = nullptr);

    void setPacket(std::shared_ptr<const ProtoTree> tree, std::span<const uint8_t> bytes);
    void setSelectedNode(int node);
    int selectedNode() const { return m_node; }
    void setBytesPerRow(int n);
    void setShowBitStrip(bool on);

    // For tests and tooltips.
    int byteAt(const QPoint& viewportPos) const;
    QRect hexCellRect(int offset) const; // viewport coordinates
    QRect asciiCellRect(int offset) const;
    bool isHighlighted(int offset) const { return highlightBits(offset) != 0; }
    uint8_t highlightBits(int offset) const; // bits of the byte that belong to the selected field
    bool isShaded(int offset) const;         // inside the selected field's protocol layer
    int cursorOffset() const { return m_cursor; }

    QSize sizeHint() const override;

  signals:
    void nodeClicked(int node);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    void updateMetrics();
    void updateScrollBar();
    void moveCursorTo(int offset);
    void ensureVisible(int offset);
    int rowCount() const;
    int visibleRows() const;
    int stripHeight() const;
    void paintBitStrip(QPainter& p, const QRect& area);
    int xOfHex(int column) const;

    std::shared_ptr<const ProtoTree> m_tree;
    std::span<const uint8_t> m_bytes;
    int m_node = -1;
    int m_cursor = -1;
    int m_perRow = 16;
    bool m_showStrip = true;
    // Selection ranges, recomputed when the node changes.
    uint32_t m_selStart = 0, m_selEnd = 0; // [start, end)
    uint64_t m_selMask = 0;
    uint32_t m_selLength = 0;
    uint32_t m_layerStart = 0, m_layerEnd = 0;
    // Metrics.
    int m_charWidth = 8;
    int m_lineHeight = 16;
    int m_offsetChars = 4;
    int m_hexX = 0, m_asciiX = 0;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// RFC-style header diagrams (32 bits a row, as in RFC 791 3.1 and RFC 9293 3.1) for the IPv4 or
// IPv6 header and the TCP header of the selected packet, with this packet's value in each box.
// Options are laid out byte-exactly where they sit. Clicking a box selects its field.
#pragma once

#include <tcpscope/proto_tree.h>

#include <QWidget>

#include <memory>
#include <vector>

namespace tcpscope::ui {

struct FixedBox; // a field at a fixed bit position (header_diagram_view.cpp)

class HeaderDiagramView : public QWidget {
    Q_OBJECT
  public:
    explicit HeaderDiagramView(QWidget* parent = nullptr);

    void setTree(std::shared_ptr<const ProtoTree> tree);
    void setSelectedNode(int node);
    int selectedBoxNode() const;   // the node of the highlighted box, -1 for none
    QRect boxRect(int node) const; // first piece of the box of this node, or empty
    int nodeAt(const QPoint& pos) const;
    int selectedLayerTop() const; // y of the title of the selected box's header, -1 for none

    bool exportPng(const QString& path) const;
    bool exportSvg(const QString& path) const;

    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

  signals:
    void nodeClicked(int node);
    void selectedBoxMoved(const QRect& rect); // for the enclosing scroll area

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

  private:
    struct Box {
        int node = -1;
        int layer = 0;    // index into m_layers
        int bitStart = 0; // from the start of the layer's header
        int bitLength = 0;
        QString label;
        QString value;
        QString shortValue; // the bare value, for narrow boxes
    };
    struct Layer {
        QString title;
        int rows = 0;
    };
    struct Metrics {
        int left, bitWidth, rowHeight, titleHeight;
    };
    Metrics metrics(int width) const;
    // The rectangles of a box, one per row it crosses (full rows merged).
    std::vector<QRect> pieces(const Box& box, int width) const;
    int layerTop(int layer, int width) const;
    void paintTo(QPainter& p, int width) const;
    QFont smallFont() const;
    void paintLayerFrame(QPainter& p, int layer, int width) const;
    void paintBox(QPainter& p, const Box& box, bool selected, int width) const;
    void addLayer(int layerNode, const QString& title, const FixedBox* table, size_t count,
                  const char* optionsAbbrev);

    std::shared_ptr<const ProtoTree> m_tree;
    std::vector<Layer> m_layers;
    std::vector<Box> m_boxes;
    int m_selectedBox = -1;
};

} // namespace tcpscope::ui

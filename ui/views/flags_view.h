// SPDX-License-Identifier: GPL-2.0-or-later
// The TCP flags breakdown: 12 labelled cells (Reserved x3, AE, CWR, ECE, URG, ACK, PSH, RST, SYN,
// FIN), set ones filled; the value in binary and hex; one line of meaning per set flag.
// Clicking a cell selects that flag's field.
#pragma once

#include <tcpscope/proto_tree.h>

#include <QWidget>

#include <array>
#include <memory>
#include <optional>

namespace tcpscope::ui {

class FlagsView : public QWidget {
    Q_OBJECT
  public:
    explicit FlagsView(QWidget* parent = nullptr);

    // `summaryFlags`: the flags from the packet list row, drawn when the tree has no TCP header
    // (a tcpdump summary line has flags but no bytes).
    void setTree(std::shared_ptr<const ProtoTree> tree,
                 std::optional<uint16_t> summaryFlags = std::nullopt);
    void setSelectedNode(int node);
    bool hasFlags() const { return m_flagsNode >= 0 || m_fromSummary; }
    uint16_t flags() const { return m_flags; }
    QRect cellRect(int bit) const; // bit 11 (leftmost reserved) .. 0 (FIN)
    // One sentence per set flag, for the view and for tests.
    static QString meaning(int bit);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  signals:
    void nodeClicked(int node);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

  private:
    int nodeForBit(int bit) const;
    QFont labelFont() const;
    int minCellWidth() const;

    std::shared_ptr<const ProtoTree> m_tree;
    int m_flagsNode = -1;
    std::array<int, 12> m_bitNodes{};
    uint16_t m_flags = 0;
    bool m_fromSummary = false;
    int m_selected = -1;
};

} // namespace tcpscope::ui

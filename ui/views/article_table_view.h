// SPDX-License-Identifier: GPL-2.0-or-later
// The Byte Table tab: the selected packet as the seed article's tables (the core's ByteTable),
// a row per field with its bytes, value and conversion, and meaning, under a heading per header.
// Clicking a row's bytes selects its field everywhere; the selected field's row is highlighted.
// Copy puts Markdown (as text) and HTML on the clipboard; Export writes Markdown, HTML or CSV.
#pragma once

#include <tcpscope/byte_table.h>

#include <QWidget>

#include <memory>
#include <span>

class QPushButton;
class QTextBrowser;

namespace tcpscope::ui {

class ArticleTableView : public QWidget {
    Q_OBJECT
  public:
    explicit ArticleTableView(QWidget* parent = nullptr);

    void setPacket(std::shared_ptr<const ProtoTree> tree, std::span<const uint8_t> bytes);
    void setSelectedNode(int node);
    const ByteTable& table() const { return m_table; }
    // The row shown highlighted (section, row), or (-1, -1).
    std::pair<int, int> highlightedRow() const { return m_highlight; }
    QString markdown() const;
    QString html() const; // the page as shown, for the clipboard
    // Writes the table as Markdown (.md), HTML (.html, .htm) or CSV (.csv), by the name's end.
    bool exportTo(const QString& path, QString* error) const;
    void copyToClipboard() const;
    QTextBrowser* browser() const { return m_browser; }

  signals:
    void nodeClicked(int node);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void render();
    void exportWithDialog();
    std::pair<int, int> rowOfNode(int node) const;

    std::shared_ptr<const ProtoTree> m_tree;
    ByteTable m_table;
    int m_node = -1;
    std::pair<int, int> m_highlight{-1, -1};
    QTextBrowser* m_browser = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace tcpscope::ui

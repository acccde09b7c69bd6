// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/article_table_view.h"
#include "document/document.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace tcpscope::ui {

namespace {

QString cell(const std::string& s) {
    return fromCore(s).toHtmlEscaped();
}

} // namespace

ArticleTableView::ArticleTableView(QWidget* parent) : QWidget(parent) {
    m_browser = new QTextBrowser(this);
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        bool ok = false;
        const int node = url.path().toInt(&ok);
        if (url.scheme() == QLatin1String("node") && ok) emit nodeClicked(node);
    });
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setToolTip(tr("Copy the table as Markdown (plain text) and HTML"));
    connect(m_copy, &QPushButton::clicked, this, &ArticleTableView::copyToClipboard);
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setToolTip(tr("Save the table as Markdown, HTML or CSV"));
    connect(m_export, &QPushButton::clicked, this, &ArticleTableView::exportWithDialog);
    m_browser->setToolTip(tr("One row per field in byte order, the bytes as a hex dump writes "
                             "them; click the bytes to select the field."));
    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(m_copy);
    bar->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_browser, 1);
    render();
}

void ArticleTableView::setPacket(std::shared_ptr<const ProtoTree> tree,
                                 std::span<const uint8_t> bytes) {
    m_tree = std::move(tree);
    m_table = m_tree ? buildByteTable(*m_tree, bytes) : ByteTable{};
    m_node = -1;
    m_highlight = {-1, -1};
    render();
}

// The row of `node` or of the closest enclosing node that has one.
std::pair<int, int> ArticleTableView::rowOfNode(int node) const {
    for (int n = node; m_tree && n >= 0 && size_t(n) < m_tree->nodes().size();
         n = m_tree->node(n).parent)
        for (size_t s = 0; s < m_table.sections.size(); ++s)
            for (size_t r = 0; r < m_table.sections[s].rows.size(); ++r)
                if (m_table.sections[s].rows[r].node == n) return {int(s), int(r)};
    return {-1, -1};
}

void ArticleTableView::setSelectedNode(int node) {
    if (node == m_node) return;
    m_node = node;
    const auto row = rowOfNode(node);
    if (row == m_highlight) return;
    m_highlight = row;
    render();
    if (row.first >= 0)
        m_browser->scrollToAnchor(QStringLiteral("r%1_%2").arg(row.first).arg(row.second));
}

void ArticleTableView::render() {
    const QPalette pal = palette();
    const QString text = pal.color(QPalette::Text).name();
    const QString line = pal.color(QPalette::Mid).name();
    const QString head = pal.color(QPalette::AlternateBase).name();
    const QString mark = pal.color(QPalette::Highlight).name();
    const QString markText = pal.color(QPalette::HighlightedText).name();
    const QString link = pal.color(QPalette::Link).name();
    QString h = QStringLiteral("<html><body style='color:%1'>").arg(text);
    if (m_table.sections.empty())
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("No bytes to show for this packet.").toHtmlEscaped());
    const std::vector<std::string> columns = byteTableColumns();
    for (size_t s = 0; s < m_table.sections.size(); ++s) {
        const ByteTableSection& sec = m_table.sections[s];
        h += QStringLiteral("<h3>%1</h3>").arg(cell(byteTableHeading(m_table, sec)));
        h += QStringLiteral("<table width='99%' cellspacing='0' cellpadding='4' border='1' "
                            "style='border-color:%1; border-collapse:collapse'><tr>")
                 .arg(line);
        // The same widths in every section, so the tables line up one under the other.
        static constexpr int kWidth[] = {14, 18, 26, 42};
        for (size_t c = 0; c < columns.size(); ++c)
            h += QStringLiteral("<th align='left' width='%1%' bgcolor='%2'>%3</th>")
                     .arg(kWidth[c])
                     .arg(head, cell(columns[c]));
        h += QStringLiteral("</tr>");
        for (size_t r = 0; r < sec.rows.size(); ++r) {
            const ByteTableRow& row = sec.rows[r];
            const bool on = m_highlight == std::pair<int, int>(int(s), int(r));
            const QString bg =
                on ? QStringLiteral(" bgcolor='%1' style='color:%2'").arg(mark, markText)
                   : QString();
            h += QStringLiteral("<tr%1><td style='white-space:pre'><a name='r%2_%3'></a>"
                                "<a href='node:%4' style='color:%5; text-decoration:none'>"
                                "<code>%6</code></a></td><td>%7</td><td>%8</td><td>%9</td></tr>")
                     .arg(bg)
                     .arg(s)
                     .arg(r)
                     .arg(row.node)
                     .arg(on ? markText : link, cell(row.bytes), cell(row.field), cell(row.value),
                          cell(row.meaning));
        }
        h += QStringLiteral("</table>");
    }
    h += QStringLiteral("</body></html>");
    const int at = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(h);
    m_browser->verticalScrollBar()->setValue(at);
    m_copy->setEnabled(!m_table.sections.empty());
    m_export->setEnabled(!m_table.sections.empty());
}

QString ArticleTableView::markdown() const {
    return fromCore(formatByteTableMarkdown(m_table));
}

QString ArticleTableView::html() const {
    return fromCore(formatByteTableHtml(m_table));
}

void ArticleTableView::copyToClipboard() const {
    auto* mime = new QMimeData;
    mime->setText(markdown());
    mime->setHtml(html());
    QApplication::clipboard()->setMimeData(mime);
}

bool ArticleTableView::exportTo(const QString& path, QString* error) const {
    const QString lower = path.toLower();
    std::string out;
    if (lower.endsWith(QLatin1String(".csv")))
        out = formatByteTableCsv(m_table);
    else if (lower.endsWith(QLatin1String(".html")) || lower.endsWith(QLatin1String(".htm")))
        out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" +
              formatByteTableHtml(m_table) + "</body></html>\n";
    else
        out = formatByteTableMarkdown(m_table);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(out.data(), qint64(out.size())) != qint64(out.size())) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

void ArticleTableView::exportWithDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Byte Table"), QStringLiteral("frame-%1.md").arg(m_table.frameNumber),
        tr("Markdown (*.md);;HTML (*.html *.htm);;CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportTo(path, &error)) QMessageBox::warning(this, tr("Export Byte Table"), error);
}

void ArticleTableView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) render();
}

} // namespace tcpscope::ui

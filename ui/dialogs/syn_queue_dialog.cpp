// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/syn_queue_dialog.h"

#include "document/selection_controller.h"
#include "views/syn_queue_view.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTextDocument>
#include <QVBoxLayout>

#include <map>

namespace tcpscope::ui {

SynQueueDialog::SynQueueDialog(SelectionController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_socketBox(new QComboBox(this)),
      m_view(new SynQueueView), m_summary(new QLabel(this)) {
    setWindowTitle(tr("SYN Queue"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Listening socket:"), this));
    top->addWidget(m_socketBox, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* png = buttons->addButton(tr("Export PNG…"), QDialogButtonBox::ActionRole);
    QPushButton* svg = buttons->addButton(tr("Export SVG…"), QDialogButtonBox::ActionRole);
    connect(png, &QPushButton::clicked, this, [this] { exportAs(false); });
    connect(svg, &QPushButton::clicked, this, [this] { exportAs(true); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(m_socketBox, &QComboBox::currentIndexChanged, this, &SynQueueDialog::showSocket);
    connect(m_view, &SynQueueView::packetClicked, this,
            [this](size_t packet) { m_controller->selectPacket(int(packet)); });
    resize(1100, 760);
}

void SynQueueDialog::showSocketOf(std::optional<uint32_t> stream) {
    m_document = m_controller->document();
    m_sockets = m_document ? listeningSockets(*m_document) : std::vector<ListeningSocket>{};
    int pick = 0;
    if (stream && m_document)
        if (const auto s = listeningSocketOf(*m_document, *stream))
            for (size_t i = 0; i < m_sockets.size(); ++i)
                if (m_sockets[i] == *s) pick = int(i);
    const QSignalBlocker block(m_socketBox);
    m_socketBox->clear();
    for (const ListeningSocket& s : m_sockets)
        m_socketBox->addItem(tr("%1 (%2 SYNs, %3 connections)")
                                 .arg(fromCore(listeningSocketText(s)))
                                 .arg(s.syns)
                                 .arg(s.connections));
    m_socketBox->setCurrentIndex(pick);
    showSocket(pick);
}

void SynQueueDialog::showSocket(int index) {
    if (!m_document || index < 0 || size_t(index) >= m_sockets.size()) {
        m_view->setQueue({});
        m_summary->setText(tr("No server in this capture received a SYN."));
        return;
    }
    m_view->setQueue(buildSynQueue(*m_document, m_sockets[size_t(index)]));
    setWindowTitle(m_view->title());
    const SynQueue& queue = m_view->queue();
    QString text = tr("<b>%1 connections</b>: %2 established, at most %3 half-open at once, %4 "
                      "still half-open when the capture ends.")
                       .arg(queue.entries.size())
                       .arg(queue.completed)
                       .arg(queue.maxHalfOpen)
                       .arg(queue.halfOpenAtEnd);
    // The SYN cookie assessments, each different sentence once with the streams it is about.
    std::map<std::string, QStringList> cookies;
    for (const SynQueueEntry& e : queue.entries)
        cookies[synCookieText(e.cookie)] << QString::number(e.stream);
    for (const auto& [sentence, streams] : cookies) {
        const QString list =
            streams.size() > 8 ? streams.mid(0, 8).join(QStringLiteral(", ")) + QStringLiteral(" …")
                               : streams.join(QStringLiteral(", "));
        text += QStringLiteral("<br>") +
                (streams.size() == 1 ? tr("Stream %1: %2") : tr("Streams %1: %2"))
                    .arg(list, fromCore(sentence).toHtmlEscaped());
    }
    m_summary->setText(text);
}

QString SynQueueDialog::summaryText() const {
    QTextDocument doc;
    doc.setHtml(m_summary->text());
    return doc.toPlainText();
}

void SynQueueDialog::setDarkColors(bool dark) {
    m_view->setDarkColors(dark);
}

void SynQueueDialog::exportAs(bool svg) {
    const QString path = QFileDialog::getSaveFileName(
        this, svg ? tr("Export SVG") : tr("Export PNG"),
        svg ? QStringLiteral("syn-queue.svg") : QStringLiteral("syn-queue.png"),
        svg ? tr("SVG (*.svg)") : tr("PNG (*.png)"));
    if (path.isEmpty()) return;
    const int width = std::max(m_view->width(), 900);
    const bool ok = svg ? m_view->saveSvg(path, width) : m_view->exportImage(width, 2).save(path);
    if (!ok) QMessageBox::warning(this, tr("Export"), tr("Cannot write %1").arg(path));
}

} // namespace tcpscope::ui

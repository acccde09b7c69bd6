// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/stream_graph_dialog.h"

#include "document/selection_controller.h"
#include "views/stream_graph_view.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tcpscope::ui {

namespace {

// The graph types, in Wireshark's order.
const std::pair<GraphKind, const char*> kKinds[] = {
    {GraphKind::Stevens, QT_TRANSLATE_NOOP("StreamGraphDialog", "Time Sequence (Stevens)")},
    {GraphKind::Tcptrace, QT_TRANSLATE_NOOP("StreamGraphDialog", "Time Sequence (tcptrace)")},
    {GraphKind::Throughput, QT_TRANSLATE_NOOP("StreamGraphDialog", "Throughput")},
    {GraphKind::RttTime, QT_TRANSLATE_NOOP("StreamGraphDialog", "Round Trip Time")},
    {GraphKind::RttSequence,
     QT_TRANSLATE_NOOP("StreamGraphDialog", "Round Trip Time by Sequence Number")},
    {GraphKind::Window, QT_TRANSLATE_NOOP("StreamGraphDialog", "Window Scaling")},
};

} // namespace

StreamGraphDialog::StreamGraphDialog(SelectionController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller) {
    setModal(false);
    auto* layout = new QVBoxLayout(this);
    m_view = new StreamGraphView(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buildControls());
    if (m_controller) {
        connect(m_view, &StreamGraphView::packetClicked, this, [this](int packet) {
            if (m_document && m_controller->document() == m_document)
                m_controller->selectPacket(packet);
        });
        connect(m_controller, &SelectionController::packetChanged, m_view,
                &StreamGraphView::setSelectedPacket);
        // The same file read again: graphed anew; another capture: this stream is gone.
        connect(m_controller, &SelectionController::documentChanged, this, [this] {
            const DocumentPtr& now = m_controller->document();
            if (!m_document || now == m_document) return;
            if (now && !now->path().empty() && now->path() == m_document->path() &&
                stream() < now->tracker().connections().size())
                setStream(stream(), m_fromServer);
            else
                close();
        });
    }
    resize(1000, 680);
}

QWidget* StreamGraphDialog::buildControls() {
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(row);
    for (const auto& [kind, name] : kKinds)
        m_kind->addItem(QCoreApplication::translate("StreamGraphDialog", name), int(kind));
    m_kind->setCurrentIndex(m_kind->findData(int(GraphKind::Tcptrace)));
    m_direction = new QPushButton(tr("Switch &Direction"), row);
    m_direction->setToolTip(tr("Graph what the other side sent"));
    m_stream = new QSpinBox(row);
    m_stream->setToolTip(tr("The TCP stream (tcp.stream) graphed"));
    m_window = new QDoubleSpinBox(row);
    m_window->setRange(0.001, 3600);
    m_window->setDecimals(3);
    m_window->setValue(1.0);
    m_window->setSuffix(tr(" s"));
    m_window->setToolTip(tr("Throughput: the moving average's window"));
    m_reset = new QPushButton(tr("&Reset"), row);
    m_reset->setToolTip(tr("Show the whole connection again (key 0)"));
    auto* save = new QPushButton(tr("&Save As…"), row);
    auto* closeButton = new QPushButton(tr("&Close"), row);
    h->addWidget(new QLabel(tr("Type:"), row));
    h->addWidget(m_kind);
    h->addWidget(m_direction);
    h->addSpacing(8);
    h->addWidget(new QLabel(tr("Stream:"), row));
    h->addWidget(m_stream);
    h->addSpacing(8);
    h->addWidget(new QLabel(tr("MA window:"), row));
    h->addWidget(m_window);
    h->addStretch();
    h->addWidget(m_reset);
    h->addWidget(save);
    h->addWidget(closeButton);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setKind(kind());
        m_window->setEnabled(kind() == GraphKind::Throughput);
        updateStatus();
    });
    m_window->setEnabled(false);
    connect(m_direction, &QPushButton::clicked, this, &StreamGraphDialog::switchDirection);
    connect(m_stream, &QSpinBox::valueChanged, this, [this](int k) {
        if (m_document && uint32_t(k) != m_view->graph().stream)
            setStream(uint32_t(k), m_fromServer);
    });
    connect(m_window, &QDoubleSpinBox::valueChanged, m_view, &StreamGraphView::setThroughputWindow);
    connect(m_reset, &QPushButton::clicked, m_view, &StreamGraphView::resetZoom);
    connect(save, &QPushButton::clicked, this, &StreamGraphDialog::askSaveAs);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);
    for (QPushButton* b : {m_direction, m_reset, save, closeButton}) b->setAutoDefault(false);
    return row;
}

void StreamGraphDialog::setStream(uint32_t stream, bool fromServer) {
    m_document = m_controller ? m_controller->document() : nullptr;
    if (!m_document) return;
    const size_t streams = m_document->tracker().connections().size();
    m_fromServer = fromServer;
    {
        const QSignalBlocker block(m_stream);
        m_stream->setRange(0, int(std::max<size_t>(streams, 1) - 1));
        m_stream->setValue(int(stream));
        m_stream->setEnabled(streams > 1);
    }
    rebuild();
}

uint32_t StreamGraphDialog::stream() const {
    return m_view->graph().stream;
}

bool StreamGraphDialog::fromServer() const {
    return m_fromServer;
}

void StreamGraphDialog::switchDirection() {
    m_fromServer = !m_fromServer;
    rebuild();
}

void StreamGraphDialog::setKind(GraphKind kind) {
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

GraphKind StreamGraphDialog::kind() const {
    return GraphKind(m_kind->currentData().toInt());
}

void StreamGraphDialog::rebuild() {
    if (!m_document) return;
    m_view->setGraph(buildStreamGraph(*m_document, uint32_t(m_stream->value()), m_fromServer));
    m_view->setKind(kind());
    m_view->setSelectedPacket(m_controller ? m_controller->packet() : -1);
    const QString name = documentName(*m_document);
    setWindowTitle(tr("TCP Stream Graph (tcp.stream eq %1) · %2").arg(m_stream->value()).arg(name));
    updateStatus();
}

void StreamGraphDialog::updateStatus() {
    const StreamGraph& g = m_view->graph();
    m_status->setText(tr("%1 · %2 segments, %3 bytes, %4 ACKs, %5 s. Wheel: zoom (Ctrl: time, "
                         "Shift: values); drag: pan; right drag: zoom to a rectangle; 0: reset; "
                         "click: select the packet.")
                          .arg(m_view->title())
                          .arg(g.segments.size())
                          .arg(g.bytes)
                          .arg(g.acks.size())
                          .arg(g.duration, 0, 'f', 3));
}

bool StreamGraphDialog::saveTo(const QString& path) const {
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive))
        return m_view->saveSvg(path, m_view->size());
    return m_view->renderImage(m_view->size()).save(path);
}

void StreamGraphDialog::askSaveAs() {
    const QString base = QStringLiteral("stream-%1-%2.png")
                             .arg(stream())
                             .arg(QString::fromUtf8(graphKindName(kind()).data()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Graph As"), base,
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty()) return;
    if (!saveTo(path))
        QMessageBox::warning(this, tr("Save Graph As"), tr("Cannot write %1.").arg(path));
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// The Capture menu: live capture through the capture helper (LiveCaptureController), its
// snapshots shown as they come with the view kept where the user left it, its counts in the
// status bar, and the packets kept until saved.
#include "dialogs/capture_dialog.h"
#include "document/live_capture_controller.h"
#include "document/selection_controller.h"
#include "main_window.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace tcpscope::ui {

void MainWindow::buildCaptureMenu() {
    m_live = new LiveCaptureController(this);
    connect(m_live, &LiveCaptureController::snapshot, this, &MainWindow::onLiveSnapshot);
    connect(m_live, &LiveCaptureController::statsChanged, this, &MainWindow::updateLiveStatus);
    connect(m_live, &LiveCaptureController::ended, this, &MainWindow::onLiveEnded);
    m_statusLive = new QLabel(this);
    m_statusLive->setObjectName(QStringLiteral("statusLive"));
    statusBar()->addPermanentWidget(m_statusLive);
    m_statusLive->hide();
    QMenu* capture = menuBar()->addMenu(tr("&Capture"));
    // Start and Stop are one action on Ctrl+E, as in Wireshark: Start… while idle, Stop while
    // capturing (the window's shortcuts stay unique).
    m_startCapture =
        capture->addAction(tr("&Start…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] {
            if (isCapturing())
                stopCapture();
            else
                showCaptureDialog();
        });
    m_restartCapture = capture->addAction(tr("&Restart"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                                          [this] { restartCapture(); });
    updateCaptureActions();
}

void MainWindow::updateCaptureActions() {
    const bool running = m_live->isRunning();
    m_startCapture->setText(running ? tr("S&top") : tr("&Start…"));
    m_restartCapture->setEnabled(running || !m_lastCapture.interface.empty());
}

void MainWindow::showCaptureDialog() {
    if (m_live->isRunning()) return;
    std::string error;
    std::vector<CaptureInterface> list = listCaptureInterfaces(error);
    CaptureDialog dialog(std::move(list), fromCore(error), m_lastCapture, m_lastRingBytes >> 20,
                         this);
    if (dialog.exec() != QDialog::Accepted) return;
    startCapture(dialog.options(), dialog.ringBytes());
}

bool MainWindow::startCapture(const CaptureOptions& options, size_t ringBytes) {
    if (m_live->isRunning() || !keepOrDiscardCapture()) return false;
    m_lastCapture = options;
    m_lastRingBytes = ringBytes;
    QString error;
    if (!m_live->start(options, dissectOptions(), ringBytes, &error)) {
        m_warning->setText(tr("⚠ Cannot start capturing: %1").arg(error));
        m_warning->show();
        updateCaptureActions();
        return false;
    }
    m_liveDocument.reset();
    m_liveDetached = false;
    m_unsavedCapture = false;
    updateCaptureActions();
    updateLiveStatus();
    m_statusLive->show();
    return true;
}

void MainWindow::stopCapture() {
    m_live->stop();
}

void MainWindow::restartCapture() {
    if (m_lastCapture.interface.empty()) return;
    if (!m_live->isRunning()) {
        startCapture(m_lastCapture, m_lastRingBytes);
        return;
    }
    // The packets of the capture being restarted are dropped, as Wireshark's Restart does.
    m_restartPending = true;
    m_live->stop();
}

bool MainWindow::isCapturing() const {
    return m_live && m_live->isRunning();
}

// The selected packet's connection, when the selection is its newest packet (the ladder's and
// the classroom's last step): the row of that connection's newest packet in `next`, or -1.
static int followedRow(const CaptureSession& shown, int packet, const CaptureSession& next) {
    const TcpPacketAnalysis* a = packet >= 0 ? shown.analysis(size_t(packet)) : nullptr;
    if (!a) return -1;
    const std::vector<LadderEvent> before = shown.tracker().ladder(a->stream);
    if (before.empty() || before.back().frameNumber != a->frameNumber) return -1;
    if (a->stream >= next.tracker().connections().size()) return -1;
    const std::vector<LadderEvent> after = next.tracker().ladder(a->stream);
    return after.empty() ? -1 : next.indexOfFrame(after.back().frameNumber);
}

void MainWindow::onLiveSnapshot(DocumentPtr document) {
    if (m_liveDetached) return; // discarded for another capture or file: its last snapshots
    const DocumentPtr shown = this->document();
    const QString title = tr("Live capture on %1 — TcpScope").arg(fromCore(document->path()));
    if (!shown || shown != m_liveDocument) { // the capture's first snapshot
        m_liveDocument = document;
        setDocument(document);
        setWindowTitle(title);
        return;
    }
    // What the user looks at stays: the selection, the connection filter, the scroll position;
    // a list scrolled to its end stays at the end (auto-scroll), and on the connection page a
    // selection on a connection's newest packet moves on to its newest (the ladder and the
    // classroom's caption follow the connection as it happens).
    const int packet = m_controller->packet();
    const int node = m_controller->node();
    const int follow = connectionPageShown() ? followedRow(*shown, packet, *document) : -1;
    const std::optional<uint32_t> stream = m_packets->streamFilter();
    const bool atEnd = m_packets->scrolledToEnd();
    const int scroll = m_packets->scrollPosition();
    m_liveDocument = document;
    setDocument(document);
    setWindowTitle(title);
    if (stream) m_packets->setStreamFilter(stream);
    if (follow >= 0) {
        m_controller->selectPacket(follow);
    } else if (packet >= 0 && size_t(packet) < document->size()) {
        m_controller->selectPacket(packet);
        if (node >= 0 && m_controller->tree() && node < int(m_controller->tree()->nodes().size()))
            m_controller->selectNode(node);
    }
    if (atEnd)
        m_packets->scrollToEnd();
    else
        m_packets->setScrollPosition(scroll);
}

void MainWindow::updateLiveStatus() {
    const CaptureStats st = m_live->stats();
    const QString iface = fromCore(m_live->options().interface);
    QString text = m_live->isRunning()
                       ? tr("● Capturing on %1: %2 packets").arg(iface).arg(m_live->received())
                       : tr("Captured on %1: %2 packets").arg(iface).arg(m_live->received());
    text += tr(" · dropped by the kernel: %1").arg(st.dropped + st.ifDropped);
    if (st.lost) text += tr(" · lost by the capture helper: %1").arg(st.lost);
    if (m_live->discarded())
        text += tr(" · ring buffer: oldest %1 dropped").arg(m_live->discarded());
    m_statusLive->setText(text);
    const bool bad = st.dropped + st.ifDropped + st.lost > 0;
    m_statusLive->setStyleSheet(bad ? QStringLiteral("color:#c00000; font-weight:bold")
                                    : QString());
}

void MainWindow::onLiveEnded(const QString& error) {
    updateCaptureActions();
    updateLiveStatus();
    if (m_liveDetached && !m_restartPending) {
        emit captureEnded(error);
        return;
    }
    m_unsavedCapture = document() && document() == m_liveDocument && document()->size() > 0;
    if (m_restartPending) {
        m_restartPending = false;
        m_unsavedCapture = false;
        startCapture(m_lastCapture, m_lastRingBytes);
        return;
    }
    if (!error.isEmpty()) {
        const size_t n = document() == m_liveDocument && document() ? document()->size() : 0;
        m_warning->setText(tr("⚠ The capture on %1 ended: %2. The %3 packets captured before are "
                              "kept.")
                               .arg(fromCore(m_live->options().interface), error)
                               .arg(n));
        m_warning->show();
    }
    emit captureEnded(error);
}

bool MainWindow::keepOrDiscardCapture() {
    if (!m_unsavedCapture && !isCapturing()) return true;
    QMessageBox::StandardButton answer = QMessageBox::Discard; // not asking: scripted runs
    if (m_askBeforeDiscarding)
        answer = QMessageBox::question(
            this, tr("Unsaved packets"),
            isCapturing() ? tr("A live capture is running. Stop it and discard its packets?")
                          : tr("The packets of the live capture have not been saved. Save them "
                               "first?"),
            isCapturing() ? QMessageBox::Discard | QMessageBox::Cancel
                          : QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) {
        saveAs();
        return !m_unsavedCapture;
    }
    if (isCapturing()) {
        m_live->stop();
        m_liveDetached = true; // its last snapshots do not replace what is opened next
    }
    m_unsavedCapture = false;
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!keepOrDiscardCapture()) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace tcpscope::ui

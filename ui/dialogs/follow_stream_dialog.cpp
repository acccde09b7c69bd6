// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/follow_stream_dialog.h"

#include "document/selection_controller.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSet>
#include <QSpinBox>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>

namespace tcpscope::ui {

namespace {

// The views of "Show as", in Wireshark's order.
const std::pair<FollowFormat, const char*> kFormats[] = {
    {FollowFormat::Ascii, QT_TRANSLATE_NOOP("FollowStreamDialog", "ASCII")},
    {FollowFormat::Hex, QT_TRANSLATE_NOOP("FollowStreamDialog", "Hex Dump")},
    {FollowFormat::CArrays, QT_TRANSLATE_NOOP("FollowStreamDialog", "C Arrays")},
    {FollowFormat::Yaml, QT_TRANSLATE_NOOP("FollowStreamDialog", "YAML")},
    {FollowFormat::Raw, QT_TRANSLATE_NOOP("FollowStreamDialog", "Raw")},
    {FollowFormat::Utf8, QT_TRANSLATE_NOOP("FollowStreamDialog", "UTF-8")},
};

// "host:port", an IPv6 host in brackets.
QString endpoint(const FollowStream& s, int node) {
    const QString host = fromCore(s.node[node].valid() ? s.node[node].toString() : std::string());
    return (s.node[node].family == 6 ? QStringLiteral("[%1]:%2") : QStringLiteral("%1:%2"))
        .arg(host)
        .arg(s.port[node]);
}

} // namespace

FollowStreamDialog::FollowStreamDialog(SelectionController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller) {
    setModal(false);
    auto* layout = new QVBoxLayout(this);
    m_view = new QPlainTextEdit(this);
    m_view->setReadOnly(true);
    m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setZoom(0);
    m_view->setToolTip(tr("Click a packet's text to select that packet"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    layout->addWidget(buildOptions());
    layout->addWidget(buildFindBar());
    layout->addWidget(buildButtons());
    connect(m_view, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        if (!m_building) selectAt(m_view->textCursor().position());
    });
    // The same file read again (the whole of a large file after its first packets, View >
    // Assume Checksum Offload): followed anew. Another capture: this stream is gone.
    if (m_controller)
        connect(m_controller, &SelectionController::documentChanged, this, [this] {
            const DocumentPtr& now = m_controller->document();
            if (!m_document || now == m_document) return;
            if (now && !now->path().empty() && now->path() == m_document->path() &&
                m_followed.stream < now->tracker().connections().size())
                setStream(m_followed.stream);
            else
                close();
        });
    resize(900, 640);
}

QWidget* FollowStreamDialog::buildOptions() {
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_direction = new QComboBox(row);
    m_direction->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_direction->setToolTip(tr("The whole conversation, or the bytes one side sent"));
    m_format = new QComboBox(row);
    for (const auto& [format, name] : kFormats)
        m_format->addItem(QCoreApplication::translate("FollowStreamDialog", name), int(format));
    m_stream = new QSpinBox(row);
    m_stream->setToolTip(tr("The TCP stream (tcp.stream) shown: step to the previous or next"));
    h->addWidget(m_direction);
    h->addStretch();
    h->addWidget(new QLabel(tr("Show as:"), row));
    h->addWidget(m_format);
    h->addSpacing(12);
    h->addWidget(new QLabel(tr("Stream:"), row));
    h->addWidget(m_stream);
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    connect(m_stream, &QSpinBox::valueChanged, this, [this](int k) {
        if (m_document && uint32_t(k) != m_followed.stream) setStream(uint32_t(k));
    });
    return row;
}

QWidget* FollowStreamDialog::buildFindBar() {
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_find = new QLineEdit(row);
    m_find->setPlaceholderText(tr("Text to find (case-insensitive)"));
    m_find->setClearButtonEnabled(true);
    auto* next = new QPushButton(tr("Find &Next"), row);
    m_findMessage = new QLabel(row);
    h->addWidget(new QLabel(tr("Find:"), row));
    h->addWidget(m_find, 1);
    h->addWidget(next);
    h->addWidget(m_findMessage);
    connect(next, &QPushButton::clicked, this, [this] { findNext(m_find->text()); });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(m_find->text()); });
    return row;
}

QWidget* FollowStreamDialog::buildButtons() {
    auto* row = new QWidget(this);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_filterOut = new QPushButton(tr("&Filter Out This Stream"), row);
    m_filterOut->setToolTip(tr("Hide this stream in the packet list and close"));
    auto* save = new QPushButton(tr("&Save As…"), row);
    save->setToolTip(tr("Raw: the bytes as a binary file; other views: the text"));
    auto* closeButton = new QPushButton(tr("&Close"), row);
    h->addWidget(m_filterOut);
    h->addWidget(save);
    h->addStretch();
    h->addWidget(closeButton);
    connect(m_filterOut, &QPushButton::clicked, this, [this] {
        emit filterOutRequested(QStringLiteral("tcp.stream eq %1").arg(m_followed.stream));
        close();
    });
    connect(save, &QPushButton::clicked, this, &FollowStreamDialog::askSaveAs);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::close);
    // Enter in the find field must not press a default button.
    for (QPushButton* b : {m_filterOut, save, closeButton}) b->setAutoDefault(false);
    return row;
}

void FollowStreamDialog::setStream(uint32_t stream) {
    m_document = m_controller ? m_controller->document() : nullptr;
    if (!m_document) return;
    const size_t streams = m_document->tracker().connections().size();
    m_followed = followStream(*m_document, stream);
    m_stream->setEnabled(streams > 1);
    m_stream->setRange(0, int(std::max<size_t>(streams, 1) - 1));
    m_stream->setValue(int(stream));
    updateDirections();
    rebuild();
}

void FollowStreamDialog::setFollowed(FollowStream followed) {
    m_document.reset();
    m_followed = std::move(followed);
    m_stream->setRange(int(m_followed.stream), int(m_followed.stream));
    m_stream->setValue(int(m_followed.stream));
    m_stream->setEnabled(false);
    updateDirections();
    rebuild();
}

void FollowStreamDialog::updateDirections() {
    const FollowStream& s = m_followed;
    const int current = std::max(0, m_direction->currentIndex());
    const QSignalBlocker block(m_direction);
    m_direction->clear();
    m_direction->addItem(tr("Entire conversation (%1 bytes)").arg(s.sent[0] + s.sent[1]));
    m_direction->addItem(
        tr("%1 → %2 (%3 bytes)").arg(endpoint(s, 0), endpoint(s, 1)).arg(s.sent[0]));
    m_direction->addItem(
        tr("%1 → %2 (%3 bytes)").arg(endpoint(s, 1), endpoint(s, 0)).arg(s.sent[1]));
    m_direction->setCurrentIndex(current);
}

void FollowStreamDialog::setFormat(FollowFormat format) {
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

FollowFormat FollowStreamDialog::format() const {
    return FollowFormat(m_format->currentData().toInt());
}

void FollowStreamDialog::setDirection(FollowDirection direction) {
    m_direction->setCurrentIndex(int(direction));
}

FollowDirection FollowStreamDialog::direction() const {
    return FollowDirection(std::max(0, m_direction->currentIndex()));
}

void FollowStreamDialog::setZoom(int steps) {
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(std::max(6.0, f.pointSizeF() * (1.0 + 0.12 * steps)));
    m_view->setFont(f);
}

QString FollowStreamDialog::text() const {
    return m_view->toPlainText();
}

bool FollowStreamDialog::darkPalette() const {
    return m_view->palette().color(QPalette::Base).lightness() < 128;
}

void FollowStreamDialog::rebuild() {
    m_building = true;
    m_text.build(*m_view->document(), m_followed, format(), direction(),
                 FollowColors::forPalette(darkPalette()));
    m_view->moveCursor(QTextCursor::Start);
    m_view->setExtraSelections({});
    m_findMessage->clear();
    m_building = false;
    updateStatus();
    updateTitle();
}

void FollowStreamDialog::updateTitle() {
    const QString name = m_document ? documentName(*m_document) : QString();
    const QString title = tr("Follow TCP Stream (tcp.stream eq %1)").arg(m_followed.stream);
    setWindowTitle(name.isEmpty() ? title : tr("%1 · %2").arg(title, name));
    m_filterOut->setEnabled(m_document != nullptr);
}

QString FollowStreamDialog::statusText() const {
    return m_status->text();
}

void FollowStreamDialog::updateStatus() {
    const FollowStream& s = m_followed;
    if (!s.found) {
        m_status->setText(tr("The capture has no TCP stream %1.").arg(s.stream));
        return;
    }
    QSet<uint64_t> frames[2];
    int gaps = 0;
    for (const FollowChunk& c : s.chunks) {
        if (c.kind == FollowChunk::Kind::Missing)
            ++gaps;
        else
            frames[c.server].insert(c.frame);
    }
    const auto counted = [](qsizetype n, const QString& one, const QString& many) {
        return n == 1 ? one : many.arg(n);
    };
    QString t = tr("%1, %2, %3 bytes ↔ %4 bytes; %5, %6")
                    .arg(counted(frames[0].size(), tr("1 client packet"), tr("%1 client packets")),
                         counted(frames[1].size(), tr("1 server packet"), tr("%1 server packets")))
                    .arg(s.sent[0])
                    .arg(s.sent[1])
                    .arg(counted(gaps, tr("1 gap"), tr("%1 gaps")),
                         counted(qsizetype(s.anomalies.size()), tr("1 retransmission that differs"),
                                 tr("%1 retransmissions that differ")));
    if (!s.anomalies.empty()) {
        QStringList list;
        for (const FollowAnomaly& a : s.anomalies) list << QString::number(a.frame);
        t += list.size() == 1 ? tr(" (frame %1)").arg(list.front())
                              : tr(" (frames %1)").arg(list.join(QStringLiteral(", ")));
    }
    if (!s.unplaced.empty())
        t += tr("; %1 not placed (after a gap nobody acknowledged)")
                 .arg(counted(qsizetype(s.unplaced.size()), tr("1 segment"), tr("%1 segments")));
    m_status->setText(t);
}

bool FollowStreamDialog::findNext(const QString& needle) {
    m_findMessage->clear();
    if (needle.isEmpty()) return false;
    QTextDocument* doc = m_view->document();
    QTextCursor found = doc->find(needle, m_view->textCursor());
    if (found.isNull()) found = doc->find(needle, 0); // wrap around
    if (found.isNull()) {
        m_findMessage->setText(tr("Not found"));
        m_view->setExtraSelections({});
        return false;
    }
    m_view->setTextCursor(found);
    m_view->ensureCursorVisible();
    QTextEdit::ExtraSelection mark;
    mark.cursor = found;
    mark.format.setBackground(QColor(0xff, 0xd8, 0x00));
    mark.format.setForeground(Qt::black);
    m_view->setExtraSelections({mark});
    return true;
}

bool FollowStreamDialog::selectAt(int position) {
    const uint64_t frame = m_text.frameAt(position);
    if (!frame || !m_document || !m_controller || m_controller->document() != m_document)
        return false;
    const int row = m_document->indexOfFrame(frame);
    if (row < 0) return false;
    m_controller->selectPacket(row);
    return true;
}

bool FollowStreamDialog::saveTo(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = file.errorString();
        return false;
    }
    if (format() == FollowFormat::Raw) {
        const FollowDirection dir = direction();
        for (const FollowChunk& c : m_followed.chunks) {
            if (c.kind != FollowChunk::Kind::Data) continue;
            if (dir != FollowDirection::Both && (dir == FollowDirection::Server) != c.server)
                continue;
            const auto d = m_followed.data(c);
            file.write(reinterpret_cast<const char*>(d.data()), qint64(d.size()));
        }
    } else {
        file.write(text().toUtf8());
    }
    if (!file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

void FollowStreamDialog::askSaveAs() {
    const bool raw = format() == FollowFormat::Raw;
    const QString suggested = QStringLiteral("stream%1.%2")
                                  .arg(m_followed.stream)
                                  .arg(raw ? QStringLiteral("bin") : QStringLiteral("txt"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Stream As"), suggested,
                                                      raw ? tr("Raw bytes (*.bin);;All files (*)")
                                                          : tr("Text (*.txt);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !saveTo(path, &error))
        QMessageBox::warning(this, tr("Save failed"), error);
}

void FollowStreamDialog::changeEvent(QEvent* event) {
    QDialog::changeEvent(event);
    // The colours follow a switch between a light and a dark palette.
    if (event->type() == QEvent::PaletteChange && m_filterOut) rebuild();
}

} // namespace tcpscope::ui

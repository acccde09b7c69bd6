// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/paste_hex_dialog.h"

#include "document/document.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

namespace tcpscope::ui {

PasteHexDialog::PasteHexDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Paste Hex Dump"));
    resize(760, 520);
    auto* layout = new QVBoxLayout(this);
    auto* hint = new QLabel(
        tr("Paste one or more packets: tcpdump -x/-xx/-X/-XX output, Wireshark or tshark "
           "hex dumps, xxd, hexdump -C, od -Ax -tx1, plain hex or a C array, or tcpdump's "
           "summary lines. Separate packets with a blank line."),
        this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_edit = new QPlainTextEdit(this);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setPlaceholderText(
        QStringLiteral("0x0000:  4500 003c 08cf 4000 3606 14a5 0ab3 b561\n..."));
    layout->addWidget(m_edit, 1);
    m_preview = new QLabel(this);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_preview);

    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("Open as New"), QDialogButtonBox::AcceptRole);
    m_append = buttons->addButton(tr("Append"), QDialogButtonBox::AcceptRole);
    m_save = buttons->addButton(tr("Save as pcapng…"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    m_open->setDefault(true);

    connect(m_open, &QPushButton::clicked, this, [this] {
        m_action = Action::OpenNew;
        accept();
    });
    connect(m_append, &QPushButton::clicked, this, [this] {
        m_action = Action::Append;
        accept();
    });
    connect(m_save, &QPushButton::clicked, this, &PasteHexDialog::saveAsPcapng);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(250);
    connect(m_timer, &QTimer::timeout, this, &PasteHexDialog::reparse);
    connect(m_edit, &QPlainTextEdit::textChanged, m_timer, qOverload<>(&QTimer::start));
    updatePreview();
}

void PasteHexDialog::setText(const QString& text) {
    m_edit->setPlainText(text);
    reparse();
}

QString PasteHexDialog::text() const {
    return m_edit->toPlainText();
}

void PasteHexDialog::setCanAppend(bool can) {
    m_canAppend = can;
    updatePreview();
}

void PasteHexDialog::reparse() {
    m_timer->stop();
    const QByteArray utf8 = m_edit->toPlainText().toUtf8();
    m_result = loadInput(std::span<const uint8_t>(
        reinterpret_cast<const uint8_t*>(utf8.constData()), size_t(utf8.size())));
    updatePreview();
}

std::optional<std::pair<int, int>> PasteHexDialog::errorPosition() const {
    if (!m_result.error || m_result.error->line == 0) return std::nullopt;
    return std::make_pair(int(m_result.error->line), int(m_result.error->column));
}

QString PasteHexDialog::previewText() const {
    size_t bytes = 0;
    for (const OwnedFrame& f : m_result.frames) bytes += f.bytes.size();
    if (m_result.frames.empty() && m_result.segments.empty() && !m_result.error)
        return tr("Nothing recognised yet.");
    QString s;
    if (!m_result.segments.empty()) {
        // tcpdump summary lines: what the lines say, without bytes.
        const size_t n = m_result.segments.size();
        s = n == 1 ? tr("1 TCP segment as tcpdump text (no bytes: the fields the lines give)")
                   : tr("%1 TCP segments as tcpdump text (no bytes: the fields the lines give)")
                         .arg(n);
    } else {
        const size_t n = m_result.frames.size();
        s = tr("%1, %2", "packet count, byte count")
                .arg(n == 1 ? tr("1 packet") : tr("%1 packets").arg(n),
                     bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes));
        if (!m_result.formatName.empty())
            s += tr(" as %1").arg(QString::fromStdString(m_result.formatName));
    }
    if (!m_result.frames.empty()) {
        const uint32_t lt = m_result.frames.front().linkType;
        s += lt == LinkType::Raw        ? tr(", starting at the IP header")
             : lt == LinkType::Ethernet ? tr(", starting at Ethernet")
                                        : QString();
    }
    if (m_result.error)
        s += tr(". Error at %1: %2 (packets before it are kept)")
                 .arg(QString::fromStdString(m_result.error->where()),
                      QString::fromStdString(m_result.error->message));
    return s;
}

void PasteHexDialog::updatePreview() {
    const bool frames = !m_result.frames.empty();
    const bool ok = frames || !m_result.segments.empty();
    m_preview->setText(previewText());
    m_preview->setStyleSheet(m_result.error ? QStringLiteral("color: #c01c28; font-weight: bold")
                                            : QString());
    m_open->setEnabled(ok);
    m_save->setEnabled(frames); // tcpdump lines have no bytes to save
    m_append->setEnabled(frames && m_canAppend);

    QList<QTextEdit::ExtraSelection> marks;
    if (auto pos = errorPosition()) {
        const QTextBlock block = m_edit->document()->findBlockByNumber(pos->first - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection line;
            line.format.setBackground(QColor(0xff, 0xd6, 0xd6));
            line.format.setForeground(Qt::black);
            line.format.setProperty(QTextFormat::FullWidthSelection, true);
            line.cursor = QTextCursor(block);
            marks << line;
            QTextEdit::ExtraSelection col;
            col.format.setBackground(QColor(0xc0, 0x1c, 0x28));
            col.format.setForeground(Qt::white);
            col.cursor = QTextCursor(block);
            const int c = std::clamp(pos->second - 1, 0, std::max(0, block.length() - 2));
            col.cursor.setPosition(block.position() + c);
            col.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            marks << col;
        }
    }
    m_edit->setExtraSelections(marks);
}

void PasteHexDialog::saveAsPcapng() {
    reparse();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Pasted Packets"), QStringLiteral("pasted.pcapng"), tr("pcapng (*.pcapng)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveFrames(path, m_result.frames, &error, m_protectedPath))
        QMessageBox::warning(this, tr("Save failed"), error);
}

} // namespace tcpscope::ui

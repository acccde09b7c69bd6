// SPDX-License-Identifier: GPL-2.0-or-later
// Paste hex: a text box for tcpdump -x/-X, Wireshark, xxd, hexdump -C, od, plain hex or C
// arrays, or tcpdump's summary lines (read by the same loadInput() as File > Open, so both
// accept the same texts); a live preview of the packets and bytes recognised; on an error the line
// is highlighted and the column marked. The result can be opened as a new capture, appended to the
// current one, or saved as pcapng.
#pragma once

#include <tcpscope/capture_source.h>

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace tcpscope::ui {

class PasteHexDialog : public QDialog {
    Q_OBJECT
  public:
    enum class Action { None, OpenNew, Append };

    explicit PasteHexDialog(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    void setCanAppend(bool can);
    // The file open in the viewer: "Save as pcapng" refuses to overwrite it.
    void setProtectedPath(const QString& path) { m_protectedPath = path; }

    // Parses now (the editor otherwise waits for a pause in typing).
    void reparse();
    // Frames (a hex dump) or segments (tcpdump summary lines, no bytes), as loadInput() read them.
    const LoadedInput& result() const { return m_result; }
    QString previewText() const;
    // 1-based line and column of the first error, if any.
    std::optional<std::pair<int, int>> errorPosition() const;
    Action action() const { return m_action; }

  private:
    void updatePreview();
    void saveAsPcapng();

    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_preview = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_append = nullptr;
    QPushButton* m_save = nullptr;
    QTimer* m_timer = nullptr;
    LoadedInput m_result;
    Action m_action = Action::None;
    QString m_protectedPath;
    bool m_canAppend = true;
};

} // namespace tcpscope::ui

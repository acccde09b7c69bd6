// SPDX-License-Identifier: GPL-2.0-or-later
// Follow TCP Stream, as Wireshark's dialog: one connection's bytes in sequence order, client
// and server in their own colours, shown as ASCII, hex dump, C arrays, YAML, raw hex or UTF-8,
// for the whole conversation or one direction; find, save, filter the stream out, step to the
// previous or next stream. Beyond Wireshark it shows what its text hides: gaps as marker lines,
// retransmitted bytes that differ from the first copy, and the segments after a gap nobody
// acknowledged (FollowText). Clicking the text selects that packet in every view through the
// shared SelectionController. Non-modal: the capture stays explorable beside it.
#pragma once

#include "document/document.h"
#include "views/follow_text.h"

#include <tcpscope/stream_follow.h>

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace tcpscope::ui {

class SelectionController;

class FollowStreamDialog : public QDialog {
    Q_OBJECT
  public:
    explicit FollowStreamDialog(SelectionController* controller, QWidget* parent = nullptr);

    // Follows `stream` of the controller's document (the Stream box moves to it).
    void setStream(uint32_t stream);
    uint32_t stream() const { return m_followed.stream; }
    // Shows a stream followed elsewhere (a hand-made one in tests); clicks select nothing.
    void setFollowed(FollowStream followed);
    const FollowStream& followed() const { return m_followed; }

    void setFormat(FollowFormat format);
    FollowFormat format() const;
    void setDirection(FollowDirection direction);
    FollowDirection direction() const;

    // The text's font size steps, as the main window's zoom (0 = the fixed font's size).
    void setZoom(int steps);

    QString text() const; // the text as shown
    const FollowText& layout() const { return m_text; }
    QString statusText() const;
    // Find Next: the next match after the cursor, case-insensitive, wrapping around; selected
    // and highlighted. False (and "not found" beside the field) when there is none.
    bool findNext(const QString& text);
    // Save As: in the Raw view the captured bytes of the direction(s) shown, as binary (gap
    // markers and unplaced segments left out); in the other views the text as shown, UTF-8.
    bool saveTo(const QString& path, QString* error) const;
    // Selects the packet whose text holds `position` everywhere, as a click does; false when
    // the position holds none.
    bool selectAt(int position);

    // Parts, for tests.
    QPlainTextEdit* textView() const { return m_view; }
    QComboBox* formatBox() const { return m_format; }
    QComboBox* directionBox() const { return m_direction; }
    QSpinBox* streamBox() const { return m_stream; }
    QLineEdit* findField() const { return m_find; }
    QPushButton* filterOutButton() const { return m_filterOut; }
    QLabel* statusLabel() const { return m_status; }

  signals:
    // "Filter Out This Stream": the filter of this stream ("tcp.stream eq K"), to be applied
    // negated; the dialog closes.
    void filterOutRequested(const QString& expression);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    QWidget* buildOptions();
    QWidget* buildFindBar();
    QWidget* buildButtons();
    void rebuild();
    void updateDirections();
    void updateStatus();
    void updateTitle();
    void askSaveAs();
    bool darkPalette() const;

    SelectionController* m_controller;
    DocumentPtr m_document; // the capture m_followed came from (null for setFollowed)
    FollowStream m_followed;
    FollowText m_text;
    bool m_building = false;

    QPlainTextEdit* m_view = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_direction = nullptr;
    QComboBox* m_format = nullptr;
    QSpinBox* m_stream = nullptr;
    QLineEdit* m_find = nullptr;
    QLabel* m_findMessage = nullptr;
    QPushButton* m_filterOut = nullptr;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// The display filter bar over the packet list, as Wireshark's: the text is compiled as it is
// typed and the field turns green (valid), red (invalid: the error, with its column, in the
// bar and the tooltip, the offending text underlined) or yellow (valid, with a warning: a field
// it names that no packet of this capture has); Enter or Apply applies it, an empty bar clears
// it. Field names, and after `field ==` the field's value names, complete as typed; the
// drop-down holds the filters applied last; the bookmark button holds saved filters.
#pragma once

#include "models/filter_store.h"

#include <tcpscope/display_filter.h>

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QStringListModel;
class QToolButton;

namespace tcpscope::ui {

class DisplayFilterBar : public QWidget {
    Q_OBJECT
  public:
    enum class State { Empty, Valid, Invalid, Warning };
    // A warning for a filter that compiles (empty for none), asked as the text changes.
    using WarningCheck = std::function<QString(const DisplayFilter&)>;

    explicit DisplayFilterBar(QWidget* parent = nullptr);

    QString text() const;
    // Puts a filter in the bar without applying it (Prepare as Filter).
    void setText(const QString& text);
    // Applies what the bar holds: a valid filter or an empty bar; false (nothing applied)
    // for an invalid one.
    bool apply();
    // setText and apply.
    bool applyText(const QString& text);
    // The filter the packet list shows now ("" for none).
    QString appliedText() const { return m_applied; }

    State state() const { return m_state; }
    // What the bar says beside the field: the error or the warning, or nothing.
    QString message() const;
    void setWarningCheck(WarningCheck check) { m_warningCheck = std::move(check); }
    // A warning found by applying (the filter names fields this capture lacks): shown while the
    // bar still holds `text`.
    void showWarning(const QString& text, const QString& warning);
    void setProgress(int done, int total); // total 0 hides it
    void setDark(bool dark);

    void setStore(const FilterStore& store);
    const FilterStore& store() const { return m_store; }
    // Saves the bar's filter under `name` (the bookmark menu's "Save this filter…" asks it).
    bool saveCurrent(const QString& name);
    bool removeSaved(const QString& name);

    // Parts, for tests and screenshots.
    QLineEdit* lineEdit() const { return m_edit; }
    QComboBox* comboBox() const { return m_combo; }
    QCompleter* completer() const { return m_completer; }
    QMenu* bookmarkMenu() const { return m_bookmarkMenu; }
    QToolButton* bookmarkButton() const { return m_bookmarks; }
    // Shows the completion of the word before the cursor, if any (as typing does).
    void complete();

  signals:
    // The packet list should show `text` (null filter: every packet).
    void applied(const QString& text, std::shared_ptr<const DisplayFilter> filter);
    void storeChanged(const tcpscope::ui::FilterStore& store);

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

  private:
    void buildBookmarkMenu();
    void rebuildBookmarkMenu();
    void askSaveCurrent();
    void buildCompleter();
    void insertCompletion(const QString& choice);
    void validate();
    void markError(const FilterError& error);
    void clearMarks();
    void setState(State state, const QString& message);
    void refreshHistory();

    QToolButton* m_bookmarks = nullptr;
    QMenu* m_bookmarkMenu = nullptr;
    QComboBox* m_combo = nullptr;
    QLineEdit* m_edit = nullptr;
    QPushButton* m_apply = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    QCompleter* m_completer = nullptr;
    QStringListModel* m_completions = nullptr;
    int m_completeStart = 0;
    int m_completeLength = 0;
    FilterStore m_store;
    WarningCheck m_warningCheck;
    std::shared_ptr<const DisplayFilter> m_compiled;
    QString m_applied;
    QString m_messageText;
    State m_state = State::Empty;
    bool m_dark = false;
};

} // namespace tcpscope::ui

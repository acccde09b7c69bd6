// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/display_filter_bar.h"

#include "models/filter_completion.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextCharFormat>
#include <QToolButton>

namespace tcpscope::ui {

namespace {

// Wireshark's filter bar colours: green, red, yellow; on a dark palette deeper tones under light
// text, so that the text stays readable either way.
struct StateColors {
    QColor base, text;
};
StateColors stateColors(DisplayFilterBar::State s, bool dark) {
    using S = DisplayFilterBar::State;
    switch (s) {
    case S::Valid:
        return dark ? StateColors{QColor(0x1e, 0x5b, 0x2a), QColor(0xe9, 0xff, 0xe9)}
                    : StateColors{QColor(0xaf, 0xff, 0xaf), QColor(0x00, 0x00, 0x00)};
    case S::Invalid:
        return dark ? StateColors{QColor(0x70, 0x22, 0x22), QColor(0xff, 0xea, 0xea)}
                    : StateColors{QColor(0xff, 0xaf, 0xaf), QColor(0x00, 0x00, 0x00)};
    case S::Warning:
        return dark ? StateColors{QColor(0x5e, 0x55, 0x1c), QColor(0xff, 0xf9, 0xd6)}
                    : StateColors{QColor(0xff, 0xff, 0xaf), QColor(0x00, 0x00, 0x00)};
    case S::Empty:
        break;
    }
    return {};
}

// The bookmark ribbon of Wireshark's filter bar, drawn in the palette's text colour.
QIcon bookmarkIcon(const QColor& color) {
    QPixmap pm(32, 32);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath ribbon;
    ribbon.moveTo(9, 4);
    ribbon.lineTo(23, 4);
    ribbon.lineTo(23, 28);
    ribbon.lineTo(16, 21);
    ribbon.lineTo(9, 28);
    ribbon.closeSubpath();
    p.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPath(ribbon);
    return QIcon(pm);
}

// Underlines text in a line edit without changing it: the input-method formats that QLineEdit
// draws (start is relative to the cursor).
void setFormats(QLineEdit* edit, int start, int length, const QTextCharFormat& format) {
    QList<QInputMethodEvent::Attribute> attributes;
    if (length > 0)
        attributes << QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat,
                                                   start - edit->cursorPosition(), length, format);
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(edit, &event);
}

QString elided(const QString& s, int n) {
    return s.size() <= n ? s : s.left(n - 1) + QChar(0x2026);
}

} // namespace

DisplayFilterBar::DisplayFilterBar(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 3, 4, 3);
    layout->setSpacing(4);
    m_bookmarks = new QToolButton(this);
    m_bookmarks->setToolTip(tr("Saved display filters"));
    m_bookmarks->setPopupMode(QToolButton::InstantPopup);
    m_bookmarks->setAutoRaise(true);
    m_combo = new QComboBox(this);
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setCompleter(nullptr); // ours completes the word at the cursor, not the whole text
    m_combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_combo->setToolTip(tr("Display filter: show only the packets it matches"));
    m_edit = m_combo->lineEdit();
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("Apply a display filter … <Ctrl-/>"));
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setToolTip(tr("Apply the display filter (Enter)"));
    m_message = new QLabel(this);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setFormat(tr("Filtering… %p%"));
    m_progress->hide();
    layout->addWidget(m_bookmarks);
    layout->addWidget(m_combo, 3);
    layout->addWidget(m_apply);
    layout->addWidget(m_progress);
    layout->addWidget(m_message, 2);
    m_message->hide();
    buildBookmarkMenu();
    buildCompleter();
    setDark(false);
    connect(m_edit, &QLineEdit::textChanged, this, &DisplayFilterBar::validate);
    connect(m_edit, &QLineEdit::textEdited, this, &DisplayFilterBar::complete);
    // Enter is taken here, from the combo box (which has the focus and hands keys to its line
    // edit directly) and from the line edit (which passes it on after returnPressed, up to the
    // combo box, which would hand it back: the filter would be applied twice).
    m_combo->installEventFilter(this);
    m_edit->installEventFilter(this);
    connect(m_apply, &QPushButton::clicked, this, &DisplayFilterBar::apply);
    // A history item picked from the drop-down. The combo box also says so when Enter (or
    // leaving the field) finds the text among the items: that one is applied already.
    connect(m_combo, &QComboBox::textActivated, this, [this](const QString& t) {
        if (t.trimmed() != m_applied) applyText(t);
    });
}

bool DisplayFilterBar::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == m_edit || watched == m_combo) && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            apply();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DisplayFilterBar::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the icon in the new text colour
        m_bookmarks->setIcon(bookmarkIcon(palette().color(QPalette::WindowText)));
}

QString DisplayFilterBar::text() const {
    return m_edit->text();
}

void DisplayFilterBar::setText(const QString& text) {
    m_edit->setText(text);
    m_edit->setCursorPosition(int(text.size()));
}

bool DisplayFilterBar::applyText(const QString& text) {
    setText(text);
    return apply();
}

bool DisplayFilterBar::apply() {
    if (m_completer->popup()->isVisible()) m_completer->popup()->hide();
    validate();
    if (m_state == State::Invalid) return false;
    const QString t = text().trimmed();
    m_applied = t;
    if (!t.isEmpty()) {
        m_store.remember(t);
        refreshHistory();
        emit storeChanged(m_store);
    }
    emit applied(t, t.isEmpty() ? nullptr : m_compiled);
    return true;
}

QString DisplayFilterBar::message() const {
    return m_messageText;
}

void DisplayFilterBar::setState(State state, const QString& message) {
    m_state = state;
    m_messageText = message;
    const StateColors c = stateColors(state, m_dark);
    // The field only: the drop-down and the rest of the bar keep the application's palette
    // (and follow it when it changes: setDark() comes after).
    if (c.base.isValid()) {
        QPalette pal = palette();
        pal.setColor(QPalette::Base, c.base);
        pal.setColor(QPalette::Text, c.text);
        m_edit->setPalette(pal);
    } else {
        m_edit->setPalette(QPalette());
    }
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_edit->setToolTip(message.isEmpty() ? tr("Display filter: show only the packets it matches")
                                         : message);
    m_message->setToolTip(message);
}

void DisplayFilterBar::validate() {
    const QString t = text().trimmed();
    clearMarks();
    if (t.isEmpty()) {
        m_compiled.reset();
        setState(State::Empty, QString());
        return;
    }
    FilterError e;
    const QByteArray utf8 = t.toUtf8();
    auto f = DisplayFilter::compile(std::string_view(utf8.constData(), size_t(utf8.size())), &e);
    if (!f) {
        m_compiled.reset();
        markError(e);
        setState(State::Invalid, tr("✖ %1").arg(QString::fromStdString(e.text())));
        return;
    }
    m_compiled = std::make_shared<const DisplayFilter>(std::move(*f));
    const QString warning = m_warningCheck ? m_warningCheck(*m_compiled) : QString();
    if (warning.isEmpty())
        setState(State::Valid, QString());
    else
        setState(State::Warning, tr("⚠ %1").arg(warning));
}

// Underlines the word the error points at. The column counts bytes of the trimmed text's
// UTF-8, as the filter read it.
void DisplayFilterBar::markError(const FilterError& e) {
    const QString full = text();
    int lead = 0;
    while (lead < full.size() && full[lead].isSpace()) ++lead;
    const QByteArray utf8 = full.trimmed().toUtf8();
    int start = lead + int(QString::fromUtf8(utf8.left(qsizetype(e.column) - 1)).size());
    if (start >= full.size()) start = std::max(0, int(full.size()) - 1);
    int end = start + 1;
    while (end < full.size() && !full[end].isSpace()) ++end;
    QTextCharFormat f;
    f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    f.setUnderlineColor(m_dark ? QColor(0xff, 0x90, 0x90) : QColor(0xc0, 0x00, 0x00));
    f.setFontWeight(QFont::Bold);
    setFormats(m_edit, start, end - start, f);
}

void DisplayFilterBar::clearMarks() {
    setFormats(m_edit, 0, 0, {});
}

void DisplayFilterBar::showWarning(const QString& text, const QString& warning) {
    if (text != this->text().trimmed() || warning.isEmpty() || m_state == State::Invalid) return;
    setState(State::Warning, tr("⚠ %1").arg(warning));
}

void DisplayFilterBar::setProgress(int done, int total) {
    m_progress->setVisible(total > 0);
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
}

void DisplayFilterBar::setDark(bool dark) {
    m_dark = dark;
    m_bookmarks->setIcon(bookmarkIcon(palette().color(QPalette::WindowText)));
    setState(m_state, m_messageText);
}

void DisplayFilterBar::setStore(const FilterStore& store) {
    m_store = store;
    refreshHistory();
    rebuildBookmarkMenu();
}

void DisplayFilterBar::refreshHistory() {
    const QString t = text();
    const int cursor = m_edit->cursorPosition();
    const QSignalBlocker block(m_edit);
    m_combo->clear();
    m_combo->addItems(m_store.history);
    m_edit->setText(t);
    m_edit->setCursorPosition(cursor);
}

bool DisplayFilterBar::saveCurrent(const QString& name) {
    const QString t = text().trimmed();
    if (name.trimmed().isEmpty() || t.isEmpty() ||
        !DisplayFilter::compile(t.toStdString(), nullptr))
        return false;
    m_store.save({name.trimmed(), t});
    rebuildBookmarkMenu();
    emit storeChanged(m_store);
    return true;
}

bool DisplayFilterBar::removeSaved(const QString& name) {
    if (!m_store.remove(name)) return false;
    rebuildBookmarkMenu();
    emit storeChanged(m_store);
    return true;
}

void DisplayFilterBar::buildBookmarkMenu() {
    m_bookmarkMenu = new QMenu(this);
    m_bookmarks->setMenu(m_bookmarkMenu);
    rebuildBookmarkMenu();
}

// The saved filters (a click applies one; the filter is shown beside its name), then saving
// the bar's filter and removing a saved one.
void DisplayFilterBar::rebuildBookmarkMenu() {
    m_bookmarkMenu->clear();
    for (const SavedFilter& s : m_store.saved) {
        // One label (a tab column would be measured short); & would be read as a mnemonic.
        const QString label = QStringLiteral("%1   %2").arg(s.name, elided(s.filter, 60));
        QAction* a = m_bookmarkMenu->addAction(QString(label).replace(u'&', QStringLiteral("&&")));
        a->setProperty("filterName", s.name);
        a->setToolTip(s.filter);
        a->setData(s.filter);
        const QString filter = s.filter;
        connect(a, &QAction::triggered, this, [this, filter] { applyText(filter); });
    }
    if (m_store.saved.isEmpty())
        m_bookmarkMenu->addAction(tr("No saved filters"))->setEnabled(false);
    m_bookmarkMenu->addSeparator();
    QAction* save =
        m_bookmarkMenu->addAction(tr("Save this filter…"), this, &DisplayFilterBar::askSaveCurrent);
    save->setObjectName(QStringLiteral("saveFilter"));
    connect(m_bookmarkMenu, &QMenu::aboutToShow, save, [this, save] {
        save->setEnabled(m_state == State::Valid || m_state == State::Warning);
    });
    QMenu* remove = m_bookmarkMenu->addMenu(tr("Remove saved filter"));
    remove->setEnabled(!m_store.saved.isEmpty());
    for (const SavedFilter& s : m_store.saved) {
        const QString name = s.name;
        remove->addAction(QString(name).replace(u'&', QStringLiteral("&&")), this,
                          [this, name] { removeSaved(name); });
    }
    m_bookmarkMenu->addAction(tr("Restore the shipped filters"), this, [this] {
        for (const SavedFilter& s : FilterStore::defaultSaved()) m_store.save(s);
        rebuildBookmarkMenu();
        emit storeChanged(m_store);
    });
}

void DisplayFilterBar::askSaveCurrent() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Display Filter"),
                                               tr("Name for %1:").arg(text().trimmed()),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok) saveCurrent(name);
}

void DisplayFilterBar::buildCompleter() {
    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setWidget(m_edit);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this,
            &DisplayFilterBar::insertCompletion);
}

void DisplayFilterBar::complete() {
    const FilterCompletion c = filterCompletion(text(), m_edit->cursorPosition());
    const bool useful = !c.candidates.isEmpty() &&
                        !(c.candidates.size() == 1 && c.candidates.front() == c.prefix) &&
                        (c.values || !c.prefix.isEmpty());
    if (!useful) {
        m_completer->popup()->hide();
        return;
    }
    m_completeStart = c.start;
    m_completeLength = c.length;
    m_completions->setStringList(c.candidates);
    m_completer->setCompletionPrefix(QString());
    // Under the start of the word being completed.
    QRect r = m_edit->inputMethodQuery(Qt::ImCursorRectangle).toRect();
    r.moveLeft(std::max(0, r.left() - m_edit->fontMetrics().horizontalAdvance(c.prefix)));
    r.setWidth(m_completer->popup()->sizeHintForColumn(0) +
               m_completer->popup()->verticalScrollBar()->sizeHint().width() + 16);
    m_completer->complete(r);
}

void DisplayFilterBar::insertCompletion(const QString& choice) {
    FilterCompletion c;
    c.start = m_completeStart;
    c.length = m_completeLength;
    int cursor = 0;
    const QString t = applyCompletion(text(), c, choice, &cursor);
    m_edit->setText(t);
    m_edit->setCursorPosition(cursor);
}

} // namespace tcpscope::ui

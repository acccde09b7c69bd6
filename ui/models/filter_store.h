// SPDX-License-Identifier: GPL-2.0-or-later
// The display filter bar's memory, as Wireshark's: the filters applied last (newest first, at
// most kHistorySize, offered in the bar's drop-down) and the saved filters with their names
// (the bookmark menu), which start as a few shipped ones the user may remove. Kept in QSettings
// under "displayFilters/" by viewer_main.cpp; the bar itself reads no settings.
#pragma once

#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace tcpscope::ui {

struct SavedFilter {
    QString name;
    QString filter;
    friend bool operator==(const SavedFilter&, const SavedFilter&) = default;
};

struct FilterStore {
    static constexpr int kHistorySize = 20;
    QStringList history;
    QList<SavedFilter> saved = defaultSaved();

    // The shipped saved filters: Handshakes, Resets, Retransmissions, Half-open, Not closed
    // cleanly, Zero window.
    static QList<SavedFilter> defaultSaved();
    // Puts `filter` first in the history (once), dropping the oldest past kHistorySize.
    void remember(const QString& filter);
    // Adds or replaces (same name) a saved filter; removes one by name.
    void save(const SavedFilter& filter);
    bool remove(const QString& name);

    // Missing keys read as the defaults (an empty history, the shipped saved filters); a saved
    // list the user emptied stays empty.
    static FilterStore load(const QSettings& settings);
    void store(QSettings& settings) const;
    friend bool operator==(const FilterStore&, const FilterStore&) = default;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "models/filter_store.h"

#include <QCoreApplication>

namespace tcpscope::ui {

QList<SavedFilter> FilterStore::defaultSaved() {
    return {
        // SYN, SYN-ACK and the ACK the server's state machine takes as the end of the handshake.
        {QCoreApplication::translate("FilterStore", "Handshakes"),
         QStringLiteral("tcp.flags.syn == 1 || tcpfsm.event contains \"rcv ACK "
                        "of SYN\"")},
        {QCoreApplication::translate("FilterStore", "Resets"),
         QStringLiteral("tcp.flags.reset == 1")},
        {QCoreApplication::translate("FilterStore", "Retransmissions"),
         QStringLiteral("tcp.analysis.retransmission || tcp.analysis.fast_retransmission")},
        // A SYN-ACK after which the client has still not answered: the server waits half-open.
        {QCoreApplication::translate("FilterStore", "Half-open"),
         QStringLiteral("tcpfsm.server == \"SYN-RECEIVED\" && tcpfsm.client == "
                        "\"SYN-SENT\" && tcp.flags.ack == 1")},
        // A reset that aborts a connection both ends had opened (a refused SYN is not one).
        {QCoreApplication::translate("FilterStore", "Not closed cleanly"),
         QStringLiteral("tcp.flags.reset == 1 && tcpfsm.client_prev != \"CLOSED\" && "
                        "tcpfsm.server_prev != \"CLOSED\"")},
        {QCoreApplication::translate("FilterStore", "Zero window"),
         QStringLiteral("tcp.analysis.zero_window || tcp.analysis.zero_window_probe")},
    };
}

void FilterStore::remember(const QString& filter) {
    const QString f = filter.trimmed();
    if (f.isEmpty()) return;
    history.removeAll(f);
    history.prepend(f);
    while (history.size() > kHistorySize) history.removeLast();
}

void FilterStore::save(const SavedFilter& filter) {
    for (SavedFilter& s : saved)
        if (s.name == filter.name) {
            s.filter = filter.filter;
            return;
        }
    saved.append(filter);
}

bool FilterStore::remove(const QString& name) {
    for (qsizetype i = 0; i < saved.size(); ++i)
        if (saved[i].name == name) {
            saved.removeAt(i);
            return true;
        }
    return false;
}

FilterStore FilterStore::load(const QSettings& s) {
    FilterStore f;
    f.history = s.value(QStringLiteral("displayFilters/history")).toStringList();
    while (f.history.size() > kHistorySize) f.history.removeLast();
    if (s.contains(QStringLiteral("displayFilters/savedNames"))) {
        const QStringList names =
            s.value(QStringLiteral("displayFilters/savedNames")).toStringList();
        const QStringList texts =
            s.value(QStringLiteral("displayFilters/savedTexts")).toStringList();
        f.saved.clear();
        for (qsizetype i = 0; i < names.size() && i < texts.size(); ++i)
            f.saved.append({names[i], texts[i]});
    }
    return f;
}

void FilterStore::store(QSettings& s) const {
    QStringList names, texts;
    for (const SavedFilter& f : saved) {
        names << f.name;
        texts << f.filter;
    }
    s.setValue(QStringLiteral("displayFilters/history"), history);
    s.setValue(QStringLiteral("displayFilters/savedNames"), names);
    s.setValue(QStringLiteral("displayFilters/savedTexts"), texts);
}

} // namespace tcpscope::ui

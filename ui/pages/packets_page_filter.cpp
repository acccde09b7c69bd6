// SPDX-License-Identifier: GPL-2.0-or-later
// The packets page's display filter, Apply / Prepare as Filter, and marked packets (the rest
// of the page is in packets_page.cpp).
#include "pages/packets_page.h"

#include "document/filter_runner.h"
#include "document/selection_controller.h"
#include "models/conversation_model.h"
#include "views/display_filter_bar.h"

#include <tcpscope/field.h>

#include <QMenu>
#include <QTableView>

namespace tcpscope::ui {

QWidget* PacketsPage::buildDisplayFilterBar() {
    m_displayFilter = new DisplayFilterBar(this);
    m_runner = new FilterRunner(this);
    m_displayFilter->setWarningCheck([this](const DisplayFilter& f) { return fieldWarning(f); });
    connect(m_displayFilter, &DisplayFilterBar::applied, this, &PacketsPage::onFilterApplied);
    connect(m_runner, &FilterRunner::progress, m_displayFilter, &DisplayFilterBar::setProgress);
    connect(m_runner, &FilterRunner::finished, this, &PacketsPage::onFilterFinished);
    return m_displayFilter;
}

bool PacketsPage::applyDisplayFilter(const QString& text) {
    return m_displayFilter->applyText(text);
}

bool PacketsPage::filterBusy() const {
    return m_runner->isBusy();
}

void PacketsPage::onFilterApplied(const QString& text,
                                  std::shared_ptr<const DisplayFilter> filter) {
    const DocumentPtr& doc = m_packetModel->document();
    if (!filter || !doc) {
        m_runner->cancel();
        m_displayFilter->setProgress(0, 0);
        const int current = m_controller->packet();
        if (m_packetModel->hasDisplayFilter()) m_packetModel->setDisplayFilter(nullptr);
        if (m_convModel->filtered()) m_convModel->setDisplayFilter(nullptr);
        m_filtered = {};
        m_shownFilter.reset();
        keepSelection(current);
        emit displayFilterChanged();
        return;
    }
    m_runner->run(doc, std::move(filter), text);
}

void PacketsPage::reapplyFilter(const QString& text, std::shared_ptr<const DisplayFilter> filter) {
    const DocumentPtr& doc = m_packetModel->document();
    FilterBase base;
    if (filter && doc && m_filtered.document && text == m_filteredText &&
        doc->continues(*m_filtered.document))
        base = m_filtered;
    if (!base.document) {
        m_filtered = {};
        onFilterApplied(text, std::move(filter));
        return;
    }
    // A later snapshot of the live capture: the packets the filter passed so far stay shown
    // (the new ones appear once tested), and only the new packets are tested.
    showFilterResult(base.result);
    m_runner->run(doc, std::move(filter), text, base);
}

void PacketsPage::showFilterResult(FilterResultPtr result) {
    m_shownFilter = result; // the conversations keep a pointer into it
    m_packetModel->setDisplayFilter(
        std::shared_ptr<const std::vector<uint8_t>>(result, &result->matched));
    m_convModel->setDisplayFilter(&result->matched);
}

void PacketsPage::onFilterFinished(DocumentPtr document, const QString& text,
                                   std::shared_ptr<const SessionFilterResult> result) {
    m_displayFilter->setProgress(0, 0);
    // The base of the next snapshot's run, even when a later snapshot replaced this one.
    m_filtered = {document, result};
    m_filteredText = text;
    if (document != m_packetModel->document()) return; // a capture since replaced
    const int current = m_controller->packet();
    showFilterResult(result);
    keepSelection(current);
    if (!result->absentFields.empty()) {
        QStringList names;
        for (FieldId f : result->absentFields)
            names << fromCore(FieldRegistry::instance().def(f).abbrev);
        m_displayFilter->showWarning(
            text, tr("No packet in this capture has %1.").arg(names.join(QStringLiteral(", "))));
    }
    emit displayFilterChanged();
}

// As the filter is typed, a capture small enough to ask at once says which fields it never
// holds (each field asked once per capture: the first packet that has it ends the search).
// A larger capture says so when the filter has run (onFilterFinished).
QString PacketsPage::fieldWarning(const DisplayFilter& filter) {
    const DocumentPtr& doc = m_packetModel->document();
    if (!doc || doc->size() > FilterRunner::kSyncPackets) return {};
    QStringList absent;
    for (FieldId f : filter.fields()) {
        auto it = m_fieldPresence.find(f);
        if (it == m_fieldPresence.end()) {
            const std::string name(FieldRegistry::instance().def(f).abbrev);
            const auto alone = DisplayFilter::compile(name, nullptr);
            it = m_fieldPresence.emplace(f, alone && anyPacketMatches(*doc, *alone)).first;
        }
        if (!it->second) absent << fromCore(FieldRegistry::instance().def(f).abbrev);
    }
    if (absent.isEmpty()) return {};
    return tr("No packet in this capture has %1.").arg(absent.join(QStringLiteral(", ")));
}

void PacketsPage::keepSelection(int documentRow) {
    const int mrow = m_packetModel->modelRow(documentRow);
    if (mrow >= 0) {
        m_packetView->setCurrentIndex(m_packetModel->index(mrow, 0));
        m_packetView->scrollTo(m_packetModel->index(mrow, 0), QAbstractItemView::PositionAtCenter);
    } else if (m_packetModel->rowCount() > 0) {
        m_controller->selectPacket(m_packetModel->documentRow(0));
    }
}

QString PacketsPage::combinedFilter(const QString& current, const QString& expression,
                                    Combine how) {
    const QString cur = current.trimmed();
    const QString negated = QStringLiteral("!(%1)").arg(expression);
    const QString left = QStringLiteral("(%1)").arg(cur);
    switch (how) {
    case Combine::Selected:
        return expression;
    case Combine::AndSelected:
        return cur.isEmpty() ? expression : left + QStringLiteral(" && ") + expression;
    case Combine::OrSelected:
        return cur.isEmpty() ? expression : left + QStringLiteral(" || ") + expression;
    case Combine::AndNotSelected:
        return cur.isEmpty() ? negated : left + QStringLiteral(" && ") + negated;
    case Combine::OrNotSelected:
        return cur.isEmpty() ? negated : left + QStringLiteral(" || ") + negated;
    }
    return expression;
}

void PacketsPage::useAsFilter(const QString& expression, Combine how, bool apply) {
    const QString text = combinedFilter(m_displayFilter->text(), expression, how);
    if (apply)
        m_displayFilter->applyText(text);
    else
        m_displayFilter->setText(text);
}

void PacketsPage::addFilterActions(QMenu* menu, const QString& expression, bool apply) {
    const std::pair<Combine, QString> kinds[] = {
        {Combine::Selected, tr("&Selected")},
        {Combine::AndSelected, tr("…&and Selected")},
        {Combine::OrSelected, tr("…&or Selected")},
        {Combine::AndNotSelected, tr("…and &not Selected")},
        {Combine::OrNotSelected, tr("…o&r not Selected")},
    };
    for (const auto& [how, label] : kinds) {
        QAction* a = menu->addAction(label, this, [this, expression, how = how, apply] {
            useAsFilter(expression, how, apply);
        });
        a->setEnabled(!expression.isEmpty());
    }
}

void PacketsPage::buildConversationMenu() {
    m_convView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_convView, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        const QModelIndex index = m_convView->indexAt(at);
        if (!index.isValid()) return;
        QMenu* menu = conversationMenu(index);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_convView->viewport()->mapToGlobal(at));
    });
}

QMenu* PacketsPage::conversationMenu(const QModelIndex& index) {
    const uint32_t stream = m_convModel->data(index, ConversationModel::StreamRole).toUInt();
    const QString expression = QStringLiteral("tcp.stream == %1").arg(stream);
    auto* menu = new QMenu(this);
    menu->addAction(tr("&Filter on This Connection (%1)").arg(expression), this,
                    [this, expression] { useAsFilter(expression, Combine::Selected, true); });
    addFilterActions(menu->addMenu(tr("&Apply as Filter")), expression, true);
    addFilterActions(menu->addMenu(tr("&Prepare as Filter")), expression, false);
    menu->addSeparator();
    menu->addAction(tr("Follow &TCP Stream"), this,
                    [this, stream] { emit followStreamRequested(stream); });
    menu->addAction(tr("TCP Stream &Graphs…"), this,
                    [this, stream] { emit streamGraphRequested(stream, -1); });
    menu->addAction(tr("SYN &Queue of This Server…"), this,
                    [this, stream] { emit synQueueRequested(stream); });
    return menu;
}

void PacketsPage::toggleMark(int documentRow) {
    m_packetModel->setMarked(documentRow, !m_packetModel->isMarked(documentRow));
    emit marksChanged();
}

bool PacketsPage::stepMark(bool backward) {
    const int from = m_packetModel->modelRow(m_controller->packet());
    const int row = m_packetModel->nextMarkedRow(from, backward);
    if (row < 0) return false;
    m_controller->selectPacket(m_packetModel->documentRow(row));
    return true;
}

bool PacketsPage::exportMarked(const QString& path, QString* error) const {
    return exportPackets(path, error, true);
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "document/selection_controller.h"

#include <tcpscope/field.h>

namespace tcpscope::ui {

SelectionController::SelectionController(QObject* parent) : QObject(parent) {}

void SelectionController::setDocument(DocumentPtr document) {
    m_document = std::move(document);
    m_tree.reset();
    m_packet = -1;
    m_node = -1;
    emit documentChanged();
    emit packetChanged(-1);
    emit nodeChanged(-1);
}

std::span<const uint8_t> SelectionController::bytes() const {
    return m_document && m_packet >= 0 ? m_document->bytes(size_t(m_packet))
                                       : std::span<const uint8_t>{};
}

void SelectionController::selectPacket(int row) {
    if (!m_document || row >= int(m_document->records().size())) row = -1;
    if (row == m_packet) return;
    m_packet = row;
    m_node = -1;
    m_tree = row >= 0 ? m_document->tree(size_t(row)) : nullptr;
    emit packetChanged(row);
    emit nodeChanged(-1);
}

void SelectionController::selectNode(int node) {
    if (!m_tree || node >= int(m_tree->nodes().size())) node = -1;
    if (node == m_node) return;
    m_node = node;
    emit nodeChanged(node);
}

bool SelectionController::selectField(const QString& abbrev) {
    if (!m_tree) return false;
    const FieldId id = fieldId(abbrev.toStdString());
    if (id == kNoField) return false;
    const int n = m_tree->findFirst(id);
    if (n < 0) return false;
    selectNode(n);
    return true;
}

} // namespace tcpscope::ui

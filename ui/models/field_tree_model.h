// SPDX-License-Identifier: GPL-2.0-or-later
// The field tree of the selected packet: a QAbstractItemModel over a shared, immutable ProtoTree.
// internalId() is the node index; custom roles give what the byte table needs (offset, length,
// mask) and the expert severity.
#pragma once

#include <tcpscope/proto_tree.h>

#include <QAbstractItemModel>

#include <memory>
#include <span>

namespace tcpscope::ui {

class FieldTreeModel : public QAbstractItemModel {
    Q_OBJECT
  public:
    enum Column { Name, Value, Meaning, ColumnCount };
    enum Role {
        NodeRole = Qt::UserRole + 1, // int node index
        OffsetRole,
        LengthRole,
        MaskRole,     // qulonglong
        SeverityRole, // int (Severity) of the worst note, -1 for none
        AbbrevRole,
        GeneratedRole,
        FilterRole, // "abbrev == value"
        FilterValueRole,
    };

    explicit FieldTreeModel(QObject* parent = nullptr);

    void setTree(std::shared_ptr<const ProtoTree> tree, std::span<const uint8_t> frameBytes);
    const std::shared_ptr<const ProtoTree>& tree() const { return m_tree; }
    void setColorNotes(bool on);

    QModelIndex indexOfNode(int node, int column = 0) const;
    int nodeOf(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    const std::vector<int32_t>& childrenOf(int node) const;

    std::shared_ptr<const ProtoTree> m_tree;
    std::span<const uint8_t> m_bytes;   // owned by the document, which outlives the selection
    std::vector<int32_t> m_rowInParent; // per node
    bool m_colorNotes = true;
};

} // namespace tcpscope::ui

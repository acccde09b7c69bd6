// SPDX-License-Identifier: GPL-2.0-or-later
// The Byte Table window: the selected packet's byte table (ArticleTableView) large enough to
// read and to project, beside the window. It follows the shared SelectionController: another
// packet picked anywhere shows that packet's table, a field picked anywhere highlights its row,
// and clicking a row's bytes selects the field everywhere. Non-modal.
#pragma once

#include <QDialog>

namespace tcpscope::ui {

class ArticleTableView;
class SelectionController;

class ByteTableDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ByteTableDialog(SelectionController* controller, QWidget* parent = nullptr);
    ArticleTableView* view() const { return m_view; }
    void setZoom(int steps);

  private:
    void showPacket();

    SelectionController* m_controller;
    ArticleTableView* m_view;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/byte_table_dialog.h"

#include "document/selection_controller.h"
#include "views/article_table_view.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace tcpscope::ui {

ByteTableDialog::ByteTableDialog(SelectionController* controller, QWidget* parent)
    : QDialog(parent), m_controller(controller), m_view(new ArticleTableView(this)) {
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    connect(m_controller, &SelectionController::packetChanged, this, &ByteTableDialog::showPacket);
    connect(m_controller, &SelectionController::documentChanged, this,
            &ByteTableDialog::showPacket);
    connect(m_controller, &SelectionController::nodeChanged, m_view,
            &ArticleTableView::setSelectedNode);
    connect(m_view, &ArticleTableView::nodeClicked, m_controller, &SelectionController::selectNode);
    resize(1000, 720);
    showPacket();
}

void ByteTableDialog::showPacket() {
    m_view->setPacket(m_controller->tree(), m_controller->bytes());
    m_view->setSelectedNode(m_controller->node());
    setWindowTitle(m_view->table().frameNumber
                       ? tr("Byte Table: Frame %1").arg(m_view->table().frameNumber)
                       : tr("Byte Table"));
}

void ByteTableDialog::setZoom(int steps) {
    QFont f = QApplication::font();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() * (1.0 + 0.12 * steps)));
    m_view->setFont(f);
}

} // namespace tcpscope::ui

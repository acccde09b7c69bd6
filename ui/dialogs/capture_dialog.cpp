// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/capture_dialog.h"

#include "document/document.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tcpscope::ui {

CaptureDialog::CaptureDialog(std::vector<CaptureInterface> interfaces, const QString& listError,
                             const CaptureOptions& previous, size_t previousRingMiB,
                             QWidget* parent)
    : QDialog(parent), m_list(std::move(interfaces)) {
    setWindowTitle(tr("Start a Live Capture"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Capture on:"), this));
    m_interfaces = new QTreeWidget(this);
    m_interfaces->setHeaderLabels(
        {tr("Interface"), tr("Addresses"), tr("Link type"), tr("Description")});
    m_interfaces->setRootIsDecorated(false);
    int select = 0;
    for (size_t i = 0; i < m_list.size(); ++i) {
        const CaptureInterface& c = m_list[i];
        QStringList addresses;
        for (const std::string& a : c.addresses) addresses << fromCore(a);
        QString name = fromCore(c.name);
        if (c.loopback) name += tr(" (loopback)");
        if (!(c.up && c.running)) name += tr(" (down)");
        auto* item = new QTreeWidgetItem(m_interfaces, {name, addresses.join(QStringLiteral(", ")),
                                                        fromCore(captureLinkTypeName(c.linkType)),
                                                        fromCore(c.description)});
        item->setData(0, Qt::UserRole, int(i));
        if (c.name == previous.interface) select = int(i);
    }
    if (m_interfaces->topLevelItemCount() > 0)
        m_interfaces->setCurrentItem(m_interfaces->topLevelItem(select));
    for (int c = 0; c < 3; ++c) m_interfaces->resizeColumnToContents(c);
    layout->addWidget(m_interfaces, 1);
    if (!listError.isEmpty()) {
        auto* error = new QLabel(tr("⚠ %1").arg(listError), this);
        error->setWordWrap(true);
        layout->addWidget(error);
    }

    auto* form = new QFormLayout;
    m_filter = new QLineEdit(fromCore(previous.filter), this);
    m_filter->setPlaceholderText(tr("every packet; e.g. tcp port 8000"));
    m_filter->setClearButtonEnabled(true);
    form->addRow(tr("Capture &filter (BPF):"), m_filter);
    m_filterStatus = new QLabel(this);
    m_filterStatus->setWordWrap(true);
    form->addRow(QString(), m_filterStatus);
    m_snaplen = new QSpinBox(this);
    m_snaplen->setRange(1, 262144);
    m_snaplen->setValue(previous.snaplen);
    m_snaplen->setSuffix(tr(" bytes"));
    form->addRow(tr("&Snap length:"), m_snaplen);
    m_promiscuous =
        new QCheckBox(tr("&Promiscuous mode (also packets not addressed to this host)"), this);
    m_promiscuous->setChecked(previous.promiscuous);
    form->addRow(QString(), m_promiscuous);
    auto* ringRow = new QHBoxLayout;
    m_ring = new QCheckBox(tr("&Keep only the newest"), this);
    m_ringMiB = new QSpinBox(this);
    m_ringMiB->setRange(1, 1 << 20);
    m_ringMiB->setSuffix(tr(" MiB of packets"));
    m_ringMiB->setValue(previousRingMiB ? int(previousRingMiB) : 100);
    m_ring->setChecked(previousRingMiB > 0);
    m_ringMiB->setEnabled(m_ring->isChecked());
    connect(m_ring, &QCheckBox::toggled, m_ringMiB, &QWidget::setEnabled);
    ringRow->addWidget(m_ring);
    ringRow->addWidget(m_ringMiB);
    ringRow->addStretch();
    form->addRow(tr("Ring buffer:"), ringRow);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &CaptureDialog::checkFilter);
    connect(m_interfaces, &QTreeWidget::currentItemChanged, this, &CaptureDialog::checkFilter);
    checkFilter();
    resize(760, 460);
}

int CaptureDialog::selectedLinkType() const {
    const QTreeWidgetItem* item = m_interfaces->currentItem();
    if (!item) return 1;
    const int link = m_list[size_t(item->data(0, Qt::UserRole).toInt())].linkType;
    return link < 0 ? 1 : link;
}

// libpcap compiles the filter for the interface's link type as it is typed: the box turns
// green, or red with libpcap's own message (what Wireshark's capture filter box does).
void CaptureDialog::checkFilter() {
    const QString text = m_filter->text().trimmed();
    const std::string error =
        text.isEmpty() ? std::string() : captureFilterError(localPath(text), selectedLinkType());
    m_filterValid = error.empty();
    if (text.isEmpty()) {
        m_filter->setStyleSheet(QString());
        m_filterStatus->setText(tr("No filter: every packet is captured."));
    } else if (m_filterValid) {
        m_filter->setStyleSheet(QStringLiteral("QLineEdit { background: #afffaf; color: black; }"));
        m_filterStatus->setText(tr("✔ A valid capture filter."));
    } else {
        m_filter->setStyleSheet(QStringLiteral("QLineEdit { background: #ffafaf; color: black; }"));
        m_filterStatus->setText(tr("✘ Not a capture filter: %1").arg(fromCore(error)));
    }
    QPushButton* start = nullptr;
    for (QAbstractButton* b : m_buttons->buttons())
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            start = qobject_cast<QPushButton*>(b);
    if (start) start->setEnabled(m_filterValid && m_interfaces->currentItem());
}

CaptureOptions CaptureDialog::options() const {
    CaptureOptions o;
    if (const QTreeWidgetItem* item = m_interfaces->currentItem())
        o.interface = m_list[size_t(item->data(0, Qt::UserRole).toInt())].name;
    o.filter = localPath(m_filter->text().trimmed());
    o.snaplen = m_snaplen->value();
    o.promiscuous = m_promiscuous->isChecked();
    return o;
}

size_t CaptureDialog::ringBytes() const {
    return m_ring->isChecked() ? size_t(m_ringMiB->value()) << 20 : 0;
}

} // namespace tcpscope::ui

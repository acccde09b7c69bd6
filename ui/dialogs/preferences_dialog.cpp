// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/preferences_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tcpscope::ui {

namespace {

QString labelKey(const LadderView::LabelPart& part) {
    return QStringLiteral("preferences/ladderLabels/") + QLatin1String(part.key);
}

} // namespace

Preferences Preferences::load(const QSettings& s) {
    Preferences p;
    const QString time = s.value(QStringLiteral("preferences/timeFormat")).toString();
    for (const TimeFormatInfo& t : timeFormats())
        if (time == QLatin1String(t.key)) p.timeFormat = t.format;
    if (s.value(QStringLiteral("preferences/colors")).toString() == u"dark")
        p.colors = Colors::Dark;
    p.zoom = std::clamp(s.value(QStringLiteral("preferences/zoom"), 0).toInt(), -3, 12);
    for (const LadderView::LabelPart& part : LadderView::labelParts())
        p.ladderLabels.*part.member = s.value(labelKey(part), p.ladderLabels.*part.member).toBool();
    p.assumeOffload =
        s.value(QStringLiteral("preferences/assumeOffload"), p.assumeOffload).toBool();
    return p;
}

void Preferences::save(QSettings& s) const {
    for (const TimeFormatInfo& t : timeFormats())
        if (t.format == timeFormat)
            s.setValue(QStringLiteral("preferences/timeFormat"), QLatin1String(t.key));
    s.setValue(QStringLiteral("preferences/colors"),
               colors == Colors::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
    s.setValue(QStringLiteral("preferences/zoom"), zoom);
    for (const LadderView::LabelPart& part : LadderView::labelParts())
        s.setValue(labelKey(part), ladderLabels.*part.member);
    s.setValue(QStringLiteral("preferences/assumeOffload"), assumeOffload);
}

QPalette darkPalette() {
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe8, 0xe8, 0xea);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3e));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x5a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    p.setColor(QPalette::Light, QColor(0x44, 0x44, 0x48));
    p.setColor(QPalette::Link, QColor(0x78, 0xae, 0xed));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x84));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x84));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x84));
    return p;
}

PreferencesDialog::PreferencesDialog(const Preferences& current, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Preferences"));
    auto* layout = new QVBoxLayout(this);

    auto* look = new QGroupBox(tr("Appearance"), this);
    auto* lookForm = new QFormLayout(look);
    m_colors = new QComboBox(look);
    m_colors->addItem(tr("Light"));
    m_colors->addItem(tr("Dark"));
    lookForm->addRow(tr("&Colours:"), m_colors);
    m_zoom = new QSpinBox(look);
    m_zoom->setRange(-3, 12);
    m_zoom->setSpecialValueText(tr("smallest"));
    m_zoom->setToolTip(tr("Steps larger than the default size (0), as View > Zoom In and Out; "
                          "a projector in a large room wants 4 or more"));
    lookForm->addRow(tr("&Font size (steps):"), m_zoom);
    m_time = new QComboBox(look);
    for (const TimeFormatInfo& t : timeFormats())
        m_time->addItem(QCoreApplication::translate("PacketListModel", t.name), int(t.format));
    lookForm->addRow(tr("&Time column:"), m_time);
    layout->addWidget(look);

    auto* ladder = new QGroupBox(tr("Ladder arrow labels"), this);
    auto* ladderLayout = new QVBoxLayout(ladder);
    for (const LadderView::LabelPart& part : LadderView::labelParts()) {
        m_labels.push_back(
            new QCheckBox(QCoreApplication::translate("LadderView", part.name), ladder));
        ladderLayout->addWidget(m_labels.back());
    }
    layout->addWidget(ladder);

    auto* decode = new QGroupBox(tr("Decoding"), this);
    auto* decodeLayout = new QVBoxLayout(decode);
    m_offload = new QCheckBox(tr("Assume checksum offload (captured on the sending host)"), decode);
    m_offload->setToolTip(tr("A wrong TCP or IP checksum is then reported as \"unverified, likely "
                             "offloaded\" rather than as bad"));
    decodeLayout->addWidget(m_offload);
    layout->addWidget(decode);

    auto* buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply |
                                 QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                             this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        emit applied(preferences());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { emit applied(preferences()); });
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setFrom(Preferences{}); });
    setFrom(current);
}

void PreferencesDialog::setFrom(const Preferences& p) {
    m_time->setCurrentIndex(std::max(0, m_time->findData(int(p.timeFormat))));
    m_colors->setCurrentIndex(p.colors == Preferences::Colors::Dark ? 1 : 0);
    m_zoom->setValue(p.zoom);
    const auto parts = LadderView::labelParts();
    for (size_t i = 0; i < parts.size(); ++i)
        m_labels[i]->setChecked(p.ladderLabels.*parts[i].member);
    m_offload->setChecked(p.assumeOffload);
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.timeFormat = TimeFormat(m_time->currentData().toInt());
    p.colors =
        m_colors->currentIndex() == 1 ? Preferences::Colors::Dark : Preferences::Colors::Light;
    p.zoom = m_zoom->value();
    const auto parts = LadderView::labelParts();
    for (size_t i = 0; i < parts.size(); ++i)
        p.ladderLabels.*parts[i].member = m_labels[i]->isChecked();
    p.assumeOffload = m_offload->isChecked();
    return p;
}

} // namespace tcpscope::ui

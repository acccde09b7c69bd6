// SPDX-License-Identifier: GPL-2.0-or-later
#include "dialogs/preferences_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tcpscope::ui {

namespace {

const std::pair<TimeFormat, const char*> kTimeFormats[] = {
    {TimeFormat::TimeOfDay, QT_TRANSLATE_NOOP("PreferencesDialog", "Time of Day (UTC)")},
    {TimeFormat::DateAndTime, QT_TRANSLATE_NOOP("PreferencesDialog", "Date and Time of Day (UTC)")},
    {TimeFormat::SinceStart,
     QT_TRANSLATE_NOOP("PreferencesDialog", "Seconds Since Beginning of Capture")},
    {TimeFormat::SincePrevious,
     QT_TRANSLATE_NOOP("PreferencesDialog", "Seconds Since Previous Displayed Packet")}};

const char* timeKey(TimeFormat f) {
    switch (f) {
    case TimeFormat::TimeOfDay:
        return "time-of-day";
    case TimeFormat::DateAndTime:
        return "date-and-time";
    case TimeFormat::SinceStart:
        return "since-start";
    case TimeFormat::SincePrevious:
        return "since-previous";
    }
    return "since-start";
}

} // namespace

Preferences Preferences::load(const QSettings& s) {
    Preferences p;
    const QString time = s.value(QStringLiteral("preferences/timeFormat")).toString();
    for (const auto& [f, name] : kTimeFormats)
        if (time == QLatin1String(timeKey(f))) p.timeFormat = f;
    if (s.value(QStringLiteral("preferences/colors")).toString() == u"dark")
        p.colors = Colors::Dark;
    p.zoom = std::clamp(s.value(QStringLiteral("preferences/zoom"), 0).toInt(), -3, 12);
    auto flag = [&s](const char* key, bool def) {
        return s.value(QStringLiteral("preferences/ladderLabels/") + QLatin1String(key), def)
            .toBool();
    };
    p.ladderLabels.raw = flag("raw", p.ladderLabels.raw);
    p.ladderLabels.flags = flag("flags", p.ladderLabels.flags);
    p.ladderLabels.seq = flag("seq", p.ladderLabels.seq);
    p.ladderLabels.ack = flag("ack", p.ladderLabels.ack);
    p.ladderLabels.len = flag("len", p.ladderLabels.len);
    p.ladderLabels.win = flag("win", p.ladderLabels.win);
    p.assumeOffload =
        s.value(QStringLiteral("preferences/assumeOffload"), p.assumeOffload).toBool();
    return p;
}

void Preferences::save(QSettings& s) const {
    s.setValue(QStringLiteral("preferences/timeFormat"), QLatin1String(timeKey(timeFormat)));
    s.setValue(QStringLiteral("preferences/colors"),
               colors == Colors::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
    s.setValue(QStringLiteral("preferences/zoom"), zoom);
    const std::pair<const char*, bool> labels[] = {
        {"raw", ladderLabels.raw}, {"flags", ladderLabels.flags}, {"seq", ladderLabels.seq},
        {"ack", ladderLabels.ack}, {"len", ladderLabels.len},     {"win", ladderLabels.win}};
    for (const auto& [key, on] : labels)
        s.setValue(QStringLiteral("preferences/ladderLabels/") + QLatin1String(key), on);
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
    for (const auto& [f, name] : kTimeFormats) m_time->addItem(tr(name));
    lookForm->addRow(tr("&Time column:"), m_time);
    layout->addWidget(look);

    auto* ladder = new QGroupBox(tr("Ladder arrow labels"), this);
    auto* ladderLayout = new QVBoxLayout(ladder);
    m_flags = new QCheckBox(tr("Flags"), ladder);
    m_seq = new QCheckBox(tr("Sequence numbers"), ladder);
    m_ack = new QCheckBox(tr("Acknowledgements"), ladder);
    m_len = new QCheckBox(tr("Payload length"), ladder);
    m_win = new QCheckBox(tr("Window"), ladder);
    m_raw = new QCheckBox(tr("Raw sequence numbers (as on the wire, not relative)"), ladder);
    for (QCheckBox* b : {m_flags, m_seq, m_ack, m_len, m_win, m_raw}) ladderLayout->addWidget(b);
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
    for (int i = 0; i < int(std::size(kTimeFormats)); ++i)
        if (kTimeFormats[i].first == p.timeFormat) m_time->setCurrentIndex(i);
    m_colors->setCurrentIndex(p.colors == Preferences::Colors::Dark ? 1 : 0);
    m_zoom->setValue(p.zoom);
    m_raw->setChecked(p.ladderLabels.raw);
    m_flags->setChecked(p.ladderLabels.flags);
    m_seq->setChecked(p.ladderLabels.seq);
    m_ack->setChecked(p.ladderLabels.ack);
    m_len->setChecked(p.ladderLabels.len);
    m_win->setChecked(p.ladderLabels.win);
    m_offload->setChecked(p.assumeOffload);
}

Preferences PreferencesDialog::preferences() const {
    Preferences p;
    p.timeFormat = kTimeFormats[std::max(0, m_time->currentIndex())].first;
    p.colors =
        m_colors->currentIndex() == 1 ? Preferences::Colors::Dark : Preferences::Colors::Light;
    p.zoom = m_zoom->value();
    p.ladderLabels.raw = m_raw->isChecked();
    p.ladderLabels.flags = m_flags->isChecked();
    p.ladderLabels.seq = m_seq->isChecked();
    p.ladderLabels.ack = m_ack->isChecked();
    p.ladderLabels.len = m_len->isChecked();
    p.ladderLabels.win = m_win->isChecked();
    p.assumeOffload = m_offload->isChecked();
    return p;
}

} // namespace tcpscope::ui

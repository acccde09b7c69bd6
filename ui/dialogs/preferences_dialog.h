// SPDX-License-Identifier: GPL-2.0-or-later
// Edit > Preferences: the viewer's settings in one place, each also reachable where it acts
// (View > Time Display Format, View > Zoom, the ladder's Labels button, View > Assume Checksum
// Offload). The window applies them (MainWindow::setPreferences); viewer_main.cpp keeps them in
// QSettings between runs.
#pragma once

#include "models/packet_list_model.h"
#include "views/ladder_view.h"

#include <QDialog>
#include <QPalette>
#include <QSettings>

#include <vector>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace tcpscope::ui {

struct Preferences {
    enum class Colors { Light, Dark };
    TimeFormat timeFormat = TimeFormat::SinceStart;
    Colors colors = Colors::Light;
    int zoom = 0; // font size steps, 0 = the default size (MainWindow::setZoom clamps)
    LadderView::LabelOptions ladderLabels;
    bool assumeOffload = true;
    friend bool operator==(const Preferences&, const Preferences&) = default;

    // Read from and written to QSettings under "preferences/"; unknown or missing values read
    // as the defaults.
    static Preferences load(const QSettings& settings);
    void save(QSettings& settings) const;
};

// The dark palette of Preferences::Colors::Dark (and of --dark).
QPalette darkPalette();

class PreferencesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PreferencesDialog(const Preferences& current, QWidget* parent = nullptr);
    Preferences preferences() const;

  signals:
    // Apply, or OK: the window applies them at once.
    void applied(const tcpscope::ui::Preferences& preferences);

  private:
    void setFrom(const Preferences& p);
    QComboBox* m_time = nullptr;
    QComboBox* m_colors = nullptr;
    QSpinBox* m_zoom = nullptr;
    std::vector<QCheckBox*> m_labels; // one per LadderView::labelParts()
    QCheckBox* m_offload = nullptr;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// Capture > Start: the interfaces to capture on (tcpscope-capture -D: loopback first, with
// their addresses and link types), a capture filter in BPF syntax checked as it is typed
// (green, or red with libpcap's message), the snap length, promiscuous mode, and an optional
// ring buffer that keeps only the newest packets so memory stays bounded.
#pragma once

#include <tcpscope/live_capture.h>

#include <QDialog>

#include <vector>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace tcpscope::ui {

class CaptureDialog : public QDialog {
    Q_OBJECT
  public:
    // `previous`: the options of the last capture, shown again.
    CaptureDialog(std::vector<CaptureInterface> interfaces, const QString& listError,
                  const CaptureOptions& previous, size_t previousRingMiB,
                  QWidget* parent = nullptr);
    CaptureOptions options() const;
    // The ring buffer's limit in bytes, 0 for none.
    size_t ringBytes() const;
    // For tests: the filter box and whether it accepted its text.
    QLineEdit* filterEdit() const { return m_filter; }
    bool filterValid() const { return m_filterValid; }
    QTreeWidget* interfaceList() const { return m_interfaces; }

  private:
    void checkFilter();
    int selectedLinkType() const;

    std::vector<CaptureInterface> m_list;
    QTreeWidget* m_interfaces = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_filterStatus = nullptr;
    QSpinBox* m_snaplen = nullptr;
    QCheckBox* m_promiscuous = nullptr;
    QCheckBox* m_ring = nullptr;
    QSpinBox* m_ringMiB = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_filterValid = true;
};

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// A paint device that paints nothing and records every piece of text drawn on it, with the
// size it would have on screen: the font's pixel size (its em height) times the painter's scale
// at that moment. Rendering a widget into it (QWidget::render) measures what that widget really
// paints, style-drawn text and rich text included, so a test can ask "is every text of the
// presentation view at least 16 px?" without trusting the views' own idea of their fonts.
#pragma once

#include <QPaintDevice>
#include <QPointF>
#include <QSize>
#include <QString>

#include <memory>
#include <vector>

namespace tcpscope::ui {

class TextSizeProbe : public QPaintDevice {
  public:
    struct Text {
        QString text;
        double px = 0; // em height on the device, in pixels
        QPointF at;    // where it was drawn, in device pixels
    };

    // `dpi`: the logical resolution point sizes are converted with (the screen's, by default).
    explicit TextSizeProbe(QSize size, double dpi = 0);
    ~TextSizeProbe() override;

    QPaintEngine* paintEngine() const override;
    const std::vector<Text>& texts() const;
    // The smallest text drawn (only texts with a visible character count); 0 when none.
    const Text* smallest() const;

  protected:
    int metric(PaintDeviceMetric metric) const override;

  private:
    class Engine;
    QSize m_size;
    double m_dpi;
    std::unique_ptr<Engine> m_engine;
};

} // namespace tcpscope::ui

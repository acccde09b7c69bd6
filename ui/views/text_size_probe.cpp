// SPDX-License-Identifier: GPL-2.0-or-later
// TextSizeProbe (text_size_probe.h): a paint engine that keeps the transform and records text.
#include "views/text_size_probe.h"

#include <QGuiApplication>
#include <QPaintEngine>
#include <QScreen>
#include <QTextItem>

#include <climits>
#include <cmath>

namespace tcpscope::ui {

class TextSizeProbe::Engine : public QPaintEngine {
  public:
    explicit Engine(double dpi) : QPaintEngine(QPaintEngine::AllFeatures), m_dpi(dpi) {}

    bool begin(QPaintDevice*) override {
        m_transform = QTransform();
        return true;
    }
    bool end() override { return true; }
    Type type() const override { return QPaintEngine::User; }
    void updateState(const QPaintEngineState& state) override {
        if (state.state() & QPaintEngine::DirtyTransform) m_transform = state.transform();
    }
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override {
    }
    void drawTiledPixmap(const QRectF&, const QPixmap&, const QPointF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawPolygon(const QPoint*, int, PolygonDrawMode) override {}
    void drawRects(const QRectF*, int) override {}
    void drawRects(const QRect*, int) override {}
    void drawLines(const QLineF*, int) override {}
    void drawLines(const QLine*, int) override {}
    void drawEllipse(const QRectF&) override {}
    void drawPoints(const QPointF*, int) override {}

    void drawTextItem(const QPointF& p, const QTextItem& item) override {
        const QFont f = item.font();
        const double em = f.pixelSize() > 0 ? double(f.pixelSize()) : f.pointSizeF() * m_dpi / 72;
        // The scale of the painter: text drawn in a scaled painter (the state graph, exports)
        // is as large as the scale makes it.
        const double scale = std::sqrt(std::abs(m_transform.determinant()));
        texts.push_back({item.text(), em * scale, m_transform.map(p)});
    }

    std::vector<Text> texts;

  private:
    double m_dpi;
    QTransform m_transform;
};

TextSizeProbe::TextSizeProbe(QSize size, double dpi)
    : m_size(size), m_dpi(dpi > 0 ? dpi
                                  : (QGuiApplication::primaryScreen()
                                         ? QGuiApplication::primaryScreen()->logicalDotsPerInchY()
                                         : 96.0)),
      m_engine(std::make_unique<Engine>(m_dpi)) {}

TextSizeProbe::~TextSizeProbe() = default;

QPaintEngine* TextSizeProbe::paintEngine() const {
    return m_engine.get();
}

const std::vector<TextSizeProbe::Text>& TextSizeProbe::texts() const {
    return m_engine->texts;
}

const TextSizeProbe::Text* TextSizeProbe::smallest() const {
    const Text* best = nullptr;
    for (const Text& t : m_engine->texts) {
        if (t.text.trimmed().isEmpty()) continue;
        if (!best || t.px < best->px) best = &t;
    }
    return best;
}

int TextSizeProbe::metric(PaintDeviceMetric metric) const {
    switch (metric) {
    case PdmWidth:
        return m_size.width();
    case PdmHeight:
        return m_size.height();
    case PdmWidthMM:
        return int(std::lround(m_size.width() * 25.4 / m_dpi));
    case PdmHeightMM:
        return int(std::lround(m_size.height() * 25.4 / m_dpi));
    case PdmNumColors:
        return INT_MAX;
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return int(std::lround(m_dpi));
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(QPaintDevice::devicePixelRatioFScale());
    default:
        return QPaintDevice::metric(metric);
    }
}

} // namespace tcpscope::ui

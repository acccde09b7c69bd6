// SPDX-License-Identifier: GPL-2.0-or-later
// drawing_export.h: SVG output and the export context menu of the drawn views.
#include "drawing_export.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QPainter>
#include <QWidget>
#ifdef TCPSCOPE_HAVE_SVG
#include <QSvgGenerator>
#endif

#include <cmath>

namespace tcpscope::ui {

bool writeSvg(const QString& path, QSizeF size, const QString& title, const QString& description,
              const std::function<void(QPainter&)>& paint) {
#ifdef TCPSCOPE_HAVE_SVG
    QSvgGenerator gen;
    gen.setFileName(path);
    gen.setSize(QSize(int(std::ceil(size.width())), int(std::ceil(size.height()))));
    gen.setViewBox(QRectF(QPointF(0, 0), size));
    gen.setTitle(title);
    if (!description.isEmpty()) gen.setDescription(description);
    QPainter p;
    if (!p.begin(&gen)) return false;
    p.setRenderHint(QPainter::Antialiasing, true);
    paint(p);
    return p.end();
#else
    Q_UNUSED(path);
    Q_UNUSED(size);
    Q_UNUSED(title);
    Q_UNUSED(description);
    Q_UNUSED(paint);
    return false;
#endif
}

void execExportMenu(QWidget* parent, QPoint globalPos, const QString& what, const QString& baseName,
                    const std::function<bool(const QString&)>& savePng,
                    const std::function<bool(const QString&)>& saveSvg) {
    QMenu menu(parent);
    QAction* png = menu.addAction(QObject::tr("Export %1 as PNG…").arg(what));
    QAction* svg = menu.addAction(QObject::tr("Export %1 as SVG…").arg(what));
#ifdef TCPSCOPE_HAVE_SVG
    constexpr bool haveSvg = true;
#else
    constexpr bool haveSvg = false;
#endif
    svg->setEnabled(haveSvg);
    QAction* chosen = menu.exec(globalPos);
    if (!chosen) return;
    const bool asPng = chosen == png;
    const QString file = QFileDialog::getSaveFileName(
        parent, asPng ? QObject::tr("Export PNG") : QObject::tr("Export SVG"),
        baseName + (asPng ? QStringLiteral(".png") : QStringLiteral(".svg")),
        asPng ? QObject::tr("PNG (*.png)") : QObject::tr("SVG (*.svg)"));
    if (!file.isEmpty()) asPng ? savePng(file) : saveSvg(file);
}

} // namespace tcpscope::ui

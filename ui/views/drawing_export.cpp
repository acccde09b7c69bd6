// SPDX-License-Identifier: GPL-2.0-or-later
// drawing_export.h: SVG output and the export context menu of the drawn views.
#include "drawing_export.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QRegularExpression>
#include <QWidget>
#ifdef TCPSCOPE_HAVE_SVG
#include <QSvgGenerator>
#endif

#include <cmath>

namespace tcpscope::ui {

bool writeSvg(const QString& path, QSizeF size, const QString& title, const QString& description,
              const std::function<void(QPainter&)>& paint) {
#ifdef TCPSCOPE_HAVE_SVG
    const QSize pixels(int(std::ceil(size.width())), int(std::ceil(size.height())));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(pixels);
    gen.setViewBox(QRectF(QPointF(0, 0), size));
    // QSvgGenerator writes title and description into the XML as they are: a text ladder's
    // "<->" or a "&" would make the file ill-formed (xmllint, rsvg-convert refuse it).
    gen.setTitle(title.toHtmlEscaped());
    if (!description.isEmpty()) gen.setDescription(description.toHtmlEscaped());
    QPainter p;
    if (!p.begin(&gen)) return false;
    p.setRenderHint(QPainter::Antialiasing, true);
    paint(p);
    if (!p.end()) return false;
    // The size in pixels rather than the generator's millimetres, which viewers round up to
    // one pixel more than the PNG of the same figure.
    QByteArray svg = buffer.data();
    static const QRegularExpression mm(
        QStringLiteral("<svg width=\"[0-9.]+mm\" height=\"[0-9.]+mm\""));
    const QString header =
        QStringLiteral("<svg width=\"%1\" height=\"%2\"").arg(pixels.width()).arg(pixels.height());
    const QString head = QString::fromUtf8(svg.left(512));
    const QRegularExpressionMatch m = mm.match(head);
    if (m.hasMatch()) svg.replace(m.capturedStart(), m.capturedLength(), header.toUtf8());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(svg) == svg.size();
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

namespace {

QString saveName(QWidget* parent, const QString& title, const QString& name,
                 const QString& filter) {
    return QFileDialog::getSaveFileName(parent, title, name, filter);
}

void warnIfFailed(QWidget* parent, bool ok, const QString& path) {
    if (!ok)
        QMessageBox::warning(parent, QObject::tr("Export"),
                             QObject::tr("Could not write %1.").arg(path));
}

void exportSvg(QWidget* parent, const FigureExport& figure) {
    const QString path =
        saveName(parent, QObject::tr("Export the %1 as SVG").arg(figure.what),
                 figure.baseName + QStringLiteral(".svg"), QObject::tr("SVG images (*.svg)"));
    if (!path.isEmpty()) warnIfFailed(parent, figure.saveSvg(path), path);
}

void exportText(QWidget* parent, const FigureExport& figure) {
    const QString path =
        saveName(parent, QObject::tr("Export the %1 as text").arg(figure.what),
                 figure.baseName + QStringLiteral(".txt"), QObject::tr("Text (*.txt)"));
    if (path.isEmpty() || !figure.text) return;
    QFile f(path);
    const bool ok =
        f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(figure.text().toUtf8()) >= 0;
    warnIfFailed(parent, ok, path);
}

} // namespace

bool exportPng(QWidget* parent, const FigureExport& figure) {
    const QString path =
        saveName(parent, QObject::tr("Export the %1 as PNG").arg(figure.what),
                 figure.baseName + QStringLiteral(".png"), QObject::tr("PNG images (*.png)"));
    if (path.isEmpty()) return false;
    bool ok = false;
    const int percent = QInputDialog::getInt(
        parent, QObject::tr("Export PNG"),
        QObject::tr("Scale (%), the image is as large as the figure:"), 200, 25, 800, 25, &ok);
    if (!ok) return false;
    ok = figure.image(percent / 100.0).save(path, "PNG");
    warnIfFailed(parent, ok, path);
    return ok;
}

void addExportActions(QMenu* menu, QWidget* parent, const QString& what, bool hasText,
                      std::function<FigureExport()> figure) {
#ifdef TCPSCOPE_HAVE_SVG
    constexpr bool haveSvg = true;
#else
    constexpr bool haveSvg = false;
#endif
    menu->addAction(QObject::tr("Export %1 as PNG…").arg(what), parent,
                    [parent, figure] { exportPng(parent, figure()); });
    QAction* svg = menu->addAction(QObject::tr("Export %1 as SVG…").arg(what), parent,
                                   [parent, figure] { exportSvg(parent, figure()); });
    svg->setEnabled(haveSvg);
    if (hasText)
        menu->addAction(QObject::tr("Export %1 as Text…").arg(what), parent,
                        [parent, figure] { exportText(parent, figure()); });
    menu->addAction(QObject::tr("Copy %1 Image").arg(what), parent,
                    [figure] { QApplication::clipboard()->setImage(figure().image(1.0)); });
    if (hasText)
        menu->addAction(QObject::tr("Copy %1 as Text").arg(what), parent,
                        [figure] { QApplication::clipboard()->setText(figure().text()); });
}

} // namespace tcpscope::ui

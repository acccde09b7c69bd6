// SPDX-License-Identifier: GPL-2.0-or-later
// What the drawn views (header diagram, ladder, state graph) share to leave the screen: SVG
// output with the text kept as text, and the right-click "Export as PNG / SVG" menu.
#pragma once

#include <QImage>
#include <QPoint>
#include <QSizeF>
#include <QString>

#include <functional>

class QPainter;
class QWidget;

namespace tcpscope::ui {

// Writes what `paint` draws on a canvas of `size` user units as SVG. False when the file cannot
// be written, or when Qt Svg was not found at build time.
bool writeSvg(const QString& path, QSizeF size, const QString& title, const QString& description,
              const std::function<void(QPainter&)>& paint);

// The context menu of a drawn view: "Export <what> as PNG…" / "… as SVG…", each asking for a
// file name (defaults <baseName>.png / .svg) and then calling the matching writer.
void execExportMenu(QWidget* parent, QPoint globalPos, const QString& what, const QString& baseName,
                    const std::function<bool(const QString&)>& savePng,
                    const std::function<bool(const QString&)>& saveSvg);

} // namespace tcpscope::ui

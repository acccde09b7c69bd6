// SPDX-License-Identifier: GPL-2.0-or-later
// What the drawn views (header diagram, ladder, state graph) share to leave the screen: SVG
// output with the text kept as text, and the right-click "Export as PNG / SVG" menu.
#pragma once

#include <QImage>
#include <QPoint>
#include <QSizeF>
#include <QString>

#include <functional>

class QMenu;
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

// One figure's ways out: a PNG at a chosen scale, SVG, the clipboard, and (for the ladder) text.
struct FigureExport {
    QString what;                                // "ladder", "state graph": in the menu texts
    QString baseName;                            // the default file name, without suffix
    std::function<QImage(double scale)> image;   // the figure at its content size * scale
    std::function<bool(const QString&)> saveSvg; // writes the figure as SVG
    std::function<QString()> text = nullptr;     // the figure as plain text, if it has one
};

// Adds "Export <what> as PNG…", "… as SVG…", ("… as Text…"), "Copy <what> Image" and ("Copy
// <what> as Text") to `menu`; `figure` is asked when an action runs (so it names the file after
// what is shown then); file dialogs and warnings are parented to `parent`.
void addExportActions(QMenu* menu, QWidget* parent, const QString& what, bool hasText,
                      std::function<FigureExport()> figure);
// Asks for a file name and a scale and writes the PNG; false when cancelled or on error.
bool exportPng(QWidget* parent, const FigureExport& figure);

} // namespace tcpscope::ui

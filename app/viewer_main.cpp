// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope: the Qt 6 viewer. `tcpscope [FILE]` opens the window; `tcpscope --screenshot OUT.png
// [--select N] [--field ABBREV] [--size WxH] [--dark] FILE` renders the main window at a fixed
// size to a PNG and exits (works with QT_QPA_PLATFORM=offscreen, for docs and CI).
#include "main_window.h"

#include <tcpscope/field.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>

#include <cstdio>

namespace {

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

// samples/ next to an installed binary, in the source tree of a build, or the compiled-in one.
QString findSamplesDir() {
    const QString exe = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        exe + QStringLiteral("/../share/tcpscope/samples"), exe + QStringLiteral("/samples"),
        exe + QStringLiteral("/../../../samples"),          exe + QStringLiteral("/../../samples"),
#ifdef TCPSCOPE_SOURCE_DIR
        QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples"),
#endif
    };
    for (const QString& c : candidates)
        if (QFileInfo(c + QStringLiteral("/redis-ping-pong.pcap")).exists())
            return QDir(c).absolutePath();
    return {};
}

bool parseSize(const QString& s, QSize& out) {
    const QStringList parts = s.split(u'x');
    bool a = false, b = false;
    if (parts.size() == 2) out = QSize(parts[0].toInt(&a), parts[1].toInt(&b));
    return a && b && out.width() >= 320 && out.height() >= 240;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tcpscope"));
    QApplication::setOrganizationName(QStringLiteral("TcpScope"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TcpScope: TCP/IP packets field by field."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption shot(QStringLiteral("screenshot"),
                            QStringLiteral("Render the main window to OUT.png and exit."),
                            QStringLiteral("OUT.png"));
    QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select frame number N."),
                              QStringLiteral("N"));
    QCommandLineOption field(QStringLiteral("field"),
                             QStringLiteral("Select this field (abbreviation)."),
                             QStringLiteral("ABBREV"));
    QCommandLineOption size(QStringLiteral("size"),
                            QStringLiteral("Window size for --screenshot (default 1280x800)."),
                            QStringLiteral("WxH"), QStringLiteral("1280x800"));
    QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Use a dark palette."));
    QCommandLineOption zoom(QStringLiteral("zoom"),
                            QStringLiteral("Font size steps (for projecting)."),
                            QStringLiteral("STEPS"), QStringLiteral("0"));
    parser.addOptions({shot, select, field, size, dark, zoom});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A pcap, pcapng or text dump to open."));
    parser.process(app);

    const bool screenshot = parser.isSet(shot);
    if (screenshot || parser.isSet(dark))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (parser.isSet(dark)) QApplication::setPalette(darkPalette());
    tcpscope::registerAllProtocols();

    tcpscope::ui::MainWindow window;
    window.setSamplesDir(findSamplesDir());
    window.setDarkColors(parser.isSet(dark));
    window.setZoom(parser.value(zoom).toInt());
    QSettings settings;
    if (!screenshot) {
        window.setRecentFiles(settings.value(QStringLiteral("recentFiles")).toStringList());
        QObject::connect(&window, &tcpscope::ui::MainWindow::recentFilesChanged, &window,
                         [&settings](const QStringList& files) {
                             settings.setValue(QStringLiteral("recentFiles"), files);
                         });
    }
    const QStringList files = parser.positionalArguments();

    if (screenshot) {
        QSize sz;
        if (!parseSize(parser.value(size), sz)) {
            std::fprintf(stderr, "tcpscope: --size wants WxH, e.g. 1280x800\n");
            return 2;
        }
        if (files.isEmpty()) {
            std::fprintf(stderr, "tcpscope: --screenshot needs a FILE\n");
            return 2;
        }
        window.resize(sz);
        if (!window.openFileSync(files.front())) {
            std::fprintf(stderr, "tcpscope: cannot read %s\n", qPrintable(files.front()));
            return 1;
        }
        window.show();
        QApplication::processEvents();
        if (parser.isSet(select) && !window.selectFrame(parser.value(select).toULongLong()))
            std::fprintf(stderr, "tcpscope: no frame %s\n", qPrintable(parser.value(select)));
        if (parser.isSet(field) && !window.selectField(parser.value(field)))
            std::fprintf(stderr, "tcpscope: no field %s in the selected packet\n",
                         qPrintable(parser.value(field)));
        for (int i = 0; i < 5; ++i) QApplication::processEvents();
        if (!window.grab().save(parser.value(shot))) {
            std::fprintf(stderr, "tcpscope: cannot write %s\n", qPrintable(parser.value(shot)));
            return 1;
        }
        return 0;
    }

    window.resize(1280, 800);
    window.show();
    if (!files.isEmpty()) window.openFile(files.front());
    return QApplication::exec();
}

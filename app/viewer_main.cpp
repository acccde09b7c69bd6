// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope: the Qt 6 viewer. `tcpscope [FILE]` opens the window; `tcpscope --screenshot OUT.png
// [--select N] [--field ABBREV] [--size WxH] [--dark] FILE` renders the main window at a fixed
// size to a PNG and exits (works with QT_QPA_PLATFORM=offscreen, for docs and CI);
// `--view ladder|states|connection|classroom|presentation [--stream K]` renders the connection
// views instead.
// `tcpscope --load-and-exit FILE` opens FILE as the window does (in the background loader),
// waits until every row is loaded and the tracker is done, prints the elapsed seconds, when the
// first rows were on screen (a large file's preview) and the peak memory, and exits (the
// benchmark's viewer run).
#include "connection_page.h"
#include "main_window.h"
#include "selection_controller.h"
#include "views/ladder_view.h"
#include "views/state_graph_view.h"

#include <tcpscope/field.h>
#include <tcpscope/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>

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
    QApplication::setApplicationVersion(QStringLiteral(TCPSCOPE_VERSION_STRING));

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
    QCommandLineOption view(
        QStringLiteral("view"),
        QStringLiteral(
            "With --screenshot: what to render. window (default), ladder or states (that "
            "diagram alone), connection (the window on its ladder and state graph "
            "page), classroom (that page in classroom mode, stepped to --select), "
            "presentation (the presentation view)."),
        QStringLiteral("VIEW"), QStringLiteral("window"));
    QCommandLineOption stream(
        QStringLiteral("stream"),
        QStringLiteral("The TCP stream (tcp.stream) the connection views show "
                       "(default: the selected packet's, else 0)."),
        QStringLiteral("K"));
    parser.addOptions({shot, select, field, size, dark, zoom, view, stream});
    QCommandLineOption loadAndExit(
        QStringLiteral("load-and-exit"),
        QStringLiteral("Open FILE, wait until it is fully loaded, print the time and peak memory, "
                       "exit."));
    parser.addOption(loadAndExit);
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
    if (!screenshot && !parser.isSet(loadAndExit)) { // benchmark runs leave no recent file
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
        const QString what = parser.value(view);
        const QStringList views = {QStringLiteral("window"),    QStringLiteral("ladder"),
                                   QStringLiteral("states"),    QStringLiteral("connection"),
                                   QStringLiteral("classroom"), QStringLiteral("presentation")};
        if (!views.contains(what)) {
            std::fprintf(stderr, "tcpscope: --view wants one of: %s\n",
                         qPrintable(views.join(QStringLiteral(", "))));
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
        tcpscope::ui::ConnectionPage* page = window.connectionPage();
        if (parser.isSet(stream)) {
            const uint32_t k = parser.value(stream).toUInt();
            const auto& conns = window.document()->tracker().connections();
            if (k >= conns.size()) {
                std::fprintf(stderr, "tcpscope: no TCP stream %u (this input has %zu)\n", k,
                             conns.size());
                return 2;
            }
            page->setStream(k);
            // The stream's first packet, unless --select chose one of its packets.
            const auto* a = window.document()->analysis(window.controller()->packet());
            if (!a || a->stream != k) page->setStep(1);
        }
        if (what != QStringLiteral("window")) window.showConnectionPage();
        if (what == QStringLiteral("classroom")) {
            const int step = page->step();
            page->setClassroom(true);
            if (step > 0) page->setStep(step);
        }
        if (what == QStringLiteral("presentation")) window.setPresentation(true, false);
        for (int i = 0; i < 5; ++i) QApplication::processEvents();
        QImage image;
        if (what == QStringLiteral("ladder"))
            image = page->ladder()->toImage(sz);
        else if (what == QStringLiteral("states"))
            image = page->stateGraph()->toImage(sz);
        else
            image = window.grab().toImage();
        if (!image.save(parser.value(shot))) {
            std::fprintf(stderr, "tcpscope: cannot write %s\n", qPrintable(parser.value(shot)));
            return 1;
        }
        return 0;
    }

    window.resize(1280, 800);
    window.show();
    if (parser.isSet(loadAndExit)) {
        if (files.isEmpty()) {
            std::fprintf(stderr, "tcpscope: --load-and-exit needs a FILE\n");
            return 2;
        }
        QElapsedTimer clock;
        clock.start();
        // When the first rows are on screen: a large file's preview, else the whole document.
        double firstRows = -1;
        QObject::connect(&window, &tcpscope::ui::MainWindow::documentShown, &window,
                         [&](const tcpscope::ui::DocumentPtr& shown) {
                             if (shown && !shown->rows().empty() && firstRows < 0)
                                 firstRows = double(clock.nsecsElapsed()) / 1e9;
                         });
        window.openFile(files.front());
        // Wait in the event loop (not spinning: the loader thread needs the CPU).
        QEventLoop wait;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
            if (window.document() && !window.document()->isPartial()) wait.quit();
        });
        poll.start(20);
        wait.exec();
        QApplication::processEvents(); // the views take the document
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto& doc = window.document();
        // Selecting a packet builds its tree on demand: time the last one's.
        QElapsedTimer treeClock;
        treeClock.start();
        if (!doc->rows().empty()) window.selectFrame(doc->rows().back().number);
        const double treeMs = double(treeClock.nsecsElapsed()) / 1e6;
        std::printf("loaded %zu rows (%zu TCP packets, %zu connections) in %.3f s, peak RSS %.0f "
                    "MB; first rows on screen after %.3f s; selecting the last packet took %.1f "
                    "ms\n",
                    doc->rows().size(), doc->tracker().packets().size(),
                    doc->tracker().connections().size(), seconds, double(usage.ru_maxrss) / 1024.0,
                    firstRows, treeMs);
        return doc->rows().empty() && doc->error() ? 1 : 0;
    }
    if (!files.isEmpty()) window.openFile(files.front());
    return QApplication::exec();
}

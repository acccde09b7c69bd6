// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope: the Qt 6 viewer. `tcpscope [FILE]` opens the window; `tcpscope --screenshot OUT.png
// [--select N] [--field ABBREV] [--size WxH] [--dark] FILE` renders the main window at a fixed
// size to a PNG and exits (on Qt's offscreen platform where there is no display: docs, CI);
// `--view ladder|states|connection|classroom|presentation [--stream K]` renders the connection
// views instead, `--view follow [--stream K]` the Follow TCP Stream dialog at --size,
// `--view graph:KIND [--stream K]` a TCP stream graph (stevens, tcptrace, throughput, rtt,
// rtt-seq, window) alone at --size. `tcpscope --bench-graph FILE [--stream K]` times building
// and drawing a stream graph at 1920x1080 (whole and zoomed in 10x) and exits.
// `tcpscope --load-and-exit FILE` opens FILE as the window does (in the background loader),
// waits until every row is loaded and the tracker is done, prints the elapsed seconds, when the
// first rows were on screen (a large file's preview) and the peak memory, and exits (the
// benchmark's viewer run).
#include "dialogs/byte_table_dialog.h"
#include "dialogs/follow_stream_dialog.h"
#include "dialogs/syn_queue_dialog.h"
#include "document/live_capture_controller.h"
#include "document/selection_controller.h"
#include "i18n.h"
#include "main_window.h"
#include "pages/connection_page.h"
#include "pages/packets_page.h"
#include "views/display_filter_bar.h"
#include "views/drawing_export.h"
#include "views/exercise_panel.h"
#include "views/ladder_view.h"
#include "views/state_graph_view.h"
#include "views/stream_graph_view.h"
#include "views/text_size_probe.h"

#include <tcpscope/field.h>
#include <tcpscope/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QScreen>
#include <QSettings>
#include <QStyleFactory>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include <sys/resource.h>

namespace {

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

// The command line, read once.
struct Options {
    bool screenshot = false;
    QString screenshotPath;
    std::optional<QString> select, field, stream, displayFilter, graphRange;
    QString size, view, layout;
    bool dark = false;
    bool figuresOnly = false;
    bool textSizes = false;
    int zoom = 0;
    bool loadAndExit = false;
    bool benchGraph = false;
    bool streamGraph = false;
    std::optional<QString> lang;
    int exerciseStep = 0; // --exercise-step (1-based; 0: the first)
    QStringList exerciseAnswers;
    bool exerciseReveal = false;
    QStringList files;
    QString capture, captureFilter; // --capture IF, --capture-filter
    uint64_t captureCount = 0;      // --capture-count
    double captureSeconds = 0;      // --capture-seconds
    bool captureReport = false;     // --capture-report
};

bool isExercise(const QString& file) {
    return file.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive);
}

// Live capture from the command line (--capture and its settings).
void addCaptureOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("capture"),
                      QStringLiteral("Capture live on INTERFACE (lo: the loopback) from the start, "
                                     "as Capture > Start does; with --screenshot, the shot is "
                                     "taken once the capture ends (--capture-count, "
                                     "--capture-seconds)."),
                      QStringLiteral("INTERFACE")});
    parser.addOption({QStringLiteral("capture-filter"),
                      QStringLiteral("The live capture's filter, in BPF syntax (pcap-filter(7))."),
                      QStringLiteral("FILTER")});
    parser.addOption({QStringLiteral("capture-count"),
                      QStringLiteral("Stop the live capture after N packets."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("capture-seconds"),
                      QStringLiteral("Stop the live capture after S seconds."),
                      QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("capture-report"),
         QStringLiteral("With --capture: run the capture offscreen until it ends, print the "
                        "packets captured and shown, the drops and the display lag, and exit "
                        "(bench.py's live benchmark).")});
}

void addOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("screenshot"),
         QStringLiteral("Render the main window to OUT.png (or OUT.svg) and exit."),
         QStringLiteral("OUT.png")},
        {QStringLiteral("select"), QStringLiteral("Select frame number N."), QStringLiteral("N")},
        {QStringLiteral("field"), QStringLiteral("Select this field (abbreviation)."),
         QStringLiteral("ABBREV")},
        {QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1280x800)."),
         QStringLiteral("WxH"), QStringLiteral("1280x800")},
        {QStringLiteral("dark"), QStringLiteral("Use a dark palette.")},
        {QStringLiteral("zoom"), QStringLiteral("Font size steps (for projecting)."),
         QStringLiteral("STEPS"), QStringLiteral("0")},
        {QStringLiteral("view"),
         QStringLiteral(
             "With --screenshot: what to render. window (default), ladder or states (that "
             "diagram alone), connection (the window on its ladder and state graph "
             "page), classroom (that page in classroom mode, stepped to --select), "
             "presentation (the presentation view), follow (the Follow TCP Stream dialog of "
             "--stream, at --size), graph:KIND (a TCP stream graph of --stream at --size; KIND "
             "stevens, tcptrace, throughput, rtt, rtt-seq or window), byte-table (the Byte Table "
             "window of --select, at --size), syn-queue (the SYN queue of --stream's server, "
             "else of the server with the most SYNs, at --size)."),
         QStringLiteral("VIEW"), QStringLiteral("window")},
        {QStringLiteral("layout"),
         QStringLiteral("With --view presentation: both (ladder and state graph, the default), "
                        "ladder, graph or packet (bytes and flags)."),
         QStringLiteral("L"), QStringLiteral("both")},
        {QStringLiteral("figures-only"),
         QStringLiteral("With --view presentation: hide the caption and the controls.")},
        {QStringLiteral("text-sizes"),
         QStringLiteral("With --screenshot: print the smallest text each shown part painted "
                        "(font pixel size on screen) and the text, one part a line.")},
        {QStringLiteral("display-filter"),
         QStringLiteral("Apply this display filter (one that does not compile is left typed in "
                        "the bar, red, with its error)."),
         QStringLiteral("FILTER")},
        {QStringLiteral("stream"),
         QStringLiteral("The TCP stream (tcp.stream) the connection and follow views show "
                        "(default: the selected packet's, else 0)."),
         QStringLiteral("K")},
    });
    parser.addOption(
        {QStringLiteral("load-and-exit"),
         QStringLiteral("Open FILE, wait until it is fully loaded, print the time and peak "
                        "memory, exit.")});
    parser.addOption({QStringLiteral("stream-graph"),
                      QStringLiteral("With --view connection, classroom or presentation: show "
                                     "the tcptrace graph under the ladder.")});
    parser.addOption({QStringLiteral("graph-range"),
                      QStringLiteral("With --view graph:KIND: show only X0 to X1 on the "
                                     "horizontal axis (seconds, or bytes for rtt-seq)."),
                      QStringLiteral("X0:X1")});
    parser.addOption(
        {QStringLiteral("bench-graph"),
         QStringLiteral("Open FILE, build the TCP stream graph of --stream (default: the one with "
                        "the most segments), draw it at 1920x1080 whole and zoomed in 10x, print "
                        "the times, exit.")});
    parser.addOption(
        {QStringLiteral("lang"),
         QStringLiteral(
             "The language: system, en or zh_CN (default: the choice of "
             "View > Language, else the system's; --screenshot, --load-and-exit: en). Not "
             "remembered."),
         QStringLiteral("LANG")});
    parser.addOption({QStringLiteral("exercise-step"),
                      QStringLiteral("With an exercise (FILE.json): go to its step N."),
                      QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("exercise-answer"),
         QStringLiteral("With an exercise: answer the step's next item (repeat it for each)."),
         QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("exercise-reveal"),
                      QStringLiteral("With an exercise: reveal the step after answering.")});
    addCaptureOptions(parser);
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("A pcap, pcapng or text dump to open, or an exercise (.json)."));
}

// Parses the command line; --help, --version and errors exit here.
Options parseOptions(const QApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TcpScope: TCP/IP packets field by field."));
    parser.addHelpOption();
    parser.addVersionOption();
    addOptions(parser);
    parser.process(app);
    auto optional = [&](const char* name) -> std::optional<QString> {
        const QString n = QLatin1String(name);
        return parser.isSet(n) ? std::optional<QString>(parser.value(n)) : std::nullopt;
    };
    Options o;
    o.screenshot = parser.isSet(QStringLiteral("screenshot"));
    o.screenshotPath = parser.value(QStringLiteral("screenshot"));
    o.select = optional("select");
    o.displayFilter = optional("display-filter");
    o.field = optional("field");
    o.stream = optional("stream");
    o.graphRange = optional("graph-range");
    o.size = parser.value(QStringLiteral("size"));
    o.view = parser.value(QStringLiteral("view"));
    o.layout = parser.value(QStringLiteral("layout"));
    o.figuresOnly = parser.isSet(QStringLiteral("figures-only"));
    o.textSizes = parser.isSet(QStringLiteral("text-sizes"));
    o.dark = parser.isSet(QStringLiteral("dark"));
    o.zoom = parser.value(QStringLiteral("zoom")).toInt();
    o.loadAndExit = parser.isSet(QStringLiteral("load-and-exit"));
    o.benchGraph = parser.isSet(QStringLiteral("bench-graph"));
    o.streamGraph = parser.isSet(QStringLiteral("stream-graph"));
    o.lang = optional("lang");
    if (o.lang && !tcpscope::ui::languageChoices().contains(*o.lang)) {
        std::fprintf(stderr, "tcpscope: --lang needs system, en or zh_CN, not \"%s\"\n",
                     qPrintable(*o.lang));
        std::exit(2);
    }
    o.exerciseStep = parser.value(QStringLiteral("exercise-step")).toInt();
    o.exerciseAnswers = parser.values(QStringLiteral("exercise-answer"));
    o.exerciseReveal = parser.isSet(QStringLiteral("exercise-reveal"));
    o.files = parser.positionalArguments();
    o.capture = parser.value(QStringLiteral("capture"));
    o.captureFilter = parser.value(QStringLiteral("capture-filter"));
    o.captureCount = parser.value(QStringLiteral("capture-count")).toULongLong();
    o.captureSeconds = parser.value(QStringLiteral("capture-seconds")).toDouble();
    o.captureReport = parser.isSet(QStringLiteral("capture-report"));
    return o;
}

// The style, the window's settings and the recent files (kept in `settings`, except for
// screenshots and benchmark runs).
void applySettings(tcpscope::ui::MainWindow& window, const Options& o, QSettings& settings) {
    window.setSamplesDir(findSamplesDir());
    window.setDarkColors(o.dark);
    window.setZoom(o.zoom);
    if (o.screenshot || o.loadAndExit || o.captureReport) return;
    // Edit > Preferences, as last left; --dark and --zoom given now win.
    tcpscope::ui::Preferences prefs = tcpscope::ui::Preferences::load(settings);
    if (o.dark) prefs.colors = tcpscope::ui::Preferences::Colors::Dark;
    if (o.zoom) prefs.zoom = o.zoom;
    window.setPreferences(prefs);
    QObject::connect(qApp, &QCoreApplication::aboutToQuit, &window,
                     [&window, &settings] { window.preferences().save(settings); });
    // The display filter bar's history and saved filters.
    tcpscope::ui::DisplayFilterBar* bar = window.packetsPage()->displayFilterBar();
    bar->setStore(tcpscope::ui::FilterStore::load(settings));
    QObject::connect(
        bar, &tcpscope::ui::DisplayFilterBar::storeChanged, &window,
        [&settings](const tcpscope::ui::FilterStore& store) { store.store(settings); });
    window.setRecentFiles(settings.value(QStringLiteral("recentFiles")).toStringList());
    QObject::connect(&window, &tcpscope::ui::MainWindow::recentFilesChanged, &window,
                     [&settings](const QStringList& files) {
                         settings.setValue(QStringLiteral("recentFiles"), files);
                     });
}

std::optional<tcpscope::ui::ConnectionPage::FigureLayout> figureLayout(const QString& name) {
    using L = tcpscope::ui::ConnectionPage::FigureLayout;
    if (name == u"both") return L::Both;
    if (name == u"ladder") return L::Ladder;
    if (name == u"graph") return L::Graph;
    if (name == u"packet") return L::Packet;
    return std::nullopt;
}

// --screenshot's size and view, or a message and the exit code.
int checkScreenshotOptions(const Options& o, QSize& size) {
    if (!parseSize(o.size, size)) {
        std::fprintf(stderr, "tcpscope: --size wants WxH, e.g. 1280x800\n");
        return 2;
    }
    if (o.files.isEmpty() && o.capture.isEmpty()) {
        std::fprintf(stderr, "tcpscope: --screenshot needs a FILE or --capture\n");
        return 2;
    }
    const QStringList views = {
        QStringLiteral("window"),     QStringLiteral("ladder"),     QStringLiteral("states"),
        QStringLiteral("connection"), QStringLiteral("classroom"),  QStringLiteral("presentation"),
        QStringLiteral("follow"),     QStringLiteral("byte-table"), QStringLiteral("syn-queue")};
    tcpscope::GraphKind kind{};
    const bool graph = o.view.startsWith(QStringLiteral("graph:")) &&
                       tcpscope::parseGraphKind(o.view.mid(6).toStdString(), kind);
    if (!views.contains(o.view) && !graph) {
        std::fprintf(stderr,
                     "tcpscope: --view wants one of: %s, graph:stevens, graph:tcptrace, "
                     "graph:throughput, graph:rtt, graph:rtt-seq, graph:window\n",
                     qPrintable(views.join(QStringLiteral(", "))));
        return 2;
    }
    if (!figureLayout(o.layout)) {
        std::fprintf(stderr, "tcpscope: --layout wants both, ladder, graph or packet\n");
        return 2;
    }
    return 0;
}

// --select, --field and --stream; a stream the input does not have is an error (exit code 2).
int selectForScreenshot(tcpscope::ui::MainWindow& window, const Options& o) {
    if (o.select && !window.selectFrame(o.select->toULongLong()))
        std::fprintf(stderr, "tcpscope: no frame %s\n", qPrintable(*o.select));
    if (o.field && !window.selectField(*o.field))
        std::fprintf(stderr, "tcpscope: no field %s in the selected packet\n",
                     qPrintable(*o.field));
    if (!o.stream) return 0;
    const uint32_t k = o.stream->toUInt();
    const auto& conns = window.document()->tracker().connections();
    if (k >= conns.size()) {
        std::fprintf(stderr, "tcpscope: no TCP stream %u (this input has %zu)\n", k, conns.size());
        return 2;
    }
    tcpscope::ui::ConnectionPage* page = window.connectionPage();
    page->setStream(k);
    // The stream's first packet, unless --select chose one of its packets.
    const auto* a = window.document()->analysis(window.controller()->packet());
    if (!a || a->stream != k) page->setStep(1);
    return 0;
}

// Processes events until no widget of the window has moved or resized for three rounds in a
// row: layouts, splitters, scroll bars and size-adjusting combo boxes settle one another over
// several passes, and a fixed number of passes left some of them half done.
void settle(QWidget& window) {
    const auto signature = [&window] {
        QString sig;
        for (const QWidget* w : window.findChildren<QWidget*>()) {
            if (!w->isVisible()) continue;
            const QRect r = w->geometry();
            sig +=
                QStringLiteral("%1,%2,%3,%4;").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
        }
        return sig;
    };
    QString last;
    int stable = 0;
    for (int round = 0; round < 500 && stable < 3; ++round) {
        QApplication::sendPostedEvents();
        QApplication::processEvents(QEventLoop::AllEvents, 10);
        const QString sig = signature();
        stable = sig == last ? stable + 1 : 0;
        last = sig;
    }
}

// Shows --view with --layout and --figures-only, and lets it settle.
void showView(tcpscope::ui::MainWindow& window, const Options& o) {
    tcpscope::ui::ConnectionPage* page = window.connectionPage();
    if (o.view != QStringLiteral("window")) window.showConnectionPage();
    if (o.streamGraph) page->setStreamGraphShown(true);
    if (o.view == QStringLiteral("classroom")) {
        const int step = page->step();
        page->setClassroom(true);
        if (step > 0) page->setStep(step);
    }
    if (o.view == QStringLiteral("presentation")) {
        window.setPresentation(true, false);
        page->setFigureLayout(*figureLayout(o.layout));
        page->setFiguresOnly(o.figuresOnly);
    }
    settle(window);
}

// --text-sizes: the smallest text each shown part paints, measured by rendering the part into
// a TextSizeProbe, then the whole window's.
void printTextSizes(tcpscope::ui::MainWindow& window, const QString& view) {
    std::vector<std::pair<QString, QWidget*>> parts;
    if (view == QStringLiteral("window"))
        parts.emplace_back(QStringLiteral("window"), &window);
    else
        parts = window.connectionPage()->shownParts();
    for (const auto& [name, widget] : parts) {
        tcpscope::ui::TextSizeProbe probe(widget->size());
        widget->render(&probe);
        const auto* t = probe.smallest();
        std::printf("%s\t%.1f\t%s\n", qPrintable(name), t ? t->px : 0.0,
                    t ? qPrintable(t->text.simplified()) : "");
    }
}

// Writes --view to `path`: PNG, or SVG when the name ends in .svg. The ladder is laid out
// `size.width()` wide and as tall as it is; the state graph is `size.width()` wide; the other
// views are the window as shown.
bool writeView(tcpscope::ui::MainWindow& window, const QString& what, QSize size,
               const QString& path) {
    tcpscope::ui::ConnectionPage* page = window.connectionPage();
    const bool svg = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive);
    if (what == QStringLiteral("ladder"))
        return svg ? page->ladder()->saveSvg(path, size.width())
                   : page->ladder()->exportImage(size.width(), 1).save(path);
    if (what == QStringLiteral("states")) {
        tcpscope::ui::StateGraphView* graph = page->stateGraph();
        const double scale = size.width() / graph->exportSize().width();
        if (!svg) return graph->exportImage(scale).save(path);
        return tcpscope::ui::writeSvg(
            path, graph->exportSize() * scale, QStringLiteral("TCP connection states (RFC 9293)"),
            {}, [&](QPainter& p) {
                graph->render(&p, QRectF(QPointF(0, 0), graph->exportSize() * scale));
            });
    }
    if (!svg) return window.grab().toImage().save(path);
    return tcpscope::ui::writeSvg(path, QSizeF(window.size()), QStringLiteral("TcpScope"),
                                  page->captionText(), [&](QPainter& p) {
                                      p.fillRect(window.rect(),
                                                 window.palette().color(QPalette::Window));
                                      window.render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
                                  });
}

// A dialog alone, `size` large, as PNG or (by the name's end) SVG; the exit code.
int writeDialog(QDialog& dialog, QSize size, const QString& path, const QString& description) {
    dialog.resize(size);
    settle(dialog);
    const bool written =
        !path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)
            ? dialog.grab().toImage().save(path)
            : tcpscope::ui::writeSvg(
                  path, QSizeF(dialog.size()), dialog.windowTitle(), description, [&](QPainter& p) {
                      p.fillRect(dialog.rect(), dialog.palette().color(QPalette::Window));
                      dialog.render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
                  });
    if (!written) std::fprintf(stderr, "tcpscope: cannot write %s\n", qPrintable(path));
    return written ? 0 : 1;
}

// --view follow: the Follow TCP Stream dialog of --stream (else the selected packet's, else 0)
// alone, `size` large; the exit code.
int writeFollow(tcpscope::ui::MainWindow& window, const Options& o, QSize size,
                const QString& path) {
    const auto* a = window.document()->analysis(window.controller()->packet());
    const uint32_t k = o.stream ? o.stream->toUInt() : a ? a->stream : 0;
    tcpscope::ui::FollowStreamDialog* dialog = window.followStream(k);
    if (!dialog) {
        std::fprintf(stderr, "tcpscope: no TCP stream %u to follow\n", k);
        return 2;
    }
    return writeDialog(*dialog, size, path, dialog->statusText());
}

// --view graph:KIND: the stream graph of --stream (else the selected packet's, else 0) in the
// direction Wireshark would graph for the selected packet (else the server's), `size` large,
// the selected packet as its cursor; the exit code.
int writeGraph(tcpscope::ui::MainWindow& window, const Options& o, QSize size,
               const QString& path) {
    const auto& doc = window.document();
    const int row = window.controller()->packet();
    const auto* a = row >= 0 ? doc->analysis(size_t(row)) : nullptr;
    const uint32_t k = o.stream ? o.stream->toUInt() : a ? a->stream : 0;
    const bool fromServer =
        a && a->stream == k ? tcpscope::graphDirectionFor(*doc, size_t(row)) : true;
    tcpscope::GraphKind kind{};
    tcpscope::parseGraphKind(o.view.mid(6).toStdString(), kind);
    tcpscope::ui::StreamGraphView view;
    view.setGraph(tcpscope::buildStreamGraph(*doc, k, fromServer));
    if (!view.graph().found) {
        std::fprintf(stderr, "tcpscope: no TCP stream %u to graph\n", k);
        return 2;
    }
    view.setKind(kind);
    view.setSelectedPacket(o.select ? row : -1);
    view.resize(size);
    if (o.graphRange) {
        const QStringList ends = o.graphRange->split(u':');
        bool a = false, b = false;
        const double x0 = ends.value(0).toDouble(&a), x1 = ends.value(1).toDouble(&b);
        if (ends.size() != 2 || !a || !b || !(x1 > x0)) {
            std::fprintf(stderr, "tcpscope: --graph-range wants X0:X1, e.g. 0:0.004\n");
            return 2;
        }
        view.setTimeRange(x0, x1);
    }
    const bool written = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)
                             ? view.saveSvg(path, size)
                             : view.renderImage(size).save(path);
    if (!written) std::fprintf(stderr, "tcpscope: cannot write %s\n", qPrintable(path));
    return written ? 0 : 1;
}

// An exercise for --screenshot: opened, at --exercise-step, answered and revealed as asked.
int openExerciseForScreenshot(tcpscope::ui::MainWindow& window, const Options& o) {
    QString error;
    if (!window.openExercise(o.files.front(), &error)) {
        std::fprintf(stderr, "tcpscope: %s\n", qPrintable(error));
        return 1;
    }
    tcpscope::ui::ExercisePanel* panel = window.exercisePanel();
    if (o.exerciseStep > 0) panel->showStep(o.exerciseStep - 1);
    for (int i = 0; i < o.exerciseAnswers.size(); ++i) panel->setAnswer(i, o.exerciseAnswers[i]);
    if (o.exerciseReveal) panel->reveal();
    return 0;
}

// --capture: a live capture from the start, stopped after --capture-seconds if given (it stops
// itself after --capture-count). False when it cannot start.
bool startLiveCapture(tcpscope::ui::MainWindow& window, const Options& o) {
    tcpscope::CaptureOptions c;
    c.interface = o.capture.toStdString();
    c.filter = o.captureFilter.toStdString();
    c.count = o.captureCount;
    if (!window.startCapture(c)) {
        std::fprintf(stderr, "tcpscope: %s\n", qPrintable(window.warningBar()->text()));
        return false;
    }
    if (o.captureSeconds > 0)
        QTimer::singleShot(int(o.captureSeconds * 1000), &window,
                           [&window] { window.stopCapture(); });
    return true;
}

// Runs a --capture until it ends, the window shown if asked; false when it could not start.
// `error` says why it ended early, empty when it was stopped or reached its count.
bool captureUntilEnded(tcpscope::ui::MainWindow& window, const Options& o, bool show,
                       QString& error) {
    window.setAskBeforeDiscarding(false);
    QEventLoop wait;
    QObject::connect(&window, &tcpscope::ui::MainWindow::captureEnded, &wait,
                     [&](const QString& e) {
                         error = e;
                         wait.quit();
                     });
    if (!startLiveCapture(window, o)) return false;
    if (show) window.show();
    wait.exec();
    if (!error.isEmpty()) std::fprintf(stderr, "tcpscope: %s\n", qPrintable(error));
    return true;
}

// --capture-report: the capture until it ends, then one line of numbers.
int runCaptureReport(tcpscope::ui::MainWindow& window, const Options& o) {
    QString error;
    // A display filter applied before the capture applies to every snapshot as it comes.
    if (o.displayFilter && !window.packetsPage()->applyDisplayFilter(*o.displayFilter)) {
        std::fprintf(stderr, "tcpscope: not a display filter: %s\n", qPrintable(*o.displayFilter));
        return 2;
    }
    if (!captureUntilEnded(window, o, false, error)) return 1;
    while (window.packetsPage()->filterBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const tcpscope::ui::LiveCaptureController& live = *window.liveCapture();
    std::vector<double> lags = live.lags();
    std::sort(lags.begin(), lags.end());
    const tcpscope::CaptureStats st = live.stats();
    std::printf("received %llu shown %zu snapshots %zu lag_median_s %.3f lag_max_s %.3f "
                "dropped %llu lost %llu\n",
                (unsigned long long)live.received(),
                window.document() ? window.document()->size() : size_t(0), lags.size(),
                lags.empty() ? 0.0 : lags[lags.size() / 2], lags.empty() ? 0.0 : lags.back(),
                (unsigned long long)(st.dropped + st.ifDropped), (unsigned long long)st.lost);
    if (o.displayFilter)
        std::printf("display_filter_rows %d\n", window.packetsPage()->packetModel()->rowCount());
    return error.isEmpty() ? 0 : 1;
}

// --screenshot --capture: captures until the capture ends, then the shot as of a file.
int captureForScreenshot(tcpscope::ui::MainWindow& window, const Options& o) {
    if (o.captureCount == 0 && o.captureSeconds <= 0) {
        std::fprintf(stderr, "tcpscope: --screenshot --capture needs --capture-count or "
                             "--capture-seconds\n");
        return 2;
    }
    QString error;
    return captureUntilEnded(window, o, true, error) ? 0 : 1;
}

// --screenshot: open FILE at the given size, select, show the view, let it settle, write it.
int runScreenshot(tcpscope::ui::MainWindow& window, const Options& o) {
    QSize size;
    if (const int rc = checkScreenshotOptions(o, size)) return rc;
    window.resize(size);
    if (!o.capture.isEmpty()) {
        if (const int rc = captureForScreenshot(window, o)) return rc;
    } else if (isExercise(o.files.front())) {
        if (const int rc = openExerciseForScreenshot(window, o)) return rc;
    } else if (!window.openFileSync(o.files.front())) {
        // The warning bar's text: what could not be read, and why.
        QString why = window.warningBar()->text();
        std::fprintf(stderr, "tcpscope: %s\n",
                     qPrintable(why.isEmpty() ? QStringLiteral("cannot read ") + o.files.front()
                                              : why.remove(QStringLiteral("⚠ "))));
        return 1;
    }
    window.show();
    settle(window);
    if (o.displayFilter) {
        window.packetsPage()->applyDisplayFilter(*o.displayFilter);
        while (window.packetsPage()->filterBusy())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        settle(window);
    }
    if (const int rc = selectForScreenshot(window, o)) return rc;
    if (o.view == QStringLiteral("follow")) return writeFollow(window, o, size, o.screenshotPath);
    if (o.view == QStringLiteral("byte-table"))
        return writeDialog(*window.showByteTable(), size, o.screenshotPath, {});
    if (o.view == QStringLiteral("syn-queue")) {
        const auto stream = o.stream ? std::optional<uint32_t>(o.stream->toUInt()) : std::nullopt;
        return writeDialog(*window.showSynQueue(stream), size, o.screenshotPath, {});
    }
    if (o.view.startsWith(QStringLiteral("graph:")))
        return writeGraph(window, o, size, o.screenshotPath);
    showView(window, o);
    if (o.textSizes) printTextSizes(window, o.view);
    if (!writeView(window, o.view, size, o.screenshotPath)) {
        std::fprintf(stderr, "tcpscope: cannot write %s\n", qPrintable(o.screenshotPath));
        return 1;
    }
    return 0;
}

// Waits in the event loop (not spinning: the loader thread needs the CPU) until the window's
// document is complete: from the moment the window shows it, or the poll sees it there (a
// document shown before the wait began).
void waitUntilLoaded(tcpscope::ui::MainWindow& window) {
    QEventLoop wait;
    QTimer poll;
    const auto quitWhenComplete = [&] {
        if (window.document() && !window.document()->isPartial()) wait.quit();
    };
    QObject::connect(&poll, &QTimer::timeout, &wait, quitWhenComplete);
    QObject::connect(&window, &tcpscope::ui::MainWindow::documentShown, &wait, quitWhenComplete);
    poll.start(20);
    wait.exec();
    QApplication::processEvents(); // the views take the document
}

// --load-and-exit: the benchmark's viewer run.
int runLoadAndExit(tcpscope::ui::MainWindow& window, const Options& o) {
    if (o.files.isEmpty()) {
        std::fprintf(stderr, "tcpscope: --load-and-exit needs a FILE\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    // When the first rows are on screen: a large file's preview, else the whole document.
    double firstRows = -1;
    QObject::connect(&window, &tcpscope::ui::MainWindow::documentShown, &window,
                     [&](const tcpscope::ui::DocumentPtr& shown) {
                         if (shown && !shown->records().empty() && firstRows < 0)
                             firstRows = double(clock.nsecsElapsed()) / 1e9;
                     });
    window.openFile(o.files.front());
    waitUntilLoaded(window);
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto& doc = window.document();
    // Selecting a packet builds its tree on demand: time the last one's.
    QElapsedTimer treeClock;
    treeClock.start();
    if (!doc->records().empty()) window.selectFrame(doc->records().back().number);
    const double treeMs = double(treeClock.nsecsElapsed()) / 1e6;
    std::printf("loaded %zu rows (%zu TCP packets, %zu connections) in %.3f s, peak RSS %.0f "
                "MB; first rows on screen after %.3f s; selecting the last packet took %.1f "
                "ms\n",
                doc->records().size(), doc->tracker().packets().size(),
                doc->tracker().connections().size(), seconds, double(usage.ru_maxrss) / 1024.0,
                firstRows, treeMs);
    return doc->records().empty() && doc->error() ? 1 : 0;
}

// --bench-graph: build the stream graph of --stream (else the one with the most segments) and
// draw it offscreen at 1920x1080, whole and zoomed in 10x around its middle.
int runBenchGraph(const Options& o) {
    if (o.files.isEmpty()) {
        std::fprintf(stderr, "tcpscope: --bench-graph needs a FILE\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    const tcpscope::ui::DocumentPtr doc = tcpscope::ui::openDocument(o.files.front());
    if (!doc || doc->tracker().connections().empty()) {
        std::fprintf(stderr, "tcpscope: no TCP stream in %s\n", qPrintable(o.files.front()));
        return 1;
    }
    const double loadMs = double(clock.nsecsElapsed()) / 1e6;
    uint32_t k = o.stream ? o.stream->toUInt() : 0;
    if (!o.stream) { // the connection with the most packets
        std::vector<size_t> count(doc->tracker().connections().size());
        for (size_t i = 0; i < doc->records().size(); ++i)
            if (const auto a = doc->brief(i)) ++count[a->stream];
        k = uint32_t(std::max_element(count.begin(), count.end()) - count.begin());
    }
    clock.restart();
    tcpscope::StreamGraph g = tcpscope::buildStreamGraph(*doc, k, true);
    if (g.bytes == 0) g = tcpscope::buildStreamGraph(*doc, k, false);
    const double buildMs = double(clock.nsecsElapsed()) / 1e6;
    const size_t segments = g.segments.size(), acks = g.acks.size();
    tcpscope::ui::StreamGraphView view;
    view.resize(1920, 1080);
    clock.restart();
    view.setGraph(std::move(g));
    const double seriesMs = double(clock.nsecsElapsed()) / 1e6;
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const auto draw = [&] {
        QElapsedTimer t;
        t.start();
        QPainter p(&image);
        view.paintGraph(p, QRectF(0, 0, 1920, 1080));
        return double(t.nsecsElapsed()) / 1e6;
    };
    const double drawMs = draw();
    const QRectF full = view.visibleRange();
    view.setVisibleRange(
        QRectF(full.center() - QPointF(full.width(), full.height()) / 20, full.size() / 10));
    const double zoomedMs = draw();
    std::printf("stream %u: %zu segments, %zu ACKs (capture read in %.0f ms)\n", k, segments, acks,
                loadMs);
    std::printf("graph build ms %.1f\nseries ms %.1f\ndraw ms %.1f\nzoomed draw ms %.1f\n", buildMs,
                seriesMs, drawMs, zoomedMs);
    return 0;
}

// Where there is no display (no DISPLAY or WAYLAND_DISPLAY, as over ssh or in CI) and no
// platform was chosen: what draws nothing on screen (--help, --version, --screenshot, the
// benchmark runs) runs on Qt's offscreen platform; a window has nowhere to go, so the viewer
// says so and exits with 1 instead of Qt's abort. Whether to go on.
bool chooseHeadlessPlatform(int argc, char** argv) {
#ifdef __linux__
    auto set = [](const char* name) {
        const char* v = std::getenv(name);
        return v && *v;
    };
    if (set("QT_QPA_PLATFORM") || set("DISPLAY") || set("WAYLAND_DISPLAY")) return true;
    static constexpr std::string_view kHeadless[] = {"-h",
                                                     "--help",
                                                     "--help-all",
                                                     "-v",
                                                     "--version",
                                                     "--screenshot",
                                                     "--load-and-exit",
                                                     "--bench-graph",
                                                     "--capture-report"};
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") break;
        const std::string_view name = arg.substr(0, arg.find('='));
        if (std::find(std::begin(kHeadless), std::end(kHeadless), name) != std::end(kHeadless)) {
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
            return true;
        }
    }
    std::fprintf(stderr, "%s",
                 "tcpscope: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
                 "is set).\nRun it in a desktop session, render a file headless with "
                 "`tcpscope --screenshot OUT.png FILE`,\nor decode it with tcpscope-cli.\n");
    return false;
#else
    (void)argc, (void)argv;
    return true;
#endif
}

} // namespace

int main(int argc, char** argv) {
    if (!chooseHeadlessPlatform(argc, argv)) return 1;
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tcpscope"));
    QApplication::setOrganizationName(QStringLiteral("TcpScope"));
    QApplication::setApplicationVersion(QStringLiteral(TCPSCOPE_VERSION_STRING));
    const Options options = parseOptions(app);
    if (options.screenshot || options.dark)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (options.dark) QApplication::setPalette(tcpscope::ui::darkPalette());
    tcpscope::registerAllProtocols();
    // Before any window or load: the texts are made in the chosen language from the start.
    // Screenshots and benchmark runs are English unless --lang says otherwise.
    const bool scripted =
        options.screenshot || options.loadAndExit || options.benchGraph || options.captureReport;
    tcpscope::ui::installLanguage(options.lang ? *options.lang
                                  : scripted   ? QStringLiteral("en")
                                               : tcpscope::ui::savedLanguageChoice(QSettings()));

    if (options.benchGraph) return runBenchGraph(options);

    tcpscope::ui::MainWindow window;
    QSettings settings;
    applySettings(window, options, settings);
    if (options.screenshot) return runScreenshot(window, options);
    if (options.captureReport && !options.capture.isEmpty())
        return runCaptureReport(window, options);
    // 1280x800, or less on a small screen (a 2560x1440 screen at scale 2 offers 1280x720).
    const QScreen* screen = QGuiApplication::primaryScreen();
    window.resize(tcpscope::ui::MainWindow::initialSize(screen ? screen->availableGeometry().size()
                                                               : QSize(1280, 800)));
    window.show();
    if (options.loadAndExit) return runLoadAndExit(window, options);
    if (!options.capture.isEmpty()) {
        startLiveCapture(window, options);
    } else if (!options.files.isEmpty()) {
        if (isExercise(options.files.front()))
            window.openExercise(options.files.front());
        else
            window.openFile(options.files.front());
    }
    return QApplication::exec();
}

// SPDX-License-Identifier: GPL-2.0-or-later
// The presentation view as a class sees it, and the figures' exports, checked through the
// viewer itself (`tcpscope --screenshot ... --text-sizes`, SVG and PNG files) and in process:
// - at 1024x768, 1280x720 and 1920x1080, in each layout, every shown part paints no text
//   smaller than kMinPresentationTextPx (measured by rendering it into a TextSizeProbe): the
//   state graph shows the part around the current states where its whole figure would be
//   smaller, and the whole figure where it has the room (see stateGraphTextSize below);
// - stepping through a connection does not move or resize any figure;
// - the ladder, state graph, connection page and Follow TCP Stream SVGs are well-formed XML
//   (xmllint) and render (rsvg-convert) at the size of the PNG of the same view, with about as
//   much ink; the Follow TCP Stream PNG has the client's and server's colours, light and dark.
// Runs headless (QT_QPA_PLATFORM=offscreen); the viewer is TCPSCOPE_VIEWER.
#include "i18n.h"
#include "main_window.h"
#include "pages/connection_page.h"
#include "views/follow_text.h"
#include "views/ladder_view.h"
#include "views/presentation.h"
#include "views/state_graph_view.h"

#include <tcpscope/field.h>

#include <QFontInfo>
#include <QHash>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace tcpscope;
using namespace tcpscope::ui;

namespace {

QString sample(const QString& name) {
    return QStringLiteral(TCPSCOPE_SOURCE_DIR "/samples/") + name;
}

// Runs a program with QT_QPA_PLATFORM=offscreen: its stdout, or nothing when it failed.
std::optional<QString> run(const QString& program, const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit ||
        p.exitCode() != 0) {
        qWarning("%s %s failed: %s", qPrintable(program), qPrintable(args.join(u' ')),
                 p.readAllStandardError().constData());
        return std::nullopt;
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// `--text-sizes` output: part -> smallest text in pixels (and the text, for messages).
QHash<QString, std::pair<double, QString>> parseTextSizes(const QString& out) {
    QHash<QString, std::pair<double, QString>> sizes;
    for (const QString& line : out.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList f = line.split(u'\t');
        if (f.size() >= 2) sizes.insert(f[0], {f[1].toDouble(), f.value(2)});
    }
    return sizes;
}

// The pixels of an image that differ from its most common colour (its background).
qsizetype inkPixels(const QImage& image) {
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    QHash<QRgb, qsizetype> counts;
    for (int y = 0; y < img.height(); ++y) {
        const auto* row = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) ++counts[row[x]];
    }
    qsizetype most = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) most = std::max(most, it.value());
    return qsizetype(img.width()) * img.height() - most;
}

} // namespace

class PresentationTests : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        registerAllProtocols();
        QVERIFY2(QFileInfo::exists(QStringLiteral(TCPSCOPE_VIEWER)), TCPSCOPE_VIEWER);
    }

    void textSizes_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("select");
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QString>("lang");
        const std::pair<const char*, const char*> samples[] = {{"lifecycle-seed-session.pcap", "5"},
                                                               {"zero-window.pcap", "24"},
                                                               {"retransmission-dupack.pcap", "8"},
                                                               {"simultaneous-close.pcap", "6"},
                                                               {"syn-flood.pcap", "3"}};
        const char* sizes[] = {"1024x768", "1280x720", "1920x1080"};
        const char* layouts[] = {"both", "ladder", "graph", "packet"};
        for (size_t n = 0; n < std::size(samples); ++n)
            for (const char* size : sizes)
                for (const char* layout : layouts) {
                    // Every layout for two samples, the default one for the others.
                    if (n >= 2 && QLatin1String(layout) != QLatin1String("both")) continue;
                    const auto [file, select] = samples[n];
                    QTest::addRow("%s %s %s", file, size, layout)
                        << QString::fromLatin1(file) << QString::fromLatin1(select)
                        << QString::fromLatin1(size) << QString::fromLatin1(layout)
                        << (QLatin1String(size) == QLatin1String("1280x720"))
                        << QStringLiteral("en");
                }
        // In Chinese: the captions are longer on screen, the state names carry their meaning.
        for (const char* file : {"lifecycle-seed-session.pcap", "syn-flood.pcap"})
            for (const char* size : {"1280x720", "1920x1080"})
                for (const char* layout : {"both", "packet"})
                    QTest::addRow("%s %s %s zh_CN", file, size, layout)
                        << QString::fromLatin1(file) << QStringLiteral("3")
                        << QString::fromLatin1(size) << QString::fromLatin1(layout) << false
                        << QStringLiteral("zh_CN");
    }

    // Each shown part's smallest text is at least the minimum; the state graph is reported.
    void textSizes() {
        QFETCH(QString, file);
        QFETCH(QString, select);
        QFETCH(QString, size);
        QFETCH(QString, layout);
        QFETCH(bool, dark);
        QFETCH(QString, lang);
        QTemporaryDir dir;
        QStringList args = {QStringLiteral("--lang"),       lang,
                            QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("p.png")),
                            QStringLiteral("--view"),       QStringLiteral("presentation"),
                            QStringLiteral("--size"),       size,
                            QStringLiteral("--layout"),     layout,
                            QStringLiteral("--select"),     select,
                            QStringLiteral("--text-sizes"), sample(file)};
        if (dark) args << QStringLiteral("--dark");
        const auto sizes = parseTextSizes(run(QStringLiteral(TCPSCOPE_VIEWER), args).value_or(""));
        // The window kept the projector's size (controls too wide for 1024 pixels made it
        // grow, and the screenshot with it).
        QCOMPARE(QImage(dir.filePath(QStringLiteral("p.png"))).size(),
                 QSize(size.section(u'x', 0, 0).toInt(), size.section(u'x', 1, 1).toInt()));
        QVERIFY(sizes.contains(QStringLiteral("caption")));
        QVERIFY(sizes.contains(QStringLiteral("controls")));
        for (auto it = sizes.cbegin(); it != sizes.cend(); ++it) {
            const auto& [px, text] = it.value();
            QVERIFY2(px >= kMinPresentationTextPx - 0.01,
                     qPrintable(QStringLiteral("%1: '%2' is %3 px").arg(it.key(), text).arg(px)));
        }
    }

    // The whole state graph, legend included, with the projector's minimum text size: it needs
    // about 1.2 times its design size (1180x800), which a 1920x1080 screen gives it alone.
    void stateGraphTextSize() {
        QTemporaryDir dir;
        const auto sizes = parseTextSizes(
            run(QStringLiteral(TCPSCOPE_VIEWER),
                {QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("g.png")),
                 QStringLiteral("--view"), QStringLiteral("presentation"), QStringLiteral("--size"),
                 QStringLiteral("1920x1080"), QStringLiteral("--layout"), QStringLiteral("graph"),
                 QStringLiteral("--figures-only"), QStringLiteral("--select"), QStringLiteral("24"),
                 QStringLiteral("--text-sizes"), sample(QStringLiteral("zero-window.pcap"))})
                .value_or(QString()));
        QVERIFY(sizes.contains(QStringLiteral("states")));
        QVERIFY(!sizes.contains(QStringLiteral("caption")));
        const auto& [px, text] = sizes.value(QStringLiteral("states"));
        QVERIFY2(px >= kMinPresentationTextPx - 0.01,
                 qPrintable(QStringLiteral("'%1' is %2 px").arg(text).arg(px)));
    }

    // Where the whole state graph fits at the minimum size it is shown whole; where it does not,
    // the part around the current states.
    void stateGraphWholeWhereItFits() {
        for (const auto& [size, whole] :
             {std::pair{QSize(1920, 1080), true}, std::pair{QSize(1280, 720), false}}) {
            MainWindow w;
            w.resize(size);
            QVERIFY(w.openFileSync(sample(QStringLiteral("lifecycle-seed-session.pcap"))));
            w.show();
            w.setPresentation(true, false);
            w.connectionPage()->setFigureLayout(ConnectionPage::FigureLayout::Graph);
            w.connectionPage()->setFiguresOnly(true);
            for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
            QCOMPARE(w.connectionPage()->stateGraph()->focused(), !whole);
            w.connectionPage()->setFiguresOnly(false);
            for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
            QVERIFY(w.connectionPage()->stateGraph()->focused()); // the caption takes room
        }
    }

    // A close-up too small for both endpoints' current states shows the one that acted whole
    // (and no longer the empty middle between two states far apart); where centring on both
    // keeps each at least half in view, both are shown.
    void stateGraphCloseUpShowsAStateWhole() {
        enum Seen { Hidden, Cut, Whole };
        struct Case {
            const char* file;
            int frame;
            QSize size;
            Seen client, server;
        };
        // Frame 1 of the SYN flood: the client sent; frame 2: the server sent (the SYN,ACK).
        for (const Case& k : {Case{"syn-flood.pcap", 1, QSize(1280, 720), Whole, Hidden},
                              Case{"syn-flood.pcap", 2, QSize(1280, 720), Hidden, Whole},
                              Case{"half-close.pcap", 5, QSize(1280, 720), Whole, Hidden},
                              Case{"half-close.pcap", 5, QSize(1920, 1080), Cut, Cut}}) {
            MainWindow w;
            w.resize(k.size);
            QVERIFY(w.openFileSync(sample(QLatin1String(k.file))));
            w.show();
            w.setPresentation(true, false);
            QVERIFY(w.selectFrame(uint64_t(k.frame)));
            for (int i = 0; i < 20; ++i) QCoreApplication::processEvents();
            const StateGraphView* g = w.connectionPage()->stateGraph();
            const QString what = QStringLiteral("%1 frame %2 at %3x%4")
                                     .arg(QLatin1String(k.file))
                                     .arg(k.frame)
                                     .arg(k.size.width())
                                     .arg(k.size.height());
            QVERIFY2(g->focused(), qPrintable(what));
            const QRectF view = g->rect();
            const auto seen = [&view](const QRectF& r) {
                return view.contains(r) ? Whole : view.intersects(r) ? Cut : Hidden;
            };
            QVERIFY2(seen(g->markerRect(true)) == k.client, qPrintable(what + " client"));
            QVERIFY2(seen(g->markerRect(false)) == k.server, qPrintable(what + " server"));
        }
    }

    // Stepping through a connection moves no figure: the caption has one height for the whole
    // connection, so the ladder and the state graph under it keep their places and sizes.
    void figuresKeepTheirPlaceWhileStepping_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }
    void figuresKeepTheirPlaceWhileStepping() {
        QFETCH(QString, lang);
        QCOMPARE(installLanguage(lang), lang);
        const auto english = qScopeGuard([] { installLanguage(QStringLiteral("en")); });
        for (const char* file :
             {"zero-window.pcap", "lifecycle-seed-session.pcap", "retransmission-dupack.pcap",
              "syn-flood.pcap", "simultaneous-close.pcap", "connection-refused.pcap"}) {
            for (const QSize size : {QSize(1280, 720), QSize(1024, 768)}) {
                MainWindow w;
                w.resize(size);
                QVERIFY(w.openFileSync(sample(QLatin1String(file))));
                w.show();
                w.setPresentation(true, false);
                ConnectionPage* page = w.connectionPage();
                const auto geometry = [&] {
                    QStringList g;
                    for (const auto& [name, part] : page->shownParts())
                        g << QStringLiteral("%1 %2,%3 %4x%5")
                                 .arg(name)
                                 .arg(part->mapTo(&w, QPoint()).x())
                                 .arg(part->mapTo(&w, QPoint()).y())
                                 .arg(part->width())
                                 .arg(part->height());
                    return g.join(QStringLiteral("; "));
                };
                // Events until nothing moves for three rounds: the layout has settled.
                const auto settled = [&] {
                    QString last;
                    for (int round = 0, stable = 0; round < 200 && stable < 3; ++round) {
                        QCoreApplication::sendPostedEvents();
                        QCoreApplication::processEvents();
                        const QString g = geometry();
                        stable = g == last ? stable + 1 : 0;
                        last = g;
                    }
                    return last;
                };
                page->setStep(1);
                const QString first = settled();
                // The caption speaks the language: the handshake's first step in Chinese.
                QCOMPARE(page->captionText().contains(QStringLiteral("客户端")),
                         lang == QLatin1String("zh_CN"));
                // No step's caption is cut off at the bottom.
                QVERIFY2(page->captionFits(), file);
                QVERIFY(first.contains(QStringLiteral("ladder")));
                QVERIFY(first.contains(QStringLiteral("states")));
                for (int step = 2; step <= page->stepCount(); ++step) {
                    page->setStep(step);
                    QCOMPARE(settled(), first);
                }
            }
        }
    }

    // In presentation the zoom keys reach every figure (before, Ctrl+= grew the caption and
    // the hex but not the ladder or the state graph), and 1-4 and F choose the layout.
    void zoomAndLayoutKeys() {
        MainWindow w;
        w.resize(1280, 720);
        QVERIFY(w.openFileSync(sample(QStringLiteral("lifecycle-seed-session.pcap"))));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setPresentation(true, false);
        ConnectionPage* page = w.connectionPage();
        QWidget* caption = nullptr;
        for (const auto& [name, part] : page->shownParts())
            if (name == u"caption") caption = part;
        QVERIFY(caption);
        const int ladderPx = QFontInfo(page->ladder()->font()).pixelSize();
        const int captionPx = QFontInfo(caption->font()).pixelSize();
        const double graphScale = page->stateGraph()->textScale();
        QTest::keyClick(&w, Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(page->fontZoom(), 2);
        QVERIFY(QFontInfo(page->ladder()->font()).pixelSize() > ladderPx);
        QVERIFY(QFontInfo(caption->font()).pixelSize() >= captionPx);
        QVERIFY(page->stateGraph()->textScale() > graphScale);
        QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(page->fontZoom(), 0);
        QCOMPARE(QFontInfo(page->ladder()->font()).pixelSize(), ladderPx);

        using L = ConnectionPage::FigureLayout;
        const std::pair<Qt::Key, L> keys[] = {{Qt::Key_2, L::Ladder},
                                              {Qt::Key_3, L::Graph},
                                              {Qt::Key_4, L::Packet},
                                              {Qt::Key_1, L::Both}};
        for (const auto& [key, layout] : keys) {
            QTest::keyClick(&w, key);
            QCOMPARE(page->figureLayout(), layout);
            QCOMPARE(page->ladder()->isVisible(), layout == L::Both || layout == L::Ladder);
            QCOMPARE(page->stateGraph()->isVisible(), layout == L::Both || layout == L::Graph);
        }
        QTest::keyClick(&w, Qt::Key_F);
        QVERIFY(page->figuresOnly());
        QVERIFY(!caption->isVisible());
        QTest::keyClick(&w, Qt::Key_F);
        QVERIFY(caption->isVisible());
        // Outside presentation the plain keys do nothing (they would take typing).
        w.setPresentation(false);
        QTest::keyClick(&w, Qt::Key_3);
        QCOMPARE(page->figureLayout(), L::Both);
    }

    void exports_data() {
        QTest::addColumn<QString>("view");
        QTest::newRow("ladder") << QStringLiteral("ladder");
        QTest::newRow("states") << QStringLiteral("states");
        QTest::newRow("connection") << QStringLiteral("connection");
        QTest::newRow("follow") << QStringLiteral("follow");
    }

    // SVG that xmllint and rsvg-convert accept, the same size as the PNG, about as much ink.
    void exports() {
        QFETCH(QString, view);
        const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
        const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
        if (xmllint.isEmpty() || rsvg.isEmpty()) QSKIP("needs xmllint and rsvg-convert");
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("f.svg"));
        const QString png = dir.filePath(QStringLiteral("f.png"));
        const QString raster = dir.filePath(QStringLiteral("f-svg.png"));
        for (const QString& out : {svg, png})
            QVERIFY(run(QStringLiteral(TCPSCOPE_VIEWER),
                        {QStringLiteral("--screenshot"), out, QStringLiteral("--view"), view,
                         QStringLiteral("--size"), QStringLiteral("1280x720"),
                         QStringLiteral("--select"), QStringLiteral("5"),
                         sample(QStringLiteral("lifecycle-seed-session.pcap"))}));
        QVERIFY(run(xmllint, {QStringLiteral("--noout"), svg}));
        QVERIFY(run(rsvg, {QStringLiteral("-o"), raster, svg}));
        const QImage a(png), b(raster);
        QVERIFY(!a.isNull() && !b.isNull());
        QCOMPARE(b.size(), a.size());
        // Text is rasterised by two renderers: close, not equal.
        const double inkA = double(inkPixels(a)), inkB = double(inkPixels(b));
        qInfo("%s: %.0f ink pixels in the PNG, %.0f in the rasterised SVG", qPrintable(view), inkA,
              inkB);
        QVERIFY(inkA > 0.02 * a.width() * a.height());
        QVERIFY2(std::abs(inkA - inkB) <= 0.2 * inkA,
                 qPrintable(QStringLiteral("%1 vs %2").arg(inkA).arg(inkB)));
    }

    // --view follow: the Follow TCP Stream window at --size, the client's and the server's
    // backgrounds in the light and the dark palette's colours; no such stream is an error.
    void followScreenshot() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("follow.png"));
        for (bool dark : {false, true}) {
            QStringList args = {QStringLiteral("--screenshot"),
                                png,
                                QStringLiteral("--view"),
                                QStringLiteral("follow"),
                                QStringLiteral("--stream"),
                                QStringLiteral("0"),
                                QStringLiteral("--size"),
                                QStringLiteral("1280x720"),
                                sample(QStringLiteral("retransmission-dupack.pcap"))};
            if (dark) args.prepend(QStringLiteral("--dark"));
            QVERIFY(run(QStringLiteral(TCPSCOPE_VIEWER), args));
            const QImage img = QImage(png).convertToFormat(QImage::Format_RGB32);
            QCOMPARE(img.size(), QSize(1280, 720));
            const FollowColors colors = FollowColors::forPalette(dark);
            int client = 0, server = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    client += img.pixel(x, y) == colors.clientBack.rgb();
                    server += img.pixel(x, y) == colors.serverBack.rgb();
                }
            QVERIFY2(client > 1000 && server > 10 * client,
                     qPrintable(QStringLiteral("%1 %2").arg(client).arg(server)));
        }
        QVERIFY(!run(QStringLiteral(TCPSCOPE_VIEWER),
                     {QStringLiteral("--screenshot"), png, QStringLiteral("--view"),
                      QStringLiteral("follow"), QStringLiteral("--stream"), QStringLiteral("9"),
                      sample(QStringLiteral("retransmission-dupack.pcap"))}));
    }

    // The ladder's PNG is its own size: no blank band under a short connection.
    void ladderPngHasNoBlankBand() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("l.png"));
        QVERIFY(
            run(QStringLiteral(TCPSCOPE_VIEWER),
                {QStringLiteral("--screenshot"), png, QStringLiteral("--view"),
                 QStringLiteral("ladder"), QStringLiteral("--size"), QStringLiteral("1200x1600"),
                 sample(QStringLiteral("lifecycle-seed-session.pcap"))}));
        const QImage img = QImage(png).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(img.width(), 1200);
        // The lowest quarter of the image has ink (the last arrows and the legend) in it.
        const QRgb bg = img.pixel(img.width() - 1, img.height() - 1);
        int rowsWithInk = 0;
        for (int y = img.height() * 3 / 4; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                if (img.pixel(x, y) != bg) {
                    ++rowsWithInk;
                    break;
                }
        QVERIFY2(rowsWithInk > img.height() / 16, qPrintable(QString::number(rowsWithInk)));
    }
};

QTEST_MAIN(PresentationTests)
#include "presentation_tests.moc"

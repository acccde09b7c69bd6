// SPDX-License-Identifier: GPL-2.0-or-later
// ConnectionPage (connection_page.h): how the page is laid out and leaves the screen: fonts and
// zoom, the caption's fixed height, the split between ladder and state graph, the presentation
// layouts, and the page's exports. The page's data and stepping are in connection_page.cpp.
#include "pages/connection_page.h"

#include "document/selection_controller.h"
#include "views/byte_table_view.h"
#include "views/drawing_export.h"
#include "views/flags_view.h"
#include "views/ladder_view.h"
#include "views/state_graph_view.h"
#include "views/stream_graph_view.h"

#include <QApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontInfo>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextDocument>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace tcpscope::ui {

namespace {
constexpr size_t kFitSteps = 200; // caption steps measured for its fixed height

// A font's size in pixels, whether it was given in points or pixels.
double pixelSizeOf(const QFont& f) {
    if (f.pixelSize() > 0) return f.pixelSize();
    return QFontInfo(f).pixelSize();
}

QFont withPixelSize(QFont f, double px) {
    f.setPixelSize(std::max(6, int(std::lround(px))));
    return f;
}

} // namespace

// The caption keeps one height for the whole connection, so that the figures under it do not
// move while the class steps through it: the height of its tallest step at the current width,
// up to a fifth of the page in presentation. When a step does not fit that, the font shrinks
// (in presentation not below kMinPresentationPx), then the height grows up to 30% of the page.
// Long connections are measured on their first kFitSteps steps and the one shown.
void ConnectionPage::fitCaption() {
    QFont f = captionFont();
    const int width = m_caption->contentsRect().width() - 2;
    if (width <= 0) return;
    std::vector<QString> texts;
    const int row = m_controller->packet();
    const TcpPacketAnalysis* shown = (m_document && row >= 0) ? m_document->analysis(row) : nullptr;
    if (shown) texts.push_back(captionHtml(row, m_step));
    for (size_t i = 0; m_document && i < m_frames.size() && i < kFitSteps; ++i) {
        const int r = m_document->indexOfFrame(m_frames[i]);
        if (r >= 0 && m_document->analysis(r)) texts.push_back(captionHtml(r, int(i) + 1));
    }
    if (texts.empty()) texts.push_back(m_caption->text());
    const auto tallest = [&](const QFont& font) {
        QTextDocument doc;
        doc.setDocumentMargin(0);
        doc.setDefaultFont(font);
        doc.setTextWidth(width);
        double h = 0;
        for (const QString& t : texts) {
            doc.setHtml(t);
            h = std::max(h, doc.size().height());
        }
        return int(std::ceil(h));
    };
    // At most a fifth of the page in presentation (a quarter otherwise), but three lines; when
    // the smallest font allowed does not fit that, up to 30% of the page rather than cut text.
    int cap = std::max(height() / (m_presentation ? 5 : 4), 3 * QFontMetrics(f).height());
    const double floor = m_presentation ? kMinPresentationPx : 9.0;
    int h = tallest(f);
    while (h > cap && pixelSizeOf(f) - 1 >= floor) {
        f.setPixelSize(int(pixelSizeOf(f)) - 1);
        h = tallest(f);
    }
    cap = std::max(cap, std::min(h, height() * 3 / 10));
    m_captionFits = h <= cap;
    m_caption->setFont(f);
    const QMargins m = m_caption->contentsMargins();
    m_caption->setFixedHeight(std::min(h, cap) + m.top() + m.bottom() + 4);
}

void ConnectionPage::setFontZoom(int steps) {
    m_zoom = steps;
    applyFonts();
}

// Outside presentation: the application's fonts, grown by the zoom steps. In presentation: a
// size from the page height (a 720-line projector gets 20 px text), grown by the zoom steps,
// for every figure alike; the state graph's text scales with the same zoom.
void ConnectionPage::applyFonts() {
    const double zoom = std::pow(1.12, m_zoom);
    const QFont app = QApplication::font();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (m_presentation) {
        // The ladder is set smaller than the rest: its labels decide how much width is left
        // for the state graph (at 1024x768 beside it, it is all at the minimum size).
        const double px = presentationPx();
        const double ladderPx = std::max(kMinPresentationPx, px * 0.66);
        m_ladder->setFont(withPixelSize(app, ladderPx));
        m_bytes->setFont(withPixelSize(fixed, px));
        m_flags->setFont(withPixelSize(app, px));
        m_controlBar->setFont(withPixelSize(app, kMinPresentationPx + 1));
    } else {
        m_ladder->setFont(withPixelSize(app, pixelSizeOf(app) * zoom));
        m_bytes->setFont(withPixelSize(fixed, pixelSizeOf(fixed) * zoom));
        m_flags->setFont(withPixelSize(app, pixelSizeOf(app) * zoom));
        m_controlBar->setFont(QFont());
    }
    m_graph->setTextScale(zoom);
    m_stepLabel->setMinimumWidth(
        QFontMetrics(m_stepLabel->font()).horizontalAdvance(tr("Packet 000 of 000")) + 8);
    fitCaption();
}

QFont ConnectionPage::captionFont() const {
    const QFont app = QApplication::font();
    if (m_presentation) return withPixelSize(app, presentationPx());
    return withPixelSize(app, pixelSizeOf(app) * std::pow(1.12, m_zoom));
}

double ConnectionPage::presentationPx() const {
    const int h = window() ? window()->height() : height();
    return std::clamp(h / 36.0, kMinPresentationPx + 2, 40.0) * std::pow(1.12, m_zoom);
}

void ConnectionPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (m_presentation) applyFonts();
    fitCaption();
    if (!m_userSized) applyProportions();
}

void ConnectionPage::applyProportions() {
    const int w = m_diagrams->width(), h = m_vertical->height();
    if (w <= 0 || h <= 0) return;
    if (m_presentation) {
        applyPresentationProportions(w, h);
    } else {
        // With the exercise panel beside the page the ladder gives up its time column and takes
        // a larger share: its lanes must stay on screen.
        m_ladder->setTimesVisible(!m_exerciseMode);
        // The ladder needs width for its labels; the state graph gets the height its aspect
        // ratio asks for at the remaining width; the byte table and flags share what is left.
        const int right = w - int(w * (m_exerciseMode ? 0.64 : 0.56));
        m_diagrams->setSizes({w - right, right});
        const int flagsH = m_flags->sizeHint().height();
        const int bytesMin = 9 * m_bytes->fontMetrics().height(); // a 60-byte header, the hint
        // A window too short for both keeps the graph's third (std::clamp wants lo <= hi).
        const int graphH = std::clamp(m_graph->heightForWidth(right), h / 3,
                                      std::max(h / 3, h - flagsH - bytesMin));
        m_vertical->setSizes({graphH, std::max(bytesMin, h - graphH - flagsH), flagsH});
    }
    // Relayout moves the arrows: keep the selected one in view.
    if (const auto f = m_ladder->selectedFrame()) m_ladder->selectFrame(*f);
}

// Presentation: both figures side by side, the ladder as wide as its labels need at the
// projector's font (and no wider than the state graph needs at full height leaves), or one
// figure, or the bytes over the flags.
void ConnectionPage::applyPresentationProportions(int w, int h) {
    if (m_figureLayout == FigureLayout::Both) {
        // Beside the state graph on a narrow screen the ladder leaves out the times (the frame
        // numbers stay): 1024 pixels hold the rest at the projector's font.
        m_ladder->setTimesVisible(w >= 1400);
        const int ladderNeed = m_ladder->minimumSceneWidth() +
                               m_ladder->verticalScrollBar()->sizeHint().width() +
                               2 * m_ladder->frameWidth() + 2;
        const int graphFull = int(h * m_graph->aspectRatio());
        const int ladderW =
            std::clamp(std::max(ladderNeed, w - graphFull), w / 3, std::max(w / 3, w - 200));
        m_diagrams->setSizes({ladderW, w - ladderW});
        m_vertical->setSizes({h, 0, 0});
    } else if (m_figureLayout == FigureLayout::Packet) {
        const int flagsH = m_flags->sizeHint().height();
        m_vertical->setSizes({0, std::max(h / 2, h - flagsH), flagsH});
    } else {
        m_vertical->setSizes({h, 0, 0});
    }
    if (m_figureLayout != FigureLayout::Both) m_ladder->setTimesVisible(true);
}

void ConnectionPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    syncNow();
    fitCaption();
    if (!m_userSized) applyProportions();
}

void ConnectionPage::setPresentation(bool on) {
    m_presentation = on;
    m_ladder->setPresentation(on);
    m_graph->setPresentation(on);
    // What a class does not need: the drawing options and the export button.
    m_timeScale->setVisible(!on);
    m_labels->setVisible(!on);
    m_export->setVisible(!on);
    m_followButton->setVisible(!on && !m_classroom);
    // The control row at the projector's font must fit 1024 pixels: presentation is always
    // classroom mode, and Esc leaves it.
    m_classroomButton->setVisible(!on);
    m_streamsLabel->setVisible(!on);
    m_presentButton->setText(on ? tr("Leave") : tr("Presentation"));
    m_streams->setMinimumContentsLength(on ? 12 : 30);
    m_streams->setMaximumWidth(on ? 360 : QWIDGETSIZE_MAX);
    m_userSized = false;
    applyFigureLayout();
    applyFonts();
    setDarkColors(m_dark);
    applyProportions();
}

void ConnectionPage::setFigureLayout(FigureLayout layout) {
    m_figureLayout = layout;
    applyFigureLayout();
    applyProportions();
}

void ConnectionPage::setFiguresOnly(bool on) {
    m_figuresOnly = on;
    applyFigureLayout();
    applyProportions();
}

// Which parts are shown: everything outside presentation; in presentation the chosen figures,
// with the caption and controls unless "figures only".
void ConnectionPage::applyFigureLayout() {
    const FigureLayout l = m_presentation ? m_figureLayout : FigureLayout::Both;
    const bool all = !m_presentation;
    const bool graph = all || l == FigureLayout::Both || l == FigureLayout::Graph;
    const bool packet = all || l == FigureLayout::Packet;
    const bool ladder = all || l == FigureLayout::Both || l == FigureLayout::Ladder;
    m_ladder->setVisible(ladder);
    m_ladderColumn->setVisible(ladder);
    m_streamGraph->setVisible(ladder && m_streamGraphOn);
    m_graph->setVisible(graph);
    m_bytes->setVisible(packet);
    m_flags->setVisible(packet);
    // Projected, the state graph never draws text under the minimum: where the whole figure
    // would, it shows the part around the current states at that size (beside the ladder at
    // any of the sizes a projector has; alone below 1920x1080). The ladder's labels decide the
    // width beside it: the graph's own minimum would cut the ladder off.
    m_graph->setMinimumTextPx(m_presentation ? kMinPresentationPx : 0);
    m_graph->setMinimumWidth(m_presentation && l == FigureLayout::Both ? 200 : 0);
    m_vertical->setVisible(graph || packet);
    const bool chrome = !m_presentation || !m_figuresOnly;
    m_controlBar->setVisible(chrome);
    m_caption->setVisible(chrome);
}

std::vector<std::pair<QString, QWidget*>> ConnectionPage::shownParts() const {
    std::vector<std::pair<QString, QWidget*>> out;
    const std::pair<const char*, QWidget*> parts[] = {
        {"controls", m_controlBar},  {"caption", m_caption}, {"ladder", m_ladder},
        {"tcptrace", m_streamGraph}, {"states", m_graph},    {"bytes", m_bytes},
        {"flags", m_flags}};
    for (const auto& [name, w] : parts)
        if (w->isVisible() && w->width() > 0 && w->height() > 0)
            out.emplace_back(QString::fromLatin1(name), w);
    return out;
}

// One menu for the page's figures and the page itself: on the Export button, in File > Export
// and in Classroom > Export.
void ConnectionPage::buildExportMenu() {
    m_exportMenu = new QMenu(this);
    addExportActions(m_exportMenu, this, tr("Ladder"), true, [this] {
        FigureExport f = m_ladder->exportActions();
        f.baseName = exportBaseName(QStringLiteral("ladder"));
        return f;
    });
    m_exportMenu->addSeparator();
    addExportActions(m_exportMenu, this, tr("State Graph"), false, [this] {
        FigureExport f = m_graph->exportActions();
        f.baseName = exportBaseName(QStringLiteral("states"));
        return f;
    });
    m_exportMenu->addSeparator();
    addExportActions(m_exportMenu, this, tr("Connection Page"), false,
                     [this] { return exportActions(); });
}

// "<capture>-stream<k>-<what>".
QString ConnectionPage::exportBaseName(const QString& what) const {
    const QString base = m_document ? QFileInfo(documentPath(*m_document)).completeBaseName()
                                    : QStringLiteral("tcpscope");
    return m_stream ? QStringLiteral("%1-stream%2-%3").arg(base).arg(*m_stream).arg(what)
                    : QStringLiteral("%1-%2").arg(base, what);
}

QImage ConnectionPage::pageImage(double scale) {
    scale = std::clamp(scale, 0.1, 8.0);
    QImage img(QSize(int(std::ceil(width() * scale)), int(std::ceil(height() * scale))),
               QImage::Format_ARGB32_Premultiplied);
    img.fill(palette().color(QPalette::Window));
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.scale(scale, scale);
    render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
    p.end();
    return img;
}

bool ConnectionPage::savePageSvg(const QString& path) {
    return writeSvg(path, QSizeF(size()), tr("TcpScope connection page"), captionText(),
                    [this](QPainter& p) {
                        p.fillRect(rect(), palette().color(QPalette::Window));
                        render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
                    });
}

FigureExport ConnectionPage::exportActions() {
    FigureExport f;
    f.what = tr("Connection Page");
    f.baseName = exportBaseName(QStringLiteral("page"));
    f.image = [this](double scale) { return pageImage(scale); };
    f.saveSvg = [this](const QString& path) { return savePageSvg(path); };
    return f;
}

} // namespace tcpscope::ui

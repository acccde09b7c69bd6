// SPDX-License-Identifier: GPL-2.0-or-later
#include "views/follow_text.h"

#include <QTextCursor>
#include <QTextDocument>

#include <algorithm>

namespace tcpscope::ui {

namespace {

using Kind = FollowText::Span::Kind;

// Appends runs of text to the document and records which packet each came from. Chunks of one
// direction flow on as Wireshark's do; a change of direction and every marker start a line.
class Writer {
  public:
    Writer(QTextDocument& doc, std::vector<FollowText::Span>& spans)
        : m_cursor(&doc), m_spans(spans) {}

    int position() const { return m_cursor.position(); }
    void text(const QString& t, const QTextCharFormat& f) {
        if (t.isEmpty()) return;
        m_cursor.insertText(t, f);
        m_atLineStart = t.endsWith(QLatin1Char('\n'));
    }
    void lineStart() {
        if (!m_atLineStart) text(QStringLiteral("\n"), QTextCharFormat());
    }
    void span(int start, uint64_t frame, Kind kind) {
        if (position() > start) m_spans.push_back({start, position(), frame, kind});
    }
    // A line of its own.
    void marker(const QString& t, const QTextCharFormat& f, uint64_t frame, Kind kind) {
        lineStart();
        const int start = position();
        text(t, f);
        span(start, frame, kind);
        text(QStringLiteral("\n"), QTextCharFormat());
        m_server = -1;
    }
    // Before a chunk of direction `server`: a new line when the direction changes.
    void direction(bool server) {
        if (m_server != int(server)) lineStart();
        m_server = int(server);
    }

  private:
    QTextCursor m_cursor;
    std::vector<FollowText::Span>& m_spans;
    bool m_atLineStart = true;
    int m_server = -1;
};

QTextCharFormat colored(const QColor& text, const QColor& back) {
    QTextCharFormat f;
    f.setForeground(text);
    f.setBackground(back);
    return f;
}

// A marker line as the format's own comment, so a saved YAML or C file stays valid.
QString asComment(const QString& text, FollowFormat format) {
    if (format == FollowFormat::Yaml) return QStringLiteral("# ") + text;
    if (format == FollowFormat::CArrays) return QStringLiteral("/* %1 */").arg(text);
    return text;
}

// Bytes [from, to) of a chunk as ASCII. A CR before LF goes (the line break stays, as in
// Wireshark's dialog), a lone CR breaks the line: one character per byte otherwise.
QString asciiPart(const FollowChunk& c, std::span<const uint8_t> d, size_t from, size_t to) {
    std::string t;
    formatFollowChunk(t, c, d.subspan(from, to - from), FollowFormat::Ascii, 0);
    QString out;
    out.reserve(int(t.size()));
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] != '\r') {
            out += QLatin1Char(t[i]);
            continue;
        }
        if (from + i + 1 >= d.size() || d[from + i + 1] != '\n') out += QLatin1Char('\n');
    }
    return out;
}

QString chunkText(const FollowChunk& c, std::span<const uint8_t> d, FollowFormat format,
                  uint32_t index) {
    if (format == FollowFormat::Ascii) return asciiPart(c, d, 0, d.size());
    std::string t;
    formatFollowChunk(t, c, d, format, index);
    QString out = QString::fromUtf8(t.data(), qsizetype(t.size()));
    if (format == FollowFormat::Utf8)
        out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
            .replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return out;
}

// The anomalies whose first differing byte lies in data chunk `c`.
std::vector<const FollowAnomaly*> anomaliesIn(const FollowStream& s, const FollowChunk& c) {
    std::vector<const FollowAnomaly*> out;
    for (const FollowAnomaly& a : s.anomalies)
        if (a.server == c.server && a.position >= c.position && a.position < c.position + c.length)
            out.push_back(&a);
    return out;
}

struct Formats {
    QTextCharFormat client, server, marker, heading, warning;
    QTextCharFormat underline(bool server, const FollowColors& colors) const {
        QTextCharFormat f = server ? this->server : client;
        f.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        f.setUnderlineColor(colors.warningLine);
        f.setBackground(colors.warningBack);
        f.setForeground(colors.warningText);
        return f;
    }
};

Formats formatsFor(const FollowColors& colors) {
    Formats f;
    f.client = colored(colors.clientText, colors.clientBack);
    f.server = colored(colors.serverText, colors.serverBack);
    f.marker = colored(colors.markerText, colors.markerBack);
    f.marker.setFontItalic(true);
    f.heading = f.marker;
    f.heading.setFontWeight(QFont::Bold);
    f.warning = colored(colors.warningText, colors.warningBack);
    return f;
}

// One data chunk; in ASCII the bytes that differ in a retransmission are underlined (one
// character per byte keeps them in place: from the first differing byte, as many as differ,
// within this chunk), in every format a warning line follows.
void writeData(Writer& w, const FollowStream& s, const FollowChunk& c, FollowFormat format,
               uint32_t index, const Formats& f, const FollowColors& colors, Kind kind) {
    const std::span<const uint8_t> d = s.data(c);
    const QTextCharFormat& plain = c.server ? f.server : f.client;
    const auto anomalies = kind == Kind::Data ? anomaliesIn(s, c) : decltype(anomaliesIn(s, c))();
    w.direction(c.server);
    const int start = w.position();
    if (format == FollowFormat::Ascii && !anomalies.empty()) {
        size_t at = 0;
        for (const FollowAnomaly* a : anomalies) {
            const size_t from = std::max<size_t>(at, size_t(a->position - c.position));
            const size_t to = std::min<size_t>(from + a->length, d.size());
            w.text(asciiPart(c, d, at, from), plain);
            w.text(asciiPart(c, d, from, to), f.underline(c.server, colors));
            at = to;
        }
        w.text(asciiPart(c, d, at, d.size()), plain);
    } else {
        w.text(chunkText(c, d, format, index), plain);
    }
    w.span(start, c.frame, kind);
    for (const FollowAnomaly* a : anomalies)
        w.marker(asComment(FollowText::anomalyText(*a), format), f.warning, a->frame,
                 Kind::Anomaly);
}

bool shown(FollowDirection dir, bool server) {
    return dir == FollowDirection::Both || (dir == FollowDirection::Server) == server;
}

} // namespace

FollowColors FollowColors::forPalette(bool dark) {
    // Wireshark's follow colours (client #7f0000 on #fbeded, server #00007f on #ededfb), and
    // for a dark palette light text on deep tints of the same hues.
    if (dark)
        return {QColor(0xff, 0xb8, 0xb8), QColor(0x4a, 0x1f, 0x26), QColor(0xbc, 0xcc, 0xff),
                QColor(0x1f, 0x2a, 0x52), QColor(0xdc, 0xdc, 0xdc), QColor(0x48, 0x48, 0x48),
                QColor(0xff, 0xe0, 0x8a), QColor(0x4d, 0x3b, 0x00), QColor(0xff, 0xa0, 0x40)};
    return {QColor(0x7f, 0x00, 0x00), QColor(0xfb, 0xed, 0xed), QColor(0x00, 0x00, 0x7f),
            QColor(0xed, 0xed, 0xfb), QColor(0x3c, 0x3c, 0x3c), QColor(0xdc, 0xdc, 0xdc),
            QColor(0x5c, 0x3d, 0x00), QColor(0xff, 0xe9, 0xa8), QColor(0xd3, 0x54, 0x00)};
}

QString FollowText::missingText(uint32_t bytes) {
    return tr("[%1 bytes missing in capture file]").arg(bytes);
}

QString FollowText::anomalyText(const FollowAnomaly& a) {
    return a.length == 1
               ? tr("⚠ frame %1: 1 retransmitted byte differs from the first copy (kept)")
                     .arg(a.frame)
               : tr("⚠ frame %1: %2 retransmitted bytes differ from the first copy (kept)")
                     .arg(a.frame)
                     .arg(a.length);
}

QString FollowText::unplacedHeading(size_t segments, uint64_t bytes) {
    return segments == 1 ? tr("Not placed: %1 bytes in 1 segment after a gap nobody "
                              "acknowledged (Wireshark drops it)")
                               .arg(bytes)
                         : tr("Not placed: %1 bytes in %2 segments after a gap nobody "
                              "acknowledged (Wireshark drops them)")
                               .arg(bytes)
                               .arg(segments);
}

void FollowText::build(QTextDocument& doc, const FollowStream& s, FollowFormat format,
                       FollowDirection dir, const FollowColors& colors) {
    doc.clear();
    m_spans.clear();
    const Formats f = formatsFor(colors);
    Writer w(doc, m_spans);
    std::string peers;
    formatFollowPeers(peers, s, format);
    w.text(QString::fromUtf8(peers.data(), qsizetype(peers.size())), QTextCharFormat());
    uint32_t arrays[2] = {0, 0};
    for (const FollowChunk& c : s.chunks) {
        if (!shown(dir, c.server)) continue;
        if (c.kind == FollowChunk::Kind::Missing)
            w.marker(asComment(missingText(c.missing), format), f.marker, c.frame, Kind::Missing);
        else
            writeData(w, s, c, format, arrays[c.server]++, f, colors, Kind::Data);
    }
    size_t segments = 0;
    uint64_t bytes = 0;
    for (const FollowChunk& c : s.unplaced)
        if (shown(dir, c.server)) ++segments, bytes += c.length;
    if (segments == 0) return;
    w.marker(asComment(unplacedHeading(segments, bytes), format), f.heading, 0, Kind::Heading);
    for (const FollowChunk& c : s.unplaced)
        if (shown(dir, c.server))
            writeData(w, s, c, format, arrays[c.server]++, f, colors, Kind::Unplaced);
}

uint64_t FollowText::frameAt(int position) const {
    // The span holding `position`, else the one just before it (a click right of a line's end).
    auto it = std::upper_bound(m_spans.begin(), m_spans.end(), position,
                               [](int p, const Span& sp) { return p < sp.start; });
    if (it == m_spans.begin()) return 0;
    --it;
    return position <= it->end ? it->frame : 0;
}

const FollowText::Span* FollowText::firstSpan(Span::Kind kind) const {
    for (const Span& sp : m_spans)
        if (sp.kind == kind) return &sp;
    return nullptr;
}

} // namespace tcpscope::ui

// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope-cli: tcpdump-style summaries, tshark-style field columns, field trees and JSON
// from captures (pcap, pcapng) and pasted text (hex dumps, tcpdump lines).
#include "tcpscope/analysis_fields.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/conn_log.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/dissect.h"
#include "tcpscope/field.h"
#include "tcpscope/ladder_text.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/tree_format.h"
#include "tcpscope/version.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

using namespace tcpscope;

namespace {

const char* kUsage =
    "usage: tcpscope-cli COMMAND [options] FILE|-\n"
    "\n"
    "commands:\n"
    "  summary [-S] [-v] [-q] [-x|-xx|-X|-XX] [-#] [-t|-tt|-ttt|-tttt|-ttttt] [--nano]\n"
    "          one line per packet, as `tcpdump -n -r FILE` prints it\n"
    "  fields -e FIELD [-e FIELD ...] [--verify-checksums]\n"
    "          tab-separated values per packet, as `tshark -T fields` prints them\n"
    "  tree    the full field tree of each packet, with byte offsets and lengths\n"
    "  json    the same as JSON, one object per packet in an array\n"
    "  conversations [--format table|zeek|ndjson]   one row per TCP connection: sockets,\n"
    "          packets and bytes each way, duration, how it opened and closed, final RFC 9293\n"
    "          state of both endpoints; zeek: a Zeek conn.log (history, Community ID, ...),\n"
    "          ndjson: the same as one JSON object per line\n"
    "  ladder [--stream K] [--raw]   the ladder (sequence) diagram of one connection\n"
    "          (default stream 0): an arrow per packet with flags, seq, ack, len, win and\n"
    "          analysis marks; each endpoint's RFC 9293 state beside its lane\n"
    "  list-fields   every field abbreviation with its name and explanation\n"
    "\n"
    "common options: -c N (stop after N packets; ladder: draw N arrows), --offload (captured on "
    "the sending host:\n"
    "report wrong checksums as likely offloaded)\n"
    "FILE is a pcap/pcapng capture or a text file (hex dumps of many formats, tcpdump lines);\n"
    "`-` reads standard input. Errors go to stderr; packets decoded before one are printed.\n"
    "tcpscope-cli --help | --version\n";

struct Args {
    std::string command;
    std::string file;
    TcpdumpOptions tcpdump;
    std::vector<std::string> fields;
    bool verifyChecksums = false;
    bool offload = false;
    uint64_t count = 0;
    uint32_t stream = 0;          // ladder --stream
    bool raw = false;             // ladder --raw
    std::string format = "table"; // conversations --format
};

int usageError(const std::string& msg) {
    std::fprintf(stderr, "tcpscope-cli: %s\n\n%s", msg.c_str(), kUsage);
    return 2;
}

bool parseArgs(int argc, char** argv, Args& a, std::string& err) {
    if (argc < 2) {
        err = "no command given";
        return false;
    }
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string_view s = argv[i];
        auto need = [&](const char* what) -> const char* {
            if (i + 1 >= argc) {
                err = std::string(s) + " needs " + what;
                return nullptr;
            }
            return argv[++i];
        };
        if (s == "-S")
            a.tcpdump.absoluteSeq = true;
        else if (s == "-q")
            a.tcpdump.quick = true;
        else if (s == "-#" || s == "--number")
            a.tcpdump.number = true;
        else if (s == "--nano")
            a.tcpdump.nano = true;
        else if (s.size() >= 2 && s[0] == '-' &&
                 s.find_first_not_of('v', 1) == std::string_view::npos)
            a.tcpdump.verbose += int(s.size() - 1);
        else if (s.size() >= 2 && s[0] == '-' &&
                 s.find_first_not_of('t', 1) == std::string_view::npos && s.size() <= 6)
            a.tcpdump.timeFormat = int(s.size() - 1);
        else if (s == "-x")
            a.tcpdump.hex = 1;
        else if (s == "-xx")
            a.tcpdump.hex = 2;
        else if (s == "-X")
            a.tcpdump.hex = 3;
        else if (s == "-XX")
            a.tcpdump.hex = 4;
        else if (s == "-e") {
            const char* v = need("a field abbreviation");
            if (!v) return false;
            a.fields.push_back(v);
        } else if (s == "--verify-checksums")
            a.verifyChecksums = true;
        else if (s == "--offload")
            a.offload = true;
        else if (s == "-c") {
            const char* v = need("a packet count");
            if (!v) return false;
            a.count = std::strtoull(v, nullptr, 10);
        } else if (s == "--stream") {
            const char* v = need("a stream number");
            if (!v) return false;
            char* end = nullptr;
            const unsigned long long k = std::strtoull(v, &end, 10);
            if (!*v || *end || k > UINT32_MAX) {
                err = "--stream needs a stream number, not \"" + std::string(v) + "\"";
                return false;
            }
            a.stream = uint32_t(k);
        } else if (s == "--raw")
            a.raw = true;
        else if (s == "--format") {
            const char* v = need("table, zeek or ndjson");
            if (!v) return false;
            a.format = v;
            if (a.format != "table" && a.format != "zeek" && a.format != "ndjson") {
                err = "--format needs table, zeek or ndjson, not \"" + a.format + "\"";
                return false;
            }
        } else if (s == "-" || s[0] != '-') {
            if (!a.file.empty()) {
                err = "more than one input file given";
                return false;
            }
            a.file = s;
        } else {
            err = "unknown option " + std::string(s);
            return false;
        }
    }
    if (a.file.empty() && a.command != "list-fields") {
        err = "no input file given (use - for standard input)";
        return false;
    }
    return true;
}

// Buffered standard output: one write per 64 KiB instead of one per line.
struct Output {
    std::string buf;
    void append(std::string_view s) {
        buf.append(s);
        if (buf.size() >= (1 << 16)) flush();
    }
    void flush() {
        std::fwrite(buf.data(), 1, buf.size(), stdout);
        std::fflush(stdout);
        buf.clear();
    }
};

// `fields` lines waiting for the tracker. A line is built in one pass: the packet's header
// fields come from a tree that keeps only the requested fields, its analysis from the tracker.
// The tracker may still amend a packet's state-machine steps when a later segment shows that
// two segments crossed in flight (ConnectionTracker::add), so each line waits here, in order,
// until the tracker has settled its packet (usually a few packets later), then is printed.
class PendingLines {
  public:
    explicit PendingLines(const std::vector<FieldId>& ids) : m_ids(ids) {
        m_analysis.keepOnly(ids);
    }

    // Queues a line with the packet's dissected values; `analysis` is its index in the
    // tracker's packets(), or -1 when it is not a TCP segment.
    void add(const ProtoTree& tree, std::span<const uint8_t> frameBytes, int64_t analysis) {
        for (FieldId id : m_ids) {
            bool seen = false;
            appendFieldValues(m_text, seen, tree, frameBytes, id);
            m_ends.push_back(m_text.size());
            m_seen.push_back(seen);
        }
        m_lines.push_back(analysis);
    }
    bool empty() const { return m_head == m_lines.size(); }

    // Prints the waiting lines, oldest first, up to the first whose analysis is not final
    // (index >= settled).
    void flush(const ConnectionTracker& tracker, size_t settled, Output& out) {
        const size_t k = m_ids.size();
        while (m_head < m_lines.size()) {
            const int64_t ai = m_lines[m_head];
            if (ai >= 0 && size_t(ai) >= settled) break;
            const bool withAnalysis = ai >= 0 && size_t(ai) < tracker.packets().size();
            if (withAnalysis) {
                m_analysis.clear();
                addAnalysisNodes(m_analysis, -1, 0, tracker.packets()[size_t(ai)], false);
            }
            m_line.clear();
            size_t begin = m_lineStart;
            for (size_t j = 0; j < k; ++j) {
                const size_t end = m_ends[m_head * k + j];
                if (j) m_line += '\t';
                m_line.append(m_text, begin, end - begin);
                if (withAnalysis) {
                    bool seen = m_seen[m_head * k + j];
                    appendFieldValues(m_line, seen, m_analysis, {}, m_ids[j]);
                }
                begin = end;
            }
            m_line += '\n';
            out.append(m_line);
            m_lineStart = begin;
            ++m_head;
        }
        // Drop printed lines once they are most of the queue.
        if (m_head >= 4096 && m_head * 2 >= m_lines.size()) {
            m_text.erase(0, m_lineStart);
            for (size_t& e : m_ends) e -= m_lineStart; // printed ones go negative, erased next
            m_ends.erase(m_ends.begin(), m_ends.begin() + std::ptrdiff_t(m_head * k));
            m_seen.erase(m_seen.begin(), m_seen.begin() + std::ptrdiff_t(m_head * k));
            m_lines.erase(m_lines.begin(), m_lines.begin() + std::ptrdiff_t(m_head));
            m_head = 0;
            m_lineStart = 0;
        }
    }

  private:
    std::vector<FieldId> m_ids;
    std::string m_text;           // the queued lines' dissected column values, back to back
    std::vector<size_t> m_ends;   // per line and column: where its values end in m_text
    std::vector<uint8_t> m_seen;  // per line and column: it has a value already
    std::vector<int64_t> m_lines; // per line: its analysis index, or -1
    size_t m_head = 0;            // the oldest line not printed yet
    size_t m_lineStart = 0;       // where its values start in m_text
    ProtoTree m_analysis;         // scratch: one packet's analysis, requested fields only
    std::string m_line;
};

// Where reading stopped, on stderr, after everything decoded before it was printed.
int reportError(const Args& a, const LoadedInput& info) {
    if (!info.error) return 0;
    std::string where = info.error->where();
    std::fprintf(stderr, "tcpscope-cli: %s: %s%s%s\n", a.file.c_str(), info.error->message.c_str(),
                 where.empty() ? "" : " at ", where.c_str());
    return 1;
}

void printSegmentsAsText(const std::vector<TcpSegment>& segs) {
    // tcpdump text carries no bytes: echo what was understood, one segment per line.
    for (const TcpSegment& s : segs) {
        std::printf("%llu %s.%u > %s.%u: flags 0x%03x seq %u ack %u win %u length %u\n",
                    (unsigned long long)s.frameNumber, s.src.toString().c_str(), s.srcPort,
                    s.dst.toString().c_str(), s.dstPort, s.flags, s.seq, s.ack, s.window,
                    s.payloadLength);
    }
}

int run(const Args& a) {
    registerAllProtocols();
    if (a.command == "list-fields") {
        auto& reg = FieldRegistry::instance();
        for (size_t i = 0; i < reg.size(); ++i) {
            const FieldDef& d = reg.def(static_cast<FieldId>(i));
            std::printf("%s\t%s\t%.*s\n", std::string(d.abbrev).c_str(),
                        std::string(d.name).c_str(), int(d.explanation.size()),
                        d.explanation.data());
        }
        return 0;
    }
    if (a.command != "summary" && a.command != "fields" && a.command != "tree" &&
        a.command != "json" && a.command != "conversations" && a.command != "ladder")
        return usageError("unknown command " + a.command);
    if (a.command == "fields" && a.fields.empty())
        return usageError("fields needs at least one -e FIELD");

    std::vector<FieldId> ids;
    for (const std::string& f : a.fields) {
        FieldId id = fieldId(f);
        if (id == kNoField) {
            std::fprintf(stderr, "tcpscope-cli: unknown field \"%s\" (see list-fields)\n",
                         f.c_str());
            return 2;
        }
        ids.push_back(id);
    }
    // Checksums are verified where they are shown: trees, JSON, `summary -v`, and `fields` with
    // --verify-checksums (tshark does not verify by default). The tracker does not need them.
    DissectOptions opts;
    opts.assumeChecksumOffload = a.offload;
    opts.verifyChecksums = a.command == "fields"    ? a.verifyChecksums
                           : a.command == "summary" ? a.tcpdump.verbose > 0
                                                    : true;
    opts.displayText = a.command != "fields"; // fields prints values only
    DissectOptions firstPass = opts;
    firstPass.verifyChecksums = false;

    // Capture files are streamed from disk, twice when the per-packet output needs the
    // tracker's final results; standard input is read once into memory.
    LoadedInput memory;
    const bool fromMemory = a.file == "-";
    if (fromMemory) memory = loadPath(a.file);
    auto eachFrame = [&](const std::function<bool(const Frame&)>& fn) -> LoadedInput {
        if (!fromMemory) return forEachFrame(a.file, fn);
        LoadedInput info;
        info.kind = memory.kind;
        info.formatName = memory.formatName;
        info.segments = memory.segments;
        info.error = memory.error;
        for (const OwnedFrame& of : memory.frames)
            if (!fn(of.view())) break;
        return info;
    };

    Output out;
    uint64_t n = 0;
    PacketSummary summary;
    if (a.command == "summary") {
        TcpdumpPrinter printer(a.tcpdump);
        LoadedInput info = eachFrame([&](const Frame& f) {
            if (a.count && n >= a.count) return false;
            dissectFrame(f, summary, nullptr, opts);
            out.append(printer.format(f, summary));
            ++n;
            return true;
        });
        if (info.kind == LoadedInput::Kind::TcpdumpText) printSegmentsAsText(info.segments);
        out.flush();
        return reportError(a, info);
    }

    // First pass: the tracker over every TCP segment. Its per-packet records are reserved from
    // the file size (frames average well over 256 bytes on disk in practice; if not, the vector
    // grows as usual), so a million-packet capture is not copied over and over as it grows.
    // `conversations` needs only the connections: the tracker keeps no per-packet results.
    ConnectionTracker tracker;
    const bool keepPackets = a.command != "conversations";
    tracker.setKeepPackets(keepPackets);
    tracker.setZeekHistory(a.command == "conversations" && a.format != "table");
    std::error_code sizeError;
    if (!fromMemory && keepPackets)
        if (auto bytes = std::filesystem::file_size(a.file, sizeError); !sizeError)
            tracker.reserve(size_t(bytes / 256));
    const bool perFrame = a.command != "conversations" && a.command != "ladder";
    std::vector<int64_t> analysisOf; // frame index -> index in tracker.packets(), or -1
    LoadedInput info;
    if (a.command == "fields") {
        // One pass: each line is printed as soon as the tracker has settled its packet.
        PendingLines lines(ids);
        ProtoTree tree;
        tree.keepOnly(ids);
        info = eachFrame([&](const Frame& f) {
            if (a.count && n >= a.count) {
                // All N lines are queued; read on only until the tracker settles the last ones.
                if (lines.empty()) return false;
                dissectFrame(f, summary, nullptr, firstPass);
                if (auto seg = segmentFromSummary(f, summary)) tracker.add(*seg);
            } else {
                tree.clear();
                dissectFrame(f, summary, &tree, opts);
                int64_t analysis = -1;
                if (auto seg = segmentFromSummary(f, summary)) {
                    // The tracker never sees verified checksums (as on the summary-only pass).
                    seg->checksum = ChecksumStatus::NotChecked;
                    tracker.add(*seg);
                    analysis = int64_t(tracker.packetCount()) - 1;
                }
                lines.add(tree, f.data, analysis);
                ++n;
            }
            lines.flush(tracker, tracker.firstUnsettled(), out);
            return true;
        });
        lines.flush(tracker, SIZE_MAX, out); // the end: every result is final
        n = 0;
    } else {
        info = eachFrame([&](const Frame& f) {
            dissectFrame(f, summary, nullptr, firstPass);
            auto seg = segmentFromSummary(f, summary);
            if (seg) tracker.add(*seg);
            if (perFrame) analysisOf.push_back(seg ? int64_t(tracker.packets().size()) - 1 : -1);
            return true;
        });
    }
    if (info.kind == LoadedInput::Kind::TcpdumpText)
        for (const TcpSegment& seg : info.segments) tracker.add(seg);

    if (a.command == "conversations") {
        out.append(a.format == "zeek"     ? formatConnLogZeek(tracker)
                   : a.format == "ndjson" ? formatConnLogNdjson(tracker)
                                          : formatConversations(tracker));
        out.flush();
        return reportError(a, info);
    }
    if (a.command == "ladder") {
        if (const std::string e = ladderStreamError(tracker, a.stream); !e.empty()) {
            reportError(a, info);
            std::fprintf(stderr, "tcpscope-cli: %s: %s\n", a.file.c_str(), e.c_str());
            return 1;
        }
        LadderTextOptions lo;
        lo.relative = !a.raw;
        lo.maxArrows = size_t(a.count);
        out.append(formatLadderText(tracker, a.stream, lo));
        out.flush();
        return reportError(a, info);
    }
    if (info.kind == LoadedInput::Kind::TcpdumpText) {
        // No bytes: only what the tracker knows, on a TCP layer made from the text line.
        static const FieldId tcpId = fieldId("tcp");
        for (const TcpPacketAnalysis& p : tracker.packets()) {
            if (a.count && n++ >= a.count) break;
            ProtoTree t;
            t.add(-1, tcpId, 0, 0, std::monostate{},
                  "Transmission Control Protocol (from tcpdump text)");
            addAnalysisToTree(t, p);
            if (a.command == "fields")
                out.append(formatFieldsLine(t, {}, ids) + "\n");
            else if (a.command == "tree")
                out.append(formatTreeText(t) + "\n");
            else
                out.append(std::string(n > 1 ? ",\n" : "[\n") + formatTreeJson(t, Frame{}));
        }
        if (a.command == "json") out.append(n ? "\n]\n" : "[]\n");
        out.flush();
        return reportError(a, info);
    }
    if (a.command == "fields") {
        out.flush();
        return reportError(a, info);
    }

    // Second pass: the full tree of each packet, with its analysis.
    ProtoTree tree;
    const bool json = a.command == "json";
    if (json) out.append("[\n");
    eachFrame([&](const Frame& f) {
        if (a.count && n >= a.count) return false;
        tree.clear();
        dissectFrame(f, summary, &tree, opts);
        if (n < analysisOf.size() && analysisOf[n] >= 0)
            addAnalysisToTree(tree, tracker.packets()[size_t(analysisOf[n])], opts.displayText);
        if (a.command == "fields") {
            out.append(formatFieldsLine(tree, f.data, ids));
            out.append("\n");
        } else if (a.command == "tree") {
            if (n) out.append("\n");
            out.append(formatTreeText(tree));
        } else {
            if (n) out.append(",\n");
            out.append(formatTreeJson(tree, f));
        }
        ++n;
        return true;
    });
    if (json) out.append("\n]\n");
    out.flush();
    return reportError(a, info);
}

} // namespace

int main(int argc, char** argv) {
    Args a;
    std::string err;
    if (argc >= 2 && (std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (argc >= 2 && (std::strcmp(argv[1], "-V") == 0 || std::strcmp(argv[1], "--version") == 0)) {
        std::puts("tcpscope-cli " TCPSCOPE_VERSION_STRING);
        return 0;
    }
    if (!parseArgs(argc, argv, a, err)) return usageError(err);
    return run(a);
}

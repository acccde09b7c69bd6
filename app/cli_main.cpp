// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope-cli: tcpdump-style summaries, tshark-style field columns, field trees and JSON
// from captures (pcap, pcapng) and pasted text (hex dumps, tcpdump lines).
#include "tcpscope/analysis_fields.h"
#include "tcpscope/byte_table.h"
#include "tcpscope/capture_session.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/capture_writer.h"
#include "tcpscope/conn_log.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/conversations_format.h"
#include "tcpscope/display_filter.h"
#include "tcpscope/dissect.h"
#include "tcpscope/exercise.h"
#include "tcpscope/field.h"
#include "tcpscope/first_pass.h"
#include "tcpscope/ladder_text.h"
#include "tcpscope/live_capture.h"
#include "tcpscope/stream_follow.h"
#include "tcpscope/syn_queue.h"
#include "tcpscope/tcpdump_format.h"
#include "tcpscope/text_catalogue.h"
#include "tcpscope/tree_format.h"
#include "tcpscope/version.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace tcpscope;

namespace {

const char* kUsage =
    "usage: tcpscope-cli COMMAND [options] FILE|-\n"
    "       tcpscope-cli summary|ladder -i INTERFACE [-f FILTER] [-w FILE] [options]\n"
    "\n"
    "commands:\n"
    "  summary [-S] [-v] [-q] [-x|-xx|-X|-XX] [-#] [-t|-tt|-ttt|-tttt|-ttttt] [--nano]\n"
    "          one line per packet, as `tcpdump -n -r FILE` prints it\n"
    "  fields -e FIELD [-e FIELD ...] [--verify-checksums]\n"
    "          tab-separated values per packet, as `tshark -T fields` prints them\n"
    "  tree [--explain]   the full field tree of each packet, with byte offsets and lengths;\n"
    "          --explain: each field's explanation under its line\n"
    "  json    the same as JSON, one object per packet in an array\n"
    "  table [--format markdown|html|csv]   the byte table of each packet, as the seed\n"
    "          article lays it out: a row per field with its bytes (nibbles and bit groups\n"
    "          apart), value with the conversion written out, and meaning; a table per header\n"
    "          (IP, TCP, TCP options) and the payload\n"
    "  conversations [--format table|zeek|ndjson]   one row per TCP connection: sockets,\n"
    "          packets and bytes each way, duration, how it opened and closed, final RFC 9293\n"
    "          state of both endpoints; zeek: a Zeek conn.log (history, Community ID, ...),\n"
    "          ndjson: the same as one JSON object per line\n"
    "  ladder [--stream K] [--raw] [--captions]   the ladder (sequence) diagram of one\n"
    "          connection (default stream 0): an arrow per packet with flags, seq, ack, len,\n"
    "          win and analysis marks; each endpoint's RFC 9293 state beside its lane;\n"
    "          --captions: the classroom caption of each packet under its arrow\n"
    "  follow [--stream K] [--format ascii|hex|raw|yaml|utf-8|c-arrays]   Follow TCP Stream:\n"
    "          the data of one connection (default stream 0) in sequence order, each packet's\n"
    "          new bytes once, as `tshark -q -z follow,tcp,FORMAT,K` prints it; bytes\n"
    "          acknowledged but never captured show as \"[N bytes missing in capture file]\";\n"
    "          on stderr: retransmitted bytes that differ from the first copy, and data after\n"
    "          a gap nothing acknowledged (not shown, as in tshark)\n"
    "  exercise FILE.json   a predict-then-reveal exercise's answer key: each step's packet,\n"
    "          the true values of what it hides with the reason in the packet's numbers, the\n"
    "          teacher's questions and answers; errors name the line and column\n"
    "  exercise --make [--stream K] CAPTURE   a starting exercise file for one connection\n"
    "  syn-queue [--server ADDR:PORT]   the SYN (half-open) queue of a listening socket\n"
    "          (default: the server that received the most SYNs): one line per connection\n"
    "          with its client, SYN time, SYN,ACK retries and their back-off intervals, and\n"
    "          how it left the queue (established, reset, or given up after the last retry\n"
    "          seen); whether a SYN,ACK might be a SYN cookie; the half-open and established\n"
    "          counts over time\n"
    "  list-fields   every field abbreviation with its name and explanation\n"
    "  list-messages   every translatable text: its message id and English default\n"
    "\n"
    "common options: -c N (stop after N packets; ladder: draw N arrows), --offload (captured on "
    "the sending host:\n"
    "report wrong checksums as likely offloaded)\n"
    "-Y FILTER: only the packets a Wireshark display filter matches, e.g.\n"
    "-Y 'tcp.port == 80 && tcp.flags.syn == 1'; -c then counts those; conversations: the\n"
    "connections with a packet it matches; ladder: its arrows, each run of others counted\n"
    "--lang zh_CN (tree, ladder, table, exercise, syn-queue): explanations, captions, states\n"
    "and notes in Simplified Chinese; tree then explains every field\n"
    "live capture (summary, ladder): -i INTERFACE (lo for the loopback) prints packets as\n"
    "they arrive, as tcpdump does, until Ctrl+C or -c N; ladder grows the ladder of stream\n"
    "K arrow by arrow. -f FILTER: a capture filter (BPF, pcap-filter(7)); -w FILE: also\n"
    "write the packets as pcapng; -s SNAPLEN; -p: not promiscuous. The capture helper\n"
    "tcpscope-capture opens the interface: it needs cap_net_raw,cap_net_admin (setcap) or\n"
    "root. Counts of packets captured and dropped go to stderr at the end\n"
    "FILE is a pcap/pcapng capture or a text file (hex dumps of many formats, tcpdump lines);\n"
    "`-` reads standard input; -r FILE names it as tcpdump and tshark do. Errors go to\n"
    "stderr; packets decoded before one are printed.\n"
    "tcpscope-cli --help | --version\n";

struct Args {
    std::string command;
    std::string file;
    TcpdumpOptions tcpdump;
    std::vector<std::string> fields;
    bool verifyChecksums = false;
    bool offload = false;
    uint64_t count = 0;
    uint32_t stream = 0;                   // ladder --stream
    bool raw = false;                      // ladder --raw
    bool captions = false;                 // ladder --captions
    bool explain = false;                  // tree --explain
    bool make = false;                     // exercise --make
    std::string lang;                      // --lang
    std::string format;                    // conversations --format (table), follow (ascii)
    std::string server;                    // syn-queue --server ADDR:PORT
    std::optional<std::string> filterText; // -Y
    CaptureOptions live;                   // -i (live capture), -f, -s, -p
    std::string writeFile;                 // -w (live capture)
    const DisplayFilter* filter = nullptr; // -Y compiled (run())
};

int usageError(const std::string& msg) {
    std::fprintf(stderr, "tcpscope-cli: %s\n\n%s", msg.c_str(), kUsage);
    return 2;
}

// The options of one command that take a value: ladder --stream, conversations --format,
// syn-queue --server (checked when the capture's sockets are known).
bool parseValueOption(std::string_view option, const char* v, Args& a, std::string& err) {
    if (option == "--server") {
        a.server = v;
        return true;
    }
    if (option == "--format" && a.command == "follow") {
        a.format = v;
        FollowFormat f;
        if (parseFollowFormat(a.format, f)) return true;
        err = "--format needs ascii, hex, raw, yaml, utf-8 or c-arrays, not \"" + a.format + "\"";
        return false;
    }
    if (option == "--format" && a.command == "table") {
        a.format = v;
        if (a.format == "markdown" || a.format == "html" || a.format == "csv") return true;
        err = "--format needs markdown, html or csv, not \"" + a.format + "\"";
        return false;
    }
    if (option == "--format") {
        a.format = v;
        if (a.format == "table" || a.format == "zeek" || a.format == "ndjson") return true;
        err = "--format needs table, zeek or ndjson, not \"" + a.format + "\"";
        return false;
    }
    char* end = nullptr;
    const unsigned long long k = std::strtoull(v, &end, 10);
    if (!*v || *end || k > UINT32_MAX) {
        err = "--stream needs a stream number, not \"" + std::string(v) + "\"";
        return false;
    }
    a.stream = uint32_t(k);
    return true;
}

// A decimal number within [lo, hi], digits only (no sign, no space, no suffix).
bool parseNumber(const char* v, uint64_t lo, uint64_t hi, uint64_t& out) {
    if (!*v || !std::all_of(v, v + std::strlen(v), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    errno = 0;
    const unsigned long long k = std::strtoull(v, nullptr, 10);
    if (errno == ERANGE || k < lo || k > hi) return false;
    out = k;
    return true;
}

// The options without a value (tcpdump's -S, -q, -v..., -t..., -x...; --raw, --make ...);
// false when `s` is none of them.
bool parseSwitch(std::string_view s, Args& a) {
    const auto repeated = [s](char c) {
        return s.size() >= 2 && s[0] == '-' && s.find_first_not_of(c, 1) == std::string_view::npos;
    };
    if (s == "-S")
        a.tcpdump.absoluteSeq = true;
    else if (s == "-q")
        a.tcpdump.quick = true;
    else if (s == "-#" || s == "--number")
        a.tcpdump.number = true;
    else if (s == "--nano")
        a.tcpdump.nano = true;
    else if (repeated('v'))
        a.tcpdump.verbose += int(s.size() - 1);
    else if (repeated('t') && s.size() <= 6)
        a.tcpdump.timeFormat = int(s.size() - 1);
    else if (s == "-x" || s == "-xx" || s == "-X" || s == "-XX")
        a.tcpdump.hex = int(s.size() - 1) + (s[1] == 'X' ? 2 : 0);
    else if (s == "--verify-checksums")
        a.verifyChecksums = true;
    else if (s == "--offload")
        a.offload = true;
    else if (s == "--raw")
        a.raw = true;
    else if (s == "--captions")
        a.captions = true;
    else if (s == "--explain")
        a.explain = true;
    else if (s == "--make")
        a.make = true;
    else if (s == "-p")
        a.live.promiscuous = false;
    else
        return false;
    return true;
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
        if (parseSwitch(s, a)) continue;
        if (s == "-e") {
            const char* v = need("a field abbreviation");
            if (!v) return false;
            a.fields.push_back(v);
        } else if (s == "-Y") {
            const char* v = need("a display filter");
            if (!v) return false;
            a.filterText = v;
        } else if (s == "-c") {
            const char* v = need("a packet count");
            if (!v) return false;
            if (!parseNumber(v, 1, UINT64_MAX, a.count)) {
                err = "-c needs a packet count (1 or more), not \"" + std::string(v) + "\"";
                return false;
            }
        } else if (s == "--stream" || s == "--format" || s == "--server") {
            const char* v = need(s == "--stream"   ? "a stream number"
                                 : s == "--format" ? "a format"
                                                   : "a server socket (ADDR:PORT)");
            if (!v || !parseValueOption(s, v, a, err)) return false;
        } else if (s == "-i" || s == "-f" || s == "-w" || s == "-s") {
            const char* v = need(s == "-i"   ? "an interface (lo for the loopback)"
                                 : s == "-f" ? "a capture filter"
                                 : s == "-w" ? "a file to write"
                                             : "a snap length");
            if (!v) return false;
            if (s != "-s") {
                (s == "-i" ? a.live.interface : s == "-f" ? a.live.filter : a.writeFile) = v;
                continue;
            }
            uint64_t snaplen = 0;
            if (!parseNumber(v, 0, 262144, snaplen)) {
                err = "-s needs a snap length from 0 to 262144, not \"" + std::string(v) + "\"";
                return false;
            }
            a.live.snaplen = snaplen == 0 ? 262144 : int(snaplen); // 0: whole packets, as tcpdump
        } else if (s == "--lang") {
            const char* v = need("a language (en or zh_CN)");
            if (!v) return false;
            a.lang = v;
            if (a.lang != "en" && !builtinTable(a.lang)) {
                err = "--lang needs en or zh_CN, not \"" + a.lang + "\"";
                return false;
            }
        } else if (s == "-" || s[0] != '-' || s == "-r") {
            // -r FILE: as tcpdump and tshark take it.
            const char* file = s == "-r" ? need("a capture file to read") : argv[i];
            if (!file) return false;
            if (!a.file.empty()) {
                err = "more than one input file given";
                return false;
            }
            a.file = file;
        } else {
            err = "unknown option " + std::string(s);
            return false;
        }
    }
    const bool live = !a.live.interface.empty();
    if (live && a.command != "summary" && a.command != "ladder") {
        err = "-i (live capture) goes with summary or ladder, not " + a.command;
        return false;
    }
    if (live && !a.file.empty()) {
        err = "-i captures live: give no input file with it";
        return false;
    }
    if (!live && (!a.live.filter.empty() || !a.writeFile.empty())) {
        err = "-f and -w go with live capture (-i INTERFACE)";
        return false;
    }
    if (a.file.empty() && !live && a.command != "list-fields" && a.command != "list-messages") {
        err = "no input file given (use - for standard input)";
        return false;
    }
    return true;
}

// Buffered standard output: one write per 64 KiB instead of one per line.
struct Output {
    static inline bool eachLine = false; // live capture: every line out as it comes
    std::string buf;
    void append(std::string_view s) {
        buf.append(s);
        if (buf.size() >= (1 << 16) || eachLine) flush();
    }
    void flush() {
        std::fwrite(buf.data(), 1, buf.size(), stdout);
        std::fflush(stdout);
        buf.clear();
    }
    ~Output() { flush(); }
};

// Lines of packets handed on out of input order (FirstPassOptions::inOrder off), printed in
// input order: a line waits only while an earlier packet's line does.
class OrderedLines {
  public:
    explicit OrderedLines(Output& out) : m_out(out) {}
    // The line of packet `index`; each index comes once.
    void put(size_t index, std::string_view line) {
        if (index == m_next && m_waiting.empty()) {
            m_out.append(line);
            ++m_next;
            return;
        }
        const size_t at = index - m_next;
        if (at >= m_waiting.size()) m_waiting.resize(at + 1);
        m_waiting[at] = {true, std::string(line)};
        while (!m_waiting.empty() && m_waiting.front().first) {
            m_out.append(m_waiting.front().second);
            m_waiting.pop_front();
            ++m_next;
        }
    }

  private:
    Output& m_out;
    size_t m_next = 0;                                  // the next index to print
    std::deque<std::pair<bool, std::string>> m_waiting; // from m_next on: ready, line
};

// Where reading stopped, on stderr, after everything decoded before it was printed.
int reportError(const Args& a, const LoadedInput& info) {
    if (!info.error) return 0;
    std::string where = info.error->where();
    std::fprintf(stderr, "tcpscope-cli: %s: %s%s%s\n", a.file.c_str(), info.error->message.c_str(),
                 where.empty() ? "" : " at ", where.c_str());
    return 1;
}

// Checksums are verified where they are shown: trees, JSON, `summary -v`, and `fields` with
// --verify-checksums (tshark does not verify by default). The tracker does not need them.
DissectOptions dissectOptions(const Args& a, bool verify) {
    DissectOptions opts;
    opts.assumeChecksumOffload = a.offload;
    opts.verifyChecksums = verify;
    return opts;
}

// The first pass's options for a filter (-Y): trees with the filter's fields, the analysis
// final before a packet is handed on. A live capture (-i) filters each packet as it arrives,
// on the analysis as it stands then (as tshark's one pass does): a packet waiting for a later
// one (the last ACK of a close waits for its sender to speak again) would hold back every line
// after it while the interface is quiet.
void filterOptions(const Args& a, FirstPassOptions& options) {
    if (!a.filter) return;
    options.dissectFrames = true;
    options.handOnAtRead = !a.live.interface.empty();
    options.keepBytes = options.keepBytes || a.filter->needsBytes();
    if (options.trees == FirstPassOptions::Trees::None) {
        options.trees = FirstPassOptions::Trees::Kept;
        options.keptFields.clear();
        options.dissect.displayText = false; // the filter reads values only
    }
    if (options.trees == FirstPassOptions::Trees::Kept)
        for (FieldId f : a.filter->fields()) options.keptFields.push_back(f);
}

// Whether the filter (-Y), if any, keeps a packet.
bool passes(const Args& a, const PassPacket& p) {
    if (!a.filter) return true;
    const std::span<const uint8_t> bytes = p.frame ? p.frame->data : std::span<const uint8_t>();
    return p.tree && a.filter->matches(*p.tree, bytes);
}

LiveCapture* g_live = nullptr;

void stopCapture(int) {
    if (g_live) g_live->stop();
}

// Live capture (-i): each frame from the capture helper to `each` as it arrives, and to -w's
// file, until Ctrl+C, `each` returns false (-c N) or the helper ends; then, as tcpdump, the
// counts on stderr, and why the capture ended early if it did.
int captureLive(const Args& a, const std::function<bool(const Frame&)>& each) {
    LiveCapture live;
    if (!live.start(a.live)) {
        std::fprintf(stderr, "tcpscope-cli: %s\n", live.error().c_str());
        return 1;
    }
    g_live = &live;
    struct sigaction sa {};
    sa.sa_handler = stopCapture;
    sa.sa_flags = SA_RESTART; // the read of the helper's pipe goes on: the rest still comes
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    Output::eachLine = true;
    if (!live.open()) {
        std::fprintf(stderr, "tcpscope-cli: capture on %s: %s\n", a.live.interface.c_str(),
                     live.error().c_str());
        return 1;
    }
    std::fprintf(stderr,
                 "tcpscope-cli: listening on %s, link-type %s, snapshot length %d "
                 "bytes%s%s\n",
                 a.live.interface.c_str(), captureLinkTypeName(int(live.linkType())).c_str(),
                 a.live.snaplen, a.live.filter.empty() ? "" : ", filter ", a.live.filter.c_str());
    FILE* file = a.writeFile.empty() ? nullptr : std::fopen(a.writeFile.c_str(), "wb");
    if (!a.writeFile.empty() && !file) {
        std::fprintf(stderr, "tcpscope-cli: cannot write %s: %s\n", a.writeFile.c_str(),
                     std::strerror(errno));
        return 1;
    }
    std::vector<uint8_t> block;
    PcapngWriter writer(block);
    uint64_t captured = 0;
    bool more = true;
    for (Frame f; live.next(f);) {
        if (!more) continue; // past -c N: read to the end, not printed or written
        ++captured;
        if (file) {
            writer.add(f);
            std::fwrite(block.data(), 1, block.size(), file);
            std::fflush(file);
            block.clear();
        }
        if (!each(f)) {
            more = false;
            live.stop(); // what the helper still writes is read, not printed
        }
    }
    g_live = nullptr;
    if (file) std::fclose(file);
    const CaptureStats st = live.stats();
    std::fprintf(stderr,
                 "%llu packets captured\n%llu packets received by filter\n"
                 "%llu packets dropped by kernel\n",
                 (unsigned long long)captured, (unsigned long long)st.received,
                 (unsigned long long)st.dropped);
    if (st.lost)
        std::fprintf(stderr, "%llu packets lost by the capture helper (this reader too slow)\n",
                     (unsigned long long)st.lost);
    for (const std::string& w : live.warnings())
        std::fprintf(stderr, "tcpscope-cli: capture: %s\n", w.c_str());
    if (std::string e = live.error(); !e.empty()) {
        std::fprintf(stderr, "tcpscope-cli: capture on %s: %s\n", a.live.interface.c_str(),
                     e.c_str());
        return 1;
    }
    return 0;
}

// Reads the input through the first pass, handing each packet the filter (-Y) keeps to
// `print` until -c N packets were printed, and each it drops to `dropped`; then reports where
// reading stopped.
int streamPackets(const Args& a, FirstPassOptions options,
                  const std::function<void(const PassPacket&)>& print,
                  const std::function<void(const PassPacket&)>& dropped = {}) {
    uint64_t n = 0;
    filterOptions(a, options);
    FirstPass pass(std::move(options), [&](const PassPacket& p) {
        // A packet the filter drops is neither printed nor counted (tshark's -c with -Y).
        if (!passes(a, p)) {
            if (dropped) dropped(p);
            return true;
        }
        print(p);
        return !(a.count && ++n >= a.count);
    });
    if (!a.live.interface.empty()) {
        const int rc = captureLive(a, [&](const Frame& f) { return pass.add(f); });
        pass.finish();
        return rc;
    }
    return reportError(a, pass.run(a.file));
}

int listFields() {
    auto& reg = FieldRegistry::instance();
    for (size_t i = 0; i < reg.size(); ++i) {
        const FieldDef& d = reg.def(static_cast<FieldId>(i));
        std::printf("%s\t%s\t%.*s\n", std::string(d.abbrev).c_str(), std::string(d.name).c_str(),
                    int(d.explanation.size()), d.explanation.data());
    }
    return 0;
}

// id <TAB> English default, one a line; tabs, newlines and backslashes escaped. The input of
// resources/translations/update_core_ts.py.
int listMessages() {
    for (const CatalogueText& t : textCatalogue()) {
        std::string text;
        for (char c : t.english) {
            if (c == '\\')
                text += "\\\\";
            else if (c == '\n')
                text += "\\n";
            else if (c == '\t')
                text += "\\t";
            else
                text += c;
        }
        std::printf("%s\t%s\n", t.id.c_str(), text.c_str());
    }
    return 0;
}

int summaryCommand(const Args& a) {
    FirstPassOptions o;
    o.dissectFrames = false; // the printer reads the bytes itself; its lines need no analysis
    Output out;
    TcpdumpPrinter printer(a.tcpdump);
    return streamPackets(a, o, [&](const PassPacket& p) {
        if (p.frame) {
            printer.formatTo(*p.frame, out.buf);
            out.append({});
            return;
        }
        // tcpdump text: its own line back (a round trip), as tcpdump printed it.
        out.append(p.text);
        out.append("\n");
    });
}

int fieldsCommand(const Args& a, const std::vector<FieldId>& ids) {
    FirstPassOptions o;
    o.dissect = dissectOptions(a, a.verifyChecksums);
    o.dissect.displayText = false; // fields prints values only
    o.trees = FirstPassOptions::Trees::Kept;
    o.keptFields = ids;
    // Only a protocol prints bytes (tshark prints its bytes in hex; a valueless field prints
    // 1): otherwise a packet waiting for the tracker's final results needs only its kept tree.
    o.keepBytes =
        (a.filter && a.filter->needsBytes()) || std::any_of(ids.begin(), ids.end(), [](FieldId id) {
            return FieldRegistry::instance().def(id).type == FieldType::Protocol;
        });
    o.keepDecode = false; // the lines are made from the trees alone
    // Each line is made as soon as its packet's results are final; only the line waits for
    // an earlier packet's (the ACK of a FIN waits for the FIN's sender to speak again). With
    // -c, in order: the count is of the first packets.
    o.inOrder = a.count != 0;
    Output out;
    OrderedLines ordered(out);
    std::string line;
    return streamPackets(
        a, o,
        [&](const PassPacket& p) {
            line.clear();
            const std::span<const uint8_t> bytes =
                p.frame ? p.frame->data : std::span<const uint8_t>{};
            for (size_t k = 0; k < ids.size(); ++k) {
                if (k) line += '\t';
                bool seen = false;
                appendFieldValues(line, seen, *p.tree, bytes, ids[k]);
            }
            line += '\n';
            ordered.put(p.index, line);
        },
        [&](const PassPacket& p) { ordered.put(p.index, {}); }); // its turn, without a line
}

int treeCommand(const Args& a) {
    FirstPassOptions o;
    o.dissect = dissectOptions(a, true);
    o.trees = FirstPassOptions::Trees::Full;
    Output out;
    return streamPackets(a, o, [&](const PassPacket& p) {
        if (p.index) out.append("\n");
        out.append(formatTreeText(*p.tree, a.explain || !a.lang.empty()));
    });
}

int tableCommand(const Args& a) {
    FirstPassOptions o;
    o.dissect = dissectOptions(a, true);
    o.trees = FirstPassOptions::Trees::Full;
    Output out;
    bool first = true;
    return streamPackets(a, o, [&](const PassPacket& p) {
        const std::span<const uint8_t> bytes = p.frame ? p.frame->data : std::span<const uint8_t>();
        const ByteTable table = buildByteTable(*p.tree, bytes);
        if (a.format == "csv")
            out.append(formatByteTableCsv(table, first));
        else if (a.format == "html")
            out.append(formatByteTableHtml(table));
        else
            out.append(formatByteTableMarkdown(table));
        first = false;
    });
}

// The exercise's answer key: each step's packet, the true values with their reasons and the
// teacher's questions with their answers; --make: a starting exercise for --stream of a capture.
int exerciseCommand(const Args& a) {
    if (a.make) {
        const auto session = CaptureSession::open(a.file, {});
        if (session->error() && session->tracker().connections().empty()) {
            std::fprintf(stderr, "tcpscope-cli: %s: %s\n", a.file.c_str(),
                         session->error()->message.c_str());
            return 1;
        }
        if (a.stream >= session->tracker().connections().size()) {
            std::fprintf(stderr, "tcpscope-cli: %s has no TCP stream %u\n", a.file.c_str(),
                         a.stream);
            return 1;
        }
        const std::string name = std::filesystem::path(a.file).filename().string();
        std::fputs(formatExercise(makeExercise(session->tracker(), a.stream, name)).c_str(),
                   stdout);
        return 0;
    }
    const LoadedExercise loaded = loadExercise(a.file);
    if (loaded.error) {
        std::string where = loaded.error->where();
        std::fprintf(stderr, "tcpscope-cli: %s%s%s: %s\n", a.file.c_str(),
                     where.empty() ? "" : ": ", where.c_str(), loaded.error->message.c_str());
        return 1;
    }
    const Exercise& e = *loaded.exercise;
    const ConnectionTracker& tracker = loaded.session->tracker();
    const std::vector<LadderEvent> ladder = tracker.ladder(e.stream);
    std::string out = e.title + "\n";
    for (size_t i = 0; i < e.steps.size(); ++i) {
        const ExerciseStep& s = e.steps[i];
        const LadderEvent& ev = ladder[s.packet - 1];
        out += "\nstep " + std::to_string(i + 1) + ": packet " + std::to_string(s.packet) +
               " (frame " + std::to_string(ev.frameNumber) + ", " +
               std::string(roleWord(ev.from == EndpointRole::Client)) + ")\n";
        if (!s.note.empty()) out += "  " + s.note + "\n";
        for (ExerciseField f : s.hide) {
            const ExerciseReveal r = revealField(tracker, e.stream, s.packet, f, {});
            out += "  " + std::string(exerciseFieldKey(f)) + " = " + r.expected + "\n    " +
                   r.explanation + "\n";
        }
        for (const ExerciseQuestion& q : s.questions) {
            const ExerciseReveal r = revealQuestion(q, {});
            out += "  Q: " + q.ask + "\n  A: " + r.expected + "\n";
            if (!q.explain.empty()) out += "    " + q.explain + "\n";
        }
    }
    std::fputs(out.c_str(), stdout);
    return 0;
}

int jsonCommand(const Args& a) {
    FirstPassOptions o;
    o.dissect = dissectOptions(a, true);
    o.trees = FirstPassOptions::Trees::Full;
    Output out;
    out.append("[\n");
    const int status = streamPackets(a, o, [&](const PassPacket& p) {
        if (p.index) out.append(",\n");
        Frame line; // a tcpdump text line has no bytes, only its number
        if (!p.frame) line.number = p.segment->frameNumber;
        out.append(formatTreeJson(*p.tree, p.frame ? *p.frame : line));
    });
    out.append("\n]\n");
    return status;
}

int conversationsCommand(const Args& a) {
    FirstPassOptions o;
    o.dissect = dissectOptions(a, false);
    o.handOnAtRead = true;   // only the connections are kept, no per-packet results
    o.handOnSummary = false; // the sink reads the analysis, and with -Y the trees, only
    filterOptions(a, o);
    // With -Y: the connections with at least one packet the filter keeps, their rows whole.
    std::vector<bool> kept;
    FirstPass pass(o, [&](const PassPacket& p) {
        if (a.filter && p.analysis && passes(a, p)) {
            if (kept.size() <= p.analysis->stream) kept.resize(p.analysis->stream + 1);
            kept[p.analysis->stream] = true;
        }
        return true;
    });
    pass.tracker().setZeekHistory(a.format == "zeek" ||
                                  a.format == "ndjson"); // Zeek's history costs time: only if asked
    const LoadedInput info = pass.run(a.file);
    ConnLogOptions lo;
    if (a.filter) lo.include = [&](uint32_t s) { return s < kept.size() && kept[s]; };
    Output out;
    out.append(a.format == "zeek"     ? formatConnLogZeek(pass.tracker(), lo)
               : a.format == "ndjson" ? formatConnLogNdjson(pass.tracker(), lo)
                                      : formatConversations(pass.tracker(), lo.include));
    out.flush();
    return reportError(a, info);
}

// ladder -i: the ladder of stream K grown arrow by arrow as its packets arrive.
int liveLadder(const Args& a) {
    if (a.filter) return usageError("ladder -i takes no -Y: use a capture filter (-f)");
    FirstPassOptions o;
    o.dissect = dissectOptions(a, false);
    o.keepAnalyses = true;
    o.handOnAtRead = true;
    LadderTextOptions lo;
    lo.relative = !a.raw;
    lo.captions = a.captions;
    LadderTextStream ladder(a.stream, lo);
    Output out;
    FirstPass* current = nullptr;
    uint64_t arrows = 0;
    FirstPass pass(o, [&](const PassPacket& p) {
        if (!p.analysis || p.analysis->stream != a.stream) return true;
        out.append(ladder.update(current->tracker()));
        return !(a.count && ++arrows >= a.count);
    });
    current = &pass;
    const int rc = captureLive(a, [&](const Frame& f) { return pass.add(f); });
    out.append(ladder.end());
    if (pass.tracker().connections().size() <= a.stream)
        std::fprintf(stderr, "tcpscope-cli: %s\n",
                     ladderStreamError(pass.tracker(), a.stream).c_str());
    return rc;
}

int ladderCommand(const Args& a) {
    if (!a.live.interface.empty()) return liveLadder(a);
    FirstPassOptions o;
    o.dissect = dissectOptions(a, false);
    o.keepAnalyses = true;
    o.handOnAtRead = true;
    filterOptions(a, o);
    std::vector<uint64_t> shown; // with -Y: the frames it keeps, for the ladder's arrows
    // The last layer that carried something not decoded, in frames without TCP.
    Undecoded stop = Undecoded::None;
    uint32_t stopType = 0;
    uint64_t stopFrames = 0;
    FirstPass pass(o, [&](const PassPacket& p) {
        if (a.filter && passes(a, p)) shown.push_back(p.frame ? p.frame->number : p.index + 1);
        if (p.summary && !p.summary->hasTcp && p.summary->undecoded != Undecoded::None) {
            stop = p.summary->undecoded, stopType = p.summary->undecodedType;
            ++stopFrames;
        }
        return true;
    });
    const LoadedInput info = pass.run(a.file);
    std::sort(shown.begin(), shown.end());
    if (std::string e = ladderStreamError(pass.tracker(), a.stream); !e.empty()) {
        reportError(a, info);
        if (pass.tracker().connections().empty() && stop != Undecoded::None)
            e += ": " + undecodedReason(stop, stopType, stopFrames);
        std::fprintf(stderr, "tcpscope-cli: %s: %s\n", a.file.c_str(), e.c_str());
        return 1;
    }
    LadderTextOptions lo;
    lo.relative = !a.raw;
    lo.maxArrows = size_t(a.count);
    lo.captions = a.captions;
    if (a.filter)
        lo.show = [&](uint64_t frame) {
            return std::binary_search(shown.begin(), shown.end(), frame);
        };
    Output out;
    out.append(formatLadderText(pass.tracker(), a.stream, lo));
    out.flush();
    return reportError(a, info);
}

// The bytes of one connection (Follow TCP Stream), read in one pass that keeps only them.
int followCommand(const Args& a) {
    if (a.filter) return usageError("follow takes no -Y: it follows one stream (--stream K)");
    FollowFormat format = FollowFormat::Ascii;
    if (!a.format.empty()) parseFollowFormat(a.format, format);
    FirstPassOptions o;
    o.dissect = dissectOptions(a, false);
    o.dissect.displayText = false;
    o.handOnAtRead = true; // sequence numbers, lengths and the stream are final at read
    StreamFollower follower(a.stream);
    uint64_t n = 0;
    FirstPass pass(o, [&](const PassPacket& p) {
        if (p.analysis && p.segment && p.analysis->stream == a.stream) {
            // A tcpdump text line has no bytes; a frame whose TCP header was cut short is
            // not followed (as in Wireshark).
            std::optional<std::span<const uint8_t>> payload = std::span<const uint8_t>();
            if (p.frame && p.summary) payload = followPayload(*p.frame, *p.summary);
            const TcpSegment& g = *p.segment;
            if (payload)
                follower.add(*p.analysis, g.ts, g.src, g.srcPort, g.dst, g.dstPort, *payload);
        }
        return !(a.count && ++n >= a.count);
    });
    const LoadedInput info = pass.run(a.file);
    const FollowStream s = follower.finish();
    std::string text;
    formatFollow(text, s, format);
    Output out;
    out.append(text);
    out.flush();
    if (a.stream >= pass.tracker().connections().size())
        std::fprintf(stderr,
                     "tcpscope-cli: %s: no stream %u: the capture has %zu TCP connections\n",
                     a.file.c_str(), a.stream, pass.tracker().connections().size());
    for (const FollowAnomaly& an : s.anomalies)
        std::fprintf(stderr,
                     "tcpscope-cli: %s: frame %llu: %u retransmitted bytes from node %d differ "
                     "from the first copy (seq %u), which is kept\n",
                     a.file.c_str(), (unsigned long long)an.frame, an.length, an.server ? 1 : 0,
                     an.seq);
    for (const FollowChunk& c : s.unplaced)
        std::fprintf(stderr,
                     "tcpscope-cli: %s: frame %llu: %u bytes from node %d (seq %u) follow bytes "
                     "never captured nor acknowledged, not shown\n",
                     a.file.c_str(), (unsigned long long)c.frame, c.length, c.server ? 1 : 0,
                     c.seq);
    return reportError(a, info);
}

// "192.168.10.80:80" or "[2001:db8::1]:443" as an address and a port.
bool parseServerSocket(const std::string& text, Address& addr, uint16_t& port) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 >= text.size()) return false;
    std::string host = text.substr(0, colon);
    const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);
    char* end = nullptr;
    const unsigned long p = std::strtoul(text.c_str() + colon + 1, &end, 10);
    if (*end || p > 65535) return false;
    port = uint16_t(p);
    uint8_t bytes[16];
    if (!bracketed && inet_pton(AF_INET, host.c_str(), bytes) == 1) {
        addr = Address::v4(uint32_t(bytes[0]) << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        return true;
    }
    if (bracketed && inet_pton(AF_INET6, host.c_str(), bytes) == 1) {
        addr = Address::v6(bytes);
        return true;
    }
    return false;
}

// The listening socket syn-queue shows: --server's, or the one with the most SYNs.
std::optional<ListeningSocket> chooseListeningSocket(const Args& a, const CaptureSession& s,
                                                     std::string& err) {
    const std::vector<ListeningSocket> sockets = listeningSockets(s);
    if (sockets.empty()) {
        err = "no server received a SYN in this capture";
        return std::nullopt;
    }
    if (a.server.empty()) return sockets.front();
    ListeningSocket want;
    if (!parseServerSocket(a.server, want.addr, want.port)) {
        err = "--server needs ADDR:PORT (or [IPv6]:PORT), not \"" + a.server + "\"";
        return std::nullopt;
    }
    for (const ListeningSocket& l : sockets)
        if (l == want) return l;
    err = "no SYN to " + a.server + " in this capture; servers that received SYNs:";
    for (const ListeningSocket& l : sockets) err += " " + listeningSocketText(l);
    return std::nullopt;
}

std::string secondsText(double t, const char* format = "%.6f") {
    char buf[48];
    std::snprintf(buf, sizeof buf, format, t);
    return buf;
}

// One connection's line: client, SYN, first SYN,ACK, the retries' intervals, the outcome.
std::string synQueueLine(const SynQueueEntry& e, size_t clientWidth) {
    std::string client = endpointSocketText({e.client, e.clientPort});
    client.resize(std::max(client.size(), clientWidth), ' ');
    std::string retries;
    for (const SynAckSend& s : e.synAcks)
        if (s.retry) retries += (retries.empty() ? "" : ", ") + secondsText(s.interval, "+%.3f s");
    std::string line = std::to_string(e.stream);
    line.resize(std::max<size_t>(line.size(), 6), ' ');
    line += "  " + client + "  " + (e.synSeen ? secondsText(e.synTime) : "-");
    line += "  " + (e.synAcks.empty() ? std::string("-") : secondsText(e.synAcks[0].t));
    line += "  " + std::to_string(e.retries()) + (retries.empty() ? "" : " (" + retries + ")");
    line += "  " + synQueueOutcomeText(e.outcome);
    if (e.outcome != SynQueueOutcome::NoSynAck) line += " at " + secondsText(e.endTime);
    return line + "\n";
}

// The SYN cookie assessments, each text once with the streams it applies to.
std::string synCookieLines(const SynQueue& q) {
    std::vector<std::pair<std::string, std::vector<uint32_t>>> groups;
    for (const SynQueueEntry& e : q.entries) {
        const std::string text = synCookieText(e.cookie);
        auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.first == text; });
        if (it == groups.end()) it = groups.insert(groups.end(), {text, {}});
        it->second.push_back(e.stream);
    }
    std::string out;
    for (const auto& [text, streams] : groups) {
        out += "  " + std::to_string(streams.size()) + " (stream";
        out += streams.size() == 1 ? " " : "s ";
        for (size_t i = 0; i < streams.size() && i < 8; ++i)
            out.append(i ? "," : "").append(std::to_string(streams[i]));
        out += streams.size() > 8 ? ",...): " : "): ";
        out += text + "\n";
    }
    return out;
}

// The SYN queue of one listening socket: its connections, SYN cookies, counts over time.
int synQueueCommand(const Args& a) {
    if (a.filter) return usageError("syn-queue takes no -Y: it shows one listening socket");
    const SessionPtr session = CaptureSession::open(a.file, dissectOptions(a, false));
    if (!session) return 1;
    LoadedInput info; // where reading stopped, reported after what was read
    info.error = session->error();
    if (info.error && session->size() == 0) return reportError(a, info);
    std::string err;
    const std::optional<ListeningSocket> socket = chooseListeningSocket(a, *session, err);
    if (!socket) {
        reportError(a, info);
        std::fprintf(stderr, "tcpscope-cli: %s: %s\n", a.file.c_str(), err.c_str());
        return 1;
    }
    const SynQueue q = buildSynQueue(*session, *socket);
    size_t width = 6;
    for (const SynQueueEntry& e : q.entries)
        width = std::max(width, endpointSocketText({e.client, e.clientPort}).size());
    Output out;
    out.append("listening socket " + listeningSocketText(q.socket) + ": " +
               std::to_string(q.socket.syns) + " SYNs, " + std::to_string(q.socket.synAcks) +
               " SYN,ACKs, " + std::to_string(q.entries.size()) + " connections, " +
               std::to_string(q.completed) + " established, at most " +
               std::to_string(q.maxHalfOpen) + " half-open, " + std::to_string(q.halfOpenAtEnd) +
               " half-open at the end\n\n");
    std::string head = "stream  client";
    head.resize(8 + width, ' ');
    out.append(head + "  SYN       SYN,ACK   retries (interval since the previous SYN,ACK)  "
                      "outcome\n");
    for (const SynQueueEntry& e : q.entries) out.append(synQueueLine(e, width));
    out.append("\nSYN cookie:\n" + synCookieLines(q));
    out.append("\nhalf-open and established over time (s since the first packet):\n");
    for (const SynQueuePoint& p : q.series)
        out.append("  " + secondsText(p.t) + "  half-open " + std::to_string(p.halfOpen) +
                   "  established " + std::to_string(p.established) + "\n");
    out.flush();
    return reportError(a, info);
}

int run(Args& a) {
    registerAllProtocols();
    if (a.command == "list-fields") return listFields();
    if (a.command == "list-messages") return listMessages();
    if (a.lang != "" && a.lang != "en" &&
        (a.command == "tree" || a.command == "ladder" || a.command == "table" ||
         a.command == "exercise" || a.command == "syn-queue"))
        installTranslations(*builtinTable(a.lang));
    std::optional<DisplayFilter> filter;
    if (a.filterText) {
        FilterError e;
        filter = DisplayFilter::compile(*a.filterText, &e);
        if (!filter) {
            std::fprintf(stderr, "tcpscope-cli: bad display filter: %s\n", e.text().c_str());
            return 2;
        }
        a.filter = &*filter;
    }
    if (a.command == "summary") return summaryCommand(a);
    if (a.command == "tree") return treeCommand(a);
    if (a.command == "json") return jsonCommand(a);
    if (a.command == "table") return tableCommand(a);
    if (a.command == "exercise") return exerciseCommand(a);
    if (a.command == "conversations") return conversationsCommand(a);
    if (a.command == "ladder") return ladderCommand(a);
    if (a.command == "follow") return followCommand(a);
    if (a.command == "syn-queue") return synQueueCommand(a);
    if (a.command != "fields") return usageError("unknown command " + a.command);
    if (a.fields.empty()) return usageError("fields needs at least one -e FIELD");
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
    return fieldsCommand(a, ids);
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
    // A capture coming down a pipe is printed as it arrives; on a terminal, each line at once,
    // as tcpdump -r - prints it there.
    if (isStreamInput(a.file) && isatty(STDOUT_FILENO)) Output::eachLine = true;
    return run(a);
}

// SPDX-License-Identifier: GPL-2.0-or-later
// Writes the fuzzers' seed corpora into a build directory from the captures and text dumps of
// samples/ and ../shared/corpus, so the repository keeps only small crafted seeds:
//   make_seeds OUTDIR INPUT...   (INPUT: files or directories, walked recursively)
// For every capture: the file itself (fuzz_capture, and fuzz_frame_index for a classic pcap),
// each distinct frame with its link-type selector byte (fuzz_dissect and fuzz_plain_tcp), its
// TCP segments as 16-byte tracker records (fuzz_tracker), and our tcpdump-style printing of
// it with and without -x (the two text parsers). Text inputs go to both text parsers as they
// are; tests/data/display_filters.txt also gives one fuzz_filter seed per filter, and each
// exercise file (.json) is a fuzz_exercise seed.
#include "tcpscope/capture_source.h"
#include "tcpscope/dissect.h"
#include "tcpscope/tcp_segment.h"
#include "tcpscope/tcpdump_format.h"
#include "tunnel_entries.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace tcpscope;
namespace fs = std::filesystem;

namespace {

// Big seeds slow every execution; the start of a long capture shows the same structure.
constexpr size_t kMaxSeed = 64 * 1024;
constexpr size_t kMaxFramesPerFile = 48;
constexpr size_t kMaxSegmentsPerFile = 256;

// The index in fuzz_frame.h's kLinkTypes.
int linkSelector(uint32_t linkType) {
    switch (linkType) {
    case LinkType::Ethernet:
        return 0;
    case LinkType::Raw:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
        return 1;
    case LinkType::LinuxSll:
        return 2;
    case LinkType::LinuxSll2:
        return 3;
    case LinkType::Null:
        return 4;
    case LinkType::Loop:
        return 5;
    case LinkType::Ppp:
        return 6;
    case LinkType::PppHdlc:
        return 7;
    case LinkType::PppEther:
        return 8;
    case LinkType::CiscoHdlc:
        return 9;
    case LinkType::Ieee80211:
        return 10;
    case LinkType::Ppi:
        return 11;
    case LinkType::Nflog:
        return 12;
    case LinkType::Ipoib:
        return 13;
    default:
        return -1;
    }
}

void writeFile(const fs::path& p, const void* data, size_t size) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(static_cast<const char*>(data),
              static_cast<std::streamsize>(std::min(size, kMaxSeed)));
}
void writeFile(const fs::path& p, const std::string& s) {
    writeFile(p, s.data(), s.size());
}

std::string seedName(const fs::path& input) {
    std::string s = input.parent_path().filename().string() + "-" + input.filename().string();
    std::replace_if(
        s.begin(), s.end(),
        [](char c) { return !std::isalnum(uint8_t(c)) && c != '.' && c != '-'; }, '_');
    return s;
}

void put32(std::string& s, uint32_t v) {
    for (int sh = 24; sh >= 0; sh -= 8) s += char(v >> sh);
}

// The inverse of fuzz_tracker.cpp's record layout, for raw (not stepped) seq/ack numbers.
std::string trackerRecords(const std::vector<TcpSegment>& segments) {
    std::map<std::tuple<Address, uint16_t, Address, uint16_t>, uint8_t> pairs;
    std::string out;
    for (const TcpSegment& s : segments) {
        auto fwd = std::make_tuple(s.src, s.srcPort, s.dst, s.dstPort);
        auto rev = std::make_tuple(s.dst, s.dstPort, s.src, s.srcPort);
        uint8_t ctl;
        if (auto it = pairs.find(fwd); it != pairs.end())
            ctl = it->second;
        else if (auto jt = pairs.find(rev); jt != pairs.end())
            ctl = jt->second | 0x04;
        else
            ctl = pairs[fwd] = static_cast<uint8_t>(pairs.size() & 3);
        out += char(ctl);
        out += char(s.flags >> 8);
        out += char(s.flags);
        put32(out, s.seq);
        put32(out, s.ack);
        out += char(std::min<uint32_t>(s.payloadLength, 0x7f));
        out += char(s.window >> 8);
        out += char(s.window);
        uint8_t opt = 0;
        if (s.options.mss >= 0) opt |= 0x01;
        if (s.options.wscale >= 0) opt |= 0x02;
        if (s.options.sackPermitted) opt |= 0x04;
        if (s.options.hasTimestamp) opt |= 0x08;
        if (s.options.sackCount) opt |= 0x10;
        out += char(opt);
        out += char(s.options.wscale >= 0 ? s.options.wscale : 10);
    }
    return out;
}

struct Writer {
    fs::path out;
    std::set<std::vector<uint8_t>> seenFrames;
    size_t written = 0;

    fs::path dir(const char* target) { return out / target; }

    void capture(const fs::path& input, const std::vector<uint8_t>& bytes) {
        std::string name = seedName(input);
        writeFile(dir("fuzz_capture") / name, bytes.data(), bytes.size());
        if (bytes.size() >= 4 && (std::memcmp(bytes.data(), "\xd4\xc3\xb2\xa1", 4) == 0 ||
                                  std::memcmp(bytes.data(), "\x4d\x3c\xb2\xa1", 4) == 0 ||
                                  std::memcmp(bytes.data(), "\xa1\xb2\xc3\xd4", 4) == 0 ||
                                  std::memcmp(bytes.data(), "\xa1\xb2\x3c\x4d", 4) == 0))
            writeFile(dir("fuzz_frame_index") / name, bytes.data(), bytes.size());
        ++written;
        if (bytes.size() <= 60000) { // fuzz_live: the helper's messages, NUL, its stream
            std::string live = "tcpscope-capture: capturing on lo, link-type 1\n"
                               "tcpscope-capture: stats received=4 dropped=0 ifdropped=0 "
                               "written=4 lost=0\nlo\tloopback,up,running\t1\t127.0.0.1,::1\t";
            live.push_back('\0');
            live.append(bytes.begin(), bytes.end());
            writeFile(dir("fuzz_live") / name, live);
            ++written;
        }
        LoadedInput in = loadInput(bytes);
        frames(name, in.frames);
    }

    void frames(const std::string& name, const std::vector<OwnedFrame>& frames) {
        std::vector<TcpSegment> segments;
        TcpdumpOptions plainOpts;
        plainOpts.absoluteSeq = false;
        TcpdumpOptions hexOpts;
        hexOpts.hex = 1;
        hexOpts.verbose = 1;
        TcpdumpPrinter plain(plainOpts), hex(hexOpts);
        std::string plainText, hexText;
        size_t n = 0;
        for (const OwnedFrame& of : frames) {
            Frame f = of.view();
            PacketSummary summary;
            dissectFrame(f, summary, nullptr);
            if (auto seg = segmentFromSummary(f, summary);
                seg && segments.size() < kMaxSegmentsPerFile)
                segments.push_back(*seg);
            if (plainText.size() < kMaxSeed) plainText += plain.format(f);
            if (hexText.size() < kMaxSeed) hexText += hex.format(f);
            int sel = linkSelector(of.linkType);
            if (sel < 0 || n >= kMaxFramesPerFile || !seenFrames.insert(of.bytes).second) continue;
            std::vector<uint8_t> seed;
            seed.push_back(static_cast<uint8_t>(sel));
            seed.insert(seed.end(), of.bytes.begin(), of.bytes.end());
            for (const char* target : {"fuzz_dissect", "fuzz_plain_tcp"})
                writeFile(dir(target) / (name + "-" + std::to_string(of.number)), seed.data(),
                          seed.size());
            tunnelSeed(name + "-" + std::to_string(of.number), of);
            ++n;
            ++written;
        }
        if (!plainText.empty()) writeFile(dir("fuzz_tcpdump_text") / (name + ".txt"), plainText);
        if (!hexText.empty()) writeFile(dir("fuzz_hex_text") / (name + "-x.txt"), hexText);
        if (!segments.empty()) writeFile(dir("fuzz_tracker") / name, trackerRecords(segments));
    }

    // A frame whose outer layers fuzz_tunnels builds itself: its selector and the payload.
    void tunnelSeed(const std::string& name, const OwnedFrame& of) {
        uint8_t selector = 0;
        size_t offset = 0;
        if (of.linkType != LinkType::Ethernet || !fuzz::findEntry(of.bytes, selector, offset))
            return;
        std::vector<uint8_t> seed{selector};
        seed.insert(seed.end(), of.bytes.begin() + long(offset), of.bytes.end());
        writeFile(dir("fuzz_tunnels") / name, seed.data(), seed.size());
        ++written;
    }

    void text(const fs::path& input, const std::vector<uint8_t>& bytes) {
        std::string name = seedName(input);
        writeFile(dir("fuzz_hex_text") / name, bytes.data(), bytes.size());
        writeFile(dir("fuzz_tcpdump_text") / name, bytes.data(), bytes.size());
        written += 2;
        LoadedInput in = loadInput(bytes);
        if (!in.frames.empty()) frames(name + "-frames", in.frames);
    }

    // The display filter table: one seed per filter (fuzz_filter).
    void filters(const fs::path& input) {
        std::ifstream in(input);
        std::string line;
        for (size_t n = 1; std::getline(in, line); ++n)
            if (!line.empty() && line[0] != '#') {
                writeFile(dir("fuzz_filter") / ("filter-" + std::to_string(n)), line);
                ++written;
            }
    }

    void file(const fs::path& input) {
        if (input.filename() == "display_filters.txt") filters(input);
        if (input.extension() == ".json") { // an exercise file (samples/exercises)
            std::error_code ec;
            fs::copy_file(input, dir("fuzz_exercise") / input.filename(),
                          fs::copy_options::overwrite_existing, ec);
            ++written;
            return;
        }
        std::ifstream in(input, std::ios::binary);
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
        if (bytes.empty()) return;
        if (looksLikeCapture(bytes))
            capture(input, bytes);
        else if (input.extension() != ".md")
            text(input, bytes); // docs are not inputs
    }
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_seeds OUTDIR [INPUT...]\n");
        return 2;
    }
    Writer w;
    w.out = argv[1];
    for (const char* t : {"fuzz_hex_text", "fuzz_tcpdump_text", "fuzz_dissect", "fuzz_capture",
                          "fuzz_tracker", "fuzz_filter", "fuzz_tunnels", "fuzz_exercise",
                          "fuzz_live", "fuzz_plain_tcp", "fuzz_frame_index"})
        fs::create_directories(w.out / t);
    for (int i = 2; i < argc; ++i) {
        fs::path p = argv[i];
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> files;
            for (auto& e : fs::recursive_directory_iterator(p))
                if (e.is_regular_file()) files.push_back(e.path());
            std::sort(files.begin(), files.end());
            for (auto& f : files) w.file(f);
        } else if (fs::is_regular_file(p, ec)) {
            w.file(p);
        } // a missing input (no ../shared beside the checkout) just gives fewer seeds
    }
    std::printf("%zu seeds written to %s\n", w.written, argv[1]);
    return 0;
}

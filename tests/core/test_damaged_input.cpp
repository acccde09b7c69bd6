// SPDX-License-Identifier: GPL-2.0-or-later
// Hostile and damaged input (DESIGN.md "Bad input"): capture files broken in every way a disk,
// a download or a fuzzer breaks them, headers whose values lie, text that is not what it looks
// like, and traffic shaped to exhaust the tracker. Each must end in a clear error or expert
// note that says where, with everything before the damage kept, and never in a crash.
#include "dissect_helpers.h"
#include "tcpscope/capture_source.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/hex_text.h"
#include "tcpscope/tcpdump_text.h"
#include "test_support.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// ---- capture files, built byte by byte (little-endian, as most writers produce them) ----

void putLe16(std::vector<uint8_t>& v, uint32_t x) {
    v.push_back(uint8_t(x));
    v.push_back(uint8_t(x >> 8));
}
void putLe32(std::vector<uint8_t>& v, uint32_t x) {
    putLe16(v, x & 0xffff);
    putLe16(v, x >> 16);
}
void append(std::vector<uint8_t>& v, const std::vector<uint8_t>& more) {
    v.insert(v.end(), more.begin(), more.end());
}

std::vector<uint8_t> pcapHeader(uint32_t snaplen = 65535, uint32_t linkType = LinkType::Ethernet) {
    std::vector<uint8_t> v;
    putLe32(v, 0xa1b2c3d4);
    putLe16(v, 2);
    putLe16(v, 4);
    putLe32(v, 0); // thiszone
    putLe32(v, 0); // sigfigs
    putLe32(v, snaplen);
    putLe32(v, linkType);
    return v;
}

// One record; caplen and len default to the data's size, and may lie.
std::vector<uint8_t> pcapRecord(const std::vector<uint8_t>& data, int64_t caplen = -1,
                                int64_t len = -1, uint32_t sec = 1700000000) {
    std::vector<uint8_t> v;
    putLe32(v, sec);
    putLe32(v, 0);
    putLe32(v, caplen < 0 ? uint32_t(data.size()) : uint32_t(caplen));
    putLe32(v, len < 0 ? uint32_t(data.size()) : uint32_t(len));
    append(v, data);
    return v;
}

// A pcapng block: type, total length, body padded to 32 bits, total length again.
std::vector<uint8_t> pcapngBlock(uint32_t type, std::vector<uint8_t> body) {
    while (body.size() % 4) body.push_back(0);
    std::vector<uint8_t> v;
    putLe32(v, type);
    putLe32(v, uint32_t(12 + body.size()));
    append(v, body);
    putLe32(v, uint32_t(12 + body.size()));
    return v;
}
std::vector<uint8_t> pcapngSectionHeader() {
    std::vector<uint8_t> b;
    putLe32(b, 0x1a2b3c4d); // byte-order magic
    putLe16(b, 1);
    putLe16(b, 0);
    putLe32(b, 0xffffffff); // section length unknown (-1)
    putLe32(b, 0xffffffff);
    return pcapngBlock(0x0a0d0d0a, b);
}
std::vector<uint8_t> pcapngInterface(uint16_t linkType) {
    std::vector<uint8_t> b;
    putLe16(b, linkType);
    putLe16(b, 0);
    putLe32(b, 65535);
    return pcapngBlock(1, b);
}
std::vector<uint8_t> pcapngPacket(uint32_t interface, const std::vector<uint8_t>& data) {
    std::vector<uint8_t> b;
    putLe32(b, interface);
    putLe32(b, 0);
    putLe32(b, 1);
    putLe32(b, uint32_t(data.size()));
    putLe32(b, uint32_t(data.size()));
    append(b, data);
    return pcapngBlock(6, b);
}

// ---- packets ----

// IPv4 + TCP, 10.0.0.1:40000 -> 10.0.0.2:80, seq 1000 ack 2000, [P.], with the given options
// (padded to 32 bits with EOL) and payload. Checksums are left 0: not what these tests are about.
std::vector<uint8_t> ipv4Tcp(std::vector<uint8_t> options = {}, std::vector<uint8_t> payload = {}) {
    while (options.size() % 4) options.push_back(0);
    const uint32_t tcpLen = 20 + uint32_t(options.size());
    const uint32_t total = 20 + tcpLen + uint32_t(payload.size());
    std::vector<uint8_t> p = {0x45,
                              0x00,
                              uint8_t(total >> 8),
                              uint8_t(total),
                              0x00,
                              0x01,
                              0x40,
                              0x00,
                              0x40,
                              0x06,
                              0x00,
                              0x00,
                              10,
                              0,
                              0,
                              1,
                              10,
                              0,
                              0,
                              2};
    std::vector<uint8_t> tcp = {0x9c,
                                0x40,
                                0x00,
                                0x50,
                                0x00,
                                0x00,
                                0x03,
                                0xe8,
                                0x00,
                                0x00,
                                0x07,
                                0xd0,
                                uint8_t((tcpLen / 4) << 4),
                                0x18,
                                0xff,
                                0xff,
                                0x00,
                                0x00,
                                0x00,
                                0x00};
    append(p, tcp);
    append(p, options);
    append(p, payload);
    return p;
}
constexpr uint32_t kTcpAt = 20; // where TCP starts in ipv4Tcp()

std::vector<uint8_t> ethernet(const std::vector<uint8_t>& ip, uint16_t etherType = 0x0800) {
    std::vector<uint8_t> f = {
        0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, uint8_t(etherType >> 8), uint8_t(etherType)};
    append(f, ip);
    return f;
}

// IPv6 (2001:db8::1 -> 2001:db8::2) with the given next header, extension bytes and a TCP
// header; payload length as given, or the true one.
std::vector<uint8_t> ipv6(uint8_t next, const std::vector<uint8_t>& rest, int32_t plen = -1) {
    uint32_t pl = plen < 0 ? uint32_t(rest.size()) : uint32_t(plen);
    std::vector<uint8_t> p = {0x60, 0, 0, 0, uint8_t(pl >> 8), uint8_t(pl), next, 64};
    for (uint8_t last : {1, 2}) {
        std::vector<uint8_t> a = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
        append(p, a);
    }
    append(p, rest);
    return p;
}
std::vector<uint8_t> tcpHeaderOnly() {
    auto p = ipv4Tcp();
    return std::vector<uint8_t>(p.begin() + kTcpAt, p.end());
}

bool hasProblem(const Dissected& d, uint32_t bit) {
    return (d.summary.problems & bit) != 0;
}

// The note with this id, or null.
const ExpertNote* findNote(const Dissected& d, const std::string& id) {
    for (auto& [n, note] : d.tree.allNotes())
        if (note->id == id) return note;
    return nullptr;
}

// ---- files and the CLI ----

struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& name, const std::vector<uint8_t>& bytes) {
        path = std::filesystem::temp_directory_path() /
               ("tcpscope-damaged-" + std::to_string(::getpid()) + "-" + name);
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    }
    ~TempFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

struct CliRun {
    std::string out, err;
    int status = 0;
};

CliRun runCli(const std::string& args, const std::filesystem::path& file) {
    auto errPath = std::filesystem::path(file.string() + ".stderr");
    CliRun r;
    r.out =
        runCommand(cliPath() + " " + args + " '" + file.string() + "' 2>'" + errPath.string() + "'",
                   &r.status);
    r.err = readFile(errPath);
    std::error_code ec;
    std::filesystem::remove(errPath, ec);
    return r;
}

// The damaged-file contract, through loadInput and through the CLI: `keep` frames survive, an
// error mentions `where`, the CLI prints the frames, reports on stderr and exits non-zero.
void checkDamagedFile(const std::string& name, const std::vector<uint8_t>& file, size_t keep,
                      const std::string& where, const std::string& messagePart) {
    INFO(name);
    LoadedInput in = loadInput(file);
    REQUIRE(in.error);
    CHECK(in.frames.size() == keep);
    CHECK(in.error->where() == where);
    CHECK_THAT(in.error->message, Catch::Contains(messagePart));

    TempFile tmp(name, file);
    CliRun run = runCli("summary", tmp.path);
    CHECK(run.status != 0);
    CHECK(splitLines(run.out).size() == keep);
    CHECK_THAT(run.err, Catch::Contains(where));
    CHECK_THAT(run.err, Catch::Contains(messagePart));
}

// The same for damage inside the records: the error names the record that could not be read and
// a byte offset inside it (libpcap has consumed part of it by the time it gives up, so the
// offset lies between the record's first byte and the end of the file).
void checkDamagedRecord(const std::string& name, const std::vector<uint8_t>& file, size_t keep,
                        uint64_t recordStart, const std::string& messagePart) {
    INFO(name);
    LoadedInput in = loadInput(file);
    REQUIRE(in.error);
    CHECK(in.frames.size() == keep);
    CHECK(in.error->frameNumber == keep + 1);
    CHECK(in.error->byteOffset >= recordStart);
    CHECK(in.error->byteOffset <= file.size());
    CHECK_THAT(in.error->where(), Catch::StartsWith("byte ") &&
                                      Catch::EndsWith("(record " + std::to_string(keep + 1) + ")"));
    CHECK_THAT(in.error->message, Catch::Contains(messagePart));

    TempFile tmp(name, file);
    CliRun run = runCli("summary", tmp.path);
    CHECK(run.status != 0);
    CHECK(splitLines(run.out).size() == keep);
    CHECK_THAT(run.err, Catch::Contains(in.error->where()));
    CHECK_THAT(run.err, Catch::Contains(messagePart));
}

} // namespace

// ============================== capture files ==============================

TEST_CASE("A file that is neither a capture nor text says so, with its first bytes", "[damaged]") {
    // Random-looking binary (a JPEG's start, no NUL byte): not read as a bad hex dump.
    const std::vector<uint8_t> jpeg = {0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0x46, 0x49,
                                       0x46, 0x01, 0x02, 0x01, 0x48, 0x03, 0x48, 0x05};
    LoadedInput in = loadInput(jpeg);
    REQUIRE(in.error);
    CHECK(in.frames.empty());
    CHECK_THAT(in.error->message, Catch::Contains("not a capture file or a dump"));
    CHECK_THAT(in.error->message, Catch::Contains("starts with ff d8 ff e0 10 4a 46 49)"));
    CHECK_THAT(in.error->message, !Catch::Contains("compressed"));
    // A compressed capture (as Wireshark reads them): which tool unpacks it.
    const std::vector<uint8_t> gzip = {0x1f, 0x8b, 0x08, 0x08, 0x0e, 0xf4, 0x0f, 0x6b,
                                       0x00, 0x03, 0x72, 0x65, 0x64, 0x69, 0x73, 0x00};
    LoadedInput gz = loadInput(gzip);
    REQUIRE(gz.error);
    CHECK_THAT(gz.error->message, Catch::EndsWith("; it is compressed with gzip (gunzip -k FILE): "
                                                  "unpack it first and open the capture inside"));
    // Text is still read as text: a hex dump with a tab and a form feed is not binary.
    const std::string text = "0000  45 00 00 28\t\f\n";
    LoadedInput hex = loadInput(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    CHECK((!hex.error || hex.error->message.find("not a capture file") == std::string::npos));
}

TEST_CASE("A path that cannot be read says why, without a position, and nothing aborts",
          "[damaged]") {
    namespace fs = std::filesystem;
    SECTION("missing") {
        LoadedInput in = loadPath("/nonexistent/tcpscope-no-such.pcap");
        REQUIRE(in.error);
        CHECK(in.error->message == "cannot open it: No such file or directory");
        CHECK(in.error->where().empty());
    }
    SECTION("a directory (libstdc++'s stream threw here, and the CLI and viewer aborted)") {
        LoadedInput in = loadPath(fs::temp_directory_path().string());
        REQUIRE(in.error);
        CHECK(in.error->message == "it is a directory");
        CHECK(in.error->where().empty());
        CliRun run = runCli("summary", fs::temp_directory_path());
        CHECK((WIFEXITED(run.status) && WEXITSTATUS(run.status) == 1));
        CHECK(run.out.empty());
        CHECK_THAT(run.err, Catch::EndsWith(": it is a directory\n"));
    }
    SECTION("empty") {
        TempFile tmp("empty", {});
        LoadedInput in = loadPath(tmp.path.string());
        REQUIRE(in.error);
        CHECK(in.error->message == "it is empty: neither a capture file nor a dump");
        CHECK(in.error->where().empty());
    }
    SECTION("a large binary file is judged by its start, not read whole") {
        std::vector<uint8_t> elf(4 << 20, 0);
        const uint8_t magic[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        std::copy(std::begin(magic), std::end(magic), elf.begin());
        TempFile tmp("binary", elf);
        LoadedInput in = loadPath(tmp.path.string());
        REQUIRE(in.error);
        CHECK_THAT(in.error->message, Catch::Contains("starts with 7f 45 4c 46 02 01 01 00"));
        std::vector<uint8_t> bytes;
        CHECK(readFileBytes(tmp.path.string(), bytes, [](std::span<const uint8_t> b) {
                  return b.size() < 4096;
              }).empty());
        CHECK(bytes.size() < elf.size());
        CHECK(bytes.size() >= 4096);
        bytes.clear();
        CHECK(readFileBytes(tmp.path.string(), bytes).empty());
        CHECK(bytes == elf);
    }
}

TEST_CASE("A capture from a pipe is read whole, its first bytes included", "[damaged]") {
    // `tcpscope-cli summary <(...)`: the format test read the magic from the pipe, so the
    // capture that followed lacked it ("no hex bytes found").
    namespace fs = std::filesystem;
    const fs::path sample = samplesDir() / "redis-ping-pong.pcap";
    const fs::path fifo =
        fs::temp_directory_path() / ("tcpscope-fifo-" + std::to_string(::getpid()));
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] {
        const std::string bytes = readFile(sample);
        std::ofstream(fifo, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    });
    CHECK(captureFileFormat(fifo.string()) == CaptureFormat::None); // nothing taken from it
    LoadedInput in = loadPath(fifo.string());
    writer.join();
    CHECK_FALSE(in.error);
    CHECK(in.kind == LoadedInput::Kind::Capture);
    CHECK(in.frames.size() == 10);
    int status = 0;
    const std::string out = runCommand("cat '" + sample.string() + "' > '" + fifo.string() +
                                           "' & " + cliPath() + " summary '" + fifo.string() + "'",
                                       &status);
    CHECK(status == 0);
    CHECK(splitLines(out).size() == 10);
    std::error_code ec;
    fs::remove(fifo, ec);
}

TEST_CASE("A capture on a pipe is decoded as it arrives, not after its end", "[damaged]") {
    // `tcpdump -w - | tcpscope-cli summary -`: the writer sends the header and three packets,
    // then keeps the pipe open. summary -c 3 must print them and exit while the pipe is still
    // open (it read the whole input first before: it waited for the writer to close).
    namespace fs = std::filesystem;
    using Clock = std::chrono::steady_clock;
    const std::string capture = readFile(samplesDir() / "redis-ping-pong.pcap");
    size_t end = 24; // the file header, then three records (16-byte header, caplen at 8)
    for (int i = 0; i < 3; ++i) {
        uint32_t caplen = 0;
        std::memcpy(&caplen, capture.data() + end + 8, 4);
        end += 16 + caplen;
    }
    REQUIRE(end < capture.size());
    const fs::path fifo =
        fs::temp_directory_path() / ("tcpscope-fifo-live-" + std::to_string(::getpid()));
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::atomic<bool> done = false;
    std::thread writer([&] {
        const int fd = ::open(fifo.c_str(), O_WRONLY);
        if (fd < 0) return;
        (void)!::write(fd, capture.data(), end);
        const auto until = Clock::now() + std::chrono::seconds(10);
        while (!done && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ::close(fd);
    });
    const auto t0 = Clock::now();
    int status = 0;
    const std::string out =
        runCommand(cliPath() + " summary -c 3 '" + fifo.string() + "' 2>&1", &status);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    done = true;
    writer.join();
    std::error_code ec;
    fs::remove(fifo, ec);
    CHECK(status == 0);
    CHECK(splitLines(out).size() == 3);
    CHECK(seconds < 5.0); // the writer held the pipe open for 10 s

    // Cut inside the fourth record: the three before it arrive, and the error names the record
    // (a pipe has no byte offset to give).
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread cut([&] {
        std::ofstream(fifo, std::ios::binary).write(capture.data(), std::streamsize(end + 20));
    });
    size_t frames = 0;
    LoadedInput in = streamOrLoad(fifo.string(), [&](const Frame&) { return ++frames > 0; });
    cut.join();
    fs::remove(fifo, ec);
    CHECK(frames == 3);
    REQUIRE(in.error);
    CHECK(in.error->where() == "record 4");
}

TEST_CASE("A tcpdump -X dump with damaged hex stays a dump and says where", "[damaged][text]") {
    std::string text = readFile(samplesDir() / "article-redis-handshake.txt");
    const size_t at = text.find("989e"); // in the first packet's second hex line
    REQUIRE(at != std::string::npos);
    text.replace(at + 2, 2, "zz");
    LoadedInput in = loadInput(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    CHECK(in.kind == LoadedInput::Kind::HexText);
    CHECK(in.segments.empty()); // not read as the summary lines above the hex
    REQUIRE(in.error);
    CHECK(in.error->line == 3);
    CHECK_THAT(in.error->message, Catch::Contains("'z'"));
}

TEST_CASE("Damaged capture files keep the packets before the damage and say where",
          "[damaged][capture]") {
    const auto frame = ethernet(ipv4Tcp({}, {'h', 'i'}));
    const auto good = pcapRecord(frame);
    const uint64_t recordSize = good.size();

    SECTION("bad magic") {
        std::vector<uint8_t> file = {0x00, 0x01, 0x02, 0x03};
        append(file, std::vector<uint8_t>(40, 0));
        InputError err;
        CHECK_FALSE(PcapReader::openMemory(file, err));
        CHECK(err.where() == "byte 0");
        CHECK_FALSE(err.message.empty());
        // Not a capture by magic, and not text either: said so, with the first bytes.
        checkDamagedFile("bad-magic.pcap", file, 0, "byte 0",
                         "not a capture file or a dump TcpScope can read");
        checkDamagedFile("bad-magic.pcap", file, 0, "byte 0", "starts with 00 01 02 03 00");
    }
    SECTION("pcap magic with an unknown version") {
        auto file = pcapHeader();
        file[4] = 9; // major version 9
        append(file, good);
        checkDamagedFile("bad-version.pcap", file, 0, "byte 0", "version");
    }
    SECTION("global header cut short") {
        auto file = pcapHeader();
        file.resize(14);
        checkDamagedFile("short-header.pcap", file, 0, "byte 0", "truncated");
    }
    SECTION("record header cut in the middle") {
        auto file = pcapHeader();
        append(file, good);
        file.insert(file.end(), good.begin(), good.begin() + 8);
        checkDamagedRecord("cut-record-header.pcap", file, 1, 24 + recordSize, "truncated");
    }
    SECTION("record data cut in the middle") {
        auto file = pcapHeader();
        append(file, good);
        append(file, good);
        file.insert(file.end(), good.begin(), good.begin() + 16 + 10);
        checkDamagedRecord("cut-record.pcap", file, 2, 24 + 2 * recordSize, "truncated");
    }
    SECTION("caplen larger than 256 MB") {
        auto file = pcapHeader();
        append(file, good);
        append(file, pcapRecord(frame, 300'000'000));
        checkDamagedRecord("huge-caplen.pcap", file, 1, 24 + recordSize,
                           "invalid packet capture length 300000000");
    }
    SECTION("caplen larger than the largest snapshot length (256 KiB)") {
        auto file = pcapHeader();
        append(file, good);
        std::vector<uint8_t> big(300'000, 0xaa);
        append(file, pcapRecord(big));
        checkDamagedRecord("big-caplen.pcap", file, 1, 24 + recordSize,
                           "invalid packet capture length 300000");
    }
    SECTION("pcapng whose second interface has another link type") {
        // libpcap gives one link type per file: the block that changes it is where reading stops.
        auto file = pcapngSectionHeader();
        append(file, pcapngInterface(LinkType::Ethernet));
        append(file, pcapngPacket(0, frame));
        const uint64_t at = file.size();
        append(file, pcapngInterface(LinkType::Raw));
        append(file, pcapngPacket(1, ipv4Tcp()));
        append(file, pcapngPacket(0, frame));
        checkDamagedRecord("mixed-link.pcapng", file, 1, at, "different from the type");
    }
    SECTION("empty file") {
        InputError err;
        CHECK_FALSE(PcapReader::openMemory({}, err));
        CHECK_THAT(err.message, Catch::Contains("empty"));
        // Pasted, nothing is no hex; a file with nothing in it says so, at no position.
        LoadedInput in = loadInput(std::vector<uint8_t>{});
        REQUIRE(in.error);
        CHECK(in.error->where() == "line 1, column 1");
        CHECK_THAT(in.error->message, Catch::Contains("no hex bytes"));
        TempFile tmp("empty.pcap", {});
        CliRun run = runCli("summary", tmp.path);
        CHECK(run.status != 0);
        CHECK(run.out.empty());
        CHECK_THAT(run.err, Catch::EndsWith("empty.pcap: it is empty: neither a capture file nor "
                                            "a dump\n"));
    }
}

TEST_CASE("Records that bend the format without breaking it are kept and decoded",
          "[damaged][capture]") {
    const auto frame = ethernet(ipv4Tcp({}, {'h', 'i'}));

    SECTION("caplen larger than the file's snapshot length") {
        // libpcap (and so tcpdump) cuts such a record to the snapshot length and goes on; the
        // frame is then decoded as truncated, and the following records are all there.
        auto file = pcapHeader(40);
        append(file, pcapRecord(frame));
        append(file, pcapRecord(frame));
        LoadedInput in = loadInput(file);
        CHECK_FALSE(in.error);
        REQUIRE(in.frames.size() == 2);
        CHECK(in.frames[0].bytes.size() == 40);
        CHECK(in.frames[0].originalLength == frame.size());
        Dissected d(in.frames[0].bytes, LinkType::Ethernet);
        CHECK(hasProblem(d, Problem::TcpTruncated));
        CHECK(d.u("tcp.srcport") == 40000);
    }
    SECTION("zero-length records") {
        auto file = pcapHeader();
        append(file, pcapRecord(frame));
        append(file, pcapRecord({}));
        append(file, pcapRecord({}, 0, 60));
        append(file, pcapRecord(frame));
        LoadedInput in = loadInput(file);
        CHECK_FALSE(in.error);
        REQUIRE(in.frames.size() == 4);
        CHECK(in.frames[1].bytes.empty());
        Dissected d(in.frames[2].bytes, LinkType::Ethernet);
        CHECK(hasProblem(d, Problem::LinkTruncated));
        CHECK(in.frames[3].bytes == frame);

        TempFile tmp("zero-length.pcap", file);
        CliRun run = runCli("summary", tmp.path);
        CHECK(run.status == 0);
        CHECK(splitLines(run.out).size() == 4);
        run = runCli("tree", tmp.path);
        CHECK(run.status == 0);
    }
}

// ============================== header values that lie ==============================

TEST_CASE("IPv4 header values that lie", "[damaged][ipv4]") {
    SECTION("IHL below 5") {
        auto p = ipv4Tcp();
        p[0] = 0x43;
        Dissected d(p, LinkType::Raw);
        CHECK(findNote(d, "ip.bogus_header_length"));
        CHECK(hasProblem(d, Problem::IpMalformed));
        CHECK(d.u("ip.version") == 4);
        CHECK(d.u("ip.hdr_len") == 12);
        CHECK_FALSE(d.summary.hasTcp);
    }
    SECTION("total length larger than captured") {
        auto p = ipv4Tcp({}, {1, 2, 3, 4});
        p[3] = uint8_t(p.size() + 100);
        Dissected d(p, LinkType::Raw);
        CHECK(findNote(d, "ip.len.past_capture"));
        CHECK(d.u("ip.len") == p.size() + 100);
        CHECK(d.u("ip.src") == 0x0a000001);
        CHECK(d.u("tcp.srcport") == 40000);
        CHECK(d.u("tcp.dstport") == 80);
    }
    SECTION("total length smaller than the IP header") {
        auto p = ipv4Tcp();
        p[3] = 10;
        Dissected d(p, LinkType::Raw);
        CHECK(findNote(d, "ip.bogus_ip_length"));
        CHECK(hasProblem(d, Problem::IpMalformed));
        CHECK(d.u("ip.len") == 10);
        CHECK(d.u("ip.dst") == 0x0a000002);
    }
    SECTION("total length smaller than the TCP header") {
        auto p = ipv4Tcp();
        p[3] = 30; // 10 bytes for TCP
        Dissected d(p, LinkType::Raw);
        CHECK(findNote(d, "tcp.short_segment"));
        CHECK(hasProblem(d, Problem::TcpMalformed));
        CHECK(d.u("tcp.srcport") == 40000); // ports come first
    }
    SECTION("total length smaller than captured: the rest is link-layer padding") {
        auto p = ipv4Tcp({}, {1, 2, 3, 4, 5, 6});
        p[3] = 40;
        Dissected d(p, LinkType::Raw);
        CHECK(d.summary.hasTcp);
        CHECK(d.summary.payloadLength == 0);
        CHECK(d.u("tcp.len") == 0);
    }
}

TEST_CASE("TCP header values that lie", "[damaged][tcp]") {
    SECTION("data offset below 5") {
        auto p = ipv4Tcp();
        p[kTcpAt + 12] = 0x40;
        Dissected d(p, LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.bogus_header_length");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("at least 20"));
        CHECK(hasProblem(d, Problem::TcpMalformed));
        CHECK(d.u("tcp.srcport") == 40000);
        CHECK(d.u("tcp.seq_raw") == 1000);
        CHECK(d.u("tcp.hdr_len") == 16);
    }
    SECTION("data offset past the end of the packet") {
        auto p = ipv4Tcp();
        p[kTcpAt + 12] = 0xf0; // 60 bytes, the segment has 20
        Dissected d(p, LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.bogus_header_length");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("past the end"));
        CHECK(d.u("tcp.ack_raw") == 2000);
        CHECK_FALSE(d.summary.hasTcp);
    }
    SECTION("option length 0") {
        Dissected d(ipv4Tcp({2, 4, 0x05, 0xb4, 8, 0}), LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.option.len.invalid");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("length 0"));
        CHECK(hasProblem(d, Problem::OptionsMalformed));
        CHECK(d.u("tcp.options.mss_val") == 1460); // the option before the fault
    }
    SECTION("option length 1") {
        Dissected d(ipv4Tcp({1, 1, 3, 1, 0, 0, 0, 0}), LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.option.len.invalid");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("length 1"));
        CHECK(d.has("tcp.option_kind"));
    }
    SECTION("option length past the header") {
        Dissected d(ipv4Tcp({2, 4, 0x05, 0xb4, 8, 10, 0, 0}), LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.option.len.invalid");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("runs past the end"));
        CHECK(d.u("tcp.options.mss_val") == 1460);
    }
    SECTION("option kind as the last byte: no room for its length") {
        Dissected d(ipv4Tcp({1, 1, 1, 8}), LinkType::Raw);
        const ExpertNote* n = findNote(d, "tcp.option.len.invalid");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("no length byte"));
    }
    SECTION("SACK with a length that is not 2 + 8n") {
        for (uint8_t len : {uint8_t(2), uint8_t(6), uint8_t(12), uint8_t(20)}) {
            INFO("SACK length " << int(len));
            std::vector<uint8_t> opt = {1, 1, 5, len};
            opt.resize(2 + len, 0x11);
            Dissected d(ipv4Tcp(opt), LinkType::Raw);
            const ExpertNote* n = findNote(d, "tcp.option.len.invalid");
            REQUIRE(n);
            CHECK_THAT(n->message, Catch::Contains("SACK"));
            CHECK(d.u("tcp.srcport") == 40000);
        }
    }
    SECTION("MPTCP subtypes with short bodies") {
        // Option length 3: kind, length, subtype byte and nothing of the body.
        for (uint8_t subtype : {0, 1, 2, 3, 6, 7, 8}) {
            INFO("MPTCP subtype " << int(subtype));
            Dissected d(ipv4Tcp({30, 3, uint8_t(subtype << 4), 0}), LinkType::Raw);
            CHECK(findNote(d, "tcp.options.mptcp.short"));
            CHECK(hasProblem(d, Problem::OptionsMalformed));
            CHECK(d.u("tcp.options.mptcp.subtype") == subtype);
        }
        // DSS whose flags promise a Data ACK and a mapping the option has no room for.
        Dissected dss(ipv4Tcp({30, 4, 0x20, 0x05}), LinkType::Raw);
        CHECK(findNote(dss, "tcp.options.mptcp.short"));
        // MP_JOIN of a length no handshake step uses.
        std::vector<uint8_t> join = {30, 14, 0x10, 0};
        join.resize(14, 0);
        Dissected j(ipv4Tcp(join), LinkType::Raw);
        CHECK(findNote(j, "tcp.options.mptcp.join.len"));
    }
}

TEST_CASE("IPv6 extension headers that lie", "[damaged][ipv6]") {
    SECTION("hop-by-hop header longer than what was captured") {
        // Length 5: 48 bytes, but the capture ends after 8.
        std::vector<uint8_t> ext = {6, 5, 1, 4, 0, 0, 0, 0};
        Dissected d(ipv6(0, ext, 48 + 20), LinkType::Raw);
        CHECK(findNote(d, "_ws.truncated"));
        CHECK(hasProblem(d, Problem::IpTruncated));
        CHECK(d.u("ipv6.nxt") == 0);
        CHECK(d.u("ipv6.hopopts.nxt") == 6);
        CHECK(d.u("ipv6.hopopts.len") == 5);
        CHECK_FALSE(d.summary.hasTcp);
    }
    SECTION("extension header longer than the payload length") {
        std::vector<uint8_t> ext = {6, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        append(ext, tcpHeaderOnly());
        Dissected d(ipv6(60, ext, 8), LinkType::Raw);
        CHECK(findNote(d, "ipv6.ext.past_payload"));
        CHECK(hasProblem(d, Problem::IpMalformed));
        CHECK(d.u("ipv6.dstopts.nxt") == 6);
    }
    SECTION("a chain that ends in the middle of the next header") {
        // Routing header, then a fragment header cut after 1 byte.
        std::vector<uint8_t> ext = {44, 0, 0, 0, 0, 0, 0, 0, 6};
        Dissected d(ipv6(43, ext, 200), LinkType::Raw);
        CHECK(findNote(d, "_ws.truncated"));
        CHECK(d.u("ipv6.routing.nxt") == 44);
    }
    SECTION("an endless chain of options headers") {
        std::vector<uint8_t> ext;
        for (int i = 0; i < 40; ++i) append(ext, {60, 0, 1, 4, 0, 0, 0, 0});
        Dissected d(ipv6(60, ext), LinkType::Raw);
        CHECK(findNote(d, "ipv6.ext.too_many"));
    }
    SECTION("option length past the end of its header") {
        std::vector<uint8_t> ext = {6, 0, 1, 9, 0, 0, 0, 0};
        append(ext, tcpHeaderOnly());
        Dissected d(ipv6(0, ext), LinkType::Raw);
        CHECK(findNote(d, "ipv6.opt.length.invalid"));
        CHECK(d.u("tcp.srcport") == 40000); // the chain itself was sound
    }
    SECTION("Jumbo Payload option without a zero Payload Length") {
        std::vector<uint8_t> ext = {6, 0, 0xc2, 4, 0x00, 0x01, 0x00, 0x00};
        append(ext, tcpHeaderOnly());
        Dissected d(ipv6(0, ext), LinkType::Raw);
        const ExpertNote* n = findNote(d, "ipv6.opt.jumbo.plen_not_zero");
        REQUIRE(n);
        CHECK_THAT(n->message, Catch::Contains("RFC 2675"));
        CHECK(hasProblem(d, Problem::IpMalformed));
        CHECK(d.u("ipv6.opt.jumbo") == 65536);
        CHECK(d.u("ipv6.plen") == ext.size());
        CHECK_FALSE(d.summary.jumbo);
    }
    SECTION("Jumbo Payload option with a wrong option length") {
        std::vector<uint8_t> ext = {6, 0, 0xc2, 2, 0, 0, 1, 0};
        append(ext, tcpHeaderOnly());
        Dissected d(ipv6(0, ext, 0), LinkType::Raw);
        CHECK(findNote(d, "ipv6.opt.jumbo.bad_length"));
    }
}

TEST_CASE("Every damaged header above, cut at every length, decodes without a crash", "[damaged]") {
    // The byte-for-byte cut of the truncation tests, applied to the lies above: the two kinds of
    // damage together must not reach past the bytes (the sanitizer build checks).
    std::vector<std::vector<uint8_t>> packets;
    auto p = ipv4Tcp({2, 4, 0x05, 0xb4, 8, 10, 0, 0});
    packets.push_back(p);
    p = ipv4Tcp({30, 3, 0x10, 0});
    packets.push_back(p);
    p = ipv4Tcp();
    p[kTcpAt + 12] = 0xf0;
    packets.push_back(p);
    std::vector<uint8_t> ext = {6, 0, 0xc2, 4, 0x00, 0x01, 0x00, 0x00};
    append(ext, tcpHeaderOnly());
    packets.push_back(ipv6(0, ext));
    for (const auto& full : packets) {
        for (size_t len = 0; len <= full.size(); ++len) {
            std::vector<uint8_t> cut(full.begin(), full.begin() + long(len));
            Dissected d(cut, LinkType::Raw);
            CHECK_FALSE(d.tree.roots().empty());
        }
    }
}

// ============================== text ==============================

namespace {
// The byte index of a 1-based line and character column, or npos.
size_t byteAt(std::string_view text, uint32_t line, uint32_t column) {
    size_t pos = 0;
    for (uint32_t l = 1; l < line; ++l) {
        pos = text.find('\n', pos);
        if (pos == std::string_view::npos) return pos;
        ++pos;
    }
    for (uint32_t c = 1;; ++pos) {
        if (pos >= text.size() || text[pos] == '\n') return std::string_view::npos;
        if ((uint8_t(text[pos]) & 0xc0) == 0x80) continue; // continuation byte
        if (c++ == column) return pos;
    }
}
} // namespace

TEST_CASE("Text that is not a dump fails fast at an exact position", "[damaged][text]") {
    using Clock = std::chrono::steady_clock;

    SECTION("10 MB of random bytes") {
        std::mt19937 rng(7);
        std::string junk(10 << 20, '\0');
        for (char& c : junk) c = char(rng());
        junk[0] = '\x01'; // not a digit, not a letter: the first byte is already wrong
        auto t0 = Clock::now();
        HexTextResult hex = parseHexText(junk);
        TcpdumpTextResult td = parseTcpdumpText(junk);
        LoadedInput in = loadInput(
            std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(junk.data()), junk.size()));
        auto seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        REQUIRE(hex.error);
        // Exact: the byte the message names is the one at that line and column (columns count
        // characters, so UTF-8 continuation bytes do not advance them).
        size_t at = byteAt(junk, hex.error->line, hex.error->column);
        REQUIRE(at < junk.size());
        char named[16];
        std::snprintf(named, sizeof named, "0x%02x", unsigned(uint8_t(junk[at])));
        CHECK_THAT(hex.error->message, Catch::Contains(named));
        CHECK(hex.error->line <= 3); // stops at the first bad line, not at the end
        CHECK(hex.frames.empty());
        CHECK(td.segments.empty());
        // The whole input is binary: loadInput says so before trying the text parsers.
        REQUIRE(in.error);
        CHECK(in.error->where() == "byte 0");
        CHECK_THAT(in.error->message, Catch::Contains("not a capture file or a dump"));
        // Linear work: well under a second optimised; generous for sanitizer builds.
        CHECK(seconds < 20.0);
    }
    SECTION("binary in the middle of a dump") {
        HexTextResult r = parseHexText("00 11 22\n33 \x01 44\n");
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 2, column 4");
        CHECK_THAT(r.error->message, Catch::Contains("0x01"));
    }
    SECTION("a 5 MB line") {
        std::string line(5'000'000, 'a');
        line += "zz\n";
        auto t0 = Clock::now();
        HexTextResult r = parseHexText(line);
        CHECK(std::chrono::duration<double>(Clock::now() - t0).count() < 20.0);
        REQUIRE(r.error);
        CHECK(r.error->line == 1);
        CHECK(r.error->column == 5'000'001);
    }
    SECTION("a tcpdump line with 3 MB of trailing text") {
        std::string t = "12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win "
                        "100, length 0 " +
                        std::string(3'000'000, 'x') + "\n";
        TcpdumpTextResult r = parseTcpdumpText(t);
        CHECK_FALSE(r.error);
        CHECK(r.segments.size() == 1);
    }
    SECTION("odd digit counts") {
        HexTextResult r = parseHexText("45 00 00 3\n");
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 1, column 10");
        CHECK_THAT(r.error->message, Catch::Contains("odd number of hex digits"));
        r = parseHexText("0x45, 0x0, 0x123\n");
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 1, column 12");
    }
    SECTION("offsets going backwards") {
        const char* xxd = "00000000: 4500 0028 0001 0000 4006 0000 0a00 0001  E..(....@.......\n"
                          "00000010: 0a00 0002 9c40 0050 0000 03e8 0000 07d0  .....@.P........\n"
                          "00000008: 5010 ffff 0000 0000                      P.......\n";
        HexTextResult r = parseHexText(xxd);
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 3, column 1");
        CHECK_THAT(r.error->message, Catch::Contains("offset 0x0008"));

        const char* tcpdumpX =
            "12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 100, length 0\n"
            "\t0x0000:  4500 0028 0001 0000 4006 0000 0a00 0001\n"
            "\t0x0010:  0a00 0002 9c40 0050 0000 0001 0000 0000\n"
            "\t0x0008:  5002 0064 0000 0000\n";
        r = parseHexText(tcpdumpX);
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 4, column 2");
    }
    SECTION("a good packet before the damage is kept") {
        const char* text = "45 00 00 14 00 01 00 00 40 06 00 00 0a 00 00 01 0a 00 00 02\n"
                           "\n"
                           "45 00 zz\n";
        HexTextResult r = parseHexText(text);
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 3, column 7");
        CHECK(r.frames.size() == 1);

        TempFile tmp("damaged.txt", std::vector<uint8_t>(text, text + std::strlen(text)));
        CliRun run = runCli("summary", tmp.path);
        CHECK(run.status != 0);
        CHECK(splitLines(run.out).size() == 1);
        CHECK_THAT(run.err, Catch::Contains("line 3, column 7"));
    }
    SECTION("a tcpdump line that stops making sense") {
        const char* text =
            "12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1, win 100, length 0\n"
            "12:00:00.000001 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq abc, ack 2, win 100, "
            "length 0\n";
        TcpdumpTextResult r = parseTcpdumpText(text);
        REQUIRE(r.error);
        CHECK(r.error->where() == "line 2, column 66");
        CHECK(r.segments.size() == 1);
    }
}

// ============================== the tracker ==============================

namespace {
TcpSegment segment(uint32_t srcIp, uint16_t srcPort, uint32_t dstIp, uint16_t dstPort,
                   uint16_t flags, uint32_t seq, uint32_t ack, uint32_t len, uint64_t number) {
    TcpSegment s;
    s.frameNumber = number;
    s.ts.sec = 1700000000 + int64_t(number / 1000);
    s.ts.nsec = (number % 1000) * 1000000;
    s.src = Address::v4(srcIp);
    s.dst = Address::v4(dstIp);
    s.srcPort = srcPort;
    s.dstPort = dstPort;
    s.flags = flags;
    s.seq = seq;
    s.ack = ack;
    s.window = 65535;
    s.payloadLength = len;
    return s;
}
} // namespace

TEST_CASE("The tracker survives traffic built to exhaust it", "[damaged][tracker]") {
    ConnectionTracker t;
    SECTION("100,000 connections") {
        const uint32_t n = 100'000;
        t.reserve(n * 2);
        for (uint32_t i = 0; i < n; ++i) {
            // Distinct client addresses and ports, one server.
            uint32_t client = 0x0a000000 + i;
            uint16_t port = uint16_t(1024 + i % 60000);
            t.add(segment(client, port, 0xc0a80001, 443, TcpFlag::Syn, i * 7919u, 0, 0, 2 * i + 1));
            t.add(segment(0xc0a80001, 443, client, port, TcpFlag::Syn | TcpFlag::Ack, i,
                          i * 7919u + 1, 0, 2 * i + 2));
        }
        CHECK(t.connections().size() == n);
        CHECK(t.packets().size() == 2 * n);
        CHECK(t.packets().back().stream == n - 1);
    }
    SECTION("a SYN flood on one port") {
        // Spoofed sources, every SYN a new connection attempt that is never answered.
        const uint32_t n = 100'000;
        std::mt19937 rng(1);
        for (uint32_t i = 0; i < n; ++i)
            t.add(
                segment(rng(), uint16_t(rng()), 0xc0a80001, 80, TcpFlag::Syn, rng(), 0, 0, i + 1));
        CHECK(t.packets().size() == n);
        CHECK(t.connections().size() <= n);
        CHECK(t.connections().size() > n * 9 / 10); // random 4-tuples rarely repeat
        for (const TcpConnection& c : t.connections()) CHECK(c.open == OpenKind::AttemptOnly);
    }
    SECTION("a SYN flood from one source port reusing one 4-tuple") {
        const uint32_t n = 20'000;
        for (uint32_t i = 0; i < n; ++i)
            t.add(segment(0x0a000001, 40000, 0xc0a80001, 80, TcpFlag::Syn, i * 1000003u, 0, 0,
                          i + 1));
        CHECK(t.packets().size() == n);
        CHECK(t.connections().size() <= n);
    }
    SECTION("timestamps far from the epoch") {
        // tcpdump text can be dated in the year 290 (a fuzzer found it): nanosecond arithmetic
        // must saturate, not overflow.
        auto a = segment(0x0a000001, 40000, 0x0a000002, 80, TcpFlag::Syn, 1, 0, 0, 1);
        a.ts.sec = -53'008'268'605;
        auto b =
            segment(0x0a000002, 80, 0x0a000001, 40000, TcpFlag::Syn | TcpFlag::Ack, 9, 2, 0, 2);
        b.ts.sec = INT64_MAX;
        b.ts.nsec = UINT64_MAX;
        auto c = segment(0x0a000001, 40000, 0x0a000002, 80, TcpFlag::Ack, 2, 10, 0, 3);
        c.ts.sec = INT64_MIN;
        t.add(a);
        t.add(b);
        t.add(c);
        REQUIRE(t.connections().size() == 1);
        CHECK(t.packets().size() == 3);
        t.connections()[0].durationNs(); // the sanitizer build checks the arithmetic
    }
    SECTION("sequence numbers jumping by 2^31") {
        const uint32_t c = 0x0a000001, s = 0x0a000002;
        uint64_t f = 0;
        t.add(segment(c, 40000, s, 80, TcpFlag::Syn, 100, 0, 0, ++f));
        t.add(segment(s, 80, c, 40000, TcpFlag::Syn | TcpFlag::Ack, 5000, 101, 0, ++f));
        t.add(segment(c, 40000, s, 80, TcpFlag::Ack, 101, 5001, 0, ++f));
        t.add(segment(c, 40000, s, 80, TcpFlag::Ack | TcpFlag::Psh, 101, 5001, 100, ++f));
        // Exactly half the sequence space ahead: neither before() nor after() is meaningful.
        t.add(segment(c, 40000, s, 80, TcpFlag::Ack | TcpFlag::Psh, 201 + 0x80000000u, 5001, 100,
                      ++f));
        t.add(segment(s, 80, c, 40000, TcpFlag::Ack, 5001, 301 + 0x80000000u, 0, ++f));
        t.add(segment(c, 40000, s, 80, TcpFlag::Ack | TcpFlag::Psh, 201, 5001, 100, ++f));
        t.add(segment(s, 80, c, 40000, TcpFlag::Ack, 5001 + 0x80000000u, 301, 0, ++f));
        t.add(segment(c, 40000, s, 80, TcpFlag::Fin | TcpFlag::Ack, 0xffffffffu, 5001, 0, ++f));
        REQUIRE(t.packets().size() == f);
        CHECK(t.connections().size() == 1);
        CHECK(t.packets()[4].seq == 101 + 0x80000000u); // relative to the ISN 100
        for (const TcpPacketAnalysis& p : t.packets()) CHECK(p.stream == 0);
    }
}

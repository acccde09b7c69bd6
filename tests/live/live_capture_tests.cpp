// SPDX-License-Identifier: GPL-2.0-or-later
// Live capture with real traffic: the capture helper on the loopback while the test itself
// makes TCP connections on 127.0.0.1. Through the core (LiveCapture, LiveSession), through the
// command line (summary -i, ladder -i, -w) and through the helper's own pcapng, read back by
// tcpdump and tshark. Errors: a capture filter that does not compile, an interface that does
// not exist, no permission (the helper run as nobody), the helper killed mid-capture.
//
// Capturing needs root or the capabilities; without them every test prints "capture not
// permitted: ..." and ctest reports it skipped (SKIP_REGULAR_EXPRESSION), never passed.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "live_helpers.h"
#include "test_support.h"

#include "tcpscope/capture_session.h"
#include "tcpscope/live_capture.h"
#include "tcpscope/tcp_state_machine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace tcpscope;
using namespace std::chrono_literals;

namespace {

const std::string kHelper = TCPSCOPE_CAPTURE;
const std::string kCli = TCPSCOPE_CLI;

// Whether this process may capture; prints the reason for ctest when not.
bool capturePermitted() {
    static const std::string reason = [] {
        LiveCapture probe;
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port 9"; // nothing
        if (!probe.start(o, kHelper)) return probe.error();
        if (probe.open()) return std::string();
        return probe.error();
    }();
    if (!reason.empty()) std::cout << "capture not permitted: " << reason << std::endl;
    return reason.empty();
}

// A capture on lo of one port, read on a thread: the frames it has returned so far.
struct Recorder {
    LiveCapture capture;
    std::mutex mutex;
    std::vector<OwnedFrame> frames;
    std::thread reader;

    bool start(uint16_t port, uint64_t count = 0) {
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port " + std::to_string(port);
        o.count = count;
        if (!capture.start(o, kHelper) || !capture.open()) return false;
        reader = std::thread([this] {
            for (Frame f; capture.next(f);) {
                std::lock_guard lock(mutex);
                OwnedFrame owned;
                owned.number = f.number;
                owned.ts = f.ts;
                owned.hasTimestamp = true;
                owned.linkType = f.linkType;
                owned.originalLength = f.originalLength;
                owned.bytes.assign(f.data.begin(), f.data.end());
                frames.push_back(std::move(owned));
            }
        });
        return true;
    }
    size_t count() {
        std::lock_guard lock(mutex);
        return frames.size();
    }
    bool waitFor(size_t n, std::chrono::milliseconds limit = 5s) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (count() < n && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(10ms);
        return count() >= n;
    }
    void finish() {
        capture.stop();
        if (reader.joinable()) reader.join();
    }
    ~Recorder() { finish(); }
};

SessionPtr sessionOf(const std::vector<OwnedFrame>& frames) {
    LoadedInput in;
    in.frames = frames;
    in.formatName = "live";
    return CaptureSession::fromInput(std::move(in), "", {});
}

// A command started with its standard error to a file; waits for `line` to appear in it.
struct Background {
    FILE* pipe = nullptr;
    std::string errPath;
    std::string early; // read by outputUntil, not yet by output
    Background(const std::string& command, const std::string& err) : errPath(err) {
        std::filesystem::remove(err);
        // Bounded: a capture that never sees its packets ends, and the test fails, not hangs.
        pipe = popen(("timeout 30 " + command + " 2>" + err).c_str(), "r");
    }
    bool waitForError(const std::string& text, std::chrono::milliseconds limit = 10s) {
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            if (test::readFile(errPath).find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    // The output as it arrives, until it holds `text` or `limit` has passed (the command keeps
    // running); what came by then.
    std::string outputUntil(const std::string& text, std::chrono::milliseconds limit) {
        const auto end = std::chrono::steady_clock::now() + limit;
        pollfd p{::fileno(pipe), POLLIN, 0};
        while (early.find(text) == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[4096];
            const ssize_t n = ::read(p.fd, buf, sizeof buf);
            if (n <= 0) break;
            early.append(buf, static_cast<size_t>(n));
        }
        return early;
    }
    std::string output() {
        std::string out = std::exchange(early, {});
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
        pclose(std::exchange(pipe, nullptr));
        return out;
    }
    ~Background() {
        if (pipe) pclose(pipe);
    }
};

std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("tcpscope-live-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

} // namespace

TEST_CASE("a real loopback connection arrives whole, with both endpoints' states", "[live]") {
    if (!capturePermitted()) return;
    livetest::Listener server;
    REQUIRE(server.port != 0);
    Recorder rec;
    REQUIRE(rec.start(server.port));
    REQUIRE(livetest::talk(server, "hello", "world"));
    // SYN, SYN-ACK, ACK; the request and its ACK; the answer and its ACK; FIN, ACK, FIN, ACK
    // (or the close's FIN,ACK merged): at least 9 packets.
    REQUIRE(rec.waitFor(9));
    std::this_thread::sleep_for(200ms);
    rec.finish();
    CHECK(rec.capture.error().empty());
    const SessionPtr s = sessionOf(rec.frames);
    REQUIRE(s->tracker().connections().size() == 1);
    const TcpConnection& c = s->tracker().connections()[0];
    CHECK(c.server.port == server.port);
    CHECK(c.client.bytes == 5);
    CHECK(c.server.bytes == 5);
    const std::vector<LadderEvent> ladder = s->tracker().ladder(0);
    REQUIRE(ladder.size() == rec.frames.size());
    // The handshake's states, and the close's: the client closed first.
    CHECK(ladder[0].client.after == TcpState::SynSent);
    CHECK(ladder[1].server.after == TcpState::SynReceived);
    CHECK(ladder[1].client.after == TcpState::Established);
    CHECK(ladder[2].server.after == TcpState::Established);
    CHECK(ladder.back().client.after == TcpState::TimeWait);
    CHECK(ladder.back().server.after == TcpState::Closed);
    // The helper counted what it wrote.
    const CaptureStats st = rec.capture.stats();
    CHECK(st.written == rec.frames.size());
    CHECK(st.lost == 0);
}

TEST_CASE("the viewer's live session grows and keeps only the newest frames with a limit",
          "[live]") {
    if (!capturePermitted()) return;
    livetest::Listener server;
    Recorder rec;
    REQUIRE(rec.start(server.port));
    for (int i = 0; i < 5; ++i) REQUIRE(livetest::talk(server));
    REQUIRE(rec.waitFor(45));
    rec.finish();
    LiveSession all("lo", {});
    LiveSession ring("lo", {}, 2000); // about 2000 bytes: the newest ~25 small frames
    for (const OwnedFrame& f : rec.frames) {
        all.append(f.view());
        ring.append(f.view());
    }
    const SessionPtr whole = all.snapshot();
    CHECK(whole->isPartial());
    CHECK(whole->size() == rec.frames.size());
    CHECK(whole->tracker().connections().size() == 5);
    const SessionPtr newest = ring.snapshot();
    size_t kept = 0;
    for (size_t i = 0; i < newest->size(); ++i) kept += newest->bytes(i).size();
    CHECK(kept <= 2000 + 2000 / 4);
    CHECK(newest->frames().byteCount() == kept);
    CHECK(ring.discarded() > 0);
    CHECK(ring.discarded() + newest->size() == rec.frames.size());
    // Frames keep the numbers they had in the capture.
    CHECK(newest->record(0).number == ring.discarded() + 1);
    CHECK(newest->record(newest->size() - 1).number == rec.frames.size());
}

TEST_CASE("the helper's pcapng is read by tcpdump and tshark with the same packets", "[live]") {
    if (!capturePermitted()) return;
    livetest::Listener server;
    const std::string file = tempPath("helper.pcapng");
    const std::string err = tempPath("helper.err");
    Background helper(
        kHelper + " -i lo -f 'tcp port " + std::to_string(server.port) + "' -c 9 -w " + file, err);
    REQUIRE(helper.waitForError("capturing on lo"));
    REQUIRE(livetest::talk(server));
    helper.output(); // it ends after 9 packets
    const std::string ours = test::runCommand(kCli + " summary " + file);
    const std::string tcpdump = test::runCommand("tcpdump -n -r " + file + " 2>/dev/null");
    CHECK(std::count(ours.begin(), ours.end(), '\n') == 9);
    CHECK(ours == tcpdump);
    const std::string tshark =
        test::runCommand("tshark -r " + file + " -T fields -e frame.number -e tcp.len 2>/dev/null");
    CHECK(std::count(tshark.begin(), tshark.end(), '\n') == 9);
    CHECK(tshark.find("4\t5\n") != std::string::npos); // the request's 5 bytes, frame 4
    const std::string stats = test::readFile(err);
    CHECK(stats.find("stats received=") != std::string::npos);
    CHECK(stats.find("written=9 lost=0") != std::string::npos);
    std::filesystem::remove(file);
    std::filesystem::remove(err);
}

TEST_CASE("the helper's ring buffer keeps the newest files only", "[live]") {
    if (!capturePermitted()) return;
    livetest::Listener server;
    const std::string dir = tempPath("ring");
    std::filesystem::create_directories(dir);
    const std::string err = tempPath("ring.err");
    {
        // Files of 1 KiB (a new one once a packet would go past it), at most 2 kept: five
        // connections (~50 packets of 66 to 90 bytes, ~4 KiB) fill four or more; the oldest
        // go.
        Background helper(kHelper + " -i lo -f 'tcp port " + std::to_string(server.port) +
                              "' -c 45 -w " + dir + "/ring.pcapng -b filesize:1 -b files:2",
                          err);
        REQUIRE(helper.waitForError("capturing on lo"));
        for (int i = 0; i < 5; ++i) REQUIRE(livetest::talk(server));
        helper.output();
    }
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() == 2);
    CHECK(files[0].rfind("ring_0000", 0) == 0);
    CHECK(files[0] != "ring_00001.pcapng"); // the first file went
    CHECK(files[1].substr(files[1].size() - 7) == ".pcapng");
    size_t packets = 0;
    for (const std::string& f : files) {
        // Each file is a whole capture of its own, as tcpdump reads it.
        const std::string lines =
            test::runCommand("tcpdump -n -r " + dir + "/" + f + " 2>/dev/null");
        packets += size_t(std::count(lines.begin(), lines.end(), '\n'));
        CHECK(lines.find("IP 127.0.0.1") != std::string::npos);
    }
    CHECK(packets > 0);
    CHECK(packets < 45);
    std::filesystem::remove_all(dir);
    std::filesystem::remove(err);
}

TEST_CASE("tcpscope-cli prints packets and grows a ladder as they arrive", "[live]") {
    if (!capturePermitted()) return;
    livetest::Listener server;
    const std::string port = std::to_string(server.port);
    const std::string file = tempPath("cli.pcapng");
    const std::string err = tempPath("cli.err");
    {
        Background cli(kCli + " summary -i lo -f 'tcp port " + port + "' -c 9 -w " + file, err);
        REQUIRE(cli.waitForError("listening on lo"));
        REQUIRE(livetest::talk(server));
        const std::string out = cli.output();
        CHECK(std::count(out.begin(), out.end(), '\n') == 9);
        CHECK(out.find("Flags [S]") != std::string::npos);
        CHECK(out.find("length 5") != std::string::npos);
        CHECK(out == test::runCommand(kCli + " summary " + file)); // -w wrote what was printed
        const std::string stats = test::readFile(err);
        CHECK(stats.find("packets captured") != std::string::npos);
        CHECK(stats.find("0 packets dropped by kernel") != std::string::npos);
    }
    {
        Background cli(kCli + " ladder -i lo -f 'tcp port " + port + "' -c 9", err + "2");
        REQUIRE(cli.waitForError("listening on lo"));
        REQUIRE(livetest::talk(server));
        const std::string out = cli.output();
        CHECK(out.find("live capture, relative sequence numbers") != std::string::npos);
        CHECK(out.find("SYN-SENT") != std::string::npos);
        CHECK(out.find("SYN-RECEIVED") != std::string::npos);
        CHECK(out.find("FIN-WAIT-1") != std::string::npos);
        CHECK(out.find("CLOSE-WAIT") != std::string::npos);
        CHECK(out.find("[P.] seq 1:6 ack 1 len 5") != std::string::npos);
    }
    {
        // -Y filters each packet as it arrives: none waits for a later one. The client's last
        // ACK of the close would wait for the client to speak again, and it never does: the
        // line would come only when the capture ends, at the next connection's packets.
        Background cli(kCli + " summary -i lo -f 'tcp port " + port +
                           "' -c 11 -Y 'tcp.port == " + port + " && tcp.flags.reset == 0'",
                       err + "3");
        REQUIRE(cli.waitForError("listening on lo"));
        REQUIRE(livetest::talk(server));
        const std::string lastAck = "Flags [.], ack 7,";
        const std::string first = cli.outputUntil(lastAck, 5s);
        REQUIRE(first.find(lastAck) != std::string::npos);
        CHECK(first.find("Flags [F.], seq 6, ack 7") < first.find(lastAck));
        REQUIRE(livetest::talk(server)); // ends the capture at its eleventh packet
        const std::string out = cli.output();
        CHECK(std::count(out.begin(), out.end(), '\n') == 11);
    }
    std::filesystem::remove(file);
    std::filesystem::remove(err);
    std::filesystem::remove(err + "2");
    std::filesystem::remove(err + "3");
}

TEST_CASE("capture errors say what went wrong and keep what was captured", "[live]") {
    if (!capturePermitted()) return;
    SECTION("a capture filter that does not compile") {
        LiveCapture c;
        CaptureOptions o;
        o.interface = "lo";
        o.filter = "tcp port eighty";
        REQUIRE(c.start(o, kHelper));
        Frame f;
        CHECK_FALSE(c.next(f));
        CHECK(c.error().find("bad capture filter \"tcp port eighty\"") != std::string::npos);
        CHECK_FALSE(captureFilterError("tcp port eighty").empty());
        CHECK(captureFilterError("tcp port 80").empty());
    }
    SECTION("an interface that does not exist") {
        LiveCapture c;
        CaptureOptions o;
        o.interface = "nosuch0";
        REQUIRE(c.start(o, kHelper));
        CHECK_FALSE(c.open());
        CHECK(c.error().find("no interface named \"nosuch0\"") != std::string::npos);
        const std::string out = test::runCommand(kCli + " summary -i nosuch0 2>&1");
        CHECK(out.find("tcpscope-cli: capture on nosuch0: no interface named") !=
              std::string::npos);
    }
    SECTION("the helper killed mid-capture") {
        livetest::Listener server;
        Recorder rec;
        REQUIRE(rec.start(server.port));
        REQUIRE(livetest::talk(server));
        REQUIRE(rec.waitFor(9));
        ::kill(rec.capture.helperPid(), SIGKILL);
        if (rec.reader.joinable()) rec.reader.join();
        CHECK(rec.count() >= 9); // kept
        CHECK(rec.capture.error().find("killed (signal 9") != std::string::npos);
    }
    SECTION("no permission: the helper run as nobody names the fix") {
        if (::geteuid() != 0 || test::runCommand("command -v setpriv").empty()) {
            std::cout << "capture not permitted: not root, cannot run the helper as nobody"
                      << std::endl;
            return;
        }
        const std::string wrapper = tempPath("as-nobody.sh");
        std::ofstream(wrapper) << "#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup "
                                  "--clear-groups "
                               << kHelper << " \"$@\"\n";
        std::filesystem::permissions(wrapper, std::filesystem::perms::owner_all);
        LiveCapture c;
        CaptureOptions o;
        o.interface = "lo";
        REQUIRE(c.start(o, wrapper));
        CHECK_FALSE(c.open());
        CHECK(c.error().find("no permission to capture on lo") != std::string::npos);
        CHECK(c.error().find("setcap cap_net_raw,cap_net_admin=eip " + wrapper) !=
              std::string::npos);
        std::filesystem::remove(wrapper);
    }
    SECTION("no helper") {
        LiveCapture c;
        CaptureOptions o;
        o.interface = "lo";
        CHECK_FALSE(c.start(o, "/nonexistent/tcpscope-capture"));
        CHECK(c.error().find("is not executable") != std::string::npos);
    }
}

// SPDX-License-Identifier: GPL-2.0-or-later
// The Wireshark plugin tcpfsm.so against its two references: tcpscope-cli (same core, own
// decoder) and the core's FieldRegistry. tshark loads the freshly built plugin from a private
// folder "<tmp>/plugins/<series>/epan/tcpfsm.so" named by WIRESHARK_PLUGIN_DIR, with HOME and
// XDG_CONFIG_HOME pointing into the same folder so that neither the user's personal plugins
// (an installed tcpfsm.so would register the protocol twice) nor their preferences interfere.
//
// Wireshark ignores WIRESHARK_PLUGIN_DIR and the personal plugin folder when it runs with
// special privileges, and on Linux it counts root as privileged (started_with_special_privs()).
// As root the tests therefore run tshark as "nobody" through setpriv(1).
//
// Known differences are listed, with reasons, in tests/wireshark/plugin_differences.txt.
#include "tcpscope/capture_session.h"
#include "tcpscope/field.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace tcpscope;
using namespace tcpscope::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == sep)
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}

// The private plugin folder and the command prefix that runs tshark with it.
class TsharkWithPlugin {
  public:
    TsharkWithPlugin() {
        if (!haveTool(TCPSCOPE_TSHARK)) {
            m_skip = "tshark is not installed";
            return;
        }
        char tmpl[] = "/tmp/tcpfsm-test-XXXXXX";
        if (!mkdtemp(tmpl)) {
            m_skip = "cannot create a temporary folder";
            return;
        }
        m_root = tmpl;
        m_pluginDir = m_root / "plugins";
        const fs::path epan = m_pluginDir / TCPSCOPE_WIRESHARK_SERIES / "epan";
        fs::create_directories(epan);
        fs::create_directories(m_root / "home" / ".config");
        m_plugin = epan / "tcpfsm.so";
        fs::copy_file(TCPSCOPE_PLUGIN, m_plugin, fs::copy_options::overwrite_existing);
        // "nobody" must be able to enter the folders and read the plugin.
        const auto rx = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
        for (auto& e : fs::recursive_directory_iterator(m_root)) fs::permissions(e.path(), rx);
        fs::permissions(m_root, rx);

        std::string envs = "env HOME=" + shellQuote((m_root / "home").string()) +
                           " XDG_CONFIG_HOME=" + shellQuote((m_root / "home/.config").string()) +
                           " WIRESHARK_PLUGIN_DIR=" + shellQuote(m_pluginDir.string()) + " ";
        if (geteuid() == 0) {
            if (!haveTool("setpriv")) {
                m_skip = "running as root, and setpriv (util-linux) is missing to drop privileges";
                return;
            }
            m_prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups " + envs;
        } else {
            m_prefix = envs;
        }
        m_prefix += std::string(TCPSCOPE_TSHARK) + " ";
    }
    ~TsharkWithPlugin() {
        std::error_code ec;
        if (!m_root.empty()) fs::remove_all(m_root, ec);
    }

    const std::string& skip() const { return m_skip; }
    const fs::path& plugin() const { return m_plugin; }
    // A copy of the capture in the private folder, shell-quoted: tshark may run as "nobody",
    // who cannot necessarily enter the checkout's parent folders (e.g. under /root).
    std::string readable(const fs::path& capture) const {
        const fs::path dir = m_root / "captures";
        std::error_code ec;
        fs::create_directories(dir, ec);
        fs::permissions(dir,
                        fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec,
                        ec);
        const fs::path copy =
            dir / (std::to_string(m_copies++) + "_" + capture.filename().string());
        fs::copy_file(capture, copy, fs::copy_options::overwrite_existing, ec);
        fs::permissions(copy,
                        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read,
                        ec);
        return shellQuote(copy.string());
    }
    // Runs tshark with `args` (already quoted); stderr is dropped ("Running as user root...").
    std::string run(const std::string& args) const {
        return runCommand(m_prefix + args + " 2>/dev/null");
    }

  private:
    std::string m_skip;
    fs::path m_root, m_pluginDir, m_plugin;
    std::string m_prefix;
    mutable int m_copies = 0;
};

const TsharkWithPlugin& tshark() {
    static TsharkWithPlugin t;
    return t;
}

// The plugin was built, so it is wanted: not being able to run tshark with it is a failure.
#define SKIP_WITHOUT_TSHARK()                                                                      \
    do {                                                                                           \
        if (!tshark().skip().empty())                                                              \
            FAIL("cannot run tshark with the plugin: " << tshark().skip());                        \
    } while (0)

// Every capture the comparison covers, named "samples/..." or "corpus/...".
std::vector<std::pair<std::string, fs::path>> allCaptures() {
    std::vector<std::pair<std::string, fs::path>> out;
    for (const auto& p : capturesUnder(samplesDir()))
        out.emplace_back("samples/" + fs::relative(p, samplesDir()).generic_string(), p);
    for (const auto& p : capturesUnder(corpusDir()))
        out.emplace_back("corpus/" + fs::relative(p, corpusDir()).generic_string(), p);
    return out;
}

// plugin_differences.txt: (file, pass) -> frames. pass is "single", "two-pass" or "both".
std::map<std::pair<std::string, std::string>, std::set<uint64_t>> loadDifferences() {
    std::map<std::pair<std::string, std::string>, std::set<uint64_t>> out;
    const fs::path file = sourceDir() / "tests" / "wireshark" / "plugin_differences.txt";
    for (const std::string& line : splitLines(readFile(file))) {
        if (line.empty() || line[0] == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() < 4 || cols[3].empty()) continue;
        std::vector<std::string> passes = {cols[1]};
        if (cols[1] == "both") passes = {"single", "two-pass"};
        for (const auto& pass : passes)
            for (const std::string& f : split(cols[2], ',')) { // "7" or "57-80"
                const size_t dash = f.find('-');
                const uint64_t first = std::stoull(f.substr(0, dash));
                const uint64_t last =
                    dash == std::string::npos ? first : std::stoull(f.substr(dash + 1));
                for (uint64_t n = first; n <= last; ++n) out[{cols[0], pass}].insert(n);
            }
    }
    return out;
}

const char* const kCompared = "-e tcp.stream -e tcpfsm.client -e tcpfsm.server -e tcpfsm.event";

// The tracker notes of every frame, from the core itself (as the CLI computes them).
std::map<uint64_t, uint32_t> coreNotes(const fs::path& capture) {
    std::map<uint64_t, uint32_t> notes;
    // The core's first pass over the whole file: later packets and the end of the capture may
    // amend earlier results, as they do in tshark's second pass.
    const auto session = CaptureSession::open(capture.string(), DissectOptions{});
    for (size_t i = 0; session && i < session->size(); ++i)
        if (const TcpPacketAnalysis* a = session->analysis(i))
            notes[session->records()[i].number] = a->notes;
    return notes;
}

struct Agreement {
    uint64_t packets = 0, tcpPackets = 0, mismatches = 0, excused = 0, notesChecked = 0;
    std::ostringstream unexplained;
    std::ostringstream stale;
};

// Compares tshark (single pass, or -2) with tcpscope-cli on every capture, packet for packet.
// With `checkNotes`, the tracker notes shown as expert infos are compared with the core's too.
void compareAll(const std::string& pass, Agreement& a, bool checkNotes) {
    const auto differences = loadDifferences();
    for (const auto& [name, path] : allCaptures()) {
        const std::string q = tshark().readable(path);
        std::string args = std::string(pass == "two-pass" ? "-2 " : "") + "-n -r " + q +
                           " -T fields -E aggregator='|' " + kCompared;
        if (checkNotes) args += " -e _ws.expert.message";
        const auto theirs = splitLines(tshark().run(args));
        const auto ours = splitLines(
            runCommand(shellQuote(cliPath()) + " fields " + kCompared + " " + q + " 2>/dev/null"));
        auto key = std::make_pair(name, pass);
        const std::set<uint64_t> allowed =
            differences.count(key) ? differences.at(key) : std::set<uint64_t>{};
        std::map<uint64_t, uint32_t> notes;
        if (checkNotes) notes = coreNotes(path);

        if (theirs.size() != ours.size()) {
            a.unexplained << name << ": tshark printed " << theirs.size() << " lines, the CLI "
                          << ours.size() << "\n";
            continue;
        }
        std::vector<uint64_t> bad;
        std::set<uint64_t> excusedHere;
        for (size_t i = 0; i < ours.size(); ++i) {
            const uint64_t frame = i + 1;
            ++a.packets;
            auto cols = split(theirs[i], '\t');
            std::string messages = cols.size() > 4 ? cols[4] : "";
            cols.resize(4);
            std::string shown = cols[0] + "\t" + cols[1] + "\t" + cols[2] + "\t" + cols[3];
            if (!cols[1].empty()) ++a.tcpPackets;
            bool ok = shown == ours[i];
            if (ok && checkNotes) {
                const uint32_t bits = notes.count(frame) ? notes.at(frame) : 0;
                const auto shownMessages = split(messages, '|');
                for (uint32_t k = 0; k < kTrackerNoteCount; ++k) {
                    const std::string msg(trackerNoteInfo(TrackerNote(k)).message);
                    const bool present = std::find(shownMessages.begin(), shownMessages.end(),
                                                   msg) != shownMessages.end();
                    if (present != bool(bits & (1u << k))) ok = false;
                }
                ++a.notesChecked;
            }
            if (ok) continue;
            ++a.mismatches;
            if (allowed.count(frame)) {
                ++a.excused;
                excusedHere.insert(frame);
            } else {
                bad.push_back(frame);
                if (bad.size() <= 3)
                    a.unexplained << name << " frame " << frame << ":\n  tshark: " << theirs[i]
                                  << "\n  cli:    " << ours[i] << "\n";
            }
        }
        if (bad.size() > 3) a.unexplained << name << ": " << bad.size() << " frames in all\n";
        for (uint64_t f : allowed)
            if (!excusedHere.count(f)) a.stale << name << " (" << pass << ") frame " << f << "\n";
    }
}

} // namespace

TEST_CASE("tshark loads the built tcpfsm.so from the private plugin folder", "[wireshark]") {
    SKIP_WITHOUT_TSHARK();
    const std::string plugins = tshark().run("-G plugins");
    INFO("tshark -G plugins:\n" << plugins);
    CHECK(plugins.find(tshark().plugin().string()) != std::string::npos);
    // Exactly one copy: an installed tcpfsm.so would register the protocol a second time.
    size_t copies = 0;
    for (const auto& line : splitLines(plugins))
        if (line.rfind("tcpfsm.so", 0) == 0) ++copies;
    CHECK(copies == 1);
}

TEST_CASE("tshark -G fields lists every tcpfsm field with the core's name and explanation",
          "[wireshark]") {
    SKIP_WITHOUT_TSHARK();
    std::map<std::string, std::vector<std::string>> listed; // abbrev -> columns
    for (const auto& line : splitLines(tshark().run("-G fields"))) {
        auto cols = split(line, '\t');
        if (cols.size() >= 3 && cols[2].rfind("tcpfsm", 0) == 0) listed[cols[2]] = cols;
    }
    REQUIRE(listed.count("tcpfsm"));
    CHECK(listed["tcpfsm"][0] == "P");
    CHECK(listed["tcpfsm"][1] ==
          std::string(FieldRegistry::instance().def(fieldId("tcpfsm")).name));
    for (const char* abbrev : {"tcpfsm.client", "tcpfsm.server", "tcpfsm.client_prev",
                               "tcpfsm.server_prev", "tcpfsm.event", "tcpfsm.sender"}) {
        INFO(abbrev);
        REQUIRE(listed.count(abbrev));
        const auto& cols = listed[abbrev];
        const FieldDef& def = FieldRegistry::instance().def(fieldId(abbrev));
        REQUIRE(cols.size() >= 8);
        CHECK(cols[1] == std::string(def.name));
        CHECK(cols[3] == "FT_STRING");
        CHECK(cols[4] == "tcpfsm");
        CHECK(cols[7] == std::string(def.explanation));
    }
    // One expert info per tracker note, named after the note, with the core's message.
    for (uint32_t k = 0; k < kTrackerNoteCount; ++k) {
        const TrackerNoteInfo info = trackerNoteInfo(TrackerNote(k));
        const std::string id(info.id);
        const std::string abbrev = "tcpfsm.expert." + id.substr(id.rfind('.') + 1);
        INFO(abbrev);
        REQUIRE(listed.count(abbrev));
        CHECK(listed[abbrev][1] == std::string(info.message));
    }
}

TEST_CASE("two-pass tshark with tcpfsm.so agrees with tcpscope-cli on every capture",
          "[wireshark][corpus]") {
    SKIP_WITHOUT_TSHARK();
    Agreement a;
    compareAll("two-pass", a, true);
    WARN("tshark -2: " << a.packets << " packets compared (" << a.tcpPackets << " TCP, "
                       << a.notesChecked << " with expert infos checked), " << a.mismatches
                       << " mismatches, " << a.excused << " of them listed in "
                       << "plugin_differences.txt");
    INFO("unexplained differences:\n" << a.unexplained.str());
    CHECK(a.unexplained.str().empty());
    INFO("listed differences that no longer occur:\n" << a.stale.str());
    CHECK(a.stale.str().empty());
    CHECK(a.packets > 5000);
}

TEST_CASE("single-pass tshark with tcpfsm.so agrees with tcpscope-cli on every capture",
          "[wireshark][corpus]") {
    SKIP_WITHOUT_TSHARK();
    Agreement a;
    compareAll("single", a, false);
    WARN("tshark (one pass): " << a.packets << " packets compared (" << a.tcpPackets << " TCP), "
                               << a.mismatches << " mismatches, " << a.excused
                               << " of them listed in plugin_differences.txt");
    INFO("unexplained differences:\n" << a.unexplained.str());
    CHECK(a.unexplained.str().empty());
    INFO("listed differences that no longer occur:\n" << a.stale.str());
    CHECK(a.stale.str().empty());
    CHECK(a.packets > 5000);
}

TEST_CASE("tcpfsm display filters select the frames the CLI says", "[wireshark]") {
    SKIP_WITHOUT_TSHARK();
    const fs::path redis = samplesDir() / "redis-ping-pong.pcap";
    const std::string q = shellQuote(redis.string());
    const std::string forTshark = tshark().readable(redis);

    // The CLI's answer: frames whose tcpfsm.client / tcpfsm.server has the value.
    const auto cli = splitLines(runCommand(shellQuote(cliPath()) +
                                           " fields -e frame.number -e tcpfsm.client -e "
                                           "tcpfsm.server " +
                                           q + " 2>/dev/null"));
    auto framesWhere = [&](size_t col, const std::string& value) {
        std::string out;
        for (const auto& line : cli) {
            auto cols = split(line, '\t');
            if (cols.size() > col && cols[col] == value) out += cols[0] + "\n";
        }
        return out;
    };
    const std::string timeWait = framesWhere(1, "TIME-WAIT");
    CHECK(timeWait == "9\n10\n");
    const std::string closeWait = framesWhere(2, "CLOSE-WAIT");
    CHECK(!closeWait.empty());

    for (const std::string pass : {"", "-2 "}) {
        INFO("tshark " << pass);
        CHECK(tshark().run(pass + "-n -r " + forTshark +
                           " -Y 'tcpfsm.client == \"TIME-WAIT\"' -T fields -e frame.number") ==
              timeWait);
        CHECK(tshark().run(pass + "-n -r " + forTshark +
                           " -Y 'tcpfsm.server == \"CLOSE-WAIT\"' -T fields -e frame.number") ==
              closeWait);
    }
    // An expert info is a filter too: the refused SYN and the RST that refuses it.
    const fs::path refused = corpusDir() / "other/chrissanders/tcp_refuseconnection.pcapng";
    if (fs::exists(refused))
        CHECK(tshark().run("-2 -n -r " + tshark().readable(refused) +
                           " -Y tcpfsm.expert.refused -T fields -e frame.number") == "1\n2\n");
}

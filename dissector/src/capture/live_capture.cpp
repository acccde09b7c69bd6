// SPDX-License-Identifier: GPL-2.0-or-later
// Starting the capture helper, reading its pcapng and its messages (live_capture.h).
#include "tcpscope/live_capture.h"

#include "tcpscope/first_pass.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <tuple>

#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace tcpscope {

namespace {

constexpr const char* kHelper = "tcpscope-capture";

bool executable(const std::string& path) {
    return !path.empty() && ::access(path.c_str(), X_OK) == 0 &&
           !std::filesystem::is_directory(path);
}

struct Pipe {
    int fd[2] = {-1, -1};
    bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
    void close() {
        for (int& f : fd)
            if (f >= 0) ::close(std::exchange(f, -1));
    }
};

// Runs the helper with `args`, its standard output and error to pipes. The pid, or -1.
int spawnHelper(const std::string& helper, const std::vector<std::string>& args, int& out,
                int& err) {
    Pipe o, e;
    if (!o.open() || !e.open()) {
        o.close();
        e.close();
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, o.fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, e.fd[1], STDERR_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(helper.c_str()));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, helper.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(std::exchange(o.fd[1], -1));
    ::close(std::exchange(e.fd[1], -1));
    if (rc != 0) {
        o.close();
        e.close();
        return -1;
    }
    out = o.fd[0];
    err = e.fd[0];
    return pid;
}

// A count from the helper's stats line: decimal digits only (strtoull would take "-1" as the
// largest value), at most kMaxCount, so that the viewer's sum of the drop counts cannot wrap
// round to 0 and hide them. A key that is missing or not followed by digits counts 0.
constexpr uint64_t kMaxCount = uint64_t(1) << 60;
uint64_t statValue(const std::string& line, const char* key) {
    const size_t at = line.find(std::string(" ") + key + "=");
    if (at == std::string::npos) return 0;
    const char* first = line.c_str() + at + std::strlen(key) + 2;
    uint64_t value = 0;
    const auto [end, ec] = std::from_chars(first, line.c_str() + line.size(), value);
    if (end == first) return 0;
    return ec == std::errc::result_out_of_range ? kMaxCount : std::min(value, kMaxCount);
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

// How a helper ended, when it said nothing itself.
std::string exitText(int status) {
    if (WIFSIGNALED(status))
        return "the capture helper was killed (signal " + std::to_string(WTERMSIG(status)) + ", " +
               strsignal(WTERMSIG(status)) + "); the packets it wrote before are kept";
    return "the capture helper failed (exit code " + std::to_string(WEXITSTATUS(status)) + ")";
}

} // namespace

std::string captureHelperPath() {
    if (const char* env = std::getenv("TCPSCOPE_CAPTURE_HELPER"); env && *env) return env;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::string beside = (self.parent_path() / kHelper).string();
        if (executable(beside)) return beside;
    }
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && executable(dir + "/" + kHelper)) return dir + "/" + kHelper;
    return {};
}

std::string capturePermissionFix(const std::string& helper) {
    const std::string path = helper.empty() ? std::string(kHelper) : helper;
    return "give the capture helper the capabilities it needs, once: sudo setcap "
           "cap_net_raw,cap_net_admin=eip " +
           path + " (or run only the helper as root: sudo " + path + " -i INTERFACE -w FILE)";
}

std::string captureLinkTypeName(int linkType) {
    if (linkType < 0) return "?";
    if (const char* d = pcap_datalink_val_to_description(linkType)) return d;
    return "DLT " + std::to_string(linkType);
}

std::string captureFilterError(const std::string& filter, int linkType) {
    pcap_t* p = pcap_open_dead(linkType < 0 ? DLT_EN10MB : linkType, 262144);
    if (!p) return "cannot compile filters";
    bpf_program program{};
    std::string error;
    if (pcap_compile(p, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
        error = pcap_geterr(p);
    else
        pcap_freecode(&program);
    pcap_close(p);
    return error;
}

CaptureMessage parseCaptureMessage(std::string_view line) {
    const std::string_view prefix = "tcpscope-capture: ";
    if (line.substr(0, prefix.size()) == prefix) line.remove_prefix(prefix.size());
    CaptureMessage m;
    const auto starts = [&](std::string_view p) { return line.substr(0, p.size()) == p; };
    if (starts("stats ")) {
        const std::string text(line);
        m.kind = CaptureMessage::Kind::Stats;
        m.stats = {statValue(text, "received"), statValue(text, "dropped"),
                   statValue(text, "ifdropped"), statValue(text, "written"),
                   statValue(text, "lost")};
    } else if (starts("error: ")) {
        m.kind = CaptureMessage::Kind::Error;
        m.text = line.substr(7);
    } else if (starts("warning: ")) {
        m.kind = CaptureMessage::Kind::Warning;
        m.text = line.substr(9);
    } else if (starts("capturing on ")) {
        m.kind = CaptureMessage::Kind::Capturing;
        m.text = line.substr(13);
    } else {
        m.text = line;
    }
    return m;
}

std::vector<CaptureInterface> parseCaptureInterfaces(std::string_view text) {
    std::vector<CaptureInterface> list;
    std::stringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> f;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, '\t');) f.push_back(cell);
        if (f.empty() || f[0].empty()) continue;
        f.resize(5);
        CaptureInterface i;
        i.name = f[0];
        std::stringstream flags(f[1]);
        for (std::string flag; std::getline(flags, flag, ',');) {
            i.loopback |= flag == "loopback";
            i.up |= flag == "up";
            i.running |= flag == "running";
        }
        i.linkType = int(std::strtol(f[2].c_str(), nullptr, 10));
        std::stringstream addresses(f[3]);
        for (std::string a; std::getline(addresses, a, ',');) i.addresses.push_back(a);
        i.description = f[4];
        list.push_back(std::move(i));
    }
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
        return std::tuple(!a.loopback, !(a.up && a.running)) <
               std::tuple(!b.loopback, !(b.up && b.running));
    });
    return list;
}

std::vector<CaptureInterface> listCaptureInterfaces(std::string& error) {
    const std::string helper = captureHelperPath();
    if (helper.empty()) {
        error = std::string("the capture helper ") + kHelper + " was not found";
        return {};
    }
    int out = -1, err = -1;
    const int pid = spawnHelper(helper, {"-D"}, out, err);
    if (pid < 0) {
        error = "cannot run " + helper;
        return {};
    }
    std::string text, messages;
    char buf[4096];
    for (ssize_t n; (n = ::read(out, buf, sizeof buf)) > 0;) text.append(buf, size_t(n));
    for (ssize_t n; (n = ::read(err, buf, sizeof buf)) > 0;) messages.append(buf, size_t(n));
    ::close(out);
    ::close(err);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::vector<CaptureInterface> list = parseCaptureInterfaces(text);
    if (list.empty())
        error = messages.empty() ? "no interfaces to capture on" : messages.substr(0, 400);
    return list;
}

LiveCapture::LiveCapture() = default;

LiveCapture::~LiveCapture() {
    stop();
    if (m_pid > 0) {
        // Anything it still writes is not read any more: close the pipe so that it cannot
        // block on it, then wait.
        m_reader.reset();
        if (m_out >= 0) ::close(std::exchange(m_out, -1));
        finish();
    }
    if (m_messages.joinable()) m_messages.join();
    if (m_pidfd >= 0) ::close(m_pidfd);
}

bool LiveCapture::start(const CaptureOptions& o, const std::string& helper) {
    m_helper = helper;
    if (helper.empty() || !executable(helper)) {
        std::lock_guard lock(m_mutex);
        m_error = std::string("the capture helper ") + kHelper +
                  (helper.empty() ? " was not found beside this program or on the PATH"
                                  : " is not executable: " + helper);
        return false;
    }
    std::vector<std::string> args = {
        "-i", o.interface, "-s", std::to_string(o.snaplen), "-B", std::to_string(o.bufferMiB),
        "-w", "-"};
    if (!o.filter.empty()) args.insert(args.end(), {"-f", o.filter});
    if (!o.promiscuous) args.push_back("-p");
    if (o.count) args.insert(args.end(), {"-c", std::to_string(o.count)});
    int err = -1;
    m_pid = spawnHelper(helper, args, m_out, err);
    if (m_pid < 0) {
        std::lock_guard lock(m_mutex);
        m_error = "cannot run the capture helper " + helper + ": " + std::strerror(errno);
        return false;
    }
    // stop() signals through this: once the helper is reaped it reaches nobody, never a process
    // given the same pid. -1 (a kernel before 5.3) falls back to kill(). A system call, as
    // glibc 2.36's <sys/pidfd.h> declares its functions without C linkage.
    m_pidfd = int(::syscall(SYS_pidfd_open, pid_t(m_pid), 0u));
    m_messages = std::thread([this, err] { readMessages(err); });
    return true;
}

void LiveCapture::readMessages(int fd) {
    std::string pending;
    char buf[2048];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        pending.append(buf, size_t(n));
        if (pending.size() > (size_t(64) << 10) && pending.find('\n') == std::string::npos)
            pending.clear(); // not the helper's messages: bounded, whatever comes
        for (size_t nl; (nl = pending.find('\n')) != std::string::npos;) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            const CaptureMessage m = parseCaptureMessage(line);
            std::lock_guard lock(m_mutex);
            switch (m.kind) {
            case CaptureMessage::Kind::Stats:
                m_stats = m.stats;
                break;
            case CaptureMessage::Kind::Error:
                m_error = replaceAll(m.text, "<path of tcpscope-capture>", m_helper);
                break;
            case CaptureMessage::Kind::Capturing:
                break; // open() learns it from the stream
            case CaptureMessage::Kind::Warning:
            case CaptureMessage::Kind::Other:
                if (!m.text.empty() && m_warnings.size() < 100) m_warnings.push_back(m.text);
                break;
            }
        }
    }
    ::close(fd);
}

// Waits for the helper, and says how it ended if it said nothing itself.
void LiveCapture::finish() {
    if (m_ended || m_pid <= 0) return;
    m_ended = true;
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (m_messages.joinable()) m_messages.join();
    std::lock_guard lock(m_mutex);
    const bool asked = m_stopping && WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM;
    if (m_error.empty() && !asked && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        m_error = exitText(status);
}

bool LiveCapture::open() {
    if (m_opened) return m_reader != nullptr;
    m_opened = true;
    if (m_pid <= 0) return false;
    InputError e;
    // The helper writes its header once the interface is open and its filter set.
    m_reader = PcapReader::openStream(std::exchange(m_out, -1), e);
    if (!m_reader) { // the helper ended before its header: it says why
        finish();
        std::lock_guard lock(m_mutex);
        // Stopped before the interface was open: nothing to say.
        if (m_error.empty() && !m_stopping)
            m_error = "the capture helper wrote no capture: " + e.message;
        return false;
    }
    m_ready = true;
    return true;
}

bool LiveCapture::next(Frame& frame) {
    if (m_ended || !open()) return false;
    if (m_reader && m_reader->next(frame)) return true;
    const std::optional<InputError> damage = m_reader ? m_reader->error() : std::nullopt;
    finish();
    std::lock_guard lock(m_mutex);
    if (m_error.empty() && damage) m_error = "the capture stream broke: " + damage->message;
    return false;
}

void LiveCapture::stop() {
    m_stopping = true;
    const int pid = m_pid, pidfd = m_pidfd;
    if (pidfd >= 0)
        ::syscall(SYS_pidfd_send_signal, pidfd, SIGTERM, nullptr, 0u);
    else if (pid > 0 && !m_ended)
        ::kill(pid, SIGTERM);
}

CaptureStats LiveCapture::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

std::string LiveCapture::error() const {
    std::lock_guard lock(m_mutex);
    return m_error;
}

std::vector<std::string> LiveCapture::warnings() const {
    std::lock_guard lock(m_mutex);
    return m_warnings;
}

uint32_t LiveCapture::linkType() const {
    return m_reader ? m_reader->linkType() : 0;
}

LiveSession::LiveSession(std::string name, DissectOptions options, size_t maxBytes)
    : m_name(std::move(name)), m_options(options), m_maxBytes(maxBytes) {
    registerAllProtocols();
    restart(FrameStore(), 0);
}

LiveSession::~LiveSession() = default;

namespace {

// The block a live capture's bytes go to: twice the ring buffer's limit and some, or without a
// limit a large reservation of address space (MAP_NORESERVE: only written pages cost memory).
constexpr size_t kUnlimitedBytes = size_t(64) << 30;
// What the rows, the frame records and the tracker's results reserve alike at first
// (LazyAllocator: address space until written): they must not move while snapshots share them.
// Past that, a restart reads the frames into records twice as large.
constexpr size_t kReservedPackets = size_t(1) << 25;

FrameStore appendOnlyStore(size_t maxBytes, size_t atLeast) {
    FrameStore store;
    const size_t capacity = std::max(maxBytes ? 2 * maxBytes + (size_t(16) << 20) : kUnlimitedBytes,
                                     2 * atLeast + (size_t(1) << 20));
    if (!store.reserveAppendOnly(capacity))
        store.reserveAppendOnly(4 * atLeast + (size_t(64) << 20));
    return store;
}

} // namespace

// A new session and pass over `frames`, copied into a new block (after the ring dropped the
// oldest, or the block or the records filled).
void LiveSession::restart(const FrameStore& frames, size_t from) {
    const std::shared_ptr<CaptureSession> previous = m_session; // `frames` may be its own
    const std::shared_ptr<FirstPass> previousPass = m_pass;
    m_capacity = std::max(kReservedPackets, 2 * (frames.size() - from));
    FrameStore store = appendOnlyStore(m_maxBytes, frames.byteCount());
    store.reserve(m_capacity, 0);
    if (from < frames.size()) store.setFirstNumber(frames.view(from).number);
    m_session = std::make_shared<CaptureSession>();
    m_session->m_path = m_name;
    m_session->m_options = m_options;
    m_session->m_formatName = "live capture";
    m_session->m_partial = true;
    m_session->m_rows.reserve(m_capacity);
    m_session->m_untracked.reserve(m_capacity);
    CaptureSession* s = m_session.get();
    m_pass = std::make_shared<FirstPass>(CaptureSession::viewerPassOptions(m_options),
                                         [s](const PassPacket& p) {
                                             s->addRow(p);
                                             return true;
                                         });
    m_pass->tracker().reserve(m_capacity);
    for (size_t i = from; i < frames.size(); ++i)
        store.append(frames.view(i), frames.hasTimestamp(i));
    s->m_frames = std::move(store);
    for (size_t i = 0; i < s->m_frames.size(); ++i)
        m_pass->add(s->m_frames.view(i), s->m_frames.hasTimestamp(i));
}

void LiveSession::append(const Frame& frame) {
    std::lock_guard lock(m_mutex);
    Frame f = frame;
    f.number = ++m_number;
    // The records are full (snapshots may be reading them: they must not move): larger ones.
    if (m_session->m_frames.size() >= m_capacity) restart(m_session->m_frames, 0);
    if (!m_session->m_frames.append(f, true)) { // the block is full: a larger one
        restart(m_session->m_frames, 0);
        if (!m_session->m_frames.append(f, true)) return; // no address space: not kept
    }
    const FrameStore& frames = m_session->m_frames;
    m_pass->add(frames.view(frames.size() - 1), true);
    // Over the limit by a quarter: the oldest frames go, down to the limit, and the kept ones
    // are read again (now and then, not on every packet).
    if (m_maxBytes && frames.byteCount() > m_maxBytes + m_maxBytes / 4) {
        size_t from = 0, dropped = 0;
        const size_t total = frames.byteCount();
        while (from + 1 < frames.size() && total - dropped > m_maxBytes)
            dropped += frames.view(from++).data.size();
        m_discarded += from;
        restart(frames, from);
    }
}

size_t LiveSession::size() const {
    std::lock_guard lock(m_mutex);
    return m_session->size();
}

uint64_t LiveSession::discarded() const {
    std::lock_guard lock(m_mutex);
    return m_discarded;
}

FrameStore LiveSession::frames() const {
    std::lock_guard lock(m_mutex);
    return m_session->m_frames.prefix(m_session->m_frames.size());
}

// The growing session so far, sharing its records (called with the lock held).
SessionPtr LiveSession::copy(bool partial) const {
    auto s = std::make_shared<CaptureSession>();
    const CaptureSession& from = *m_session;
    // What the views read stays alive as long as they do: the session and the pass (its
    // tracker's results), even after a restart replaced them here.
    const auto owner = std::make_shared<
        std::pair<std::shared_ptr<const CaptureSession>, std::shared_ptr<const FirstPass>>>(
        m_session, m_pass);
    s->m_path = from.m_path;
    s->m_options = from.m_options;
    s->m_formatName = from.m_formatName;
    s->m_partial = partial;
    s->m_frames = from.m_frames.sharedPrefix(from.m_frames.size(), owner);
    s->m_rows = from.m_rows.view(from.m_rows.size(), owner);
    s->m_untracked = from.m_untracked.view(from.m_untracked.size(), owner);
    s->m_tracker = m_pass->tracker().resultsView(owner);
    return s;
}

SessionPtr LiveSession::snapshot() const {
    std::lock_guard lock(m_mutex);
    return copy(true);
}

SessionPtr LiveSession::finish() {
    std::lock_guard lock(m_mutex);
    m_pass->finish(true);
    return copy(false);
}

} // namespace tcpscope

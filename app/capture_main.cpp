// SPDX-License-Identifier: GPL-2.0-or-later
// tcpscope-capture: the only program of TcpScope that opens a network interface, as dumpcap is
// for Wireshark. It captures with libpcap and writes pcapng to standard output (the viewer's or
// the command line's pipe) or to files, so that neither of them runs with privileges. Messages
// go to standard error, one a line, each starting "tcpscope-capture: " and then "error: ",
// "warning: ", "capturing on " (the interface is open, its filter set: packets from now on are
// captured) or "stats " (received=N dropped=N ifdropped=N written=N lost=N): the reader
// parses them (live_capture.cpp).
//
// Nothing is lost silently: the kernel's drops come from pcap_stats(), and packets this program
// could not hand on (its reader slower than the traffic for longer than its 64 MiB of buffer)
// are counted as lost. Exit codes: 0 done, 1 failed while capturing, 2 bad arguments or capture
// filter, 3 no permission to capture, 4 no such interface.
#include "tcpscope/capture_writer.h"
#include "tcpscope/version.h"

#include <pcap/pcap.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace {

const char kUsage[] =
    "usage: tcpscope-capture -D\n"
    "       tcpscope-capture -i INTERFACE [-f FILTER] [-s SNAPLEN] [-p] [-c COUNT] [-B MIB]\n"
    "                        [-w FILE|-] [-b filesize:KIB] [-b files:N] [--check-filter]\n"
    "  -D              list the interfaces: name, flags, link type, addresses, description\n"
    "  -i INTERFACE    capture on this interface (lo for the loopback)\n"
    "  -f FILTER       a capture filter in BPF syntax (pcap-filter(7))\n"
    "  -s SNAPLEN      bytes to keep of each packet (default 262144)\n"
    "  -p              do not put the interface into promiscuous mode\n"
    "  -c COUNT        stop after COUNT packets\n"
    "  -B MIB          the kernel's capture buffer (default 4)\n"
    "  -w FILE|-       write pcapng to FILE, or to standard output (the default)\n"
    "  -b filesize:KIB start a new file after KIB kibibytes (a ring buffer, with -w FILE)\n"
    "  -b files:N      keep only the last N files of the ring buffer\n"
    "  --check-filter  compile the filter for the interface's link type, print nothing and exit\n"
    "Messages go to standard error: \"tcpscope-capture: stats received=N dropped=N "
    "ifdropped=N written=N lost=N\" twice a second and at the end, and errors.\n"
    "Needs the capabilities cap_net_raw,cap_net_admin (setcap) or root.\n";

constexpr size_t kMaxPending = size_t(64) << 20;  // bytes waiting for a slow reader
constexpr size_t kChunk = size_t(256) << 10;      // what waits is queued in chunks of this
constexpr size_t kChunkSlack = size_t(256) << 10; // room for the packet that fills a chunk
constexpr size_t kSpareChunks = 16;               // written chunks kept for reuse

struct Options {
    std::string interface;
    std::string filter;
    std::string output = "-";
    int snaplen = 262144;
    bool promiscuous = true;
    bool checkFilter = false;
    uint64_t count = 0;
    int bufferMiB = 4;
    uint64_t fileSizeKiB = 0;
    unsigned files = 0;
};

volatile sig_atomic_t g_stop = 0;

void onSignal(int) {
    g_stop = 1;
}

void message(const char* kind, const std::string& text) {
    std::fprintf(stderr, "tcpscope-capture: %s%s\n", kind, text.c_str());
    std::fflush(stderr);
}

int fail(int code, const std::string& text) {
    message("error: ", text);
    return code;
}

std::string addressText(const sockaddr* a) {
    if (!a) return {};
    char buf[INET6_ADDRSTRLEN] = {};
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, buf, sizeof buf);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, buf, sizeof buf);
    return buf;
}

// The link type of an interface, read off a handle that is created but not activated where
// possible (no privileges needed); -1 when it cannot be told.
int linkTypeOf(const char* name) {
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_open_live(name, 96, 0, 0, err);
    if (!p) return -1;
    const int link = pcap_datalink(p);
    pcap_close(p);
    return link;
}

// One interface a line, tab-separated: name, flags (loopback, up, running, wireless), link type
// (-1 when it needs privileges to tell), addresses (comma-separated), description.
int listInterfaces() {
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, err) != 0)
        return fail(1, std::string("cannot list interfaces: ") + err);
    for (pcap_if_t* d = all; d; d = d->next) {
        std::string flags;
        const auto flag = [&](bool on, const char* name) {
            if (on) flags.append(flags.empty() ? "" : ",").append(name);
        };
        flag(d->flags & PCAP_IF_LOOPBACK, "loopback");
        flag(d->flags & PCAP_IF_UP, "up");
        flag(d->flags & PCAP_IF_RUNNING, "running");
        flag(d->flags & PCAP_IF_WIRELESS, "wireless");
        std::string addresses;
        for (pcap_addr_t* a = d->addresses; a; a = a->next) {
            const std::string t = addressText(a->addr);
            if (!t.empty()) addresses.append(addresses.empty() ? "" : ",").append(t);
        }
        const int link = (d->flags & PCAP_IF_UP) ? linkTypeOf(d->name) : -1;
        std::printf("%s\t%s\t%d\t%s\t%s\n", d->name, flags.c_str(), link, addresses.c_str(),
                    d->description ? d->description : "");
    }
    pcap_freealldevs(all);
    return 0;
}

bool parseNumber(const char* v, uint64_t& out) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (!*v || *end || errno || v[0] == '-') return false;
    out = n;
    return true;
}

bool parseRing(std::string_view v, Options& o, std::string& err) {
    uint64_t n = 0;
    const size_t colon = v.find(':');
    const std::string key(v.substr(0, colon));
    const std::string value(colon == std::string_view::npos ? "" : v.substr(colon + 1));
    if (colon == std::string_view::npos || !parseNumber(value.c_str(), n) || n == 0 ||
        (key != "filesize" && key != "files")) {
        err = "-b needs filesize:KIB or files:N, not \"" + std::string(v) + "\"";
        return false;
    }
    if (key == "filesize")
        o.fileSizeKiB = n;
    else
        o.files = unsigned(std::min<uint64_t>(n, 100000));
    return true;
}

bool parseArgs(int argc, char** argv, Options& o, bool& list, std::string& err) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view s = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 < argc) return argv[++i];
            err = std::string(s) + " needs a value";
            return nullptr;
        };
        uint64_t n = 0;
        const char* v = nullptr;
        if (s == "-D") {
            list = true;
        } else if (s == "-p") {
            o.promiscuous = false;
        } else if (s == "--check-filter") {
            o.checkFilter = true;
        } else if (s == "-i" || s == "-f" || s == "-w") {
            if (!(v = value())) return false;
            (s == "-i" ? o.interface : s == "-f" ? o.filter : o.output) = v;
        } else if (s == "-b") {
            if (!(v = value()) || !parseRing(v, o, err)) return false;
        } else if (s == "-s" || s == "-c" || s == "-B") {
            if (!(v = value())) return false;
            if (!parseNumber(v, n) || (s != "-c" && (n == 0 || n > (s == "-s" ? 262144 : 4096)))) {
                err = std::string(s) + " needs " +
                      (s == "-s"   ? "a snap length from 1 to 262144"
                       : s == "-B" ? "a buffer size from 1 to 4096 MiB"
                                   : "a packet count") +
                      ", not \"" + v + "\"";
                return false;
            }
            if (s == "-s") o.snaplen = int(n);
            if (s == "-c") o.count = n;
            if (s == "-B") o.bufferMiB = int(n);
        } else {
            err = "unknown argument " + std::string(s);
            return false;
        }
    }
    if (!list && o.interface.empty()) err = "no interface given (-i INTERFACE; -D lists them)";
    if (o.output == "-" && (o.fileSizeKiB || o.files))
        err = "a ring buffer (-b) needs files: -w FILE";
    return err.empty();
}

// Where packets go: standard output (a pipe, written without blocking so that a slow reader
// never stalls the capture) or files, one after the other in a ring.
class Sink {
  public:
    explicit Sink(const Options& o) : m_options(o) {}
    ~Sink() {
        if (m_fd > 1) ::close(m_fd);
    }

    bool open(int linkType, std::string& err) {
        m_linkType = linkType;
        if (m_options.output == "-") {
            m_fd = STDOUT_FILENO;
            struct stat st {};
            if (fstat(m_fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
                fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
#ifdef F_SETPIPE_SZ
            // A larger pipe: fewer wake-ups of the reader and of this writer at high rates
            // (1 MiB, what an unprivileged process may ask by default; refused changes nothing).
            if (S_ISFIFO(st.st_mode)) fcntl(m_fd, F_SETPIPE_SZ, 1 << 20);
#endif
            startSection();
            return true;
        }
        return nextFile(err);
    }

    // A packet: appended unless the reader is too far behind (then counted lost).
    void add(const pcap_pkthdr& h, const u_char* bytes, bool nano) {
        // A ring's file is full: what waits goes into it (files block, they do not make the
        // capture wait long), and this packet starts the next file.
        if (ringFull() && m_failure.empty() && (!flush(m_failure) || !nextFile(m_failure))) return;
        if (!m_failure.empty()) {
            ++lost;
            return;
        }
        if (m_queued + m_pending.size() - m_done > kMaxPending) {
            ++lost;
            return;
        }
        tcpscope::Frame f;
        f.ts.sec = h.ts.tv_sec;
        f.ts.nsec = uint64_t(h.ts.tv_usec) * (nano ? 1 : 1000);
        f.nanoPrecision = nano;
        f.linkType = uint32_t(m_linkType);
        f.originalLength = h.len;
        f.data = std::span<const uint8_t>(bytes, h.caplen);
        m_writer->add(f);
        ++written;
        m_sectionBytes += 32 + h.caplen;
        if (m_pending.size() >= kChunk) seal();
    }

    // Writes what waits, as far as the output takes it now. False when the output failed.
    bool flush(std::string& err) {
        if (!m_failure.empty()) {
            err = m_failure;
            return false;
        }
        for (;;) {
            std::vector<uint8_t>& front = m_queue.empty() ? m_pending : m_queue.front();
            if (m_done == front.size()) {
                m_done = 0;
                if (m_queue.empty()) {
                    m_pending.clear();
                    return true;
                }
                m_queued -= front.size();
                front.clear();
                if (m_spare.size() < kSpareChunks) m_spare.push_back(std::move(front));
                m_queue.pop_front();
                continue;
            }
            const ssize_t n = ::write(m_fd, front.data() + m_done, front.size() - m_done);
            if (n > 0) {
                m_done += size_t(n);
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
            err = std::string("cannot write the capture: ") + std::strerror(errno);
            return false;
        }
    }
    bool waiting() const {
        return !m_queue.empty() || m_done < m_pending.size();
    }
    int fd() const {
        return m_fd;
    }

    uint64_t written = 0;
    uint64_t lost = 0;

  private:
    // The chunk being written is full: it joins the queue and a spare one takes its place.
    void seal() {
        m_queued += m_pending.size();
        m_queue.push_back(std::move(m_pending));
        if (m_spare.empty()) {
            m_pending = std::vector<uint8_t>();
            m_pending.reserve(kChunk + kChunkSlack);
        } else {
            m_pending = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    bool ringFull() const {
        return m_options.fileSizeKiB && m_sectionBytes >= m_options.fileSizeKiB * 1024;
    }
    void startSection() {
        m_writer = std::make_unique<tcpscope::PcapngWriter>(m_pending);
        m_writer->declareInterface(uint32_t(m_linkType));
        m_sectionBytes = 0;
    }
    // The ring's next file: FILE itself without a ring, else STEM_00001.EXT, STEM_00002.EXT...
    // (the oldest removed past -b files:N).
    bool nextFile(std::string& err) {
        if (m_fd > 1) ::close(m_fd);
        std::string path = m_options.output;
        if (m_options.fileSizeKiB || m_options.files) {
            const size_t dot = path.find_last_of('.');
            const size_t slash = path.find_last_of('/');
            const bool ext =
                dot != std::string::npos && (slash == std::string::npos || dot > slash);
            char number[16];
            std::snprintf(number, sizeof number, "_%05llu", (unsigned long long)(++m_fileNumber));
            path = ext ? path.substr(0, dot) + number + path.substr(dot) : path + number;
            m_ring.push_back(path);
            while (m_options.files && m_ring.size() > m_options.files) {
                ::unlink(m_ring.front().c_str());
                m_ring.pop_front();
            }
        }
        m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            err = "cannot write " + path + ": " + std::strerror(errno);
            return false;
        }
        startSection();
        return true;
    }

    const Options& m_options;
    std::string m_failure; // a ring's file that could not be written or opened
    int m_fd = -1;
    int m_linkType = 1;
    // What waits for the reader: whole chunks in order, then the one being written
    // (PcapngWriter's), so that a reader far behind costs no copying of what waits.
    std::deque<std::vector<uint8_t>> m_queue;
    std::vector<uint8_t> m_pending;
    size_t m_done = 0;   // of the first chunk (m_queue's, or m_pending), written
    size_t m_queued = 0; // bytes in m_queue
    std::vector<std::vector<uint8_t>> m_spare; // written chunks, their memory kept for reuse
    std::unique_ptr<tcpscope::PcapngWriter> m_writer;
    uint64_t m_sectionBytes = 0;
    uint64_t m_fileNumber = 0;
    std::deque<std::string> m_ring;
};

struct Capture {
    pcap_t* pcap = nullptr;
    Sink* sink = nullptr;
    bool nano = false;
    uint64_t seen = 0;
    uint64_t count = 0;
};

void onPacket(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
    auto* c = reinterpret_cast<Capture*>(user);
    c->sink->add(*h, bytes, c->nano);
    if (c->count && ++c->seen >= c->count) pcap_breakloop(c->pcap);
}

void printStats(const Capture& c) {
    pcap_stat st{};
    if (pcap_stats(c.pcap, &st) != 0) st = {};
    char line[200];
    std::snprintf(line, sizeof line, "received=%u dropped=%u ifdropped=%u written=%llu lost=%llu",
                  st.ps_recv, st.ps_drop, st.ps_ifdrop, (unsigned long long)c.sink->written,
                  (unsigned long long)c.sink->lost);
    message("stats ", line);
}

// The exit code of a failed pcap_activate(): what went wrong, and what to do about it.
int activateError(pcap_t* p, int rc, const std::string& interface) {
    const std::string detail = pcap_geterr(p);
    if (rc == PCAP_ERROR_PERM_DENIED)
        return fail(3, "no permission to capture on " + interface + " (" + detail +
                           "): this program needs the capabilities cap_net_raw,cap_net_admin "
                           "(sudo setcap cap_net_raw,cap_net_admin=eip " +
                           "<path of tcpscope-capture>) or to be run as root");
    if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
        return fail(4, "no interface named \"" + interface + "\" (" + detail +
                           "); tcpscope-capture -D lists them");
    return fail(1, "cannot capture on " + interface + ": " + pcap_statustostr(rc) +
                       (detail.empty() ? "" : " (" + detail + ")"));
}

// Opens the interface; null with the exit code in `code` on failure.
pcap_t* openInterface(const Options& o, bool& nano, int& code) {
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(o.interface.c_str(), err);
    if (!p) {
        code = fail(4, "cannot open " + o.interface + ": " + err);
        return nullptr;
    }
    pcap_set_snaplen(p, o.snaplen);
    pcap_set_promisc(p, o.promiscuous ? 1 : 0);
    // Packets come in the kernel's blocks, each handed over when full or 20 ms after its first
    // packet: a wake-up per block, not per packet (immediate mode dropped packets at 100,000 a
    // second where tcpdump dropped none), and the viewer still sees them within its tick.
    pcap_set_timeout(p, 20);
    pcap_set_buffer_size(p, o.bufferMiB << 20);
    nano = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;
    const int rc = pcap_activate(p);
    if (rc < 0) {
        code = activateError(p, rc, o.interface);
        pcap_close(p);
        return nullptr;
    }
    if (rc > 0) message("warning: ", std::string(pcap_statustostr(rc)) + ": " + pcap_geterr(p));
    return p;
}

bool applyFilter(pcap_t* p, const std::string& filter, int& code) {
    if (filter.empty()) return true;
    bpf_program program{};
    if (pcap_compile(p, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
        code = fail(2, "bad capture filter \"" + filter + "\": " + pcap_geterr(p));
        return false;
    }
    const int rc = pcap_setfilter(p, &program);
    pcap_freecode(&program);
    if (rc != 0) code = fail(1, std::string("cannot set the capture filter: ") + pcap_geterr(p));
    return rc == 0;
}

// The filter against the interface's link type, without capturing (no privileges needed).
int checkFilter(const Options& o) {
    int link = linkTypeOf(o.interface.c_str());
    if (link < 0) link = DLT_EN10MB;
    pcap_t* p = pcap_open_dead(link, o.snaplen);
    int code = 0;
    applyFilter(p, o.filter, code);
    pcap_close(p);
    return code;
}

int capture(const Options& o) {
    bool nano = false;
    int code = 0;
    pcap_t* p = openInterface(o, nano, code);
    if (!p) return code;
    if (!applyFilter(p, o.filter, code)) {
        pcap_close(p);
        return code;
    }
    Sink sink(o);
    std::string err;
    Capture c{p, &sink, nano, 0, o.count};
    if (!sink.open(pcap_datalink(p), err) || pcap_setnonblock(p, 1, nullptr) != 0) {
        pcap_close(p);
        return fail(1, err.empty() ? "cannot set the interface non-blocking" : err);
    }
    message("capturing on ", o.interface + ", link-type " + std::to_string(pcap_datalink(p)) +
                                 ", snapshot length " + std::to_string(o.snaplen) + " bytes");
    const int pfd = pcap_get_selectable_fd(p);
    timespec last{};
    clock_gettime(CLOCK_MONOTONIC, &last);
    bool ok = sink.flush(err);
    while (ok && !g_stop && !(o.count && c.seen >= o.count)) {
        pollfd fds[2] = {{pfd, POLLIN, 0}, {sink.fd(), POLLOUT, 0}};
        const int n = ::poll(fds, sink.waiting() ? 2 : 1, 100);
        if (n < 0 && errno != EINTR) break;
        if (pcap_dispatch(p, -1, onPacket, reinterpret_cast<u_char*>(&c)) == PCAP_ERROR) {
            err = std::string("capture failed: ") + pcap_geterr(p);
            ok = false;
        }
        ok = sink.flush(err) && ok;
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000 >= 500) {
            printStats(c);
            last = now;
        }
    }
    // What still waits goes out now, blocking: the reader asked to stop, not to lose packets.
    if (sink.fd() >= 0) fcntl(sink.fd(), F_SETFL, fcntl(sink.fd(), F_GETFL) & ~O_NONBLOCK);
    if (ok) ok = sink.flush(err);
    printStats(c);
    pcap_close(p);
    return ok ? 0 : fail(1, err);
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (!std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help"))) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (argc >= 2 && (!std::strcmp(argv[1], "-V") || !std::strcmp(argv[1], "--version"))) {
        std::puts("tcpscope-capture " TCPSCOPE_VERSION_STRING);
        return 0;
    }
    Options o;
    bool list = false;
    std::string err;
    if (!parseArgs(argc, argv, o, list, err)) {
        message("error: ", err);
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (list) return listInterfaces();
    if (o.checkFilter) return checkFilter(o);
    struct sigaction sa {};
    sa.sa_handler = onSignal; // no SA_RESTART: poll() returns at once
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    return capture(o);
}

// SPDX-License-Identifier: GPL-2.0-or-later
// pcap and pcapng through libpcap. Damage is reported with the record number and, where the
// FILE position is known, the byte offset of the record that could not be read.
#include "tcpscope/capture_source.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <stdio_ext.h>
#include <vector>

#include <unistd.h>

namespace tcpscope {

namespace {

// One thread at a time reads a reader's FILE (a PcapReader is not shared), so stdio need not
// lock it. Once a process has a second thread, glibc locks every fread, and libpcap makes two
// a record: an atomic instruction each, a tenth of the reading thread's time on small packets.
void unlockedReads(FILE* f) {
    __fsetlocking(f, FSETLOCKING_BYCALLER);
}

pcap_t* P(void* p) {
    return static_cast<pcap_t*>(p);
}

// DLT_RAW differs between platforms (12 or 14); libpcap maps LINKTYPE_RAW to DLT_RAW. Report
// the LINKTYPE_ numbering everywhere else in TcpScope.
uint32_t toLinkType(int dlt) {
    if (dlt == DLT_RAW || dlt == 12 || dlt == 14) return LinkType::Raw;
    return static_cast<uint32_t>(dlt);
}
} // namespace

PcapReader::~PcapReader() {
    if (m_pcap) pcap_close(P(m_pcap)); // also closes the FILE given to pcap_fopen_offline
}

// Which precision to ask libpcap for. A pcap file is read at its own precision, so that a
// microsecond field is never multiplied by 1000 in libpcap's 32-bit arithmetic (a damaged
// record's fraction >= 1 s must come through intact, as tcpdump prints it); pcapng is read in
// nanoseconds, which libpcap scales per interface.
static int precisionForMagic(std::span<const uint8_t> head) {
    if (head.size() >= 4) {
        uint32_t be =
            uint32_t(head[0]) << 24 | uint32_t(head[1]) << 16 | uint32_t(head[2]) << 8 | head[3];
        if (be == 0xa1b2c3d4 || be == 0xd4c3b2a1) return PCAP_TSTAMP_PRECISION_MICRO;
    }
    return PCAP_TSTAMP_PRECISION_NANO;
}

bool PcapReader::init(InputError& error) {
    int dlt = pcap_datalink(P(m_pcap));
    m_linkType = toLinkType(dlt);
    m_nano = pcap_get_tstamp_precision(P(m_pcap)) == PCAP_TSTAMP_PRECISION_NANO;
    (void)error;
    return true;
}

std::unique_ptr<PcapReader> PcapReader::openFile(const std::string& path, InputError& error) {
    char err[PCAP_ERRBUF_SIZE] = {};
    uint8_t head[4] = {};
    // libpcap reads each record with fread from stdio's buffer, which read() fills: stdio's
    // default 4 KiB is a system call every few packets. 128 KiB is one per thousand small
    // packets and stays in the core's cache between the kernel's copy in and fread's copy out
    // (1 MiB did not: `conversations` on small packets was about 5% slower with it).
    constexpr size_t kBuffer = size_t(128) << 10;
    std::unique_ptr<char[]> buffer;
    pcap_t* p = nullptr;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        buffer.reset(new char[kBuffer]);
        std::setvbuf(f, buffer.get(), _IOFBF, kBuffer);
        unlockedReads(f);
        size_t n = std::fread(head, 1, sizeof head, f);
        if (n < sizeof head) std::fill(std::begin(head), std::end(head), uint8_t(0));
        if (std::fseek(f, 0, SEEK_SET) == 0)
            p = pcap_fopen_offline_with_tstamp_precision(f, precisionForMagic(head), err);
        if (!p) {
            std::fclose(f);
            buffer.reset();
        }
    }
    // Not openable here, or not a capture: libpcap's own open says why.
    if (!p) p = pcap_open_offline_with_tstamp_precision(path.c_str(), precisionForMagic(head), err);
    if (!p) {
        error.message = std::string("cannot read ") + path + " as pcap/pcapng: " + err;
        return nullptr;
    }
    std::unique_ptr<PcapReader> r(new PcapReader);
    r->m_pcap = p;
    r->m_buffer = std::move(buffer);
    r->init(error);
    return r;
}

std::unique_ptr<PcapReader> PcapReader::openMemory(std::span<const uint8_t> bytes,
                                                   InputError& error) {
    if (bytes.empty()) {
        error.message = "empty input: no capture file header";
        return nullptr;
    }
    FILE* f = fmemopen(const_cast<uint8_t*>(bytes.data()), bytes.size(), "rb");
    if (!f) {
        error.message = "cannot open the capture held in memory";
        return nullptr;
    }
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_fopen_offline_with_tstamp_precision(f, precisionForMagic(bytes), err);
    if (!p) {
        std::fclose(f);
        error.message = std::string("not a readable pcap/pcapng capture: ") + err;
        return nullptr;
    }
    std::unique_ptr<PcapReader> r(new PcapReader);
    r->m_pcap = p;
    r->m_file = f;
    r->init(error);
    return r;
}

namespace {

// A stream whose first bytes were already read (to tell its format): they come back first.
struct PrefixedStream {
    int fd;
    std::vector<uint8_t> head;
    size_t at = 0;
};

ssize_t readPrefixed(void* cookie, char* buf, size_t n) {
    auto* s = static_cast<PrefixedStream*>(cookie);
    if (s->at < s->head.size()) {
        const size_t k = std::min(n, s->head.size() - s->at);
        std::memcpy(buf, s->head.data() + s->at, k);
        s->at += k;
        return ssize_t(k);
    }
    for (;;) {
        const ssize_t r = ::read(s->fd, buf, n);
        if (r >= 0 || errno != EINTR) return r;
    }
}

int closePrefixed(void* cookie) {
    auto* s = static_cast<PrefixedStream*>(cookie);
    const int rc = ::close(s->fd);
    delete s;
    return rc;
}

FILE* openPrefixed(int fd, std::span<const uint8_t> head) {
    if (head.empty()) return fdopen(fd, "rb");
    auto* s = new PrefixedStream{fd, std::vector<uint8_t>(head.begin(), head.end())};
    FILE* f =
        fopencookie(s, "rb", cookie_io_functions_t{readPrefixed, nullptr, nullptr, closePrefixed});
    if (!f) delete s;
    return f;
}

} // namespace

std::unique_ptr<PcapReader> PcapReader::openStream(int fd, InputError& error,
                                                   std::span<const uint8_t> head) {
    FILE* f = openPrefixed(fd, head);
    if (!f) {
        ::close(fd);
        error.message = "cannot read the capture stream";
        return nullptr;
    }
    // A read() takes what the pipe holds, up to the buffer: one system call per burst of
    // packets instead of one per 4 KiB, and no waiting for the buffer to fill.
    constexpr size_t kBuffer = size_t(256) << 10;
    std::unique_ptr<char[]> buffer(new char[kBuffer]);
    std::setvbuf(f, buffer.get(), _IOFBF, kBuffer);
    unlockedReads(f);
    char err[PCAP_ERRBUF_SIZE] = {};
    // A microsecond pcap stays in microseconds, as from its file (precisionForMagic).
    pcap_t* p = pcap_fopen_offline_with_tstamp_precision(f, precisionForMagic(head), err);
    if (!p) {
        std::fclose(f);
        error.message = std::string("not a readable pcap/pcapng stream: ") + err;
        return nullptr;
    }
    std::unique_ptr<PcapReader> r(new PcapReader);
    r->m_pcap = p;
    r->m_file = f;
    r->m_buffer = std::move(buffer);
    r->init(error);
    return r;
}

bool PcapReader::next(Frame& frame) {
    if (m_error) return false;
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(P(m_pcap), &hdr, &data);
    if (rc == 1) {
        ++m_count;
        frame.number = m_count;
        frame.ts.sec = hdr->ts.tv_sec;
        // Nanoseconds in Frame; a microsecond file is scaled here, in 64 bits.
        // The file field is an unsigned 32-bit value; libpcap may hand it back sign-extended.
        frame.ts.nsec = uint64_t(static_cast<uint32_t>(hdr->ts.tv_usec)) * (m_nano ? 1 : 1000);
        frame.nanoPrecision = m_nano;
        frame.linkType = m_linkType;
        frame.originalLength = hdr->len;
        frame.data = std::span<const uint8_t>(data, hdr->caplen);
        return true;
    }
    if (rc == PCAP_ERROR_BREAK || rc == -2) return false; // clean end of file
    // Asked only now: ftell costs a system call, too much to pay on every record.
    FILE* f = pcap_file(P(m_pcap));
    long at = f ? std::ftell(f) : -1;
    InputError e;
    e.frameNumber = m_count + 1;
    e.byteOffset = at >= 0 ? static_cast<uint64_t>(at) : InputError::kUnknownByte;
    // (where() names the record and its byte.)
    e.message = recordReadError(pcap_geterr(P(m_pcap)));
    m_error = e;
    return false;
}

} // namespace tcpscope

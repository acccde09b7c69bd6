// SPDX-License-Identifier: GPL-2.0-or-later
// pcap and pcapng through libpcap. Damage is reported with the record number and, where the
// FILE position is known, the byte offset of the record that could not be read.
#include "tcpscope/capture_source.h"

#include <pcap/pcap.h>

#include <cstdio>

namespace tcpscope {

namespace {
pcap_t* P(void* p) { return static_cast<pcap_t*>(p); }

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

bool PcapReader::init(InputError& error) {
    int dlt = pcap_datalink(P(m_pcap));
    m_linkType = toLinkType(dlt);
#ifdef PCAP_TSTAMP_PRECISION_NANO
    m_nano = pcap_get_tstamp_precision(P(m_pcap)) == PCAP_TSTAMP_PRECISION_NANO;
#endif
    (void)error;
    return true;
}

std::unique_ptr<PcapReader> PcapReader::openFile(const std::string& path, InputError& error) {
    char err[PCAP_ERRBUF_SIZE] = {};
    // Ask for nanoseconds: libpcap scales microsecond files up, so one code path serves both.
    pcap_t* p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p) {
        error.message = std::string("cannot read ") + path + " as pcap/pcapng: " + err;
        return nullptr;
    }
    std::unique_ptr<PcapReader> r(new PcapReader);
    r->m_pcap = p;
    r->init(error);
    // Files written with microsecond resolution are still reported as such.
    FILE* f = pcap_file(p);
    (void)f;
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
    pcap_t* p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, err);
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

bool PcapReader::next(Frame& frame) {
    if (m_error) return false;
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    FILE* f = pcap_file(P(m_pcap));
    long before = f ? std::ftell(f) : -1;
    int rc = pcap_next_ex(P(m_pcap), &hdr, &data);
    if (rc == 1) {
        ++m_count;
        frame.number = m_count;
        frame.ts.sec = hdr->ts.tv_sec;
        frame.ts.nsec = static_cast<uint32_t>(hdr->ts.tv_usec); // nanoseconds (precision NANO)
        frame.nanoPrecision = m_nano;
        frame.linkType = m_linkType;
        frame.originalLength = hdr->len;
        frame.data = std::span<const uint8_t>(data, hdr->caplen);
        return true;
    }
    if (rc == PCAP_ERROR_BREAK || rc == -2) return false; // clean end of file
    InputError e;
    e.frameNumber = m_count + 1;
    e.byteOffset = before >= 0 ? static_cast<uint64_t>(before) : 0;
    e.message = std::string("record ") + std::to_string(m_count + 1) +
                " could not be read: " + pcap_geterr(P(m_pcap));
    m_error = e;
    return false;
}

} // namespace tcpscope

// SPDX-License-Identifier: GPL-2.0-or-later
#include "tcpscope/capture_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace tcpscope {

namespace {

template <typename T> void put(std::vector<uint8_t>& out, T v) {
    const auto* p = reinterpret_cast<const uint8_t*>(&v);
    out.insert(out.end(), p, p + sizeof v);
}

// Every block: type, total length, body, total length again (pcapng 4.1). `body` is filled by
// `fill` after the header; the lengths are patched in once its size is known.
template <typename Fill> void block(std::vector<uint8_t>& out, uint32_t type, Fill&& fill) {
    const size_t start = out.size();
    put<uint32_t>(out, type);
    put<uint32_t>(out, 0);
    fill();
    while ((out.size() - start) % 4) out.push_back(0);
    const uint32_t len = uint32_t(out.size() - start + 4);
    std::memcpy(out.data() + start + 4, &len, 4);
    put<uint32_t>(out, len);
}

uint64_t nanoseconds(const Frame& f, bool hasTimestamp) {
    return hasTimestamp ? uint64_t(f.ts.sec) * 1000000000ULL + f.ts.nsec % 1000000000ULL : 0;
}

} // namespace

void PcapngWriter::begin() {
    if (m_begun) return;
    m_begun = true;
    block(m_out, 0x0A0D0D0A, [&] {
        put<uint32_t>(m_out, 0x1A2B3C4D); // byte-order magic, written in host order
        put<uint16_t>(m_out, 1);
        put<uint16_t>(m_out, 0);
        put<int64_t>(m_out, -1); // section length unknown
    });
}

uint32_t PcapngWriter::interfaceFor(uint32_t linkType) {
    for (size_t i = 0; i < m_linkTypes.size(); ++i)
        if (m_linkTypes[i] == linkType) return uint32_t(i);
    m_linkTypes.push_back(linkType);
    block(m_out, 1, [&] {
        put<uint16_t>(m_out, uint16_t(linkType));
        put<uint16_t>(m_out, 0);
        put<uint32_t>(m_out, 262144); // snap length
        put<uint16_t>(m_out, 9);      // if_tsresol: 10^-9
        put<uint16_t>(m_out, 1);
        m_out.push_back(9);
        m_out.insert(m_out.end(), 3, 0);
        put<uint32_t>(m_out, 0); // opt_endofopt
    });
    return uint32_t(m_linkTypes.size() - 1);
}

void PcapngWriter::add(const Frame& f, bool hasTimestamp) {
    begin();
    const uint32_t id = interfaceFor(f.linkType);
    const uint64_t ts = nanoseconds(f, hasTimestamp);
    block(m_out, 6, [&] {
        put<uint32_t>(m_out, id);
        put<uint32_t>(m_out, uint32_t(ts >> 32));
        put<uint32_t>(m_out, uint32_t(ts));
        put<uint32_t>(m_out, uint32_t(f.data.size()));
        put<uint32_t>(m_out, f.originalLength ? f.originalLength : uint32_t(f.data.size()));
        m_out.insert(m_out.end(), f.data.begin(), f.data.end());
    });
}

namespace {

bool encodePcap(std::vector<uint8_t>& out, size_t count,
                const std::function<Frame(size_t)>& frameAt,
                const std::function<bool(size_t)>& hasTimestamp, std::string& error) {
    const uint32_t link = count ? frameAt(0).linkType : LinkType::Ethernet;
    put<uint32_t>(out, 0xa1b23c4d); // nanosecond pcap, host order
    put<uint16_t>(out, 2);
    put<uint16_t>(out, 4);
    put<int32_t>(out, 0);
    put<uint32_t>(out, 0);
    put<uint32_t>(out, 262144);
    put<uint32_t>(out, link);
    for (size_t i = 0; i < count; ++i) {
        const Frame f = frameAt(i);
        if (f.linkType != link) {
            error = "frame " + std::to_string(f.number) + " has link type " +
                    std::to_string(f.linkType) + ", not " + std::to_string(link) +
                    ": a pcap file holds one link type (save as pcapng instead)";
            return false;
        }
        const uint64_t ts = nanoseconds(f, hasTimestamp(i));
        put<uint32_t>(out, uint32_t(ts / 1000000000ULL));
        put<uint32_t>(out, uint32_t(ts % 1000000000ULL));
        put<uint32_t>(out, uint32_t(f.data.size()));
        put<uint32_t>(out, f.originalLength ? f.originalLength : uint32_t(f.data.size()));
        out.insert(out.end(), f.data.begin(), f.data.end());
    }
    return true;
}

} // namespace

bool writeCaptureFile(const std::string& path, CaptureFileFormat format, size_t count,
                      const std::function<Frame(size_t)>& frameAt,
                      const std::function<bool(size_t)>& hasTimestamp, std::string& error) {
    std::vector<uint8_t> data;
    if (format == CaptureFileFormat::Pcap) {
        if (!encodePcap(data, count, frameAt, hasTimestamp, error)) return false;
    } else {
        PcapngWriter w(data);
        w.begin();
        for (size_t i = 0; i < count; ++i) w.add(frameAt(i), hasTimestamp(i));
    }
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) {
        error = "cannot write " + temp + ": " + std::strerror(errno);
        return false;
    }
    const bool written = std::fwrite(data.data(), 1, data.size(), f) == data.size();
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed || std::rename(temp.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

} // namespace tcpscope

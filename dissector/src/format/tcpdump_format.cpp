// SPDX-License-Identifier: GPL-2.0-or-later
// tcpdump-style output (tcpdump 4.99 with -n): packet number, timestamp (ts_print), the link
// layer's payload (IPv4/IPv6 in tcpdump_format_ip.cpp, ARP, or what tcpdump says of others) and
// the -x/-X hex dumps. The printer re-reads the frame bytes because tcpdump's wording depends on
// details (wire length vs IP length, snap end, option bytes) that the summary does not keep.
#include "tcpscope/tcpdump_format.h"

#include "protocols/link_walk.h"
#include "tcpdump_format_internal.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <net/if.h>

namespace tcpscope {

using namespace tcpdump;

namespace {

const char kBefore1970[] = "[timestamp < 1970-01-01 00:00:00 UTC]";

// The fraction of a second at the precision asked for; a fraction of a second or more (a damaged
// record) is printed and marked invalid, as tcpdump does.
void appendFraction(std::string& out, int64_t frac, bool nano) {
    const unsigned v = static_cast<unsigned>(frac);
    if (frac >= (nano ? 1000000000 : 1000000)) {
        appendf(out, nano ? ".%09u (invalid ns)" : ".%06u (invalid us)", v);
        return;
    }
    char buf[10] = {'.'}; // ".%06u" / ".%09u" by hand: one a line
    const int digits = nano ? 9 : 6;
    unsigned rest = v;
    for (int i = digits; i > 0; --i, rest /= 10) buf[i] = char('0' + rest % 10);
    out.append(buf, size_t(digits + 1));
}

std::string fractionText(int64_t frac, bool nano) {
    std::string s;
    appendFraction(s, frac, nano);
    return s;
}

} // namespace

struct TcpdumpPrinter::Impl {
    SeqTable seqTable;
    bool haveRef = false; // tcpdump's tv_ref for -ttt / -ttttt
    int64_t refSec = 0;
    int64_t refFrac = 0;
    // The clock text of the last second printed: packets arrive many per second, and
    // gmtime_r + strftime cost more than the rest of a line.
    int64_t clockSec = -1;
    bool clockWithDate = false;
    std::string clockText;
    // Interface names by index, looked up once: if_indextoname asks the kernel each time.
    std::map<uint32_t, std::string> interfaceNames;

    // Linux cooked v2 (sll2_if_print without -e): the interface and the direction,
    // "%-5s %-3s ". The name is looked up on the machine reading the file, as tcpdump does
    // ("?" when it has no interface of that index), so it may not be the capturing host's.
    void sll2Prefix(std::string& out, const Frame& frame) {
        ByteReader r(frame.data);
        auto index = r.u32(4);
        auto type = r.u8(10);
        if (!index || !type || frame.data.size() < 20) return;
        auto [it, added] = interfaceNames.try_emplace(*index);
        if (added) {
            char name[IF_NAMESIZE + 1] = "?";
            if (!if_indextoname(*index, name)) std::snprintf(name, sizeof name, "?");
            it->second = name;
        }
        static const char* const kTypes[] = {"In", "B", "M", "P", "Out"};
        appendf(out, "%-5s %-3s ", it->second.c_str(), *type < 5 ? kTypes[*type] : "?");
    }

    // tcpdump's ts_print. Files are read at the precision asked for: micro unless --nano, so
    // a nanosecond file's fraction is truncated, a microsecond one's scaled.
    void timestamp(std::string& out, const Timestamp& ts, const TcpdumpOptions& o) {
        const int64_t sec = ts.sec;
        const int64_t frac = o.nano ? ts.nsec : ts.nsec / 1000;
        switch (o.timeFormat) {
        case 0:
            clock(out, sec, frac, false, o.nano);
            out += " ";
            break;
        case 1:
            break;
        case 2:
            if (sec < 0)
                out += kBefore1970;
            else
                appendf(out, "%u%s", static_cast<unsigned>(sec),
                        fractionText(frac, o.nano).c_str());
            out += " ";
            break;
        case 3:
        case 5:
            sinceReference(out, sec, frac, o);
            break;
        case 4:
            clock(out, sec, frac, true, o.nano);
            out += " ";
            break;
        default:
            break;
        }
    }

    // HH:MM:SS.frac (with the date for -tttt), UTC.
    void clock(std::string& out, int64_t s, int64_t f, bool withDate, bool nano) {
        if (s < 0) {
            out += kBefore1970;
            return;
        }
        if (clockSec != s || clockWithDate != withDate) {
            time_t t = static_cast<time_t>(s);
            struct tm tm {};
            gmtime_r(&t, &tm); // the tests run with TZ=GMT0; tcpdump uses local time
            char buf[64];
            std::strftime(buf, sizeof buf, withDate ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
            clockSec = s;
            clockWithDate = withDate;
            clockText = buf;
        }
        out += clockText;
        appendFraction(out, f, nano);
    }

    // -ttt (since the previous packet) and -ttttt (since the first), signed.
    void sinceReference(std::string& out, int64_t sec, int64_t frac, const TcpdumpOptions& o) {
        const int64_t unit = o.nano ? 1000000000 : 1000000;
        if (!haveRef || (refSec == 0 && refFrac == 0)) {
            haveRef = true;
            refSec = sec, refFrac = frac;
        }
        bool negative = sec < refSec || (sec == refSec && frac < refFrac);
        int64_t ds, df;
        if (negative)
            ds = refSec - sec, df = refFrac - frac;
        else
            ds = sec - refSec, df = frac - refFrac;
        if (df < 0) --ds, df += unit;
        out += negative ? "-" : " ";
        clock(out, ds, df, false, o.nano);
        out += " ";
        if (o.timeFormat == 3) refSec = sec, refFrac = frac;
    }
};

namespace {

void printArp(std::string& out, ByteReader r, uint32_t off, uint32_t length) {
    auto op = r.u16(off + 6);
    auto hln = r.u8(off + 4), pln = r.u8(off + 5);
    if (!op || !hln || !pln || *pln != 4 || !r.has(off + 8, 2u * *hln + 8u)) {
        appendf(out, "ARP, length %u", length);
        return;
    }
    size_t spa = off + 8 + *hln, tpa = spa + 4 + *hln;
    std::string sender = ipv4ToString(r.bytes(spa, 4)), target = ipv4ToString(r.bytes(tpa, 4));
    if (*op == 1) {
        appendf(out, "ARP, Request who-has %s tell %s, length %u", target.c_str(), sender.c_str(),
                length);
    } else if (*op == 2) {
        std::string mac;
        for (uint8_t b : r.bytes(off + 8, *hln)) appendf(mac, mac.empty() ? "%02x" : ":%02x", b);
        appendf(out, "ARP, Reply %s is-at %s, length %u", sender.c_str(), mac.c_str(), length);
    } else {
        appendf(out, "ARP, op %u, length %u", *op, length);
    }
}

// A link that says IPv4: ip_print checks the version nibble itself, and a link without an
// EtherType (NULL, raw) may carry IPv6 all the same.
bool printIpOnIpv4Link(std::string& out, const IpView& v, uint16_t etherType,
                       const TcpdumpOptions& o, SeqTable& table) {
    auto b = ByteReader(v.frame.data).u8(v.off);
    if (b && (*b >> 4) == 6 && etherType == 0) return printIpv6(out, v, o, table);
    if (b && (*b >> 4) != 4) {
        if ((*b >> 4) == 6)
            out += "IP6, wrong link-layer encapsulation (invalid)";
        else
            appendf(out, "IP%u (invalid)", *b >> 4);
        return false;
    }
    return printIpv4(out, v, o, table);
}

// What follows the link header. Returns how many bytes the -x/-X dumps leave out: the link
// header, or none after tcpdump's longjmp truncation path or for a link type it cannot walk.
uint32_t printLinkPayload(std::string& out, const Frame& frame, const TcpdumpOptions& o,
                          SeqTable& table) {
    const proto::LinkWalk li = proto::walkLink(frame);
    const uint32_t length =
        frame.originalLength > li.headerLength ? frame.originalLength - li.headerLength : 0;
    bool handled = false;
    const uint32_t encapsulated =
        printLinkEncapsulation(out, frame, li.headerLength, li.etherType, o, table, handled);
    if (handled) return encapsulated;
    if (li.known && li.ipVersion != 0 && frame.data.size() >= li.headerLength) {
        IpView v{frame, li.headerLength, length};
        bool longjmped = li.ipVersion == 4 ? printIpOnIpv4Link(out, v, li.etherType, o, table)
                                           : printIpv6(out, v, o, table);
        return longjmped ? 0 : li.headerLength;
    }
    if (li.known && li.etherType == 0x0806) {
        printArp(out, ByteReader(frame.data), li.headerLength, length);
    } else if (li.known && frame.linkType == LinkType::Ethernet) {
        if (frame.data.size() < 14)
            out += "[|ether]";
        else
            appendf(out, "ethertype 0x%04x, length %u", li.etherType, frame.originalLength);
    } else {
        appendf(out, "[link type %u], length %u", frame.linkType, frame.originalLength);
        return 0;
    }
    return li.headerLength;
}

} // namespace

TcpdumpPrinter::TcpdumpPrinter(TcpdumpOptions options)
    : m_options(options), m_impl(std::make_shared<Impl>()) {}

std::string formatHexDump(std::span<const uint8_t> bytes) {
    std::string out;
    appendHex(out, bytes, true);
    if (!out.empty()) out.erase(0, 1); // tcpdump puts the line break before each line
    out += '\n';
    return out;
}

std::string TcpdumpPrinter::format(const Frame& frame) {
    std::string out;
    formatTo(frame, out);
    return out;
}

void TcpdumpPrinter::formatTo(const Frame& frame, std::string& out) {
    const TcpdumpOptions& o = m_options;
    if (o.number) appendf(out, "%5u  ", static_cast<unsigned>(frame.number));
    m_impl->timestamp(out, frame.ts, o);
    if (frame.linkType == LinkType::LinuxSll2) m_impl->sll2Prefix(out, frame);
    const uint32_t linkHeader = printLinkPayload(out, frame, o, m_impl->seqTable);
    if (o.hex) {
        // -xx and -XX dump the link header too; -X and -XX add the ASCII column.
        const bool withLink = o.hex == 2 || o.hex == 4;
        std::span<const uint8_t> bytes = frame.data;
        if (!withLink)
            bytes = frame.data.size() > linkHeader ? frame.data.subspan(linkHeader)
                                                   : std::span<const uint8_t>{};
        appendHex(out, bytes, o.hex >= 3);
    }
    out += "\n";
}

} // namespace tcpscope

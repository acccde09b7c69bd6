#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds the tunnel test captures of this folder with scapy (Debian's python3-scapy).

Each capture holds one short TCP connection (handshake, a request, its answer, the close)
inside one encapsulation that ../shared/tunnels/ (tcpdump's own test captures) lacks, so that
every family TcpScope decodes has a capture on which tshark and tcpdump can be compared with
it (tests/core/test_tunnels.cpp). Run from anywhere: /usr/bin/python3 make_captures.py
Timestamps are fixed, so the files are the same on every run."""
import os

from scapy.all import (IP, IPv6, TCP, UDP, GRE, Ether, Dot1Q, Dot1AD, PPP, PPPoE, Raw,
                       wrpcap, RadioTap, Dot11, LLC, SNAP, AH, ESP, CookedLinux)
from scapy.contrib.mpls import MPLS
from scapy.contrib.gtp import GTP_U_Header, GTP_PDCP_PDU_ExtensionHeader
from scapy.layers.vxlan import VXLAN
from scapy.contrib.geneve import GENEVE
from scapy.layers.l2tp import L2TP
from scapy.contrib.erspan import ERSPAN_II, ERSPAN_III
from scapy.layers.dot11 import Dot11QoS
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
T0 = 1764547200.0  # 2025-12-01 00:00:00 UTC


def conversation(v6=False, cport=40000, sport=80, cseq=1000, sseq=5000):
    """Client -> server TCP: SYN, SYN-ACK, ACK, request, answer, ACK, FIN, FIN, ACK."""
    if v6:
        c, s = IPv6(src="fd00::1", dst="fd00::2"), IPv6(src="fd00::2", dst="fd00::1")
    else:
        c, s = IP(src="10.1.0.1", dst="10.2.0.2"), IP(src="10.2.0.2", dst="10.1.0.1")
    req, ans = b"GET / HTTP/1.0\r\n\r\n", b"HTTP/1.0 200 OK\r\n\r\n"
    opts = [("MSS", 1400), ("SAckOK", b""), ("WScale", 7)]
    segs = [
        (c, TCP(sport=cport, dport=sport, flags="S", seq=cseq, window=64240, options=opts)),
        (s, TCP(sport=sport, dport=cport, flags="SA", seq=sseq, ack=cseq + 1, window=65160,
                options=opts)),
        (c, TCP(sport=cport, dport=sport, flags="A", seq=cseq + 1, ack=sseq + 1, window=502)),
        (c, TCP(sport=cport, dport=sport, flags="PA", seq=cseq + 1, ack=sseq + 1, window=502)
         / Raw(req)),
        (s, TCP(sport=sport, dport=cport, flags="PA", seq=sseq + 1, ack=cseq + 1 + len(req),
                window=509) / Raw(ans)),
        (c, TCP(sport=cport, dport=sport, flags="FA", seq=cseq + 1 + len(req),
                ack=sseq + 1 + len(ans), window=502)),
        (s, TCP(sport=sport, dport=cport, flags="FA", seq=sseq + 1 + len(ans),
                ack=cseq + 2 + len(req), window=509)),
        (c, TCP(sport=cport, dport=sport, flags="A", seq=cseq + 2 + len(req),
                ack=sseq + 2 + len(ans), window=502)),
    ]
    return [(ip / tcp, ip is c) for ip, tcp in segs]


def write(name, packets, linktype=None):
    for i, p in enumerate(packets):
        p.time = T0 + i * 0.001
    path = os.path.join(HERE, name + ".pcap")
    if linktype is None:
        wrpcap(path, packets)
    else:
        wrpcap(path, packets, linktype=linktype)


E1 = dict(src="02:00:00:00:00:01", dst="02:00:00:00:00:02")
E2 = dict(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")


def eth(fromClient):
    return Ether(**(E1 if fromClient else E2))


def outer4(fromClient, proto=None):
    a, b = ("192.0.2.1", "192.0.2.2") if fromClient else ("192.0.2.2", "192.0.2.1")
    return IP(src=a, dst=b) if proto is None else IP(src=a, dst=b, proto=proto)


def outer6(fromClient, nh=None):
    a, b = ("2001:db8::1", "2001:db8::2") if fromClient else ("2001:db8::2", "2001:db8::1")
    return IPv6(src=a, dst=b) if nh is None else IPv6(src=a, dst=b, nh=nh)


def wlan(p, fromClient):
    """A station (the client) talking through its access point: QoS data frames."""
    ap, sta, srv = "02:00:00:00:00:aa", "02:00:00:00:00:01", "02:00:00:00:00:02"
    if fromClient:
        d = Dot11(type=2, subtype=8, FCfield="to-DS", addr1=ap, addr2=sta, addr3=srv)
    else:
        d = Dot11(type=2, subtype=8, FCfield="from-DS", addr1=sta, addr2=ap, addr3=srv)
    return (d / Dot11QoS(TID=3) / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0800)
            / p)


def nflog(p):
    """NFLOG (little-endian attributes): a packet header (hw protocol, hook), a prefix, the
    packet, each padded to 4 bytes."""
    def tlv(t, v):
        body = struct.pack("<HH", 4 + len(v), t) + v
        return body + b"\0" * ((4 - len(body) % 4) % 4)
    return Raw(struct.pack(">BBH", 2, 0, 5) + tlv(1, struct.pack(">HBB", 0x0800, 3, 0))
               + tlv(10, b"tcpscope\0") + tlv(9, bytes(p)))


def main():
    conv4, conv6 = conversation(), conversation(v6=True)
    write("gre-ipv4", [eth(c) / outer4(c) / GRE() / p for p, c in conv4])
    write("gre-key-seq-checksum", [eth(c) / outer4(c) / GRE(chksum_present=1, key_present=1,
                                   seqnum_present=1, key=0x1234, seqence_number=i) / p
                                   for i, (p, c) in enumerate(conv4)])
    write("gre-ipv6-outer", [eth(c) / outer6(c) / GRE() / p for p, c in conv6])
    write("nvgre", [eth(c) / outer4(c) / GRE(key_present=1, key=(5001 << 8) | 7, proto=0x6558)
                    / Ether(**(E1 if c else E2)) / p for p, c in conv4])
    write("erspan-ii", [eth(c) / outer4(c) / GRE(seqnum_present=1, seqence_number=i, proto=0x88be)
                        / ERSPAN_II(ver=1, session_id=100, vlan=10, index=3) / Ether(**(E1 if c else E2))
                        / p for i, (p, c) in enumerate(conv4)])
    write("erspan-iii", [eth(c) / outer4(c) / GRE(seqnum_present=1, seqence_number=i, proto=0x22eb)
                         / ERSPAN_III(session_id=200, vlan=20, timestamp=i)
                         / Ether(**(E1 if c else E2)) / p for i, (p, c) in enumerate(conv4)])
    write("ipip-4in4", [eth(c) / outer4(c, 4) / p for p, c in conv4])
    write("ipip-6in4", [eth(c) / outer4(c, 41) / p for p, c in conv6])
    write("ipip-4in6", [eth(c) / outer6(c, 4) / p for p, c in conv4])
    write("ipip-6in6", [eth(c) / outer6(c, 41) / p for p, c in conv6])
    write("mpls-two-labels", [eth(c) / MPLS(label=1000, s=0, ttl=64) / MPLS(label=2000, s=1, ttl=63)
                              / p for p, c in conv4])
    write("mpls-ipv6", [eth(c) / MPLS(label=3000, s=1, ttl=64) / p for p, c in conv6])
    write("pppoe-session", [eth(c) / PPPoE(sessionid=0x2a) / PPP(proto=0x0021) / p
                            for p, c in conv4])
    write("vxlan", [eth(c) / outer4(c) / UDP(sport=50000 + c, dport=4789) / VXLAN(vni=5001)
                    / Ether(**(E1 if c else E2)) / p for p, c in conv4])
    write("vxlan-reserved-bits", [eth(c) / outer4(c) / UDP(sport=50000, dport=4789)
                                  / VXLAN(flags=0x0C, vni=77, reserved1=0x123, reserved2=0x45)
                                  / Ether(**(E1 if c else E2)) / p for p, c in conv4])
    two = [(eth(c) / outer4(c) / UDP(sport=50000, dport=4789) / VXLAN(vni=vni)
            / Ether(**(E1 if c else E2)) / p) for vni in (10, 20) for p, c in conv4]
    write("vxlan-two-vnis", two)
    write("geneve-options", [eth(c) / outer4(c) / UDP(sport=50001, dport=6081)
                             / GENEVE(vni=0x42, proto=0x6558,
                                      options=b"\x01\x02\x80\x01\xde\xad\xbe\xef")
                             / Ether(**(E1 if c else E2)) / p for p, c in conv4])
    write("geneve-ipv6-inner", [eth(c) / outer4(c) / UDP(sport=50001, dport=6081)
                                / GENEVE(vni=0x43, proto=0x86dd) / p for p, c in conv6])
    write("gtp-u", [eth(c) / outer4(c) / UDP(sport=2152, dport=2152)
                    / GTP_U_Header(teid=0x1000 + c, gtp_type=255) / p for p, c in conv4])
    write("gtp-u-extension", [eth(c) / outer4(c) / UDP(sport=2152, dport=2152)
                              / GTP_U_Header(teid=0x2000, gtp_type=255, E=1, next_ex=0xc0)
                              / GTP_PDCP_PDU_ExtensionHeader(pdcp_pdu=i, next_ex=0) / p
                              for i, (p, c) in enumerate(conv4)])
    write("l2tp-ppp", [eth(c) / outer4(c) / UDP(sport=1701, dport=1701)
                       / L2TP(tunnel_id=7, session_id=9) / PPP(proto=0x0021) / p
                       for p, c in conv4])
    write("qinq-three-tags", [eth(c) / Dot1AD(vlan=100) / Dot1Q(vlan=200) / Dot1Q(vlan=300) / p
                              for p, c in conv4])
    write("ah", [eth(c) / IP(src=p[IP].src, dst=p[IP].dst, proto=51)
                 / AH(nh=6, payloadlen=4, spi=0x100, seq=i + 1, icv=b"\x00" * 12) / p[TCP]
                 for i, (p, c) in enumerate(conv4)])
    write("esp", [eth(c) / IP(src=p[IP].src, dst=p[IP].dst) / ESP(spi=0x200, seq=i + 1,
                                                                  data=bytes(p[TCP]))
                  for i, (p, c) in enumerate(conv4)])
    write("ppp-link", [PPP(proto=0x0021) / p for p, c in conv4], linktype=9)
    write("cisco-hdlc", [Raw(b"\x0f\x00\x08\x00") / p for p, c in conv4], linktype=104)
    write("pptp-gre", [eth(c) / outer4(c) / GRE(version=1, proto=0x880b, key_present=1,
                                                seqnum_present=1, seqence_number=i,
                                                key=(len(p) + 2) << 16 | 5)
                       / Raw(b"\xff\x03\x00\x21") / p for i, (p, c) in enumerate(conv4)])
    write("wlan-80211", [wlan(p, c) for p, c in conv4], linktype=105)
    write("ppi-80211", [Raw(struct.pack("<BBHI", 0, 0, 8, 105)) / wlan(p, c) for p, c in conv4],
          linktype=192)
    write("nflog", [nflog(p) for p, c in conv4], linktype=239)
    # Linux cooked v2: sent (Out) and received (In) on interface 1, then on an index no
    # machine is likely to have; tcpdump prints the name the reading machine gives the index.
    write("sll2-directions", [Raw(struct.pack(">HHIHBB", 0x0800, 0, 1 if i < 6 else 977, 772,
                                              4 if c else 0, 6) + bytes(8)) / p
                              for i, (p, c) in enumerate(conv4)], linktype=276)
    # FabricPath frames keep their 4-byte FCS (Wireshark's dissector expects it).
    write("fabricpath", [Ether(src="02:00:0a:00:00:01", dst="02:00:0b:00:00:02", type=0x8903)
                         / Raw(b"\x04\x3f" + bytes(Ether(**(E1 if c else E2)) / p)
                               + b"\xde\xad\xbe\xef") for p, c in conv4])
    write("etag", [Ether(type=0x893f, **(E1 if c else E2))
                   / Raw(b"\x20\x05\x00\x09\x00\x00\x08\x00") / p for p, c in conv4])


if __name__ == "__main__":
    main()

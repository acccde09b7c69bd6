<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message id="field.frame">
        <source>One captured packet as the capture file stores it: when it was seen, how long it was on the wire and how many of those bytes were kept (the snap length may cut it short).</source>
        <translation>抓包文件中存储的一个数据包：何时被捕获、在线路上的长度，以及保存了其中多少字节（截断长度 snaplen 可能使其不完整）。</translation>
    </message>
    <message id="field.frame.number">
        <source>Position of the packet in the capture, counting from 1 (tcpdump -# prints the same).</source>
        <translation>数据包在抓包中的位置，从 1 开始计数（与 tcpdump -# 打印的相同）。</translation>
    </message>
    <message id="field.frame.time_epoch">
        <source>Capture time in seconds since 1970-01-01 UTC, as recorded by the capturing host.</source>
        <translation>抓包时间，即自 1970-01-01 UTC 起的秒数，由抓包主机记录。</translation>
    </message>
    <message id="field.frame.len">
        <source>Length of the packet on the wire, in bytes.</source>
        <translation>数据包在线路上的长度，单位为字节。</translation>
    </message>
    <message id="field.frame.cap_len">
        <source>Bytes actually stored in the capture. Less than the frame length when the capture's snap length cut the packet short; fields past this point cannot be decoded.</source>
        <translation>抓包中实际保存的字节数。若抓包的截断长度把数据包截短，该值小于帧长度；超出这一位置的字段无法解码。</translation>
    </message>
    <message id="field.eth">
        <source>The Ethernet frame header: who sent the frame on this link, who should receive it, and which protocol the payload is (the EtherType).</source>
        <translation>以太网帧首部：谁在这条链路上发送了该帧，谁应当接收它，以及载荷是哪种协议（EtherType）。</translation>
    </message>
    <message id="field.eth.dst">
        <source>MAC address of the next hop that should take the frame off the wire.</source>
        <translation>应把该帧从线路上接收下来的下一跳的 MAC 地址。</translation>
    </message>
    <message id="field.eth.src">
        <source>MAC address of the interface that put the frame on the wire (not the original sender of the IP packet if it was routed).</source>
        <translation>把该帧发送到线路上的接口的 MAC 地址（如果 IP 数据包经过了路由转发，它就不是该数据包的原始发送方）。</translation>
    </message>
    <message id="field.eth.type">
        <source>EtherType: which protocol the payload holds. 0x0800 is IPv4, 0x86DD IPv6, 0x8100 a VLAN tag.</source>
        <translation>EtherType：载荷是哪种协议。0x0800 为 IPv4，0x86DD 为 IPv6，0x8100 为 VLAN 标签。</translation>
    </message>
    <message id="field.eth.padding">
        <source>Bytes added after the IP packet to reach Ethernet's 60-byte minimum frame size. They are not part of the IP packet.</source>
        <translation>为达到以太网 60 字节的最小帧长而添加在 IP 数据包之后的字节。它们不属于 IP 数据包。</translation>
    </message>
    <message id="field.eth.trailer">
        <source>Bytes after the end of the IP packet that are not minimum-size padding.</source>
        <translation>IP 数据包结束之后、又不属于最小帧长填充的字节。</translation>
    </message>
    <message id="field.vlan">
        <source>An IEEE 802.1Q tag: puts the frame in a virtual LAN and gives it a priority.</source>
        <translation>IEEE 802.1Q 标签：把该帧划入一个虚拟局域网 VLAN，并赋予它优先级。</translation>
    </message>
    <message id="field.vlan.priority">
        <source>Priority Code Point (802.1p class of service, 0-7).</source>
        <translation>优先级代码点（Priority Code Point，802.1p 服务类别，0-7）。</translation>
    </message>
    <message id="field.vlan.dei">
        <source>Drop Eligible Indicator: this frame may be dropped first under congestion.</source>
        <translation>可丢弃指示（Drop Eligible Indicator）：发生拥塞时，该帧可被优先丢弃。</translation>
    </message>
    <message id="field.vlan.id">
        <source>VLAN identifier (1-4094).</source>
        <translation>VLAN 标识符（1-4094）。</translation>
    </message>
    <message id="field.vlan.etype">
        <source>EtherType of the payload after the tag.</source>
        <translation>标签之后载荷的 EtherType。</translation>
    </message>
    <message id="field.ieee8021ad">
        <source>An 802.1ad service tag (S-tag): a provider's VLAN around the customer's 802.1Q tags (Q-in-Q).</source>
        <translation>802.1ad 服务标签（S-tag）：服务提供商套在客户 802.1Q 标签外层的 VLAN（Q-in-Q）。</translation>
    </message>
    <message id="field.ieee8021ad.priority">
        <source>Priority Code Point of the service tag.</source>
        <translation>服务标签的优先级代码点。</translation>
    </message>
    <message id="field.ieee8021ad.dei">
        <source>Drop Eligible Indicator.</source>
        <translation>可丢弃指示（Drop Eligible Indicator）。</translation>
    </message>
    <message id="field.ieee8021ad.id">
        <source>The provider's VLAN identifier (S-VID).</source>
        <translation>服务提供商的 VLAN 标识符（S-VID）。</translation>
    </message>
    <message id="field.ieee8021ah.etype">
        <source>EtherType after the service tag (usually 0x8100, the customer's tag).</source>
        <translation>服务标签之后的 EtherType（通常为 0x8100，即客户的标签）。</translation>
    </message>
    <message id="field.sll">
        <source>Pseudo link header written by Linux when capturing on 'any' or on interfaces without an Ethernet header: the packet direction, the link address and the protocol.</source>
        <translation>Linux 在 'any' 接口上或在没有以太网首部的接口上抓包时写入的伪链路层首部：数据包方向、链路层地址和协议。</translation>
    </message>
    <message id="field.sll.pkttype">
        <source>Direction of the packet as the kernel saw it: sent by us, unicast to us, broadcast...</source>
        <translation>内核所见的数据包方向：本机发出、单播给本机、广播……</translation>
    </message>
    <message id="field.sll.hatype">
        <source>ARPHRD_ type of the interface (1 Ethernet, 772 loopback).</source>
        <translation>接口的 ARPHRD_ 类型（1 为以太网，772 为环回）。</translation>
    </message>
    <message id="field.sll.halen">
        <source>How many bytes of the address field are meaningful.</source>
        <translation>地址字段中有多少字节是有意义的。</translation>
    </message>
    <message id="field.sll.src.eth">
        <source>Link-layer (MAC) address of the sender.</source>
        <translation>发送方的链路层（MAC）地址。</translation>
    </message>
    <message id="field.sll.unused">
        <source>Unused address bytes.</source>
        <translation>未使用的地址字节。</translation>
    </message>
    <message id="field.sll.etype">
        <source>EtherType of the payload.</source>
        <translation>载荷的 EtherType。</translation>
    </message>
    <message id="field.sll.ifindex">
        <source>Index of the interface the packet was captured on (SLL2 only).</source>
        <translation>抓取该数据包的接口的索引（仅 SLL2）。</translation>
    </message>
    <message id="field.sll.reserved">
        <source>Reserved, zero.</source>
        <translation>保留，为 0。</translation>
    </message>
    <message id="field.null">
        <source>BSD loopback header: a 4-byte address family saying whether IPv4 or IPv6 follows.</source>
        <translation>BSD 环回首部：4 字节的地址族，说明后面是 IPv4 还是 IPv6。</translation>
    </message>
    <message id="field.null.family">
        <source>Address family of the payload (AF_INET = 2; AF_INET6 differs by OS: 10, 24, 28 or 30).</source>
        <translation>载荷的地址族（AF_INET = 2；AF_INET6 因操作系统而异：10、24、28 或 30）。</translation>
    </message>
    <message id="field.raw">
        <source>No link-layer header: the capture starts at the IP header.</source>
        <translation>没有链路层首部：抓包数据从 IP 首部开始。</translation>
    </message>
    <message id="field.ip">
        <source>The IPv4 header (RFC 791) carries the packet from the source host to the destination host across routers: addresses, a hop limit (TTL), fragmentation control and the number of the protocol inside.</source>
        <translation>IPv4 首部（RFC 791）负责经由路由器把数据包从源主机送到目的主机：包含地址、跳数限制（TTL）、分片控制，以及内部所承载协议的编号。</translation>
    </message>
    <message id="field.ip.version">
        <source>IP version: 4 here. The first four bits of every IP packet, so a receiver knows how to read the rest.</source>
        <translation>IP 版本：此处为 4。它是每个 IP 数据包的前四位，接收方据此知道如何解读其余部分。</translation>
    </message>
    <message id="field.ip.hdr_len">
        <source>Length of the IPv4 header in bytes: the 4-bit IHL field counts 32-bit words, so IHL 5 means 20 bytes (no options) and the maximum, 15, means 60 bytes.</source>
        <translation>IPv4 首部长度，单位为字节：4 位的 IHL 字段以 32 位字为单位计数，因此 IHL 为 5 表示 20 字节（无选项），最大值 15 表示 60 字节。</translation>
    </message>
    <message id="field.ip.dsfield">
        <source>The former Type of Service byte: a DSCP (how routers should queue this packet) and two ECN bits (congestion signalled without dropping).</source>
        <translation>原来的服务类型字节：包含 DSCP（路由器应如何为该数据包排队）和两个 ECN 位（不丢包即可通知拥塞）。</translation>
    </message>
    <message id="field.ip.dsfield.dscp">
        <source>Per-hop behaviour requested for this packet (RFC 2474): 0 is best effort, EF (46) low-latency, AFxy assured forwarding classes.</source>
        <translation>为该数据包请求的逐跳行为（RFC 2474）：0 为尽力而为，EF（46）为低时延，AFxy 为确保转发类别。</translation>
    </message>
    <message id="field.ip.dsfield.ecn">
        <source>ECN (RFC 3168): ECT(0)/ECT(1) mean the endpoints understand ECN; a congested router sets CE instead of dropping the packet, and TCP echoes it back with ECE.</source>
        <translation>ECN（RFC 3168）：ECT(0)/ECT(1) 表示两端支持 ECN；发生拥塞的路由器不丢弃数据包，而是置 CE，TCP 再用 ECE 将其回显。</translation>
    </message>
    <message id="field.ip.len">
        <source>Length of the whole IP packet, header plus payload, in bytes. The TCP payload length is this minus the IP and TCP header lengths.</source>
        <translation>整个 IP 数据包（首部加载荷）的长度，单位为字节。TCP 载荷长度等于该值减去 IP 首部长度和 TCP 首部长度。</translation>
    </message>
    <message id="field.ip.id">
        <source>Identifies the fragments of one original datagram so the receiver can put them back together. Often a counter; meaningless when DF is set and the packet is not fragmented.</source>
        <translation>标识同一原始数据报的各个分片，以便接收方将它们重新组装。通常是一个计数器；若置了 DF 且数据包未分片，则没有意义。</translation>
    </message>
    <message id="field.ip.flags">
        <source>Three fragmentation bits: reserved (must be 0), Don't Fragment and More Fragments.</source>
        <translation>三个分片标志位：保留位（必须为 0）、不分片和更多分片。</translation>
    </message>
    <message id="field.ip.flags.rb">
        <source>Must be zero (RFC 3514's 'evil bit' is a joke).</source>
        <translation>必须为 0（RFC 3514 的“邪恶位”（evil bit）只是个玩笑）。</translation>
    </message>
    <message id="field.ip.flags.df">
        <source>Routers must not fragment this packet; if it is too big for a link they drop it and send ICMP 'fragmentation needed', which Path MTU Discovery relies on.</source>
        <translation>路由器不得对该数据包分片；若数据包对某条链路来说过大，路由器会将其丢弃并发送 ICMP“需要分片”报文，路径 MTU 发现正依赖于此。</translation>
    </message>
    <message id="field.ip.flags.mf">
        <source>Set on every fragment except the last one of a datagram.</source>
        <translation>除数据报的最后一个分片外，每个分片都置此位。</translation>
    </message>
    <message id="field.ip.frag_offset">
        <source>Where this fragment's data belongs in the original datagram, in units of 8 bytes. 0 for an unfragmented packet or a first fragment; only a first fragment holds the TCP header.</source>
        <translation>该分片的数据在原始数据报中的位置，以 8 字节为单位。未分片的数据包或第一个分片为 0；只有第一个分片含有 TCP 首部。</translation>
    </message>
    <message id="field.ip.ttl">
        <source>Hop limit: each router decrements it and drops the packet at 0 (sending ICMP Time Exceeded, which traceroute uses). Typical initial values are 64, 128 and 255.</source>
        <translation>跳数限制：每个路由器将其减 1，减到 0 时丢弃数据包（并发送 ICMP 超时报文，traceroute 正是利用这一点）。常见的初始值为 64、128 和 255。</translation>
    </message>
    <message id="field.ip.proto">
        <source>Which protocol the payload holds: 6 is TCP, 17 UDP, 1 ICMP.</source>
        <translation>载荷中是哪种协议：6 为 TCP，17 为 UDP，1 为 ICMP。</translation>
    </message>
    <message id="field.ip.checksum">
        <source>One's-complement checksum of the IPv4 header only (not the payload). Every router recomputes it because it decrements the TTL.</source>
        <translation>仅对 IPv4 首部（不含载荷）计算的反码校验和。每个路由器都要将 TTL 减 1，因此都要重新计算它。</translation>
    </message>
    <message id="field.ip.checksum.status">
        <source>Whether the header checksum matches the header: Good, Bad, or Unverified when it was not checked.</source>
        <translation>首部校验和与首部是否相符：Good、Bad，未校验时为 Unverified。</translation>
    </message>
    <message id="field.ip.checksum_calculated">
        <source>The checksum this header should carry, computed by TcpScope.</source>
        <translation>该首部应携带的校验和，由 TcpScope 计算得出。</translation>
    </message>
    <message id="field.ip.src">
        <source>IPv4 address of the host that sent the packet.</source>
        <translation>发送该数据包的主机的 IPv4 地址。</translation>
    </message>
    <message id="field.ip.dst">
        <source>IPv4 address of the host the packet is for.</source>
        <translation>该数据包的目的主机的 IPv4 地址。</translation>
    </message>
    <message id="field.ip.options">
        <source>IPv4 options (header bytes after the first 20): rarely used today; routers often send packets with options down a slow path.</source>
        <translation>IPv4 选项（前 20 字节之后的首部字节）：如今很少使用；路由器常把带选项的数据包交给慢速路径处理。</translation>
    </message>
    <message id="field.ip.opt.type">
        <source>Option type: a copy-on-fragmentation bit, a 2-bit class and a 5-bit number.</source>
        <translation>选项类型：由 1 位“分片时复制”标志、2 位类别和 5 位编号组成。</translation>
    </message>
    <message id="field.ip.opt.len">
        <source>Length of the option in bytes, including the type and length bytes.</source>
        <translation>选项长度，单位为字节，包括类型字节和长度字节。</translation>
    </message>
    <message id="field.ip.opt.data">
        <source>The option's value bytes.</source>
        <translation>选项的值字节。</translation>
    </message>
    <message id="field.ip.payload">
        <source>Payload that is not decoded here (a protocol TcpScope does not dissect, or a later fragment).</source>
        <translation>此处未解码的载荷（TcpScope 不解析的协议，或后续分片）。</translation>
    </message>
    <message id="field.ipv6">
        <source>The IPv6 header (RFC 8200): a fixed 40 bytes with 128-bit addresses, a hop limit and a flow label, followed by a chain of optional extension headers before the payload.</source>
        <translation>IPv6 首部（RFC 8200）：固定 40 字节，含 128 位地址、跳数限制和流标签，其后、载荷之前是一串可选的扩展首部。</translation>
    </message>
    <message id="field.ipv6.version">
        <source>IP version: 6.</source>
        <translation>IP 版本：6。</translation>
    </message>
    <message id="field.ipv6.tclass">
        <source>IPv6's version of the IPv4 DS byte: DSCP and ECN.</source>
        <translation>IPv6 中与 IPv4 DS 字节对应的字段：DSCP 和 ECN。</translation>
    </message>
    <message id="field.ipv6.tclass.dscp">
        <source>Per-hop behaviour requested (RFC 2474).</source>
        <translation>请求的逐跳行为（RFC 2474）。</translation>
    </message>
    <message id="field.ipv6.tclass.ecn">
        <source>ECN codepoint (RFC 3168).</source>
        <translation>ECN 码点（RFC 3168）。</translation>
    </message>
    <message id="field.ipv6.flow">
        <source>20-bit label a sender may use to mark packets of one flow so routers can keep them on one path (RFC 6437). Zero when unused.</source>
        <translation>20 位标签，发送方可用它标记同一个流的数据包，使路由器让它们走同一条路径（RFC 6437）。不使用时为 0。</translation>
    </message>
    <message id="field.ipv6.plen">
        <source>Length of everything after the 40-byte fixed header (extension headers included). Zero with a Jumbo Payload option for packets over 65,535 bytes.</source>
        <translation>40 字节固定首部之后全部内容的长度（包括扩展首部）。对于超过 65,535 字节的数据包，该值为 0，并使用超大载荷（Jumbo Payload）选项。</translation>
    </message>
    <message id="field.ipv6.nxt">
        <source>Type of the header that follows: an extension header or the upper-layer protocol (6 TCP).</source>
        <translation>下一个首部的类型：扩展首部或上层协议（6 为 TCP）。</translation>
    </message>
    <message id="field.ipv6.hlim">
        <source>IPv6's TTL: decremented by each router, the packet is dropped at 0.</source>
        <translation>IPv6 中的 TTL：每个路由器将其减 1，减到 0 时丢弃数据包。</translation>
    </message>
    <message id="field.ipv6.src">
        <source>IPv6 address of the sender.</source>
        <translation>发送方的 IPv6 地址。</translation>
    </message>
    <message id="field.ipv6.dst">
        <source>IPv6 address of the receiver.</source>
        <translation>接收方的 IPv6 地址。</translation>
    </message>
    <message id="field.ipv6.hopopts">
        <source>Options every router on the path must look at (e.g. Router Alert, Jumbo Payload).</source>
        <translation>路径上每个路由器都必须检查的选项（如路由器告警 Router Alert、超大载荷 Jumbo Payload）。</translation>
    </message>
    <message id="field.ipv6.hopopts.nxt">
        <source>Type of the header after this one.</source>
        <translation>本首部之后的首部类型。</translation>
    </message>
    <message id="field.ipv6.hopopts.len">
        <source>Header length in 8-byte units, not counting the first 8 bytes.</source>
        <translation>首部长度，以 8 字节为单位，不计最前面的 8 字节。</translation>
    </message>
    <message id="field.ipv6.dstopts">
        <source>Options only the destination examines.</source>
        <translation>只由目的端检查的选项。</translation>
    </message>
    <message id="field.ipv6.dstopts.nxt">
        <source>Type of the header after this one.</source>
        <translation>本首部之后的首部类型。</translation>
    </message>
    <message id="field.ipv6.dstopts.len">
        <source>Header length in 8-byte units, not counting the first 8 bytes.</source>
        <translation>首部长度，以 8 字节为单位，不计最前面的 8 字节。</translation>
    </message>
    <message id="field.ipv6.opt">
        <source>One option TLV.</source>
        <translation>一个选项 TLV。</translation>
    </message>
    <message id="field.ipv6.opt.type">
        <source>Option type; its two top bits tell a node that does not know it what to do.</source>
        <translation>选项类型；其最高两位告诉不认识该选项的节点应如何处理。</translation>
    </message>
    <message id="field.ipv6.opt.length">
        <source>Length of the option data in bytes.</source>
        <translation>选项数据的长度，单位为字节。</translation>
    </message>
    <message id="field.ipv6.opt.jumbo">
        <source>Jumbo Payload (RFC 2675): the real payload length when it exceeds 65,535 bytes; the fixed header's Payload Length must then be 0. Linux BIG TCP uses it.</source>
        <translation>超大载荷（Jumbo Payload，RFC 2675）：实际载荷长度超过 65,535 字节时给出该长度；此时固定首部中的载荷长度（Payload Length）必须为 0。Linux 的 BIG TCP 会用到它。</translation>
    </message>
    <message id="field.ipv6.opt.padn">
        <source>Padding to align the following option.</source>
        <translation>填充，使后面的选项对齐。</translation>
    </message>
    <message id="field.ipv6.routing">
        <source>Lists intermediate nodes the packet must visit (e.g. Segment Routing).</source>
        <translation>列出数据包必须经过的中间节点（如段路由 Segment Routing）。</translation>
    </message>
    <message id="field.ipv6.routing.nxt">
        <source>Type of the header after this one.</source>
        <translation>本首部之后的首部类型。</translation>
    </message>
    <message id="field.ipv6.routing.len">
        <source>Header length in 8-byte units, not counting the first 8 bytes.</source>
        <translation>首部长度，以 8 字节为单位，不计最前面的 8 字节。</translation>
    </message>
    <message id="field.ipv6.routing.type">
        <source>Routing header variant (4 is Segment Routing; 0 is deprecated).</source>
        <translation>路由首部的变体（4 为段路由；0 已弃用）。</translation>
    </message>
    <message id="field.ipv6.routing.segleft">
        <source>How many listed nodes remain to be visited.</source>
        <translation>所列节点中还剩多少个有待经过。</translation>
    </message>
    <message id="field.ipv6.fraghdr">
        <source>IPv6 fragmentation is done only by the sender; this header says where a fragment fits.</source>
        <translation>IPv6 的分片只由发送方完成；该首部说明一个分片在原数据包中的位置。</translation>
    </message>
    <message id="field.ipv6.fraghdr.nxt">
        <source>Type of the header after this one.</source>
        <translation>本首部之后的首部类型。</translation>
    </message>
    <message id="field.ipv6.fraghdr.offset">
        <source>Where this fragment's data belongs, in 8-byte units.</source>
        <translation>该分片的数据在原数据包中的位置，以 8 字节为单位。</translation>
    </message>
    <message id="field.ipv6.fraghdr.more">
        <source>Set on every fragment but the last.</source>
        <translation>除最后一个分片外，每个分片都置此位。</translation>
    </message>
    <message id="field.ipv6.fraghdr.ident">
        <source>Identifies the fragments of one original packet.</source>
        <translation>标识同一原始数据包的各个分片。</translation>
    </message>
    <message id="field.ipv6.payload">
        <source>Payload not decoded here (a later fragment, or a protocol TcpScope does not dissect).</source>
        <translation>此处未解码的载荷（后续分片，或 TcpScope 不解析的协议）。</translation>
    </message>
    <message id="field.tcp">
        <source>TCP (RFC 9293) gives two applications a reliable, ordered byte stream over IP: sequence numbers count bytes, acknowledgments say what arrived, the window limits how much may be in flight, and flags open and close the connection.</source>
        <translation>TCP（RFC 9293）在 IP 之上为两个应用程序提供可靠、有序的字节流：序列号对字节计数，确认说明哪些数据已到达，窗口限制可在途的数据量，标志位用于打开和关闭连接。</translation>
    </message>
    <message id="field.tcp.srcport">
        <source>Port of the sending application. With the two IP addresses and the destination port it identifies the connection (the 4-tuple). Clients usually pick an ephemeral port.</source>
        <translation>发送方应用程序的端口。它与两个 IP 地址和目的端口一起标识该连接（四元组）。客户端通常选用临时端口。</translation>
    </message>
    <message id="field.tcp.dstport">
        <source>Port of the receiving application, e.g. 80 for HTTP, 6379 for Redis.</source>
        <translation>接收方应用程序的端口，如 HTTP 为 80，Redis 为 6379。</translation>
    </message>
    <message id="field.tcp.seq_raw">
        <source>Number of the first payload byte in this segment, as sent. A SYN carries the initial sequence number (ISN), chosen at random (RFC 6528) so that old or forged segments are unlikely to fit; SYN and FIN each consume one sequence number. Arithmetic is modulo 2^32.</source>
        <translation>本报文段中第一个载荷字节的编号（发送时的原始值）。SYN 携带初始序列号 ISN，它是随机选取的（RFC 6528），使旧的或伪造的报文段不太可能与之吻合；SYN 和 FIN 各消耗一个序列号。运算按模 2^32 进行。</translation>
    </message>
    <message id="field.tcp.ack_raw">
        <source>Valid when ACK is set: the next sequence number the sender expects from the other side, i.e. everything before it has arrived (a cumulative acknowledgment).</source>
        <translation>置 ACK 时有效：发送方期望从对方收到的下一个序列号，即此前的所有数据均已到达（累积确认）。</translation>
    </message>
    <message id="field.tcp.hdr_len">
        <source>Data offset: the TCP header length. The 4-bit field counts 32-bit words, so 5 means 20 bytes (no options) and 15 the maximum of 60 bytes.</source>
        <translation>数据偏移：即 TCP 首部长度。该 4 位字段以 32 位字为单位计数，因此 5 表示 20 字节（无选项），最大值 15 表示 60 字节。</translation>
    </message>
    <message id="field.tcp.flags">
        <source>Twelve control bits: three reserved, AE, CWR and ECE for congestion signalling, then URG, ACK, PSH, RST, SYN and FIN.</source>
        <translation>12 个控制位：3 个保留位，用于拥塞通知的 AE、CWR 和 ECE，然后是 URG、ACK、PSH、RST、SYN 和 FIN。</translation>
    </message>
    <message id="field.tcp.flags.res">
        <source>Three reserved bits; must be zero.</source>
        <translation>3 个保留位；必须为 0。</translation>
    </message>
    <message id="field.tcp.flags.ae">
        <source>AE (formerly NS): with CWR and ECE forms AccECN's 3-bit ACE counter of congestion marks (RFC 9768); on a SYN it asks for AccECN.</source>
        <translation>AE（原名 NS）：与 CWR 和 ECE 一起构成 AccECN 的 3 位 ACE 计数器，统计拥塞标记（RFC 9768）；在 SYN 中表示请求使用 AccECN。</translation>
    </message>
    <message id="field.tcp.flags.cwr">
        <source>The sender has reduced its congestion window in response to an ECN echo (RFC 3168).</source>
        <translation>发送方已响应 ECN 回显，减小了拥塞窗口（RFC 3168）。</translation>
    </message>
    <message id="field.tcp.flags.ece">
        <source>ECN-Echo: on a SYN, ECN is supported; otherwise a router marked congestion (CE) on a packet this side received, and the sender should slow down (RFC 3168).</source>
        <translation>ECN-Echo：在 SYN 中表示支持 ECN；否则表示本端收到的某个数据包被路由器标记了拥塞（CE），发送方应降低速率（RFC 3168）。</translation>
    </message>
    <message id="field.tcp.flags.urg">
        <source>The urgent pointer is valid: some data is to be processed out of band (rarely used; telnet's interrupt).</source>
        <translation>紧急指针有效：有部分数据需要带外处理（很少使用；如 telnet 的中断）。</translation>
    </message>
    <message id="field.tcp.flags.ack">
        <source>The acknowledgment number is valid. Set on every segment after the initial SYN.</source>
        <translation>确认号有效。除最初的 SYN 外，每个报文段都置此位。</translation>
    </message>
    <message id="field.tcp.flags.push">
        <source>Deliver the data to the application now instead of waiting for more (set on the last segment of a write).</source>
        <translation>立即把数据交付给应用程序，而不是等待更多数据（在一次写操作的最后一个报文段上置位）。</translation>
    </message>
    <message id="field.tcp.flags.reset">
        <source>Abort the connection at once: the port is closed, the connection is unknown, or the application aborted. No reply is sent to a RST.</source>
        <translation>立即中止连接：端口已关闭、连接未知，或应用程序中止了连接。对 RST 不发送任何回应。</translation>
    </message>
    <message id="field.tcp.flags.syn">
        <source>Synchronize sequence numbers: opens a connection and carries the initial sequence number. The first two segments of the three-way handshake carry it.</source>
        <translation>同步序列号：用于打开连接，并携带初始序列号。三次握手的前两个报文段置此位。</translation>
    </message>
    <message id="field.tcp.flags.fin">
        <source>The sender has no more data to send (half-close). It still receives until the other side sends its own FIN.</source>
        <translation>发送方已没有数据要发送（半关闭）。在对方发送自己的 FIN 之前，它仍然接收数据。</translation>
    </message>
    <message id="field.tcp.flags.str">
        <source>The twelve flag bits as letters, one position per bit, as Wireshark shows them.</source>
        <translation>用字母表示的 12 个标志位，每位占一个位置，与 Wireshark 的显示方式相同。</translation>
    </message>
    <message id="field.tcp.window_size_value">
        <source>Receive window as sent: how many more bytes, beyond the acknowledged ones, the sender of this segment is ready to receive. Multiply by 2^scale when window scaling was agreed in the handshake (not on SYN segments themselves).</source>
        <translation>接收窗口（发送时的原始值）：本报文段的发送方在已确认的字节之外还准备接收多少字节。若握手中协商了窗口扩大，则要乘以 2^scale（SYN 报文段本身除外）。</translation>
    </message>
    <message id="field.tcp.checksum">
        <source>One's-complement checksum over a pseudo-header (addresses, protocol, length), the TCP header and the payload. Captured on the sending host it is often wrong because the network card fills it in later (checksum offload).</source>
        <translation>对伪首部（地址、协议、长度）、TCP 首部和载荷计算的反码校验和。在发送主机上抓包时它常常是错的，因为网卡稍后才填入它（校验和卸载）。</translation>
    </message>
    <message id="field.tcp.checksum.status">
        <source>Whether the checksum matches the segment: Good, Bad, or Unverified.</source>
        <translation>校验和与报文段是否相符：Good、Bad 或 Unverified。</translation>
    </message>
    <message id="field.tcp.checksum_calculated">
        <source>The checksum this segment should carry, computed by TcpScope.</source>
        <translation>该报文段应携带的校验和，由 TcpScope 计算得出。</translation>
    </message>
    <message id="field.tcp.urgent_pointer">
        <source>With URG set: offset from the sequence number to the end of urgent data.</source>
        <translation>置 URG 时有效：从序列号到紧急数据末尾的偏移量。</translation>
    </message>
    <message id="field.tcp.options">
        <source>TCP options (header bytes after the first 20): negotiated features such as MSS, window scaling, SACK and timestamps. Most can only be offered on the SYN.</source>
        <translation>TCP 选项（前 20 字节之后的首部字节）：协商的功能，如 MSS、窗口扩大、SACK 和时间戳。大多数选项只能在 SYN 中提出。</translation>
    </message>
    <message id="field.tcp.option_kind">
        <source>Option kind number (IANA registry): 0 EOL, 1 NOP, 2 MSS, 3 window scale, 4 SACK permitted, 5 SACK, 8 timestamps, 30 MPTCP, 34 Fast Open ...</source>
        <translation>选项类型号（kind，IANA 注册表）：0 EOL，1 NOP，2 MSS，3 窗口扩大，4 允许 SACK，5 SACK，8 时间戳，30 MPTCP，34 Fast Open ……</translation>
    </message>
    <message id="field.tcp.option_len">
        <source>Length of the option in bytes, counting the kind and length bytes.</source>
        <translation>选项长度，单位为字节，包括类型字节和长度字节。</translation>
    </message>
    <message id="field.tcp.non_zero_bytes_after_eol">
        <source>Bytes after End of Option List that are not zero. After EOL there are no more options (RFC 9293 3.1): the rest of the header up to the data offset is padding, which must be zero. A receiver ignores these bytes; a non-zero value usually means a sender or middlebox wrote options past an EOL by mistake.</source>
        <translation>选项列表结束（EOL）之后的非零字节。EOL 之后不再有选项（RFC 9293 3.1）：直到数据偏移处的其余首部都是填充，必须为 0。接收方会忽略这些字节；出现非零值通常说明发送方或中间设备误把选项写在了 EOL 之后。</translation>
    </message>
    <message id="field.tcp.len">
        <source>Payload bytes in this segment: IP total length minus the IP and TCP header lengths.</source>
        <translation>本报文段的载荷字节数：IP 总长度减去 IP 首部长度和 TCP 首部长度。</translation>
    </message>
    <message id="field.tcp.payload">
        <source>The application data carried by this segment.</source>
        <translation>本报文段携带的应用数据。</translation>
    </message>
    <message id="field.tcp.options.eol">
        <source>Marks the end of the options; the rest of the header (to the data offset) is padding.</source>
        <translation>标记选项结束；首部的其余部分（直到数据偏移处）为填充。</translation>
    </message>
    <message id="field.tcp.options.nop">
        <source>A one-byte filler used to align the next option on a 4-byte boundary.</source>
        <translation>单字节填充，用于使下一个选项在 4 字节边界上对齐。</translation>
    </message>
    <message id="field.tcp.options.mss">
        <source>Maximum Segment Size (kind 2, only on SYNs): the largest payload this side wants to receive in one segment, usually the MTU minus 40 (1460 on Ethernet).</source>
        <translation>最大报文段长度 MSS（类型 2，仅出现在 SYN 中）：本端希望在一个报文段中接收的最大载荷，通常为 MTU 减 40（以太网上为 1460）。</translation>
    </message>
    <message id="field.tcp.options.mss_val">
        <source>The largest TCP payload, in bytes, the sender of this SYN is willing to receive.</source>
        <translation>该 SYN 的发送方愿意接收的最大 TCP 载荷，单位为字节。</translation>
    </message>
    <message id="field.tcp.options.wscale">
        <source>Window Scale (RFC 7323, kind 3, only on SYNs): both sides must send it for scaling to be used; afterwards each window field is shifted left by the sender's shift count.</source>
        <translation>窗口扩大选项（RFC 7323，类型 3，仅出现在 SYN 中）：双方都发送它才会启用窗口扩大；此后每个窗口字段都按其发送方的移位计数左移。</translation>
    </message>
    <message id="field.tcp.options.wscale.shift">
        <source>How many bits to shift this side's window values left (at most 14).</source>
        <translation>本端窗口值左移的位数（最多 14）。</translation>
    </message>
    <message id="field.tcp.options.wscale.multiplier">
        <source>2 to the power of the shift count: the factor applied to later window values.</source>
        <translation>2 的移位计数次幂：作用于之后各窗口值的放大因子。</translation>
    </message>
    <message id="field.tcp.options.sack_perm">
        <source>SACK Permitted (RFC 2018, kind 4, only on SYNs): this side can receive selective acknowledgments.</source>
        <translation>允许 SACK 选项（RFC 2018，类型 4，仅出现在 SYN 中）：本端能够接收选择性确认。</translation>
    </message>
    <message id="field.tcp.options.sack">
        <source>Selective Acknowledgment (RFC 2018, kind 5): up to four ranges of bytes received beyond the cumulative ACK, so the sender retransmits only the holes.</source>
        <translation>选择性确认 SACK（RFC 2018，类型 5）：最多四个在累积 ACK 之外已收到的字节范围，使发送方只需重传缺口部分。</translation>
    </message>
    <message id="field.tcp.options.sack_le">
        <source>First sequence number of a block received out of order.</source>
        <translation>乱序到达的数据块的第一个序列号。</translation>
    </message>
    <message id="field.tcp.options.sack_re">
        <source>Sequence number just after the last byte of that block.</source>
        <translation>紧接该数据块最后一个字节之后的序列号。</translation>
    </message>
    <message id="field.tcp.options.sack.count">
        <source>Number of SACK blocks in the option.</source>
        <translation>该选项中 SACK 块的数量。</translation>
    </message>
    <message id="field.tcp.options.timestamp">
        <source>Timestamps (RFC 7323, kind 8): the sender's clock value and the last value received from the peer. Used to measure round-trip time and to protect against wrapped sequence numbers (PAWS).</source>
        <translation>时间戳选项（RFC 7323，类型 8）：发送方的时钟值，以及最近一次从对端收到的值。用于测量往返时间 RTT，并防止序列号回绕（PAWS）。</translation>
    </message>
    <message id="field.tcp.options.timestamp.tsval">
        <source>TSval: the sender's timestamp clock when it sent this segment.</source>
        <translation>TSval：发送方发送本报文段时的时间戳时钟值。</translation>
    </message>
    <message id="field.tcp.options.timestamp.tsecr">
        <source>TSecr: the most recent TSval received from the peer (0 on the first SYN).</source>
        <translation>TSecr：最近一次从对端收到的 TSval（在第一个 SYN 中为 0）。</translation>
    </message>
    <message id="field.tcp.options.md5">
        <source>TCP MD5 Signature (RFC 2385, kind 19): protects BGP sessions with a shared secret.</source>
        <translation>TCP MD5 签名（RFC 2385，类型 19）：用共享密钥保护 BGP 会话。</translation>
    </message>
    <message id="field.tcp.options.md5.digest">
        <source>The 16-byte MD5 digest over the segment and the shared key.</source>
        <translation>对报文段和共享密钥计算的 16 字节 MD5 摘要。</translation>
    </message>
    <message id="field.tcp.options.user_to">
        <source>User Timeout (RFC 5482, kind 28): how long the sender will wait for data to be acknowledged before giving up on the connection.</source>
        <translation>用户超时（RFC 5482，类型 28）：发送方在放弃连接之前，等待数据被确认的时长。</translation>
    </message>
    <message id="field.tcp.options.user_to_granularity">
        <source>Set: the timeout is in minutes; clear: in seconds.</source>
        <translation>置位：超时以分钟为单位；清零：以秒为单位。</translation>
    </message>
    <message id="field.tcp.options.user_to_val">
        <source>The timeout value.</source>
        <translation>超时值。</translation>
    </message>
    <message id="field.tcp.options.ao">
        <source>TCP Authentication Option (RFC 5925, kind 29): MD5's successor, with key IDs.</source>
        <translation>TCP 认证选项（RFC 5925，类型 29）：MD5 选项的后继者，支持密钥 ID。</translation>
    </message>
    <message id="field.tcp.options.ao.keyid">
        <source>Which master key tuple signed this segment.</source>
        <translation>签署本报文段所用的主密钥元组。</translation>
    </message>
    <message id="field.tcp.options.ao.rnextkeyid">
        <source>The key the sender wants to receive next.</source>
        <translation>发送方希望下次接收时使用的密钥。</translation>
    </message>
    <message id="field.tcp.options.ao.mac">
        <source>The message authentication code.</source>
        <translation>消息认证码。</translation>
    </message>
    <message id="field.tcp.options.mptcp">
        <source>Multipath TCP (RFC 8684, kind 30): lets one connection use several paths (subflows); the subtype says which MPTCP signal this is.</source>
        <translation>多路径 TCP（RFC 8684，类型 30）：让一个连接使用多条路径（子流）；子类型说明这是哪种 MPTCP 信令。</translation>
    </message>
    <message id="field.tcp.options.mptcp.subtype">
        <source>MP_CAPABLE, MP_JOIN, DSS, ADD_ADDR, ...</source>
        <translation>MP_CAPABLE、MP_JOIN、DSS、ADD_ADDR ……</translation>
    </message>
    <message id="field.tcp.options.mptcp.version">
        <source>MPTCP protocol version (0: RFC 6824, 1: RFC 8684).</source>
        <translation>MPTCP 协议版本（0：RFC 6824，1：RFC 8684）。</translation>
    </message>
    <message id="field.tcp.options.mptcp.flags">
        <source>Subtype-specific flag bits.</source>
        <translation>与子类型相关的标志位。</translation>
    </message>
    <message id="field.tcp.options.mptcp.sendkey">
        <source>64-bit key the sender uses for this MPTCP connection.</source>
        <translation>发送方在此 MPTCP 连接中使用的 64 位密钥。</translation>
    </message>
    <message id="field.tcp.options.mptcp.recvkey">
        <source>The peer's key, echoed.</source>
        <translation>回显的对端密钥。</translation>
    </message>
    <message id="field.tcp.options.mptcp.recvtok">
        <source>Identifies the MPTCP connection a new subflow joins.</source>
        <translation>标识新子流要加入的 MPTCP 连接。</translation>
    </message>
    <message id="field.tcp.options.mptcp.sendrand">
        <source>Nonce for the join authentication.</source>
        <translation>用于加入认证的随机数（nonce）。</translation>
    </message>
    <message id="field.tcp.options.mptcp.sendtrunchmac">
        <source>Leftmost 64 bits of the join HMAC.</source>
        <translation>加入过程 HMAC 的最左 64 位。</translation>
    </message>
    <message id="field.tcp.options.mptcp.sendhmac">
        <source>160-bit HMAC that completes a join.</source>
        <translation>完成加入过程的 160 位 HMAC。</translation>
    </message>
    <message id="field.tcp.options.mptcp.addrid">
        <source>Identifier of an address of the sender.</source>
        <translation>发送方某个地址的标识符。</translation>
    </message>
    <message id="field.tcp.options.mptcp.rawdataack">
        <source>Connection-level cumulative acknowledgment.</source>
        <translation>连接级的累积确认。</translation>
    </message>
    <message id="field.tcp.options.mptcp.rawdataseqno">
        <source>Connection-level sequence number of the mapped data.</source>
        <translation>所映射数据的连接级序列号。</translation>
    </message>
    <message id="field.tcp.options.mptcp.subflowseqno">
        <source>Subflow-relative sequence number where the mapping starts.</source>
        <translation>映射起始处的子流相对序列号。</translation>
    </message>
    <message id="field.tcp.options.mptcp.datalvllen">
        <source>Length of the data mapping.</source>
        <translation>数据映射的长度。</translation>
    </message>
    <message id="field.tcp.options.mptcp.checksum">
        <source>DSS checksum over the mapping.</source>
        <translation>对该映射计算的 DSS 校验和。</translation>
    </message>
    <message id="field.tcp.options.mptcp.ipver">
        <source>Address family of an advertised address (MPTCP v0).</source>
        <translation>所通告地址的地址族（MPTCP v0）。</translation>
    </message>
    <message id="field.tcp.options.mptcp.ipv4">
        <source>An extra address the peer may open subflows to.</source>
        <translation>对端可以向其建立子流的额外地址。</translation>
    </message>
    <message id="field.tcp.options.mptcp.ipv6">
        <source>An extra address the peer may open subflows to.</source>
        <translation>对端可以向其建立子流的额外地址。</translation>
    </message>
    <message id="field.tcp.options.mptcp.port">
        <source>Port for the advertised address.</source>
        <translation>所通告地址对应的端口。</translation>
    </message>
    <message id="field.tcp.options.mptcp.rst_reason">
        <source>Why the subflow was reset.</source>
        <translation>子流被复位的原因。</translation>
    </message>
    <message id="field.tcp.options.mptcp.addaddrtrunchmac">
        <source>HMAC authenticating the advertised address.</source>
        <translation>用于认证所通告地址的 HMAC。</translation>
    </message>
    <message id="field.tcp.options.tfo">
        <source>TCP Fast Open (RFC 7413, kind 34; as experimental option 254/0xF989 it is filed under tcp.options.experimental): a cookie that lets a returning client send data in its SYN, saving a round trip.</source>
        <translation>TCP Fast Open（RFC 7413，类型 34；作为实验选项 254/0xF989 时归入 tcp.options.experimental）：一个 cookie，使再次连接的客户端可以在 SYN 中发送数据，节省一个往返。</translation>
    </message>
    <message id="field.tcp.options.tfo.request">
        <source>An empty cookie: the client asks the server for a cookie.</source>
        <translation>空 cookie：客户端向服务器请求一个 cookie。</translation>
    </message>
    <message id="field.tcp.options.tfo.cookie">
        <source>The cookie the server issued.</source>
        <translation>服务器签发的 cookie。</translation>
    </message>
    <message id="field.tcp.options.acc_ecn">
        <source>AccECN option (kinds 172/174): byte counters of ECN-marked data received.</source>
        <translation>AccECN 选项（类型 172/174）：对收到的带 ECN 标记的数据按字节计数。</translation>
    </message>
    <message id="field.tcp.options.acc_ecn.ee0b">
        <source>Bytes received marked ECT(0).</source>
        <translation>收到的标记为 ECT(0) 的字节数。</translation>
    </message>
    <message id="field.tcp.options.acc_ecn.eceb">
        <source>Bytes received marked CE (congestion experienced).</source>
        <translation>收到的标记为 CE（经历拥塞）的字节数。</translation>
    </message>
    <message id="field.tcp.options.acc_ecn.ee1b">
        <source>Bytes received marked ECT(1).</source>
        <translation>收到的标记为 ECT(1) 的字节数。</translation>
    </message>
    <message id="field.tcp.options.experimental">
        <source>Experimental option (RFC 4727 kinds 253/254), shared via a 16-bit experiment ID (RFC 6994).</source>
        <translation>实验选项（RFC 4727，类型 253/254），通过 16 位实验 ID 共享（RFC 6994）。</translation>
    </message>
    <message id="field.tcp.options.experimental.exid">
        <source>Which experiment: 0xF989 TCP Fast Open, 0xACC0/0xACC1 AccECN.</source>
        <translation>是哪个实验：0xF989 为 TCP Fast Open，0xACC0/0xACC1 为 AccECN。</translation>
    </message>
    <message id="field.tcp.options.experimental.data">
        <source>Experiment-specific bytes.</source>
        <translation>与具体实验相关的字节。</translation>
    </message>
    <message id="field.tcp.options.unknown">
        <source>An option kind TcpScope does not know. The length byte still lets the rest be read.</source>
        <translation>TcpScope 不认识的选项类型。借助长度字节，仍可读取其余部分。</translation>
    </message>
    <message id="field.tcp.options.unknown.payload">
        <source>The option's bytes after kind and length.</source>
        <translation>选项中类型和长度之后的字节。</translation>
    </message>
    <message id="field.resp">
        <source>RESP: how Redis clients and servers talk. Every element starts with a type byte (+ simple string, - error, : integer, $ bulk string, * array) and ends with CRLF.</source>
        <translation>RESP：Redis 客户端与服务器之间的通信方式。每个元素以一个类型字节开头（+ 简单字符串，- 错误，: 整数，$ 批量字符串，* 数组），以 CRLF 结尾。</translation>
    </message>
    <message id="field.resp.string">
        <source>A simple string ('+'), e.g. the server's +PONG or +OK.</source>
        <translation>简单字符串（'+'），例如服务器的 +PONG 或 +OK。</translation>
    </message>
    <message id="field.resp.error">
        <source>An error reply ('-').</source>
        <translation>错误回复（'-'）。</translation>
    </message>
    <message id="field.resp.integer">
        <source>An integer (':').</source>
        <translation>整数（':'）。</translation>
    </message>
    <message id="field.resp.bulk_string">
        <source>A length-prefixed binary-safe string ('$'): the length line, then the bytes, then CRLF. Commands are sent as arrays of bulk strings.</source>
        <translation>带长度前缀、二进制安全的字符串（'$'）：先是长度行，然后是字节内容，最后是 CRLF。命令以批量字符串数组的形式发送。</translation>
    </message>
    <message id="field.resp.bulk_string.length">
        <source>Number of bytes in the bulk string (-1: a null value).</source>
        <translation>批量字符串的字节数（-1：null 值）。</translation>
    </message>
    <message id="field.resp.bulk_string.value">
        <source>The bulk string's bytes.</source>
        <translation>批量字符串的字节内容。</translation>
    </message>
    <message id="field.resp.array">
        <source>An array ('*'): a count, then that many elements. A command like PING is an array of one bulk string.</source>
        <translation>数组（'*'）：先是元素个数，然后是该数目的元素。像 PING 这样的命令就是只含一个批量字符串的数组。</translation>
    </message>
    <message id="field.resp.array.length">
        <source>Number of elements in the array (-1: a null array).</source>
        <translation>数组中的元素个数（-1：null 数组）。</translation>
    </message>
    <message id="field.http">
        <source>HTTP/1.x: a text request line (method, path, version) or status line (version, code, reason), header lines, an empty line, then the body.</source>
        <translation>HTTP/1.x：文本形式的请求行（方法、路径、版本）或状态行（版本、状态码、原因短语），然后是首部行、一个空行，最后是消息体。</translation>
    </message>
    <message id="field.http.request">
        <source>This is an HTTP request.</source>
        <translation>这是一个 HTTP 请求。</translation>
    </message>
    <message id="field.http.response">
        <source>This is an HTTP response.</source>
        <translation>这是一个 HTTP 响应。</translation>
    </message>
    <message id="field.http.request.method">
        <source>What the client wants done: GET, POST, HEAD, PUT, DELETE...</source>
        <translation>客户端要求执行的操作：GET、POST、HEAD、PUT、DELETE……</translation>
    </message>
    <message id="field.http.request.uri">
        <source>The path (and query) of the resource.</source>
        <translation>资源的路径（及查询字符串）。</translation>
    </message>
    <message id="field.http.request.version">
        <source>HTTP version of the request.</source>
        <translation>请求的 HTTP 版本。</translation>
    </message>
    <message id="field.http.response.version">
        <source>HTTP version of the response.</source>
        <translation>响应的 HTTP 版本。</translation>
    </message>
    <message id="field.http.response.code">
        <source>Three-digit result: 2xx success, 3xx redirect, 4xx client error, 5xx server error.</source>
        <translation>三位数的结果：2xx 成功，3xx 重定向，4xx 客户端错误，5xx 服务器错误。</translation>
    </message>
    <message id="field.http.response.phrase">
        <source>The human-readable reason text after the code.</source>
        <translation>状态码之后供人阅读的原因短语。</translation>
    </message>
    <message id="field.http.request.line">
        <source>One header line of the request.</source>
        <translation>请求中的一个首部行。</translation>
    </message>
    <message id="field.http.response.line">
        <source>One header line of the response.</source>
        <translation>响应中的一个首部行。</translation>
    </message>
    <message id="field.http.host">
        <source>Which site the request is for (several can share one IP address).</source>
        <translation>请求的是哪个网站（多个网站可以共用一个 IP 地址）。</translation>
    </message>
    <message id="field.http.user_agent">
        <source>The client software.</source>
        <translation>客户端软件。</translation>
    </message>
    <message id="field.http.content_type">
        <source>Media type of the body.</source>
        <translation>消息体的媒体类型。</translation>
    </message>
    <message id="field.http.content_length_header">
        <source>Body length in bytes.</source>
        <translation>消息体长度（字节）。</translation>
    </message>
    <message id="field.http.server">
        <source>The server software.</source>
        <translation>服务器软件。</translation>
    </message>
    <message id="field.http.connection">
        <source>keep-alive or close: whether the TCP connection is reused.</source>
        <translation>keep-alive 或 close：TCP 连接是否复用。</translation>
    </message>
    <message id="field.tls">
        <source>TLS encrypts and authenticates a TCP byte stream (HTTPS is HTTP inside TLS). The stream is cut into records; the first ones carry the handshake in the clear: which versions, cipher suites and server name the client asks for, and what the server picks.</source>
        <translation>TLS 对 TCP 字节流进行加密和认证（HTTPS 就是在 TLS 中传输的 HTTP）。字节流被切分成记录；最初的几个记录以明文携带握手：客户端请求哪些版本、密码套件和服务器名称，以及服务器选择了什么。</translation>
    </message>
    <message id="field.tls.record">
        <source>One TLS record: a 5-byte header (content type, version, length) and up to 16 KiB of data. Records do not line up with TCP segments: one segment can hold several records, and a record can go on in the next segments.</source>
        <translation>一个 TLS 记录：5 字节首部（内容类型、版本、长度）和最多 16 KiB 的数据。记录与 TCP 报文段并不对齐：一个报文段可以包含多个记录，一个记录也可以延续到后续的报文段中。</translation>
    </message>
    <message id="field.tls.record.content_type">
        <source>What the record carries: 22 handshake, 20 change cipher spec, 21 alert, 23 application data (encrypted).</source>
        <translation>记录携带的内容：22 握手，20 更改密码规范（change cipher spec），21 告警，23 应用数据（已加密）。</translation>
    </message>
    <message id="field.tls.record.opaque_type">
        <source>In TLS 1.3 every encrypted record says 23 (application data) on the outside; its real type (handshake, alert or data) is inside the encryption, so an observer cannot tell.</source>
        <translation>在 TLS 1.3 中，每个加密记录在外部都标为 23（应用数据）；其真实类型（握手、告警或数据）在加密内容之中，因此旁观者无法分辨。</translation>
    </message>
    <message id="field.tls.record.version">
        <source>The record layer's version. It is not the negotiated version: clients put 0x0301 (TLS 1.0) on their first record and TLS 1.3 keeps 0x0303 for compatibility with middleboxes; the ServerHello says what was really chosen.</source>
        <translation>记录层的版本。它不是协商出的版本：客户端在第一个记录上填 0x0301（TLS 1.0），TLS 1.3 为了与中间设备兼容而保持 0x0303；ServerHello 才表明真正选定的版本。</translation>
    </message>
    <message id="field.tls.record.length">
        <source>Bytes of data after this 5-byte header: at most 2^14 plus 2048 for the encryption's overhead (2^14 + 256 in TLS 1.3).</source>
        <translation>这个 5 字节首部之后的数据字节数：最多为 2^14 再加上用于加密开销的 2048（TLS 1.3 中为 2^14 + 256）。</translation>
    </message>
    <message id="field.tls.change_cipher_spec">
        <source>From here on this side encrypts with the keys just agreed. Up to TLS 1.2 the Finished message after it is the first encrypted one; TLS 1.3 sends it only to look like TLS 1.2 to middleboxes.</source>
        <translation>从这里开始，这一方使用刚刚协商好的密钥加密。在 TLS 1.2 及更早版本中，其后的 Finished 消息是第一条加密消息；TLS 1.3 发送它只是为了让中间设备把它看作 TLS 1.2。</translation>
    </message>
    <message id="field.tls.alert_message">
        <source>A warning or error about the connection, or close_notify (an orderly end). Once keys are in use alerts are encrypted too: then only their size shows.</source>
        <translation>关于连接的警告或错误，或者 close_notify（正常结束）。一旦开始使用密钥，告警也会被加密：这时只能看到其大小。</translation>
    </message>
    <message id="field.tls.alert_message.level">
        <source>1 warning, 2 fatal: after a fatal alert both sides close the connection.</source>
        <translation>1 警告，2 致命：致命告警之后，双方都关闭连接。</translation>
    </message>
    <message id="field.tls.alert_message.desc">
        <source>Why: e.g. 40 handshake failure (no cipher suite in common), 42 bad certificate, 70 protocol version, 0 close notify.</source>
        <translation>原因：例如 40 handshake failure（握手失败，没有共同的密码套件），42 bad certificate（证书错误），70 protocol version（协议版本），0 close notify。</translation>
    </message>
    <message id="field.tls.app_data">
        <source>The protected data (an HTTP request, say), encrypted with its authentication tag: without the session keys only its length is visible.</source>
        <translation>受保护的数据（例如一个 HTTP 请求），连同其认证标签一起加密：没有会话密钥就只能看到它的长度。</translation>
    </message>
    <message id="field.tls.handshake">
        <source>One handshake message: a 1-byte type and a 3-byte length, then its body. The handshake agrees on version, cipher suite and keys, and authenticates the server.</source>
        <translation>一条握手消息：1 字节类型和 3 字节长度，然后是消息体。握手协商版本、密码套件和密钥，并对服务器进行认证。</translation>
    </message>
    <message id="field.tls.handshake.type">
        <source>Which message: 1 Client Hello, 2 Server Hello, 11 Certificate, 16 Client Key Exchange, 20 Finished...</source>
        <translation>哪种消息：1 Client Hello，2 Server Hello，11 Certificate，16 Client Key Exchange，20 Finished……</translation>
    </message>
    <message id="field.tls.handshake.length">
        <source>Bytes of the message body after this 4-byte header. A message may be longer than its record and continue in the next record.</source>
        <translation>这个 4 字节首部之后的消息体字节数。一条消息可以比其所在的记录更长，并延续到下一个记录中。</translation>
    </message>
    <message id="field.tls.handshake.version">
        <source>In a Client Hello the highest version the client supports, in a Server Hello the one chosen. TLS 1.3 freezes both at 0x0303 (TLS 1.2) and negotiates in the supported_versions extension instead, because old servers broke on new numbers.</source>
        <translation>在 Client Hello 中是客户端支持的最高版本，在 Server Hello 中是选定的版本。TLS 1.3 把两者都固定为 0x0303（TLS 1.2），改在 supported_versions 扩展中协商，因为旧服务器遇到新的版本号会出错。</translation>
    </message>
    <message id="field.tls.handshake.random">
        <source>32 fresh random bytes from each side, mixed into the keys so every session's keys differ. A Server Hello with one special value is a Hello Retry Request.</source>
        <translation>双方各自新生成的 32 个随机字节，混入密钥之中，使每个会话的密钥都不相同。带有某个特殊值的 Server Hello 就是 Hello Retry Request。</translation>
    </message>
    <message id="field.tls.handshake.session_id_length">
        <source>Bytes of session ID that follow (at most 32; 0: none).</source>
        <translation>后面会话 ID 的字节数（最多 32；0：没有）。</translation>
    </message>
    <message id="field.tls.handshake.session_id">
        <source>Up to TLS 1.2 it names a session the client wants to resume (skipping most of the handshake). TLS 1.3 clients send a random one so the hello looks like TLS 1.2's.</source>
        <translation>在 TLS 1.2 及更早版本中，它指明客户端想要恢复的会话（可跳过握手的大部分步骤）。TLS 1.3 客户端发送一个随机值，使 hello 看起来像 TLS 1.2 的 hello。</translation>
    </message>
    <message id="field.tls.handshake.cipher_suites_length">
        <source>Bytes of cipher suite list: two per suite.</source>
        <translation>密码套件列表的字节数：每个套件 2 字节。</translation>
    </message>
    <message id="field.tls.handshake.ciphersuites">
        <source>The cipher suites the client accepts, most preferred first.</source>
        <translation>客户端接受的密码套件，最优先的排在最前。</translation>
    </message>
    <message id="field.tls.handshake.ciphersuite">
        <source>A set of algorithms: up to TLS 1.2 key exchange, authentication, cipher and hash (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); in TLS 1.3 only cipher and hash (TLS_AES_128_GCM_SHA256). The server picks one of the client's.</source>
        <translation>一组算法：在 TLS 1.2 及更早版本中包括密钥交换、认证、加密和哈希算法（TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256）；在 TLS 1.3 中只有加密和哈希算法（TLS_AES_128_GCM_SHA256）。服务器从客户端提供的套件中选出一个。</translation>
    </message>
    <message id="field.tls.handshake.comp_methods_length">
        <source>Bytes of compression method list, one per method.</source>
        <translation>压缩方法列表的字节数，每种方法 1 字节。</translation>
    </message>
    <message id="field.tls.handshake.comp_methods">
        <source>The compression methods the client accepts.</source>
        <translation>客户端接受的压缩方法。</translation>
    </message>
    <message id="field.tls.handshake.comp_method">
        <source>0 (none) in practice: compressing before encrypting leaks secrets through the length (the CRIME attack), and TLS 1.3 forbids it.</source>
        <translation>实际上总是 0（不压缩）：先压缩再加密会通过长度泄露机密（CRIME 攻击），TLS 1.3 禁止压缩。</translation>
    </message>
    <message id="field.tls.handshake.extensions_length">
        <source>Bytes of extensions to the end of the hello.</source>
        <translation>扩展部分的字节数，一直到 hello 结束。</translation>
    </message>
    <message id="field.tls.handshake.extension">
        <source>One hello extension: a type, a length and its data. Extensions carry most of what is negotiated today: server name, versions, key shares, ALPN. (Wireshark shows this node without a field of its own.)</source>
        <translation>一个 hello 扩展：类型、长度及其数据。如今大多数协商内容都由扩展携带：服务器名称、版本、密钥共享、ALPN。（Wireshark 显示这个节点，但没有为它单独设字段。）</translation>
    </message>
    <message id="field.tls.handshake.extension.type">
        <source>Which extension (IANA's registry): 0 server_name, 10 supported_groups, 43 supported_versions, 51 key_share...</source>
        <translation>哪个扩展（IANA 注册表）：0 server_name，10 supported_groups，43 supported_versions，51 key_share……</translation>
    </message>
    <message id="field.tls.handshake.extension.len">
        <source>Bytes of extension data that follow.</source>
        <translation>后面扩展数据的字节数。</translation>
    </message>
    <message id="field.tls.handshake.extension.data">
        <source>The extension's data, for extensions not decoded field by field here.</source>
        <translation>扩展的数据，用于此处没有逐字段解码的扩展。</translation>
    </message>
    <message id="field.tls.handshake.extensions_server_name_list_len">
        <source>Bytes of server name list.</source>
        <translation>服务器名称列表的字节数。</translation>
    </message>
    <message id="field.tls.handshake.extensions_server_name_type">
        <source>0: a DNS host name (the only type defined).</source>
        <translation>0：DNS 主机名（唯一定义的类型）。</translation>
    </message>
    <message id="field.tls.handshake.extensions_server_name_len">
        <source>Bytes of the name.</source>
        <translation>名称的字节数。</translation>
    </message>
    <message id="field.tls.handshake.extensions_server_name">
        <source>Server Name Indication (SNI, RFC 6066): the host name the client wants, so one IP address can serve many sites with their own certificates. It travels in the clear: anyone on the path sees which site is visited, even though the rest is encrypted.</source>
        <translation>服务器名称指示（SNI，RFC 6066）：客户端要访问的主机名，使一个 IP 地址可以承载多个网站，各自使用自己的证书。它以明文传输：尽管其余内容都已加密，路径上的任何人都能看到访问的是哪个网站。</translation>
    </message>
    <message id="field.tls.handshake.extensions.supported_versions_len">
        <source>Bytes of version list, two per version.</source>
        <translation>版本列表的字节数，每个版本 2 字节。</translation>
    </message>
    <message id="field.tls.handshake.extensions.supported_version">
        <source>supported_versions (RFC 8446 4.2.1): in a Client Hello the versions the client speaks, in a Server Hello the one chosen. This, not the Version field, is how TLS 1.3 is negotiated: 0x0304 here means TLS 1.3.</source>
        <translation>supported_versions（RFC 8446 4.2.1）：在 Client Hello 中是客户端支持的版本，在 Server Hello 中是选定的版本。TLS 1.3 靠它而不是 Version 字段来协商：此处的 0x0304 表示 TLS 1.3。</translation>
    </message>
    <message id="field.tls.handshake.extensions_supported_groups_length">
        <source>Bytes of group list, two per group.</source>
        <translation>组列表的字节数，每个组 2 字节。</translation>
    </message>
    <message id="field.tls.handshake.extensions_supported_groups">
        <source>The key exchange groups the client supports, most preferred first.</source>
        <translation>客户端支持的密钥交换组，最优先的排在最前。</translation>
    </message>
    <message id="field.tls.handshake.extensions_supported_group">
        <source>An elliptic curve (x25519, secp256r1) or finite field group (ffdhe2048) for the Diffie-Hellman key exchange that gives the session keys forward secrecy.</source>
        <translation>一条椭圆曲线（x25519、secp256r1）或一个有限域群（ffdhe2048），用于 Diffie-Hellman 密钥交换，使会话密钥具有前向保密性。</translation>
    </message>
    <message id="field.tls.handshake.certificates_length">
        <source>Bytes of the certificate chain.</source>
        <translation>证书链的字节数。</translation>
    </message>
    <message id="field.tls.handshake.certificates">
        <source>The server's certificate chain, its own certificate first, then the intermediates toward a root the client trusts. Up to TLS 1.2 it is sent in the clear; TLS 1.3 encrypts it.</source>
        <translation>服务器的证书链：先是服务器自己的证书，然后是通往客户端所信任的根证书的各个中间证书。在 TLS 1.2 及更早版本中以明文发送；TLS 1.3 会对其加密。</translation>
    </message>
    <message id="field.tls.handshake.certificate_length">
        <source>Bytes of this certificate.</source>
        <translation>这张证书的字节数。</translation>
    </message>
    <message id="field.tls.handshake.certificate">
        <source>One X.509 certificate (DER): a name and a public key, signed by an issuer.</source>
        <translation>一张 X.509 证书（DER）：一个名称和一个公钥，由签发者签名。</translation>
    </message>
    <message id="field.tls.handshake.cipher_spec_len">
        <source>SSL 2.0 hello: bytes of cipher spec list, three per spec.</source>
        <translation>SSL 2.0 hello：密码规格列表的字节数，每个规格 3 字节。</translation>
    </message>
    <message id="field.tls.handshake.challenge_length">
        <source>SSL 2.0 hello: bytes of challenge (the client's random, 16 to 32).</source>
        <translation>SSL 2.0 hello：质询（challenge）的字节数（即客户端的随机数，16 到 32）。</translation>
    </message>
    <message id="field.tls.handshake.cipherspec">
        <source>SSL 2.0's three-byte cipher code. A client that also speaks SSL 3.0 or TLS lists their suites here as 0x00 followed by the suite's number.</source>
        <translation>SSL 2.0 的 3 字节密码代码。同时支持 SSL 3.0 或 TLS 的客户端也在这里列出它们的套件，形式为 0x00 后接套件编号。</translation>
    </message>
    <message id="field.tls.handshake.challenge">
        <source>SSL 2.0 hello: the client's random bytes (its Random, for SSL 3.0 and TLS).</source>
        <translation>SSL 2.0 hello：客户端的随机字节（对 SSL 3.0 和 TLS 而言即其 Random）。</translation>
    </message>
    <message id="field.udp">
        <source>UDP: ports and a length, no connection, no order, no retransmission. TcpScope reads it to follow the tunnels that ride on it (VXLAN, Geneve, GTP-U, L2TP) down to TCP.</source>
        <translation>UDP：只有端口和长度，无连接、不保证顺序、不重传。TcpScope 解析它，是为了沿着在其上传输的隧道（VXLAN、Geneve、GTP-U、L2TP）一路解析到 TCP。</translation>
    </message>
    <message id="field.udp.srcport">
        <source>Port of the sending application (tunnel endpoints often vary it per flow so that routers spread the flows over their links).</source>
        <translation>发送方应用程序的端口（隧道端点常按流改变它，使路由器把各个流分散到不同链路上）。</translation>
    </message>
    <message id="field.udp.dstport">
        <source>Port of the receiving application: 4789 VXLAN, 6081 Geneve, 2152 GTP-U, 1701 L2TP.</source>
        <translation>接收方应用程序的端口：4789 为 VXLAN，6081 为 Geneve，2152 为 GTP-U，1701 为 L2TP。</translation>
    </message>
    <message id="field.udp.length">
        <source>Length of the UDP header (8 bytes) and its payload.</source>
        <translation>UDP 首部（8 字节）及其载荷的长度。</translation>
    </message>
    <message id="field.udp.checksum">
        <source>Checksum over a pseudo-header, the UDP header and the payload; 0 over IPv4 means none was computed (tunnels often leave it 0).</source>
        <translation>对伪首部、UDP 首部和载荷计算的校验和；在 IPv4 上为 0 表示未计算校验和（隧道常将其置为 0）。</translation>
    </message>
    <message id="field.udp.payload">
        <source>The datagram's data, for a port TcpScope does not decode.</source>
        <translation>数据报的数据，其端口 TcpScope 不解码。</translation>
    </message>
    <message id="field.gre">
        <source>GRE wraps one packet in another: routers at both ends of the tunnel add and remove it. The Protocol Type says what is inside (IPv4, IPv6, Ethernet...).</source>
        <translation>GRE 把一个数据包封装在另一个数据包中：隧道两端的路由器负责添加和去除这层封装。Protocol Type 字段说明内部是什么（IPv4、IPv6、以太网……）。</translation>
    </message>
    <message id="field.gre.flags_and_version">
        <source>Which optional fields follow (checksum, key, sequence number) and the GRE version (0; 1 for PPTP's enhanced GRE).</source>
        <translation>后面跟随哪些可选字段（校验和、Key、序列号）以及 GRE 版本（0；PPTP 的增强型 GRE 为 1）。</translation>
    </message>
    <message id="field.gre.flags.checksum">
        <source>A checksum and an offset field follow.</source>
        <translation>后面跟随校验和字段和偏移字段。</translation>
    </message>
    <message id="field.gre.flags.routing">
        <source>Source routing entries follow (RFC 1701, obsolete).</source>
        <translation>后面跟随源路由条目（RFC 1701，已废弃）。</translation>
    </message>
    <message id="field.gre.flags.key">
        <source>A 4-byte key follows: it tells flows (or NVGRE virtual networks) apart.</source>
        <translation>后面跟随一个 4 字节的 Key：用于区分不同的流（或 NVGRE 虚拟网络）。</translation>
    </message>
    <message id="field.gre.flags.sequence_number">
        <source>A sequence number follows.</source>
        <translation>后面跟随序列号。</translation>
    </message>
    <message id="field.gre.flags.strict_source_route">
        <source>Strict source routing (RFC 1701, obsolete).</source>
        <translation>严格源路由（RFC 1701，已废弃）。</translation>
    </message>
    <message id="field.gre.flags.recursion_control">
        <source>How many more encapsulations are allowed (RFC 1701, obsolete).</source>
        <translation>还允许再封装多少层（RFC 1701，已废弃）。</translation>
    </message>
    <message id="field.gre.flags.ack">
        <source>PPTP's enhanced GRE: an acknowledgment number follows.</source>
        <translation>PPTP 的增强型 GRE：后面跟随确认号。</translation>
    </message>
    <message id="field.gre.flags.reserved">
        <source>Reserved, zero.</source>
        <translation>保留，为 0。</translation>
    </message>
    <message id="field.gre.flags.version">
        <source>0 for GRE; 1 for PPTP's enhanced GRE.</source>
        <translation>0 为 GRE；1 为 PPTP 的增强型 GRE。</translation>
    </message>
    <message id="field.gre.proto">
        <source>An EtherType: what the tunnel carries (0x0800 IPv4, 0x6558 Ethernet).</source>
        <translation>一个 EtherType：隧道承载的内容（0x0800 为 IPv4，0x6558 为以太网）。</translation>
    </message>
    <message id="field.gre.checksum">
        <source>Internet checksum over the GRE header and payload.</source>
        <translation>覆盖 GRE 首部和载荷的因特网校验和。</translation>
    </message>
    <message id="field.gre.offset">
        <source>Where the routing entries start (RFC 1701).</source>
        <translation>路由条目的起始位置（RFC 1701）。</translation>
    </message>
    <message id="field.gre.key">
        <source>Identifies a flow within the tunnel (RFC 2890); NVGRE puts a 24-bit virtual subnet ID and an 8-bit flow ID here. TcpScope keys connections by it.</source>
        <translation>标识隧道中的一条流（RFC 2890）；NVGRE 在此放置 24 位虚拟子网 ID 和 8 位流 ID。TcpScope 用它来区分连接。</translation>
    </message>
    <message id="field.gre.key.payload_length">
        <source>PPTP: length of the payload, without the GRE header.</source>
        <translation>PPTP：载荷的长度，不含 GRE 首部。</translation>
    </message>
    <message id="field.gre.key.call_id">
        <source>PPTP: the peer's call ID for this session.</source>
        <translation>PPTP：对端用于此会话的呼叫 ID（call ID）。</translation>
    </message>
    <message id="field.gre.sequence_number">
        <source>Counts the packets of the tunnel, so the receiver can see loss and order.</source>
        <translation>对隧道中的数据包计数，使接收方能够发现丢包和乱序。</translation>
    </message>
    <message id="field.gre.ack_number">
        <source>PPTP: the highest sequence number received.</source>
        <translation>PPTP：已收到的最大序列号。</translation>
    </message>
    <message id="field.gre.wccp.redirect_header">
        <source>WCCP's 4-byte redirect header before the redirected IPv4 packet.</source>
        <translation>WCCP 的 4 字节重定向首部，位于被重定向的 IPv4 数据包之前。</translation>
    </message>
    <message id="field.gre.wccp.service_id">
        <source>The WCCP service group that redirected the packet.</source>
        <translation>重定向该数据包的 WCCP 服务组。</translation>
    </message>
    <message id="field.gre.wccp.alternative_bucket">
        <source>Alternative hash bucket.</source>
        <translation>备用哈希桶。</translation>
    </message>
    <message id="field.gre.wccp.primary_bucket">
        <source>Primary hash bucket.</source>
        <translation>主哈希桶。</translation>
    </message>
    <message id="field.erspan">
        <source>A switch's mirrored copy of a frame, sent inside GRE to an analyser.</source>
        <translation>交换机对一个帧的镜像副本，封装在 GRE 中发送给分析设备。</translation>
    </message>
    <message id="field.erspan.version">
        <source>1 for type II, 2 for type III.</source>
        <translation>1 表示类型 II，2 表示类型 III。</translation>
    </message>
    <message id="field.erspan.vlan">
        <source>VLAN of the mirrored frame.</source>
        <translation>被镜像帧的 VLAN。</translation>
    </message>
    <message id="field.erspan.cos">
        <source>Class of service of the mirrored frame.</source>
        <translation>被镜像帧的服务类别。</translation>
    </message>
    <message id="field.erspan.encap">
        <source>Type II: how the frame was tagged when it was mirrored.</source>
        <translation>类型 II：该帧被镜像时带有何种标签。</translation>
    </message>
    <message id="field.erspan.truncated">
        <source>The mirrored frame was cut to fit.</source>
        <translation>被镜像的帧已被截短，以便放得下。</translation>
    </message>
    <message id="field.erspan.spanid">
        <source>The mirroring session.</source>
        <translation>镜像会话。</translation>
    </message>
    <message id="field.erspan.index">
        <source>Type II: port index of the mirrored frame.</source>
        <translation>类型 II：被镜像帧的端口索引。</translation>
    </message>
    <message id="field.erspan.timestamp">
        <source>Type III: when the frame was mirrored.</source>
        <translation>类型 III：该帧被镜像的时间。</translation>
    </message>
    <message id="field.erspan.sgt">
        <source>Type III: security group of the mirrored frame.</source>
        <translation>类型 III：被镜像帧的安全组。</translation>
    </message>
    <message id="field.erspan.p">
        <source>Type III: the payload is an Ethernet frame.</source>
        <translation>类型 III：载荷是一个以太网帧。</translation>
    </message>
    <message id="field.erspan.ft">
        <source>Type III: 0 Ethernet, 2 IP.</source>
        <translation>类型 III：0 为以太网，2 为 IP。</translation>
    </message>
    <message id="field.erspan.hw">
        <source>Type III: the mirroring hardware.</source>
        <translation>类型 III：执行镜像的硬件。</translation>
    </message>
    <message id="field.erspan.direction">
        <source>Type III: mirrored on ingress (0) or egress (1).</source>
        <translation>类型 III：在入方向（0）还是出方向（1）镜像。</translation>
    </message>
    <message id="field.erspan.gra">
        <source>Type III: the timestamp's unit.</source>
        <translation>类型 III：时间戳的单位。</translation>
    </message>
    <message id="field.erspan.o">
        <source>Type III: an 8-byte platform sub-header follows.</source>
        <translation>类型 III：后面跟随一个 8 字节的平台子首部。</translation>
    </message>
    <message id="field.vxlan">
        <source>VXLAN carries Ethernet frames inside UDP (port 4789) between the hosts of a data centre; the VNI names the virtual network. TcpScope keys connections by it.</source>
        <translation>VXLAN 在数据中心的主机之间用 UDP（端口 4789）承载以太网帧；VNI 标识虚拟网络。TcpScope 用它来区分连接。</translation>
    </message>
    <message id="field.vxlan.flags">
        <source>0x0800 (the I flag): the VNI is valid. Other bits are reserved or extensions.</source>
        <translation>0x0800（I 标志位）：VNI 有效。其他位为保留位或用于扩展。</translation>
    </message>
    <message id="field.vxlan.flag_i">
        <source>The VNI field is valid.</source>
        <translation>VNI 字段有效。</translation>
    </message>
    <message id="field.vxlan.gbp">
        <source>Reserved in RFC 7348; the group-based-policy extension puts a policy ID here.</source>
        <translation>在 RFC 7348 中为保留字段；基于组的策略（group-based policy）扩展在此放置策略 ID。</translation>
    </message>
    <message id="field.vxlan.vni">
        <source>Which virtual network the frame belongs to: equal inner addresses in two VNIs are two different hosts.</source>
        <translation>该帧属于哪个虚拟网络：两个 VNI 中内层地址相同的，是两台不同的主机。</translation>
    </message>
    <message id="field.vxlan.reserved8">
        <source>Reserved, zero.</source>
        <translation>保留，为 0。</translation>
    </message>
    <message id="field.geneve">
        <source>Geneve carries Ethernet or IP inside UDP (port 6081) with a virtual network ID and optional metadata (options).</source>
        <translation>Geneve 用 UDP（端口 6081）承载以太网或 IP，并带有虚拟网络 ID 和可选的元数据（选项）。</translation>
    </message>
    <message id="field.geneve.version">
        <source>Geneve version, 0.</source>
        <translation>Geneve 版本，为 0。</translation>
    </message>
    <message id="field.geneve.flags">
        <source>O: an OAM (control) frame; C: critical options are present.</source>
        <translation>O：OAM（控制）帧；C：存在关键选项。</translation>
    </message>
    <message id="field.geneve.flags.oam">
        <source>A control message, not a data frame.</source>
        <translation>控制消息，而不是数据帧。</translation>
    </message>
    <message id="field.geneve.flags.critical">
        <source>An option the receiver must understand is present.</source>
        <translation>存在接收方必须理解的选项。</translation>
    </message>
    <message id="field.geneve.proto_type">
        <source>An EtherType: 0x6558 Ethernet, 0x0800 IPv4, 0x86DD IPv6.</source>
        <translation>一个 EtherType：0x6558 为以太网，0x0800 为 IPv4，0x86DD 为 IPv6。</translation>
    </message>
    <message id="field.geneve.vni">
        <source>The virtual network. Open vSwitch may use a different one per direction, so TcpScope does not key connections by it.</source>
        <translation>虚拟网络。Open vSwitch 可能在每个方向使用不同的 VNI，因此 TcpScope 不用它来区分连接。</translation>
    </message>
    <message id="field.geneve.reserved">
        <source>Reserved, zero.</source>
        <translation>保留，为 0。</translation>
    </message>
    <message id="field.geneve.options">
        <source>Type-length-value metadata: the option length field counts them in 4-byte words.</source>
        <translation>类型-长度-值（TLV）形式的元数据：选项长度字段以 4 字节字为单位对其计数。</translation>
    </message>
    <message id="field.geneve.option.class">
        <source>Who defined the option (0x0100 Linux, 0x0101 Open vSwitch, ...).</source>
        <translation>选项由谁定义（0x0100 Linux，0x0101 Open vSwitch，……）。</translation>
    </message>
    <message id="field.geneve.option.type">
        <source>The option within its class; the high bit marks it critical.</source>
        <translation>选项在其类别中的类型；最高位表示它是关键选项。</translation>
    </message>
    <message id="field.geneve.option.length">
        <source>In the header: the options' length (counted in 4-byte words on the wire). In an option: the option's length with its 4-byte header.</source>
        <translation>在首部中：各选项的长度（线路上以 4 字节字为单位计数）。在选项中：该选项的长度，包括其 4 字节首部。</translation>
    </message>
    <message id="field.gtp">
        <source>GTP-U carries a mobile phone's IP packets between the radio network and the core (UDP port 2152); the TEID names the subscriber's tunnel.</source>
        <translation>GTP-U 在无线接入网与核心网之间承载手机的 IP 数据包（UDP 端口 2152）；TEID 标识用户的隧道。</translation>
    </message>
    <message id="field.gtp.flags">
        <source>Version, protocol type, and which optional fields follow.</source>
        <translation>版本、协议类型，以及后面跟随哪些可选字段。</translation>
    </message>
    <message id="field.gtp.flags.version">
        <source>1 for GTPv1 (GTP-U).</source>
        <translation>1 表示 GTPv1（GTP-U）。</translation>
    </message>
    <message id="field.gtp.flags.payload">
        <source>1: GTP (0: GTP').</source>
        <translation>1：GTP（0：GTP'）。</translation>
    </message>
    <message id="field.gtp.flags.e">
        <source>Extension headers follow.</source>
        <translation>后面跟随扩展首部。</translation>
    </message>
    <message id="field.gtp.flags.s">
        <source>The sequence number is meaningful.</source>
        <translation>序列号有意义。</translation>
    </message>
    <message id="field.gtp.flags.pn">
        <source>The N-PDU number is meaningful.</source>
        <translation>N-PDU 编号有意义。</translation>
    </message>
    <message id="field.gtp.message">
        <source>255 (T-PDU): a user's packet follows.</source>
        <translation>255（T-PDU）：后面跟随一个用户数据包。</translation>
    </message>
    <message id="field.gtp.length">
        <source>Length after the first 8 bytes of the header.</source>
        <translation>首部前 8 个字节之后的长度。</translation>
    </message>
    <message id="field.gtp.teid">
        <source>Tunnel endpoint identifier, chosen by the receiving end: each direction of a subscriber's tunnel has its own.</source>
        <translation>隧道端点标识符，由接收端选定：用户隧道的每个方向都有各自的 TEID。</translation>
    </message>
    <message id="field.gtp.seq_number">
        <source>Sequence number of the tunnelled packet.</source>
        <translation>隧道内数据包的序列号。</translation>
    </message>
    <message id="field.gtp.npdu_number">
        <source>N-PDU number (used across handovers).</source>
        <translation>N-PDU 编号（在切换过程中使用）。</translation>
    </message>
    <message id="field.gtp.ext_hdr.next">
        <source>Type of the extension header that follows; 0: none.</source>
        <translation>后面扩展首部的类型；0：没有。</translation>
    </message>
    <message id="field.gtp.ext_hdr.length">
        <source>Length of the extension header in 4-byte units.</source>
        <translation>扩展首部的长度，以 4 字节为单位。</translation>
    </message>
    <message id="field.l2tp">
        <source>L2TP carries PPP sessions inside UDP (port 1701), as broadband access networks and VPNs do.</source>
        <translation>L2TP 在 UDP（端口 1701）中承载 PPP 会话，宽带接入网和 VPN 就是这样使用的。</translation>
    </message>
    <message id="field.l2tp.type">
        <source>0: a data message (PPP follows); 1: a control message.</source>
        <translation>0：数据消息（后面是 PPP）；1：控制消息。</translation>
    </message>
    <message id="field.l2tp.length_bit">
        <source>A length field follows.</source>
        <translation>后面跟随长度字段。</translation>
    </message>
    <message id="field.l2tp.seq_bit">
        <source>Ns and Nr follow.</source>
        <translation>后面跟随 Ns 和 Nr。</translation>
    </message>
    <message id="field.l2tp.offset_bit">
        <source>An offset size field follows.</source>
        <translation>后面跟随偏移量大小字段。</translation>
    </message>
    <message id="field.l2tp.priority">
        <source>Data message to be treated first.</source>
        <translation>需要优先处理的数据消息。</translation>
    </message>
    <message id="field.l2tp.version">
        <source>2 for L2TPv2.</source>
        <translation>2 表示 L2TPv2。</translation>
    </message>
    <message id="field.l2tp.length">
        <source>Length of the message.</source>
        <translation>消息的长度。</translation>
    </message>
    <message id="field.l2tp.tunnel">
        <source>The receiving end's identifier of the tunnel.</source>
        <translation>接收端为该隧道使用的标识符。</translation>
    </message>
    <message id="field.l2tp.session">
        <source>The receiving end's identifier of the session within the tunnel.</source>
        <translation>接收端为隧道内该会话使用的标识符。</translation>
    </message>
    <message id="field.l2tp.Ns">
        <source>Sequence number of this message.</source>
        <translation>本消息的序列号。</translation>
    </message>
    <message id="field.l2tp.Nr">
        <source>Next sequence number expected.</source>
        <translation>期望收到的下一个序列号。</translation>
    </message>
    <message id="field.l2tp.offset">
        <source>Padding bytes before the PPP frame.</source>
        <translation>PPP 帧之前的填充字节。</translation>
    </message>
    <message id="field.ah">
        <source>IPsec AH signs the packet (an integrity check value) but does not encrypt it: the TCP inside is readable.</source>
        <translation>IPsec AH 对数据包进行签名（完整性校验值），但不加密：其中的 TCP 可以直接读取。</translation>
    </message>
    <message id="field.ah.next_header">
        <source>The protocol after AH (6: TCP).</source>
        <translation>AH 之后的协议（6：TCP）。</translation>
    </message>
    <message id="field.ah.length">
        <source>AH's length in 4-byte words, minus 2.</source>
        <translation>AH 的长度，以 4 字节字为单位，再减 2。</translation>
    </message>
    <message id="field.ah.spi">
        <source>Security parameter index: which security association signed it.</source>
        <translation>安全参数索引：哪个安全关联对它进行了签名。</translation>
    </message>
    <message id="field.ah.sequence">
        <source>Anti-replay sequence number.</source>
        <translation>防重放序列号。</translation>
    </message>
    <message id="field.ah.icv">
        <source>Integrity check value (the signature).</source>
        <translation>完整性校验值（即签名）。</translation>
    </message>
    <message id="field.esp">
        <source>IPsec ESP encrypts what it carries: the TCP inside cannot be read without the keys.</source>
        <translation>IPsec ESP 对其承载的内容进行加密：没有密钥就无法读取其中的 TCP。</translation>
    </message>
    <message id="field.esp.spi">
        <source>Security parameter index: which security association encrypted it.</source>
        <translation>安全参数索引：哪个安全关联对它进行了加密。</translation>
    </message>
    <message id="field.esp.sequence">
        <source>Anti-replay sequence number.</source>
        <translation>防重放序列号。</translation>
    </message>
    <message id="field.mpls">
        <source>MPLS: routers forward the packet by a label instead of its IP address. Labels stack; the last one has the Bottom of Stack bit set, and the packet inside follows it.</source>
        <translation>MPLS：路由器根据标签而不是 IP 地址转发数据包。标签可以堆叠；最后一个标签的栈底（Bottom of Stack）位被置位，其后紧跟内层数据包。</translation>
    </message>
    <message id="field.mpls.label">
        <source>The label that decides where the next router sends the packet.</source>
        <translation>决定下一台路由器把数据包发往何处的标签。</translation>
    </message>
    <message id="field.mpls.exp">
        <source>Traffic class (called EXP before RFC 5462): the packet's priority.</source>
        <translation>流量类别（在 RFC 5462 之前称为 EXP）：数据包的优先级。</translation>
    </message>
    <message id="field.mpls.bottom">
        <source>1: the last label; the packet inside follows.</source>
        <translation>1：最后一个标签；其后是内层数据包。</translation>
    </message>
    <message id="field.mpls.ttl">
        <source>Hops left, as IP's TTL.</source>
        <translation>剩余跳数，与 IP 的 TTL 相同。</translation>
    </message>
    <message id="field.ppp">
        <source>PPP frames packets on a point-to-point link (serial lines, DSL through PPPoE, L2TP and PPTP tunnels); the protocol field says what is inside.</source>
        <translation>PPP 在点对点链路（串行线路、经 PPPoE 的 DSL、L2TP 和 PPTP 隧道）上把数据包封装成帧；协议字段说明内部是什么。</translation>
    </message>
    <message id="field.ppp.address">
        <source>HDLC address, always 0xff (all stations).</source>
        <translation>HDLC 地址，总是 0xff（所有站）。</translation>
    </message>
    <message id="field.ppp.control">
        <source>HDLC control, always 0x03 (unnumbered information).</source>
        <translation>HDLC 控制字段，总是 0x03（无编号信息）。</translation>
    </message>
    <message id="field.ppp.protocol">
        <source>What the frame carries: 0x0021 IPv4, 0x0057 IPv6, 0x0281 MPLS, 0xc021 LCP.</source>
        <translation>帧承载的内容：0x0021 为 IPv4，0x0057 为 IPv6，0x0281 为 MPLS，0xc021 为 LCP。</translation>
    </message>
    <message id="field.pppoes">
        <source>PPPoE carries a PPP session over Ethernet, as DSL and fibre access networks do; the session ID names the subscriber's session.</source>
        <translation>PPPoE 在以太网上承载 PPP 会话，DSL 和光纤接入网就是这样使用的；会话 ID 标识用户的会话。</translation>
    </message>
    <message id="field.pppoe.version">
        <source>PPPoE version, 1.</source>
        <translation>PPPoE 版本，为 1。</translation>
    </message>
    <message id="field.pppoe.type">
        <source>PPPoE type, 1.</source>
        <translation>PPPoE 类型，为 1。</translation>
    </message>
    <message id="field.pppoe.code">
        <source>0 in a session: PPP follows.</source>
        <translation>在会话中为 0：后面是 PPP。</translation>
    </message>
    <message id="field.pppoe.session_id">
        <source>The session, fixed during the discovery stage.</source>
        <translation>会话，在发现阶段确定。</translation>
    </message>
    <message id="field.pppoe.payload_length">
        <source>Length of the PPP frame that follows.</source>
        <translation>后面 PPP 帧的长度。</translation>
    </message>
    <message id="field.chdlc">
        <source>Cisco's HDLC framing on serial links: an address, a control byte and an EtherType.</source>
        <translation>Cisco 在串行链路上使用的 HDLC 成帧：地址、一个控制字节和 EtherType。</translation>
    </message>
    <message id="field.chdlc.address">
        <source>0x0f unicast, 0x8f broadcast.</source>
        <translation>0x0f 为单播，0x8f 为广播。</translation>
    </message>
    <message id="field.chdlc.control">
        <source>Always 0.</source>
        <translation>总是 0。</translation>
    </message>
    <message id="field.chdlc.protocol">
        <source>An EtherType: what the frame carries.</source>
        <translation>一个 EtherType：帧承载的内容。</translation>
    </message>
    <message id="field.etag">
        <source>An 802.1BR tag: which port of a port extender the frame came from or goes to.</source>
        <translation>802.1BR 标签：帧来自端口扩展设备的哪个端口，或去往哪个端口。</translation>
    </message>
    <message id="field.etag.pcp">
        <source>Priority.</source>
        <translation>优先级。</translation>
    </message>
    <message id="field.etag.dei">
        <source>Drop eligible.</source>
        <translation>可丢弃。</translation>
    </message>
    <message id="field.etag.iecid_base">
        <source>The port the frame came in on.</source>
        <translation>帧进入的端口。</translation>
    </message>
    <message id="field.etag.resv">
        <source>Reserved.</source>
        <translation>保留。</translation>
    </message>
    <message id="field.etag.group">
        <source>Non-zero: the E-CID names a multicast group.</source>
        <translation>非零：E-CID 标识一个组播组。</translation>
    </message>
    <message id="field.etag.ecid_base">
        <source>The port (or group) the frame goes to.</source>
        <translation>帧去往的端口（或组）。</translation>
    </message>
    <message id="field.etag.iecid_ext">
        <source>Extension of the ingress E-CID.</source>
        <translation>入口 E-CID 的扩展。</translation>
    </message>
    <message id="field.etag.ecid_ext">
        <source>Extension of the E-CID.</source>
        <translation>E-CID 的扩展。</translation>
    </message>
    <message id="field.etag.etype">
        <source>EtherType of the payload after the tag.</source>
        <translation>标签之后载荷的 EtherType。</translation>
    </message>
    <message id="field.cfp">
        <source>Cisco FabricPath: switches of a fabric forward the original Ethernet frame inside an outer header whose addresses name switches, not hosts.</source>
        <translation>Cisco FabricPath：交换矩阵（fabric）中的交换机把原始以太网帧放在外层首部内转发，外层首部的地址标识的是交换机，而不是主机。</translation>
    </message>
    <message id="field.cfp.ftag">
        <source>Forwarding tag: which distribution tree the frame follows.</source>
        <translation>转发标签：帧沿哪棵分发树转发。</translation>
    </message>
    <message id="field.cfp.ttl">
        <source>Hops left in the fabric.</source>
        <translation>在交换矩阵中剩余的跳数。</translation>
    </message>
    <message id="field.wlan">
        <source>A Wi-Fi frame. Its addresses name the stations and the access point; a data frame carries an LLC/SNAP header and then the IP packet.</source>
        <translation>Wi-Fi 帧。其地址标识各个站点和接入点；数据帧携带 LLC/SNAP 首部，然后是 IP 数据包。</translation>
    </message>
    <message id="field.wlan.fc.type_subtype">
        <source>Kind of frame: 0x0020 data, 0x0028 QoS data; 0x00xx management, 0x001x control.</source>
        <translation>帧的种类：0x0020 为数据帧，0x0028 为 QoS 数据帧；0x00xx 为管理帧，0x001x 为控制帧。</translation>
    </message>
    <message id="field.wlan.fc.ds">
        <source>To DS / From DS: whether the frame goes to (0x01) or comes from (0x02) the distribution system behind the access point.</source>
        <translation>To DS / From DS：帧是去往（0x01）还是来自（0x02）接入点背后的分布式系统。</translation>
    </message>
    <message id="field.wlan.fc.protected">
        <source>The body is encrypted (WEP, WPA): the packet inside cannot be read without the keys.</source>
        <translation>帧体已加密（WEP、WPA）：没有密钥就无法读取其中的数据包。</translation>
    </message>
    <message id="field.wlan.duration">
        <source>Microseconds the medium stays reserved for this exchange.</source>
        <translation>为本次交换预留介质的时间（微秒）。</translation>
    </message>
    <message id="field.wlan.ra">
        <source>The station that receives the frame.</source>
        <translation>接收该帧的站点。</translation>
    </message>
    <message id="field.wlan.ta">
        <source>The station that sent the frame.</source>
        <translation>发送该帧的站点。</translation>
    </message>
    <message id="field.wlan.da">
        <source>The frame's final destination.</source>
        <translation>帧的最终目的地。</translation>
    </message>
    <message id="field.wlan.sa">
        <source>The frame's original sender.</source>
        <translation>帧的原始发送方。</translation>
    </message>
    <message id="field.wlan.bssid">
        <source>The access point's address.</source>
        <translation>接入点的地址。</translation>
    </message>
    <message id="field.wlan.frag">
        <source>Which fragment of the frame this is.</source>
        <translation>这是该帧的第几个分片。</translation>
    </message>
    <message id="field.wlan.seq">
        <source>The transmitter's frame counter (12 bits).</source>
        <translation>发送站的帧计数器（12 位）。</translation>
    </message>
    <message id="field.wlan.qos.tid">
        <source>QoS traffic identifier (priority).</source>
        <translation>QoS 流量标识符（优先级）。</translation>
    </message>
    <message id="field.llc">
        <source>LLC with a SNAP header: how 802.11 says which protocol (an EtherType) the payload is.</source>
        <translation>带 SNAP 首部的 LLC：802.11 用它来说明载荷是哪种协议（一个 EtherType）。</translation>
    </message>
    <message id="field.llc.dsap">
        <source>0xAA: SNAP follows.</source>
        <translation>0xAA：后面是 SNAP。</translation>
    </message>
    <message id="field.llc.ssap">
        <source>0xAA: SNAP follows.</source>
        <translation>0xAA：后面是 SNAP。</translation>
    </message>
    <message id="field.llc.control">
        <source>0x03: unnumbered information.</source>
        <translation>0x03：无编号信息。</translation>
    </message>
    <message id="field.llc.oui">
        <source>0: the protocol ID is an EtherType.</source>
        <translation>0：协议 ID 是一个 EtherType。</translation>
    </message>
    <message id="field.llc.type">
        <source>EtherType of the payload (0x0800 IPv4).</source>
        <translation>载荷的 EtherType（0x0800 为 IPv4）。</translation>
    </message>
    <message id="field.ppi">
        <source>Per-Packet Information: a capture tool's header with radio details, in front of the 802.11 (or Ethernet) frame.</source>
        <translation>Per-Packet Information（每包信息）：抓包工具添加的首部，含无线电信息，位于 802.11（或以太网）帧之前。</translation>
    </message>
    <message id="field.ppi.version">
        <source>Version 0.</source>
        <translation>版本 0。</translation>
    </message>
    <message id="field.ppi.flags">
        <source>Alignment flags.</source>
        <translation>对齐标志位。</translation>
    </message>
    <message id="field.ppi.length">
        <source>Bytes of PPI header before the frame.</source>
        <translation>帧之前 PPI 首部的字节数。</translation>
    </message>
    <message id="field.ppi.dlt">
        <source>Link type of the frame that follows (105: 802.11).</source>
        <translation>后面帧的链路类型（105：802.11）。</translation>
    </message>
    <message id="field.nflog">
        <source>A packet a Linux firewall rule logged (iptables -j NFLOG): attributes, then the IP packet without a link header.</source>
        <translation>Linux 防火墙规则记录下来的数据包（iptables -j NFLOG）：先是若干属性，然后是不含链路层首部的 IP 数据包。</translation>
    </message>
    <message id="field.nflog.family">
        <source>Address family of the packet: 2 IPv4, 10 IPv6.</source>
        <translation>数据包的地址族：2 为 IPv4，10 为 IPv6。</translation>
    </message>
    <message id="field.nflog.version">
        <source>Version 0.</source>
        <translation>版本 0。</translation>
    </message>
    <message id="field.nflog.res_id">
        <source>The NFLOG group.</source>
        <translation>NFLOG 组。</translation>
    </message>
    <message id="field.nflog.tlv_length">
        <source>Length of an attribute.</source>
        <translation>一个属性的长度。</translation>
    </message>
    <message id="field.nflog.tlv_type">
        <source>Kind of attribute (1 packet header, 9 the packet).</source>
        <translation>属性的种类（1 为数据包首部，9 为数据包本身）。</translation>
    </message>
    <message id="field.nflog.protocol">
        <source>EtherType of the logged packet.</source>
        <translation>被记录数据包的 EtherType。</translation>
    </message>
    <message id="field.ipoib">
        <source>IP over InfiniBand (RFC 4391) as Linux captures it: a 44-byte pseudo header with the destination's queue pair and GID, then an EtherType.</source>
        <translation>IP over InfiniBand（RFC 4391），按 Linux 抓包时的格式：一个 44 字节的伪首部，含目的端的队列对（queue pair）和 GID，然后是 EtherType。</translation>
    </message>
    <message id="field.ipoib.daddr.qpn">
        <source>The destination's queue pair number.</source>
        <translation>目的端的队列对编号。</translation>
    </message>
    <message id="field.ipoib.type">
        <source>EtherType of the payload (0x0800 IPv4).</source>
        <translation>载荷的 EtherType（0x0800 为 IPv4）。</translation>
    </message>
    <message id="field.ipoib.reserved">
        <source>Reserved.</source>
        <translation>保留。</translation>
    </message>
    <message id="field.tcp.stream">
        <source>Which TCP connection this packet belongs to, counting from 0 in the order connections first appear (Wireshark's tcp.stream). A new SYN on a closed 4-tuple starts a new one.</source>
        <translation>该数据包属于哪个 TCP 连接，按连接首次出现的顺序从 0 开始编号（即 Wireshark 的 tcp.stream）。在已关闭的四元组上出现新的 SYN 时，开始一个新的流。</translation>
    </message>
    <message id="field.tcp.completeness">
        <source>What of the connection the capture holds so far, as bits: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST. 31 or 47 means a complete connection.</source>
        <translation>到目前为止抓包中包含该连接的哪些部分，按位表示：1 SYN，2 SYN-ACK，4 ACK，8 数据，16 FIN，32 RST。31 或 47 表示完整的连接。</translation>
    </message>
    <message id="field.tcp.seq">
        <source>Sequence number relative to this direction's initial sequence number, so the first data byte is 1 (the SYN consumed 0). Easier to read than the raw 32-bit value.</source>
        <translation>相对于本方向初始序列号的序列号，因此第一个数据字节为 1（SYN 占用了 0）。比原始的 32 位值更易读。</translation>
    </message>
    <message id="field.tcp.ack">
        <source>Acknowledgment number relative to the other direction's initial sequence number: the next byte this side expects.</source>
        <translation>相对于另一方向初始序列号的确认号：本端期望的下一个字节。</translation>
    </message>
    <message id="field.tcp.nxtseq">
        <source>Sequence number after this segment: seq + payload length (+1 for SYN and for FIN). The other side's ACK for this segment will carry it.</source>
        <translation>本报文段之后的序列号：seq + 载荷长度（SYN 和 FIN 各再加 1）。对方对本报文段的 ACK 将携带该值。</translation>
    </message>
    <message id="field.tcp.window_size">
        <source>The window in bytes: the header's window field shifted by the scale factor agreed in the handshake.</source>
        <translation>以字节为单位的窗口：首部的窗口字段按握手中协商的放大因子移位后的值。</translation>
    </message>
    <message id="field.tcp.window_size_scalefactor">
        <source>The multiplier applied to the window field: 2^shift when both SYNs carried window scale, 1 when scaling is not used; -1 when unknown (handshake not captured), -2 when no scaling is used.</source>
        <translation>作用于窗口字段的乘数：两个 SYN 都携带窗口扩大选项时为 2^shift，不使用窗口扩大时为 1；未知（未抓到握手）时为 -1，不使用窗口扩大时为 -2。</translation>
    </message>
    <message id="field.tcp.analysis">
        <source>What TcpScope concluded from the sequence and acknowledgment numbers of this connection.</source>
        <translation>TcpScope 根据该连接的序列号和确认号得出的结论。</translation>
    </message>
    <message id="field.tcp.analysis.flags">
        <source>Present when the analysis found something worth a look (retransmission, duplicate ACK, zero window, ...).</source>
        <translation>分析发现值得关注的情况（重传、重复确认、零窗口等）时出现。</translation>
    </message>
    <message id="field.tcp.analysis.duplicate_ack_num">
        <source>How many duplicate ACKs of the same data have been seen. Three make the sender retransmit without waiting for a timeout (fast retransmit, RFC 5681).</source>
        <translation>已看到的对同一数据的重复确认数量。收到三个重复确认后，发送方不等超时就重传（快速重传，RFC 5681）。</translation>
    </message>
    <message id="field.tcp.analysis.duplicate_ack_frame">
        <source>The frame with the original ACK this one repeats.</source>
        <translation>本 ACK 所重复的原始 ACK 所在的帧。</translation>
    </message>
    <message id="field.tcp.analysis.acks_frame">
        <source>The data segment that this ACK acknowledges.</source>
        <translation>本 ACK 所确认的数据报文段。</translation>
    </message>
    <message id="field.tcp.analysis.ack_rtt">
        <source>Time from the data segment to the ACK that covers it, seen at the capture point.</source>
        <translation>在抓包点看到的、从数据报文段到确认它的 ACK 之间的时间。</translation>
    </message>
    <message id="field.tcp.analysis.initial_rtt">
        <source>Initial round-trip time: from the SYN to the ACK that completes the handshake.</source>
        <translation>初始往返时间：从 SYN 到完成握手的 ACK 之间的时间。</translation>
    </message>
    <message id="field.tcp.analysis.bytes_in_flight">
        <source>Data sent but not yet acknowledged in this direction, after this segment.</source>
        <translation>本报文段之后，该方向上已发送但尚未确认的数据。</translation>
    </message>
    <message id="field.tcp.analysis.push_bytes_sent">
        <source>Data this direction sent since its last segment with PSH, this one included: the size of the message the application handed over (PSH marks where a write ended).</source>
        <translation>该方向自上一个带 PSH 的报文段以来（含本报文段）发送的数据：即应用程序交给 TCP 的消息大小（PSH 标记一次写操作结束的位置）。</translation>
    </message>
    <message id="field.tcp.time_relative">
        <source>Seconds since the connection's first captured packet.</source>
        <translation>自该连接第一个被抓到的数据包以来的秒数。</translation>
    </message>
    <message id="field.tcp.time_delta">
        <source>Seconds since the connection's previous captured packet, either direction.</source>
        <translation>自该连接上一个被抓到的数据包（任一方向）以来的秒数。</translation>
    </message>
    <message id="field.tcpfsm">
        <source>Each endpoint's RFC 9293 state after this packet, as TcpScope reconstructs it. The capture point sees each packet once: it counts as sent by one endpoint and received by the other at that moment.</source>
        <translation>由 TcpScope 重建的、每个端点在此数据包之后的 RFC 9293 状态。抓包点只看到每个数据包一次：在那一刻，它既算作由一个端点发送，也算作被另一个端点接收。</translation>
    </message>
    <message id="field.tcpfsm.client">
        <source>State of the client (the side that sent the first SYN) after this packet.</source>
        <translation>该数据包之后客户端（发送第一个 SYN 的一方）的状态。</translation>
    </message>
    <message id="field.tcpfsm.server">
        <source>State of the server after this packet.</source>
        <translation>该数据包之后服务器的状态。</translation>
    </message>
    <message id="field.tcpfsm.client_prev">
        <source>State of the client before this packet.</source>
        <translation>该数据包之前客户端的状态。</translation>
    </message>
    <message id="field.tcpfsm.server_prev">
        <source>State of the server before this packet.</source>
        <translation>该数据包之前服务器的状态。</translation>
    </message>
    <message id="field.tcpfsm.event">
        <source>The transitions this packet caused, per endpoint, named as in the RFC 9293 state diagram ("snd SYN", "rcv SYN / snd SYN,ACK", "rcv ACK of FIN", ...).</source>
        <translation>该数据包引起的状态转换，按端点列出，名称与 RFC 9293 状态图中的相同（“snd SYN”、“rcv SYN / snd SYN,ACK”、“rcv ACK of FIN”等）。</translation>
    </message>
    <message id="field.tcpfsm.sender">
        <source>Which endpoint sent this packet: client or server.</source>
        <translation>发送该数据包的端点：客户端或服务器。</translation>
    </message>
    <message id="field.tcp.analysis.retransmission">
        <source>The segment carries bytes already sent: the sender believed them lost.</source>
        <translation>该报文段携带已发送过的字节：发送方认为它们已丢失。</translation>
    </message>
    <message id="field.tcp.analysis.fast_retransmission">
        <source>A retransmission triggered by duplicate ACKs rather than a timeout.</source>
        <translation>由重复确认而非超时触发的重传。</translation>
    </message>
    <message id="field.tcp.analysis.spurious_retransmission">
        <source>The retransmitted bytes had already been acknowledged: the retransmission was not needed.</source>
        <translation>重传的字节此前已被确认：这次重传是不必要的。</translation>
    </message>
    <message id="field.tcp.analysis.out_of_order">
        <source>The segment arrived after a later one: reordered on the way.</source>
        <translation>该报文段在一个更靠后的报文段之后到达：途中发生了乱序。</translation>
    </message>
    <message id="field.tcp.analysis.lost_segment">
        <source>A gap in the sequence numbers: bytes before this segment were not seen (lost, or missed by the capture).</source>
        <translation>序列号出现缺口：本报文段之前的字节未被看到（已丢失，或抓包时遗漏）。</translation>
    </message>
    <message id="field.tcp.analysis.ack_lost_segment">
        <source>The ACK covers data the capture never saw.</source>
        <translation>该 ACK 确认了抓包中从未出现过的数据。</translation>
    </message>
    <message id="field.tcp.analysis.duplicate_ack">
        <source>Same ACK number, window and no data as the previous ACK: the receiver is missing a segment and keeps asking for it.</source>
        <translation>确认号、窗口与上一个 ACK 相同且不携带数据：接收方缺少某个报文段，并不断请求它。</translation>
    </message>
    <message id="field.tcp.analysis.zero_window">
        <source>The receiver's buffer is full: the sender must stop until the window opens.</source>
        <translation>接收方的缓冲区已满：发送方必须停止发送，直到窗口打开。</translation>
    </message>
    <message id="field.tcp.analysis.zero_window_probe">
        <source>A one-byte probe the sender uses to see whether a zero window has opened.</source>
        <translation>发送方用于查看零窗口是否已打开的单字节探测。</translation>
    </message>
    <message id="field.tcp.analysis.zero_window_probe_ack">
        <source>The receiver's answer to a zero window probe.</source>
        <translation>接收方对零窗口探测的应答。</translation>
    </message>
    <message id="field.tcp.analysis.window_full">
        <source>The sender has filled the receiver's whole advertised window.</source>
        <translation>发送方已填满接收方通告的整个窗口。</translation>
    </message>
    <message id="field.tcp.analysis.window_update">
        <source>A pure ACK whose only news is a larger window.</source>
        <translation>一个纯 ACK，其唯一的新信息是窗口变大了。</translation>
    </message>
    <message id="field.tcp.analysis.keep_alive">
        <source>A probe with sequence number one below the next expected byte, to check that an idle peer is still there.</source>
        <translation>序列号比下一个期望字节小 1 的探测，用于检查空闲的对端是否仍然存在。</translation>
    </message>
    <message id="field.tcp.analysis.keep_alive_ack">
        <source>The peer's answer to a keep-alive.</source>
        <translation>对端对保活探测的应答。</translation>
    </message>
    <message id="field.tcp.analysis.reused_ports">
        <source>A SYN reuses the 4-tuple of an earlier connection.</source>
        <translation>某个 SYN 重用了先前某个连接的四元组。</translation>
    </message>
    <message id="state.UNKNOWN">
        <source>UNKNOWN</source>
        <translation>未知</translation>
    </message>
    <message id="state.CLOSED">
        <source>CLOSED</source>
        <translation>关闭</translation>
    </message>
    <message id="state.LISTEN">
        <source>LISTEN</source>
        <translation>监听</translation>
    </message>
    <message id="state.SYN-SENT">
        <source>SYN-SENT</source>
        <translation>同步已发送</translation>
    </message>
    <message id="state.SYN-RECEIVED">
        <source>SYN-RECEIVED</source>
        <translation>同步已接收</translation>
    </message>
    <message id="state.ESTABLISHED">
        <source>ESTABLISHED</source>
        <translation>已建立连接</translation>
    </message>
    <message id="state.FIN-WAIT-1">
        <source>FIN-WAIT-1</source>
        <translation>终止等待 1</translation>
    </message>
    <message id="state.FIN-WAIT-2">
        <source>FIN-WAIT-2</source>
        <translation>终止等待 2</translation>
    </message>
    <message id="state.CLOSE-WAIT">
        <source>CLOSE-WAIT</source>
        <translation>关闭等待</translation>
    </message>
    <message id="state.CLOSING">
        <source>CLOSING</source>
        <translation>同时关闭</translation>
    </message>
    <message id="state.LAST-ACK">
        <source>LAST-ACK</source>
        <translation>最后确认</translation>
    </message>
    <message id="state.TIME-WAIT">
        <source>TIME-WAIT</source>
        <translation>时间等待</translation>
    </message>
    <message id="role.client">
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message id="role.server">
        <source>server</source>
        <translation>服务器</translation>
    </message>
    <message id="transition.CLOSED.passive-open">
        <source>A server application asks to accept connections on a port. The endpoint waits for a SYN (RFC 9293 3.10.1).</source>
        <translation>服务器应用程序请求在某个端口上接受连接。该端点等待 SYN（RFC 9293 3.10.1）。</translation>
    </message>
    <message id="transition.CLOSED.active-open">
        <source>The client sends a SYN carrying its initial sequence number (ISN) and waits for the server's SYN,ACK (RFC 9293 3.5, 3.10.1).</source>
        <translation>客户端发送携带其初始序列号 ISN 的 SYN，并等待服务器的 SYN,ACK（RFC 9293 3.5, 3.10.1）。</translation>
    </message>
    <message id="transition.LISTEN.active-open">
        <source>A listening endpoint may itself send a SYN and become an active opener (RFC 9293 3.10.2, SEND in LISTEN).</source>
        <translation>正在监听的端点也可以自己发送 SYN，成为主动打开方（RFC 9293 3.10.2，LISTEN 状态下的 SEND）。</translation>
    </message>
    <message id="transition.UNKNOWN.active-open">
        <source>A SYN from an endpoint whose earlier state the capture did not show: it is now opening a connection.</source>
        <translation>一个端点发出了 SYN，而抓包没有显示它之前的状态：它现在正在打开一个连接。</translation>
    </message>
    <message id="transition.LISTEN.rcv-syn">
        <source>The server gets a SYN, remembers the client's ISN, and answers with its own SYN that also acknowledges the client's (RFC 9293 3.10.7.2).</source>
        <translation>服务器收到 SYN，记下客户端的 ISN，并用自己的 SYN 应答，这个 SYN 同时确认了客户端的 SYN（RFC 9293 3.10.7.2）。</translation>
    </message>
    <message id="transition.CLOSED.rcv-syn-in-closed">
        <source>Nobody listens on the port: the host answers the SYN with RST,ACK and stays CLOSED. The client sees "connection refused" (RFC 9293 3.10.7.1).</source>
        <translation>该端口上无人监听：主机用 RST,ACK 应答 SYN，并保持在 CLOSED 状态。客户端看到“连接被拒绝”（RFC 9293 3.10.7.1）。</translation>
    </message>
    <message id="transition.SYN-SENT.rcv-syn-ack">
        <source>The server's SYN,ACK acknowledges the client's SYN; the client acknowledges the server's SYN and may send data (RFC 9293 3.10.7.3).</source>
        <translation>服务器的 SYN,ACK 确认了客户端的 SYN；客户端确认服务器的 SYN，并且可以发送数据（RFC 9293 3.10.7.3）。</translation>
    </message>
    <message id="transition.UNKNOWN.rcv-syn-ack">
        <source>The client's SYN was not captured, but the SYN,ACK it receives completes its side of the handshake (RFC 9293 3.10.7.3).</source>
        <translation>客户端的 SYN 没有被抓到，但它收到的 SYN,ACK 完成了它这一方的握手（RFC 9293 3.10.7.3）。</translation>
    </message>
    <message id="transition.SYN-SENT.rcv-syn-simul">
        <source>Both ends sent a SYN at the same time and the SYNs crossed. Each side receives a bare SYN while in SYN-SENT and answers with SYN,ACK (RFC 9293 3.5, Figure 8).</source>
        <translation>两端同时发送了 SYN，两个 SYN 交叉而过。每一方在 SYN-SENT 状态下收到一个纯 SYN，并用 SYN,ACK 应答（RFC 9293 3.5，图 8）。</translation>
    </message>
    <message id="transition.UNKNOWN.snd-syn-ack">
        <source>The capture starts with the server's SYN,ACK: the SYN it answers was sent before the capture began, so the server must be in SYN-RECEIVED.</source>
        <translation>抓包从服务器的 SYN,ACK 开始：它所应答的 SYN 是在抓包开始之前发送的，因此服务器一定处于 SYN-RECEIVED 状态。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.rcv-ack-of-syn">
        <source>The peer acknowledges this endpoint's SYN: the three-way handshake is complete and data may flow both ways (RFC 9293 3.10.7.4).</source>
        <translation>对端确认了本端点的 SYN：三次握手完成，数据可以双向传输（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.ESTABLISHED.snd-fin">
        <source>The application has no more data to send: the endpoint sends a FIN and waits for it to be acknowledged (active close, RFC 9293 3.6, 3.10.4).</source>
        <translation>应用程序没有更多数据要发送：端点发送 FIN，并等待它被确认（主动关闭，RFC 9293 3.6, 3.10.4）。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.snd-fin">
        <source>The application closes before the handshake completes; the FIN queues behind the SYN (RFC 9293 3.10.4).</source>
        <translation>应用程序在握手完成之前关闭；FIN 在队列中排在 SYN 之后（RFC 9293 3.10.4）。</translation>
    </message>
    <message id="transition.CLOSE-WAIT.snd-fin">
        <source>The peer closed earlier; now this side has finished too and sends its own FIN (passive close, RFC 9293 3.6).</source>
        <translation>对端先前已关闭；现在这一方也结束了，发送自己的 FIN（被动关闭，RFC 9293 3.6）。</translation>
    </message>
    <message id="transition.UNKNOWN.snd-fin">
        <source>Mid-stream capture: this endpoint closes first, so it must have been ESTABLISHED and now waits in FIN-WAIT-1.</source>
        <translation>中途开始抓包：此端点先关闭，因此它之前一定处于 ESTABLISHED 状态，现在在 FIN-WAIT-1 状态中等待。</translation>
    </message>
    <message id="transition.SYN-SENT.close">
        <source>The application gives up before the server answered; nothing is sent (RFC 9293 3.10.4).</source>
        <translation>应用程序在服务器应答之前放弃；什么也不发送（RFC 9293 3.10.4）。</translation>
    </message>
    <message id="transition.LISTEN.close">
        <source>The server stops listening (RFC 9293 3.10.4).</source>
        <translation>服务器停止监听（RFC 9293 3.10.4）。</translation>
    </message>
    <message id="transition.ESTABLISHED.rcv-fin">
        <source>The peer has finished sending. This side acknowledges the FIN and may keep sending its own data until the application closes (half-close, RFC 9293 3.6).</source>
        <translation>对端已结束发送。这一方确认该 FIN，并且在应用程序关闭之前可以继续发送自己的数据（半关闭，RFC 9293 3.6）。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.rcv-fin">
        <source>A FIN that also completes the handshake: the peer opened and closed at once (RFC 9293 3.10.7.4).</source>
        <translation>这个 FIN 同时完成了握手：对端打开连接后立即关闭（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.UNKNOWN.rcv-fin">
        <source>Mid-stream capture: the peer closes first, so this side was ESTABLISHED and now waits for its application to close.</source>
        <translation>中途开始抓包：对端先关闭，因此这一方之前处于 ESTABLISHED 状态，现在等待自己的应用程序关闭。</translation>
    </message>
    <message id="transition.FIN-WAIT-1.rcv-fin">
        <source>Both sides sent a FIN before seeing the other's (simultaneous close); each waits for the ACK of its own FIN (RFC 9293 3.6, Figure 13).</source>
        <translation>双方都在看到对方的 FIN 之前发送了 FIN（同时关闭）；每一方都在等待对自己 FIN 的 ACK（RFC 9293 3.6，图 13）。</translation>
    </message>
    <message id="transition.FIN-WAIT-2.rcv-fin">
        <source>Our FIN was acknowledged earlier; now the peer's FIN arrives. TIME-WAIT keeps the connection for 2 MSL so a lost final ACK can be resent (RFC 9293 3.6).</source>
        <translation>我方的 FIN 之前已被确认；现在对端的 FIN 到达。TIME-WAIT 状态将连接保持 2 MSL，以便最后的 ACK 丢失时可以重发（RFC 9293 3.6）。</translation>
    </message>
    <message id="transition.FIN-WAIT-1.rcv-fin-ack-of-fin">
        <source>One segment carries the peer's FIN and acknowledges ours, so FIN-WAIT-2 is skipped (RFC 9293 3.10.7.4, FIN-WAIT-1: "if our FIN has been ACKed").</source>
        <translation>一个报文段既携带对端的 FIN，又确认了我方的 FIN，因此跳过 FIN-WAIT-2 状态（RFC 9293 3.10.7.4，FIN-WAIT-1：“if our FIN has been ACKed”）。</translation>
    </message>
    <message id="transition.FIN-WAIT-1.rcv-ack-of-fin">
        <source>The peer acknowledged our FIN; it may still send data until it closes too (RFC 9293 3.10.7.4).</source>
        <translation>对端确认了我方的 FIN；在对端也关闭之前，它仍可以发送数据（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.CLOSING.rcv-ack-of-fin">
        <source>Simultaneous close: our FIN is now acknowledged as well (RFC 9293 3.10.7.4).</source>
        <translation>同时关闭：我方的 FIN 现在也被确认了（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.LAST-ACK.rcv-ack-of-fin">
        <source>The last ACK arrives: the passive closer deletes the connection at once; only the active closer waits in TIME-WAIT (RFC 9293 3.10.7.4).</source>
        <translation>最后的 ACK 到达：被动关闭方立即删除连接；只有主动关闭方才会在 TIME-WAIT 状态中等待（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.SYN-SENT.rcv-rst">
        <source>The SYN was answered by a reset: the port is closed or the peer refused ("connection refused", RFC 9293 3.10.7.3).</source>
        <translation>SYN 得到的应答是复位：端口已关闭或对端拒绝了连接（“连接被拒绝”，RFC 9293 3.10.7.3）。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.rcv-rst-passive">
        <source>A connection that came from LISTEN is reset during the handshake; the server goes back to listening (RFC 9293 3.10.7.4).</source>
        <translation>一个从 LISTEN 状态而来的连接在握手期间被复位；服务器回到监听状态（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.rcv-rst">
        <source>A reset during an active or simultaneous open deletes the connection (RFC 9293 3.10.7.4).</source>
        <translation>在主动打开或同时打开期间收到复位，会删除该连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.ESTABLISHED.rcv-rst">
        <source>The peer aborted the connection; any unsent or unacknowledged data is lost (RFC 9293 3.10.7.4).</source>
        <translation>对端中止了连接；所有未发送或未确认的数据都会丢失（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.FIN-WAIT-1.rcv-rst">
        <source>The peer aborted during the close (RFC 9293 3.10.7.4).</source>
        <translation>对端在关闭过程中中止了连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.FIN-WAIT-2.rcv-rst">
        <source>The peer aborted during the close (RFC 9293 3.10.7.4).</source>
        <translation>对端在关闭过程中中止了连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.CLOSE-WAIT.rcv-rst">
        <source>The peer aborted after its FIN (RFC 9293 3.10.7.4).</source>
        <translation>对端在发出自己的 FIN 之后中止了连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.CLOSING.rcv-rst">
        <source>The peer aborted during a simultaneous close (RFC 9293 3.10.7.4).</source>
        <translation>对端在同时关闭过程中中止了连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.LAST-ACK.rcv-rst">
        <source>The peer aborted instead of sending the last ACK (RFC 9293 3.10.7.4).</source>
        <translation>对端没有发送最后的 ACK，而是中止了连接（RFC 9293 3.10.7.4）。</translation>
    </message>
    <message id="transition.TIME-WAIT.rcv-rst">
        <source>A reset in TIME-WAIT ends it early (RFC 9293 3.10.7.4; RFC 1337 discusses why some stacks ignore it).</source>
        <translation>TIME-WAIT 状态下的复位会提前结束该状态（RFC 9293 3.10.7.4；RFC 1337 讨论了为什么有些协议栈会忽略它）。</translation>
    </message>
    <message id="transition.UNKNOWN.rcv-rst">
        <source>Mid-stream capture: whatever state the endpoint was in, a reset deletes the connection.</source>
        <translation>中途开始抓包：无论端点之前处于什么状态，复位都会删除连接。</translation>
    </message>
    <message id="transition.SYN-SENT.snd-rst">
        <source>The endpoint aborts its own connection attempt (RFC 9293 3.10.5 ABORT).</source>
        <translation>端点中止自己的连接尝试（RFC 9293 3.10.5 ABORT）。</translation>
    </message>
    <message id="transition.SYN-RECEIVED.snd-rst">
        <source>The endpoint aborts during the handshake (RFC 9293 3.10.5 ABORT).</source>
        <translation>端点在握手期间中止连接（RFC 9293 3.10.5 ABORT）。</translation>
    </message>
    <message id="transition.ESTABLISHED.snd-rst">
        <source>The endpoint aborts the connection instead of closing it with a FIN (RFC 9293 3.10.5 ABORT; also sent for segments that belong to no connection).</source>
        <translation>端点中止连接，而不是用 FIN 关闭它（RFC 9293 3.10.5 ABORT；对不属于任何连接的报文段也会发送复位）。</translation>
    </message>
    <message id="transition.FIN-WAIT-1.snd-rst">
        <source>The endpoint aborts while closing (RFC 9293 3.10.5).</source>
        <translation>端点在关闭过程中中止连接（RFC 9293 3.10.5）。</translation>
    </message>
    <message id="transition.FIN-WAIT-2.snd-rst">
        <source>The endpoint aborts while closing; a closed socket that still receives data answers with RST (RFC 9293 3.10.5, 3.10.7.1).</source>
        <translation>端点在关闭过程中中止连接；已关闭的套接字如果仍收到数据，会用 RST 应答（RFC 9293 3.10.5, 3.10.7.1）。</translation>
    </message>
    <message id="transition.CLOSE-WAIT.snd-rst">
        <source>The endpoint aborts after the peer's FIN (RFC 9293 3.10.5).</source>
        <translation>端点在对端发来 FIN 之后中止连接（RFC 9293 3.10.5）。</translation>
    </message>
    <message id="transition.CLOSING.snd-rst">
        <source>The endpoint aborts during a simultaneous close (RFC 9293 3.10.5).</source>
        <translation>端点在同时关闭过程中中止连接（RFC 9293 3.10.5）。</translation>
    </message>
    <message id="transition.LAST-ACK.snd-rst">
        <source>The endpoint aborts while waiting for the last ACK (RFC 9293 3.10.5).</source>
        <translation>端点在等待最后的 ACK 时中止连接（RFC 9293 3.10.5）。</translation>
    </message>
    <message id="transition.TIME-WAIT.snd-rst">
        <source>A segment arriving for a connection in TIME-WAIT that the endpoint no longer wants is answered with a reset.</source>
        <translation>发往处于 TIME-WAIT 状态的连接、而端点已不再需要的报文段，会得到复位应答。</translation>
    </message>
    <message id="transition.UNKNOWN.snd-rst">
        <source>Mid-stream capture: the endpoint aborts the connection.</source>
        <translation>中途开始抓包：端点中止连接。</translation>
    </message>
    <message id="transition.LISTEN.snd-rst">
        <source>The port answered with a reset: nobody accepted the connection (RFC 9293 3.10.7.1).</source>
        <translation>该端口用复位应答：没有人接受这个连接（RFC 9293 3.10.7.1）。</translation>
    </message>
    <message id="transition.TIME-WAIT.timeout-2msl">
        <source>After twice the maximum segment lifetime no old duplicate can still arrive and the connection is deleted. A capture usually ends before this timer fires.</source>
        <translation>经过两倍的最长报文段寿命之后，不会再有旧的重复报文段到达，连接被删除。抓包通常在这个计时器到期之前就结束了。</translation>
    </message>
    <message id="transition.UNKNOWN.midstream">
        <source>The capture began after the handshake; segments acknowledged in both directions show the connection is synchronized.</source>
        <translation>抓包在握手之后才开始；两个方向上都有报文段被确认，说明连接已同步。</translation>
    </message>
    <message id="caption.syn.open">
        <source>The {who} {from} opens a connection to {to}.</source>
        <translation>{who} {from} 向 {to} 打开一个连接。</translation>
    </message>
    <message id="caption.syn.open.isn">
        <source>A SYN carries its initial sequence number (ISN) {isn}, chosen at random so that old segments cannot be mistaken for new ones. The SYN itself counts as one byte of sequence space, so the first data byte will be ISN + 1 (relative sequence number 1).</source>
        <translation>SYN 携带其初始序列号 ISN {isn}，这个值是随机选取的，以免旧的报文段被误认为新的报文段。SYN 本身在序列号空间中算作一个字节，因此第一个数据字节的序列号将是 ISN + 1（相对序列号 1）。</translation>
    </message>
    <message id="caption.syn.again">
        <source>The {who} sends its SYN again.</source>
        <translation>{who}再次发送它的 SYN。</translation>
    </message>
    <message id="caption.syn.again.why">
        <source>Same initial sequence number (ISN) {isn}: no SYN,ACK came back in time, so its retransmission timer fired.</source>
        <translation>初始序列号 ISN 仍为 {isn}：没有及时收到 SYN,ACK，因此它的重传计时器超时了。</translation>
    </message>
    <message id="caption.syn.crossing">
        <source>The {who} sends a SYN of its own.</source>
        <translation>{who}发送了一个自己的 SYN。</translation>
    </message>
    <message id="caption.syn.crossing.why">
        <source>Its initial sequence number (ISN) is {isn}. It has not seen the other SYN yet: the two SYNs cross on the wire (a simultaneous open).</source>
        <translation>它的初始序列号 ISN 是 {isn}。它还没有看到另一个 SYN：两个 SYN 在线路上交叉而过（同时打开）。</translation>
    </message>
    <message id="caption.syn.proves">
        <source>When it arrives, the {peer} knows that the {who} can send and that it can itself receive. The {who} knows nothing yet.</source>
        <translation>它到达时，{peer}便知道{who}能够发送，而且自己能够接收。{who}此时还什么都不知道。</translation>
    </message>
    <message id="caption.syn.nobody">
        <source>Nobody listens on port {port}: the {peer}'s host will refuse it, as its answer shows.</source>
        <translation>端口 {port} 上无人监听：{peer}的主机会拒绝它，从其应答可以看出这一点。</translation>
    </message>
    <message id="caption.synack.answer">
        <source>The {who} answers with SYN,ACK.</source>
        <translation>{who}用 SYN,ACK 应答。</translation>
    </message>
    <message id="caption.synack.answer.isn">
        <source>Its own ISN {isn}, and ack = {peer} ISN + 1 = {peerIsnNext} because a SYN consumes one sequence number: the next byte it expects.</source>
        <translation>它自己的 ISN 为 {isn}，ack = {peer} ISN + 1 = {peerIsnNext}，因为一个 SYN 消耗一个序列号：这是它期望的下一个字节。</translation>
    </message>
    <message id="caption.synack.unseen">
        <source>Its own ISN {isn}, and ack {ack}: the {peer}'s ISN + 1. The {peer}'s SYN was sent before the capture began.</source>
        <translation>它自己的 ISN 为 {isn}，ack 为 {ack}：即{peer}的 ISN + 1。{peer}的 SYN 是在抓包开始之前发送的。</translation>
    </message>
    <message id="caption.synack.again">
        <source>The {who} sends its SYN,ACK again.</source>
        <translation>{who}再次发送它的 SYN,ACK。</translation>
    </message>
    <message id="caption.synack.crossing">
        <source>The {who} answers the {peer}'s SYN with SYN,ACK.</source>
        <translation>{who}用 SYN,ACK 应答{peer}的 SYN。</translation>
    </message>
    <message id="caption.synack.crossing.why">
        <source>It repeats its own SYN (same ISN {isn}) and adds ack = {peer} ISN + 1 = {peerIsnNext}. Wireshark marks it as a retransmission because the SYN's sequence number repeats; nothing was lost.</source>
        <translation>它重复自己的 SYN（ISN 仍为 {isn}），并加上 ack = {peer} ISN + 1 = {peerIsnNext}。Wireshark 把它标记为重传，因为 SYN 的序列号重复了；并没有丢失任何东西。</translation>
    </message>
    <message id="caption.synack.again.why">
        <source>Same ISN {isn}: no ACK came back for the first one in time, so its retransmission timer fired.</source>
        <translation>ISN 仍为 {isn}：第一个 SYN,ACK 没有及时得到 ACK，因此它的重传计时器超时了。</translation>
    </message>
    <message id="caption.synack.proves">
        <source>When it arrives, the {peer} knows that both directions work: its SYN reached the {who}, and the answer came back. The {who} does not know yet whether its SYN,ACK arrived: only the {peer}'s ACK will tell it.</source>
        <translation>它到达时，{peer}便知道两个方向都是通的：它的 SYN 到达了{who}，而且应答也回来了。{who}还不知道自己的 SYN,ACK 是否已到达：只有{peer}的 ACK 才能告诉它。</translation>
    </message>
    <message id="caption.synack.lost">
        <source>No ACK answers this SYN,ACK: it did not reach the {peer} (a SYN flood does this on purpose, from forged source addresses). The {peer} stays {peerState}; the {who} waits in {state} with a half-open connection that holds a place in its SYN queue.</source>
        <translation>没有 ACK 应答这个 SYN,ACK：它没有到达{peer}（SYN 洪泛攻击利用伪造的源地址故意造成这种情况）。{peer}仍处于 {peerState}；{who}在 {state} 中等待，这个半开连接占用着它半连接队列中的一个位置。</translation>
    </message>
    <message id="caption.rst.refused">
        <source>The {who}'s host refuses the connection with RST,ACK.</source>
        <translation>{who}的主机用 RST,ACK 拒绝连接。</translation>
    </message>
    <message id="caption.rst.refused.why">
        <source>Nobody listens on port {port}: instead of a SYN,ACK the host sends a reset that acknowledges the SYN (ack = client ISN + 1). The client's connect() fails with "connection refused".</source>
        <translation>端口 {port} 上无人监听：主机不发送 SYN,ACK，而是发送一个确认该 SYN 的复位（ack = 客户端 ISN + 1）。客户端的 connect() 失败，报错“连接被拒绝”。</translation>
    </message>
    <message id="caption.rst.abort">
        <source>The {who} resets the connection (RST).</source>
        <translation>{who}复位连接（RST）。</translation>
    </message>
    <message id="caption.rst.abort.why">
        <source>An abortive close: no FIN exchange and no TIME-WAIT. Data still in flight is thrown away, and the {peer}'s application gets "connection reset by peer" on its next read or write.</source>
        <translation>中止式关闭：没有 FIN 交换，也没有 TIME-WAIT。仍在传输途中的数据被丢弃，{peer}的应用程序在下一次读或写时会得到“连接被对端复位”。</translation>
    </message>
    <message id="caption.rst.opening">
        <source>The {peer} was still opening the connection: its connect() fails.</source>
        <translation>{peer}还在打开连接：它的 connect() 失败。</translation>
    </message>
    <message id="caption.rst.passive">
        <source>The {peer} drops the half-made connection and goes back to {peerState}; its application never saw it.</source>
        <translation>{peer}丢弃这个建立到一半的连接，回到 {peerState}；它的应用程序从未见过这个连接。</translation>
    </message>
    <message id="caption.rst.ignored">
        <source>The {peer} takes no step: it is {peerState}, with no connection for this reset to end.</source>
        <translation>{peer}不进行任何状态转换：它处于 {peerState}，没有可被这个复位结束的连接。</translation>
    </message>
    <message id="caption.fin.close">
        <source>The {who} closes its side: FIN.</source>
        <translation>{who}关闭自己这一侧：FIN。</translation>
    </message>
    <message id="caption.fin.again">
        <source>The {who} sends its FIN again.</source>
        <translation>{who}再次发送它的 FIN。</translation>
    </message>
    <message id="caption.fin.again.why">
        <source>Same sequence number as before: the acknowledgement of the first FIN had not reached the {who} when its retransmission timer fired.</source>
        <translation>序列号与之前相同：在{who}的重传计时器超时时，对第一个 FIN 的确认还没有到达它。</translation>
    </message>
    <message id="caption.fin.data">
        <source>It sends its last {len} bytes (seq {seq} to {last}) together with the FIN.</source>
        <translation>它把最后的 {len} 字节（seq {seq} 到 {last}）与 FIN 一起发送。</translation>
    </message>
    <message id="caption.fin.seq">
        <source>The FIN sits at relative seq {finSeq} and consumes one sequence number, so the {peer} will acknowledge it with ack {finAck}.</source>
        <translation>FIN 位于相对 seq {finSeq}，并消耗一个序列号，因此{peer}将用 ack {finAck} 确认它。</translation>
    </message>
    <message id="caption.fin.first">
        <source>"I have nothing more to send": the {who} can still receive until the {peer} sends its own FIN.</source>
        <translation>“我已没有数据要发送了”：在{peer}发送自己的 FIN 之前，{who}仍然可以接收。</translation>
    </message>
    <message id="caption.fin.second">
        <source>The {peer} closed its side earlier: with this FIN both directions are closed, and the {who} only waits for the ACK of this FIN.</source>
        <translation>{peer}之前已关闭自己这一侧：有了这个 FIN，两个方向都关闭了，{who}只需等待对这个 FIN 的 ACK。</translation>
    </message>
    <message id="caption.fin.crossed">
        <source>The {peer} sends its own FIN at the same moment (its next segment), before this one arrives: the two FINs cross (a simultaneous close).</source>
        <translation>{peer}在同一时刻发送了自己的 FIN（它的下一个报文段），此时这个 FIN 还没有到达：两个 FIN 交叉而过（同时关闭）。</translation>
    </message>
    <message id="caption.fin.crossing">
        <source>The {peer} had sent its own FIN before this one arrived: the two FINs cross (a simultaneous close), and each side waits for the ACK of its own FIN.</source>
        <translation>在这个 FIN 到达之前，{peer}已经发送了自己的 FIN：两个 FIN 交叉而过（同时关闭），每一方都在等待对自己 FIN 的 ACK。</translation>
    </message>
    <message id="caption.fin.acks">
        <source>It also acknowledges everything the {peer} sent before ack {ack}.</source>
        <translation>它还确认了{peer}发送的、ack {ack} 之前的全部内容。</translation>
    </message>
    <message id="caption.data.send">
        <source>The {who} sends {len} bytes of data.</source>
        <translation>{who}发送 {len} 字节的数据。</translation>
    </message>
    <message id="caption.data.again">
        <source>The {who} sends {len} bytes again.</source>
        <translation>{who}再次发送 {len} 字节。</translation>
    </message>
    <message id="caption.data.range">
        <source>Bytes {seq} to {last} of its stream (seq {seq}, next seq {next}; relative to its ISN).</source>
        <translation>它的字节流中第 {seq} 到第 {last} 个字节（seq {seq}，下一个 seq {next}；相对于它的 ISN）。</translation>
    </message>
    <message id="caption.data.noack">
        <source>Its ack is still 1: nothing has arrived from the {peer} beyond its SYN.</source>
        <translation>它的 ack 仍为 1：除了{peer}的 SYN 之外，还没有收到对方发来的任何东西。</translation>
    </message>
    <message id="caption.data.acks">
        <source>It also acknowledges the {peer}'s bytes up to {acked} (ack {ack}: the next byte it expects).</source>
        <translation>它还确认了{peer}截至 {acked} 的字节（ack {ack}：它期望的下一个字节）。</translation>
    </message>
    <message id="caption.data.halfclose">
        <source>The {peer} has closed its side, but the {who} may still send: a FIN closes one direction only (a half-close).</source>
        <translation>{peer}已经关闭了自己这一侧，但{who}仍然可以发送：一个 FIN 只关闭一个方向（半关闭）。</translation>
    </message>
    <message id="caption.data.probe">
        <source>The {who} probes the closed window with 1 byte.</source>
        <translation>{who}用 1 个字节探测已关闭的窗口。</translation>
    </message>
    <message id="caption.data.probe.why">
        <source>The {peer} advertised a window of 0, so the {who} may not send; its persist timer sends one byte (seq {seq}) to learn when the window opens again.</source>
        <translation>{peer}通告的窗口为 0，所以{who}不能发送；它的持续计时器发送一个字节（seq {seq}），以便得知窗口何时重新打开。</translation>
    </message>
    <message id="caption.data.keepalive">
        <source>The {who} checks that the idle connection is still there (keep-alive).</source>
        <translation>{who}检查空闲的连接是否仍然存在（保活）。</translation>
    </message>
    <message id="caption.data.keepalive.why">
        <source>The segment repeats the last byte already acknowledged (seq {seq}): the {peer} must answer with an ACK, which proves it is still alive.</source>
        <translation>该报文段重复了最后一个已被确认的字节（seq {seq}）：{peer}必须用 ACK 应答，这就证明它仍然存活。</translation>
    </message>
    <message id="caption.ack.handshake">
        <source>The {who} acknowledges the {peer}'s SYN: the three-way handshake is complete.</source>
        <translation>{who}确认{peer}的 SYN：三次握手完成。</translation>
    </message>
    <message id="caption.ack.handshake.isn">
        <source>ack = {peer} ISN + 1 = {peerIsnNext}. Both ends now know each other's ISN and can send data. From here on sequence numbers are shown relative to each ISN: the SYN is 0, the first data byte is 1.</source>
        <translation>ack = {peer} ISN + 1 = {peerIsnNext}。现在两端都知道对方的 ISN，并且可以发送数据了。从这里开始，序列号显示为相对于各自 ISN 的值：SYN 为 0，第一个数据字节为 1。</translation>
    </message>
    <message id="caption.ack.handshake.proves">
        <source>When it arrives, the {peer} knows too: its SYN,ACK reached the {who}, so both ends know that both directions work.</source>
        <translation>它到达时，{peer}也知道了：它的 SYN,ACK 到达了{who}，所以两端都知道两个方向都是通的。</translation>
    </message>
    <message id="caption.ack.fin">
        <source>The {who} acknowledges the {peer}'s FIN.</source>
        <translation>{who}确认{peer}的 FIN。</translation>
    </message>
    <message id="caption.ack.fin.num">
        <source>ack {ack} = the FIN's sequence number + 1.</source>
        <translation>ack {ack} = 该 FIN 的序列号 + 1。</translation>
    </message>
    <message id="caption.ack.fin.last">
        <source>This was the last ACK: the {peer} deletes the connection ({peerState}).</source>
        <translation>这是最后一个 ACK：{peer}删除连接（{peerState}）。</translation>
    </message>
    <message id="caption.ack.fin.halfclosed">
        <source>The {peer}'s direction is closed now; the {peer} can still receive until the {who} sends its own FIN.</source>
        <translation>{peer}的发送方向现已关闭；在{who}发送自己的 FIN 之前，{peer}仍然可以接收。</translation>
    </message>
    <message id="caption.ack.fin.both">
        <source>Both FINs are acknowledged now; the {peer} waits in {peerState}.</source>
        <translation>两个 FIN 现在都已被确认；{peer}在 {peerState} 中等待。</translation>
    </message>
    <message id="caption.ack.fin.lost">
        <source>This ACK never reached the {peer}: the {peer} sends its FIN again later, so it stays {peerState}, still waiting for an acknowledgement.</source>
        <translation>这个 ACK 始终没有到达{peer}：{peer}之后再次发送了它的 FIN，所以它仍处于 {peerState}，还在等待确认。</translation>
    </message>
    <message id="caption.ack.timewait">
        <source>The {who} acknowledges the {peer}'s FIN again, from {state}.</source>
        <translation>{who}在 {state} 中再次确认{peer}的 FIN。</translation>
    </message>
    <message id="caption.ack.timewait.why">
        <source>The {peer} sent its FIN again: the first ACK had not reached it in time. Answering it is what TIME-WAIT is for: the side that closed first stays for 2 MSL so that a lost last ACK can be sent again (RFC 9293 3.6).</source>
        <translation>{peer}再次发送了它的 FIN：第一个 ACK 没有及时到达它。应答这个 FIN 正是 TIME-WAIT 的用途：先关闭的一方停留 2 MSL，以便最后的 ACK 丢失时能够重发（RFC 9293 3.6）。</translation>
    </message>
    <message id="caption.ack.timewait.dup">
        <source>Wireshark calls it a duplicate ACK (#{dup}) because it repeats the previous ACK; it answers a repeated FIN, not a gap in the data.</source>
        <translation>Wireshark 把它称为重复 ACK（#{dup}），因为它重复了前一个 ACK；它应答的是重复的 FIN，而不是数据中的缺口。</translation>
    </message>
    <message id="caption.ack.dup">
        <source>The {who} repeats its ACK (duplicate ACK #{dup}).</source>
        <translation>{who}重复发送它的 ACK（重复 ACK #{dup}）。</translation>
    </message>
    <message id="caption.ack.dup.why">
        <source>Still ack {ack}, with no data and the same window: byte {ack} has not arrived, although later segments may have. After three duplicate ACKs the {peer} retransmits that segment at once instead of waiting for its timer (fast retransmit, RFC 5681).</source>
        <translation>ack 仍为 {ack}，没有数据，窗口也不变：字节 {ack} 还没有到达，尽管后面的报文段可能已经到达。收到三个重复 ACK 后，{peer}会立即重传该报文段，而不等待它的计时器（快速重传，RFC 5681）。</translation>
    </message>
    <message id="caption.ack.zerowindow">
        <source>The {who} advertises a window of 0.</source>
        <translation>{who}通告窗口为 0。</translation>
    </message>
    <message id="caption.ack.zerowindow.why">
        <source>Its receive buffer is full: the {peer} must stop sending until the window opens again (ack {ack}).</source>
        <translation>它的接收缓冲区已满：在窗口重新打开之前，{peer}必须停止发送（ack {ack}）。</translation>
    </message>
    <message id="caption.ack.update">
        <source>The {who} opens its window (window update).</source>
        <translation>{who}打开它的窗口（窗口更新）。</translation>
    </message>
    <message id="caption.ack.update.why">
        <source>Same ack {ack}, but now {window}: its application read the data, so the {peer} may send again.</source>
        <translation>ack 仍为 {ack}，但现在{window}：它的应用程序读取了数据，所以{peer}可以再次发送。</translation>
    </message>
    <message id="caption.ack.keepalive">
        <source>The {who} answers the keep-alive: the connection is still there.</source>
        <translation>{who}应答保活报文段：连接仍然存在。</translation>
    </message>
    <message id="caption.ack.probe">
        <source>The {who} answers the window probe.</source>
        <translation>{who}应答窗口探测。</translation>
    </message>
    <message id="caption.ack.probe.why">
        <source>ack {ack}, {window}.</source>
        <translation>ack {ack}，{window}。</translation>
    </message>
    <message id="caption.ack.data">
        <source>The {who} acknowledges the {peer}'s data.</source>
        <translation>{who}确认{peer}的数据。</translation>
    </message>
    <message id="caption.ack.data.why">
        <source>ack {ack}: every byte before {ack} arrived; it is the next byte expected. It advertises {window}.</source>
        <translation>ack {ack}：{ack} 之前的每个字节都已到达；这是期望的下一个字节。它通告{window}。</translation>
    </message>
    <message id="caption.other">
        <source>The {who} sends a segment with {flags}.</source>
        <translation>{who}发送一个报文段，标志位：{flags}。</translation>
    </message>
    <message id="caption.states.both">
        <source>Both ends stay {state}.</source>
        <translation>两端都仍处于 {state}。</translation>
    </message>
    <message id="caption.states.none">
        <source>No state changes: client {client}, server {server}.</source>
        <translation>状态没有变化：客户端 {client}，服务器 {server}。</translation>
    </message>
    <message id="caption.word.no-flags">
        <source>no flags</source>
        <translation>无</translation>
    </message>
    <message id="caption.word.window">
        <source>a window of {bytes} bytes</source>
        <translation>窗口为 {bytes} 字节</translation>
    </message>
    <message id="caption.word.window.zero">
        <source>a window of 0: it cannot take any more data for now</source>
        <translation>窗口为 0：它暂时无法再接收任何数据</translation>
    </message>
    <message id="caption.word.stays">
        <source>stays</source>
        <translation>不变</translation>
    </message>
    <message id="caption.word.dup-of-frame">
        <source>#{n} of frame {frame}</source>
        <translation>帧 {frame} 的 #{n}</translation>
    </message>
    <message id="caption.word.period">
        <source>.</source>
        <translation>。</translation>
    </message>
    <message id="expert.tcp.analysis.retransmission">
        <source>This frame is a (suspected) retransmission</source>
        <translation>此帧是（疑似）重传</translation>
    </message>
    <message id="expert.tcp.analysis.fast_retransmission">
        <source>This frame is a (suspected) fast retransmission</source>
        <translation>此帧是（疑似）快速重传</translation>
    </message>
    <message id="expert.tcp.analysis.spurious_retransmission">
        <source>This frame is a (suspected) spurious retransmission</source>
        <translation>此帧是（疑似）虚假重传</translation>
    </message>
    <message id="expert.tcp.analysis.out_of_order">
        <source>This frame is a (suspected) out-of-order segment</source>
        <translation>此帧是（疑似）乱序的报文段</translation>
    </message>
    <message id="expert.tcp.analysis.lost_segment">
        <source>Previous segment(s) not captured (common at capture start)</source>
        <translation>前一（些）报文段未捕获（在抓包开始时常见）</translation>
    </message>
    <message id="expert.tcp.analysis.ack_lost_segment">
        <source>ACKed segment that wasn't captured (common at capture start)</source>
        <translation>已被 ACK 确认但未捕获的报文段（在抓包开始时常见）</translation>
    </message>
    <message id="expert.tcp.analysis.duplicate_ack">
        <source>Duplicate ACK</source>
        <translation>重复 ACK</translation>
    </message>
    <message id="expert.tcp.analysis.zero_window">
        <source>TCP Zero Window segment</source>
        <translation>TCP 零窗口报文段</translation>
    </message>
    <message id="expert.tcp.analysis.zero_window_probe">
        <source>TCP Zero Window Probe</source>
        <translation>TCP 零窗口探测</translation>
    </message>
    <message id="expert.tcp.analysis.zero_window_probe_ack">
        <source>ACK to a TCP Zero Window Probe</source>
        <translation>对 TCP 零窗口探测的 ACK</translation>
    </message>
    <message id="expert.tcp.analysis.window_full">
        <source>TCP window specified by the receiver is now completely full</source>
        <translation>接收方指定的 TCP 窗口现已完全占满</translation>
    </message>
    <message id="expert.tcp.analysis.window_update">
        <source>TCP window update</source>
        <translation>TCP 窗口更新</translation>
    </message>
    <message id="expert.tcp.analysis.keep_alive">
        <source>TCP keep-alive segment</source>
        <translation>TCP 保活报文段</translation>
    </message>
    <message id="expert.tcp.analysis.keep_alive_ack">
        <source>ACK to a TCP keep-alive segment</source>
        <translation>对 TCP 保活报文段的 ACK</translation>
    </message>
    <message id="expert.tcp.analysis.reused_ports">
        <source>A new tcp session is started with the same ports as an earlier session in this trace</source>
        <translation>一个新的 TCP 会话开始了，它使用的端口与此抓包中较早的一个会话相同</translation>
    </message>
    <message id="expert.tcp.analysis.duplicate_ack.numbered">
        <source>Duplicate ACK (#{n})</source>
        <translation>重复 ACK（#{n}）</translation>
    </message>
    <message id="note.tcp.state.data_before_handshake">
        <source>Segment sent or received before the three-way handshake completed; a real stack would not accept it in this state (RFC 9293 3.10.7.3-4)</source>
        <translation>在三次握手完成之前发送或接收的报文段；真实的协议栈在此状态下不会接受它（RFC 9293 3.10.7.3-4）</translation>
    </message>
    <message id="note.tcp.state.segment_to_listener">
        <source>Non-SYN segment to an endpoint in LISTEN: a real stack answers with RST (RFC 9293 3.10.7.2)</source>
        <translation>发往处于 LISTEN 状态端点的非 SYN 报文段：真实的协议栈会用 RST 应答（RFC 9293 3.10.7.2）</translation>
    </message>
    <message id="note.tcp.state.ack_unsent">
        <source>ACK for data the peer has not sent (yet): a real stack drops it and re-sends its own ACK (RFC 9293 3.10.7.4); often a segment missing from the capture</source>
        <translation>ACK 确认了对端（尚）未发送的数据：真实的协议栈会丢弃它并重发自己的 ACK（RFC 9293 3.10.7.4）；常常是抓包中缺少了一个报文段</translation>
    </message>
    <message id="note.tcp.state.data_after_fin">
        <source>New data after the sender's own FIN: the FIN promised there would be no more (RFC 9293 3.6)</source>
        <translation>发送方在自己的 FIN 之后又有新数据：FIN 已承诺不会再有数据（RFC 9293 3.6）</translation>
    </message>
    <message id="note.tcp.state.rst_unacceptable">
        <source>RST in SYN-SENT that does not acknowledge our SYN: a real stack ignores it (RFC 9293 3.10.7.3)</source>
        <translation>处于 SYN-SENT 状态时收到的 RST 没有确认我方的 SYN：真实的协议栈会忽略它（RFC 9293 3.10.7.3）</translation>
    </message>
    <message id="note.tcp.state.syn_in_synchronized">
        <source>SYN on a connection that is already synchronized: a real stack answers with a challenge ACK (RFC 9293 3.10.7.4, RFC 5961)</source>
        <translation>在已同步的连接上出现 SYN：真实的协议栈会用挑战 ACK 应答（RFC 9293 3.10.7.4，RFC 5961）</translation>
    </message>
    <message id="note.tcp.state.segment_after_close">
        <source>Segment after the endpoint closed or entered TIME-WAIT</source>
        <translation>端点已关闭或已进入 TIME-WAIT 状态之后出现的报文段</translation>
    </message>
    <message id="note.tcp.state.simultaneous_open">
        <source>Simultaneous open: both ends sent a SYN and the SYNs crossed (RFC 9293 3.5, Figure 8)</source>
        <translation>同时打开：两端都发送了 SYN，两个 SYN 交叉而过（RFC 9293 3.5，图 8）</translation>
    </message>
    <message id="note.tcp.state.refused">
        <source>Connection refused: the SYN was answered by RST,ACK because nobody listens on the port</source>
        <translation>连接被拒绝：SYN 得到的应答是 RST,ACK，因为该端口上无人监听</translation>
    </message>
    <message id="note.tcp.state.syn_repeated">
        <source>SYN repeated with the same initial sequence number: a retransmission, no state change</source>
        <translation>用相同的初始序列号重复发送 SYN：这是重传，状态不变</translation>
    </message>
    <message id="note.tcp.state.fin_repeated">
        <source>FIN repeated at the same sequence number: a retransmission, no state change</source>
        <translation>在相同的序列号上重复发送 FIN：这是重传，状态不变</translation>
    </message>
    <message id="note.tcp.state.midstream">
        <source>The capture starts after the handshake: both endpoint states are unknown until evidence arrives</source>
        <translation>抓包在握手之后才开始：在出现证据之前，两个端点的状态都未知</translation>
    </message>
    <message id="note.tcp.state.syn_not_seen">
        <source>The connection's SYN was not captured; the capture starts at the SYN,ACK</source>
        <translation>该连接的 SYN 没有被抓到；抓包从 SYN,ACK 开始</translation>
    </message>
    <message id="note.tcp.state.half_open">
        <source>Half-open connection: this SYN,ACK never reached the client (it did not answer; the server retransmitted it, the client repeated its SYN, or the capture ended), so the client took no step and the server still waits for its ACK</source>
        <translation>半开连接：这个 SYN,ACK 始终没有到达客户端（客户端没有应答；服务器重传了它、客户端重复发送了自己的 SYN，或者抓包已结束），因此客户端不进行任何状态转换，服务器仍在等待它的 ACK</translation>
    </message>
    <message id="note.tcp.state.fin_ack_lost">
        <source>This ACK of a FIN never reached the FIN's sender: it sent its FIN again, so it took no step and still waits for an acknowledgement</source>
        <translation>这个对 FIN 的 ACK 始终没有到达 FIN 的发送方：该发送方再次发送了它的 FIN，因此它不进行任何状态转换，仍在等待确认</translation>
    </message>
    <message id="role.reason.syn-sender">
        <source>sent the first SYN</source>
        <translation>发送了第一个 SYN</translation>
    </message>
    <message id="role.reason.syn-ack-receiver">
        <source>received the SYN,ACK (SYN not captured)</source>
        <translation>收到了 SYN,ACK（未抓到 SYN）</translation>
    </message>
    <message id="role.reason.well-known-port">
        <source>mid-stream: the server uses a well-known port (&lt; 1024)</source>
        <translation>中途开始抓包：服务器使用知名端口（&lt; 1024）</translation>
    </message>
    <message id="role.reason.lower-port">
        <source>mid-stream: the server uses the lower port</source>
        <translation>中途开始抓包：服务器使用较小的端口号</translation>
    </message>
    <message id="role.reason.first-sender">
        <source>mid-stream: the client sent the first captured segment</source>
        <translation>中途开始抓包：客户端发送了抓到的第一个报文段</translation>
    </message>
    <message id="conversation.open.handshake">
        <source>handshake</source>
        <translation>三次握手</translation>
    </message>
    <message id="conversation.open.simultaneous">
        <source>simultaneous</source>
        <translation>同时打开</translation>
    </message>
    <message id="conversation.open.syn-syn-ack">
        <source>syn,syn-ack</source>
        <translation>前两次握手</translation>
    </message>
    <message id="conversation.open.syn-only">
        <source>syn only</source>
        <translation>仅 SYN</translation>
    </message>
    <message id="conversation.open.refused">
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message id="conversation.open.syn-missed">
        <source>syn missed</source>
        <translation>未抓到 SYN</translation>
    </message>
    <message id="conversation.open.mid-stream">
        <source>mid-stream</source>
        <translation>中途开始</translation>
    </message>
    <message id="conversation.close.open">
        <source>open</source>
        <translation>未关闭</translation>
    </message>
    <message id="conversation.close.fin-both">
        <source>fin both</source>
        <translation>双方 FIN</translation>
    </message>
    <message id="conversation.close.fin-client">
        <source>fin client</source>
        <translation>客户端 FIN</translation>
    </message>
    <message id="conversation.close.fin-server">
        <source>fin server</source>
        <translation>服务器 FIN</translation>
    </message>
    <message id="conversation.close.rst-client">
        <source>rst client</source>
        <translation>客户端 RST</translation>
    </message>
    <message id="conversation.close.rst-server">
        <source>rst server</source>
        <translation>服务器 RST</translation>
    </message>
    <message id="note._ws.truncated.ip-payload">
        <source>IP payload cut short by the capture: {have} of {length} bytes captured</source>
        <translation>IP 载荷被抓包截断：{length} 字节中只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.frame">
        <source>No bytes of this frame were captured</source>
        <translation>该帧没有任何字节被捕获</translation>
    </message>
    <message id="note.frame.unknown_link_type">
        <source>Link type {type} is not one TcpScope decodes</source>
        <translation>链路类型 {type} 不在 TcpScope 能解码的类型之列</translation>
    </message>
    <message id="note._ws.truncated.ethernet-header">
        <source>The Ethernet header needs {need} bytes but only {have} were captured</source>
        <translation>以太网首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.8021ad-tag">
        <source>The 802.1ad tag needs {need} bytes but only {have} were captured</source>
        <translation>802.1ad 标签需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.8021q-tag">
        <source>The 802.1Q tag needs {need} bytes but only {have} were captured</source>
        <translation>802.1Q 标签需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.sll-header">
        <source>The SLL header needs {need} bytes but only {have} were captured</source>
        <translation>SLL 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.sll2-header">
        <source>The SLL2 header needs {need} bytes but only {have} were captured</source>
        <translation>SLL2 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.loopback-header">
        <source>The loopback header needs {need} bytes but only {have} were captured</source>
        <translation>环回首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.null.family_unknown">
        <source>Address family {family} is neither IPv4 nor IPv6</source>
        <translation>地址族 {family} 既不是 IPv4 也不是 IPv6</translation>
    </message>
    <message id="note._ws.truncated.llc-snap-header">
        <source>The LLC/SNAP header needs {need} bytes but only {have} were captured</source>
        <translation>LLC/SNAP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.llc.not_snap">
        <source>Not an LLC/SNAP header with an EtherType: the payload is not read</source>
        <translation>不是带 EtherType 的 LLC/SNAP 首部：不解析其载荷</translation>
    </message>
    <message id="note._ws.truncated.80211-header">
        <source>The 802.11 header needs {need} bytes but only {have} were captured</source>
        <translation>802.11 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.wlan.not_data.management">
        <source>A management frame: it carries no IP packet</source>
        <translation>管理帧：不携带 IP 数据包</translation>
    </message>
    <message id="note.wlan.not_data.control">
        <source>A control frame: it carries no IP packet</source>
        <translation>控制帧：不携带 IP 数据包</translation>
    </message>
    <message id="note.wlan.protected">
        <source>Protected frame: its body is encrypted, the packet inside cannot be read without the keys</source>
        <translation>受保护的帧：帧体已加密，没有密钥就无法读取其中的数据包</translation>
    </message>
    <message id="note._ws.truncated.ppi-header">
        <source>The PPI header needs {need} bytes but only {have} were captured</source>
        <translation>PPI 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.nflog-header">
        <source>The NFLOG header needs {need} bytes but only {have} were captured</source>
        <translation>NFLOG 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.nflog-attribute-header">
        <source>An NFLOG attribute header needs {need} bytes but only {have} were captured</source>
        <translation>一个 NFLOG 属性首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.nflog.tlv_length.bad">
        <source>Attribute length {length} is less than its 4-byte header</source>
        <translation>属性长度 {length} 小于其 4 字节的首部</translation>
    </message>
    <message id="note.nflog.no_payload">
        <source>No IPv4 or IPv6 packet among the attributes</source>
        <translation>属性中没有 IPv4 或 IPv6 数据包</translation>
    </message>
    <message id="note._ws.truncated.ipoib-header">
        <source>The IPoIB header needs {need} bytes but only {have} were captured</source>
        <translation>IPoIB 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.mpls-label">
        <source>The MPLS label needs {need} bytes but only {have} were captured</source>
        <translation>MPLS 标签需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.mpls-payload">
        <source>The packet after the bottom label needs {need} bytes but only {have} were captured</source>
        <translation>栈底标签之后的数据包需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.pppoe-header">
        <source>The PPPoE header needs {need} bytes but only {have} were captured</source>
        <translation>PPPoE 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.chdlc-header">
        <source>The Cisco HDLC header needs {need} bytes but only {have} were captured</source>
        <translation>Cisco HDLC 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.e-tag">
        <source>The E-Tag needs {need} bytes but only {have} were captured</source>
        <translation>E-Tag 需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.fabricpath-header">
        <source>The FabricPath header needs {need} bytes but only {have} were captured</source>
        <translation>FabricPath 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.ppp-header">
        <source>The PPP header needs {need} bytes but only {have} were captured</source>
        <translation>PPP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.ipv4-header-none">
        <source>No bytes of the IPv4 header were captured</source>
        <translation>IPv4 首部没有任何字节被捕获</translation>
    </message>
    <message id="note._ws.truncated.ipv4-header">
        <source>IPv4 header cut short: 20 bytes needed, {have} captured</source>
        <translation>IPv4 首部被截断：需要 20 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.ipv4-options">
        <source>IPv4 options cut short: header says {headerLength} bytes, {have} captured</source>
        <translation>IPv4 选项被截断：首部长度为 {headerLength} 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note.ip.version.bad">
        <source>IP version {version} in an IPv4 header (expected 4)</source>
        <translation>IPv4 首部中的 IP 版本为 {version}（应为 4）</translation>
    </message>
    <message id="note.ip.bogus_header_length">
        <source>Bogus IPv4 header length {headerLength} (IHL {ihl}): must be at least 20 bytes (IHL 5)</source>
        <translation>IPv4 首部长度 {headerLength} 无效（IHL {ihl}）：至少应为 20 字节（IHL 5）</translation>
    </message>
    <message id="note.ip.bogus_ip_length">
        <source>Total length {total} is less than the header length {headerLength}</source>
        <translation>总长度 {total} 小于首部长度 {headerLength}</translation>
    </message>
    <message id="note.ip.len.tso">
        <source>Total length 0: probably TCP segmentation offload or BIG TCP; using the frame's {length} bytes</source>
        <translation>总长度为 0：可能是 TCP 分段卸载或 BIG TCP；改用帧中的 {length} 字节</translation>
    </message>
    <message id="note.ip.len.past_capture">
        <source>Total length {total} is more than the {length} bytes that follow in the frame</source>
        <translation>总长度 {total} 超过了帧中其后的 {length} 字节</translation>
    </message>
    <message id="note.ip.flags.rb_set">
        <source>The reserved flag bit is set</source>
        <translation>保留标志位已置 1</translation>
    </message>
    <message id="note.ip.checksum_bad.offloaded">
        <source>Header checksum unverified, likely offloaded (captured on the sending host)</source>
        <translation>首部校验和未验证，可能是校验和卸载（在发送主机上抓包）</translation>
    </message>
    <message id="note.ip.checksum_bad.wrong">
        <source>Bad IPv4 header checksum: should be {calc}</source>
        <translation>IPv4 首部校验和错误：应为 {calc}</translation>
    </message>
    <message id="note.ip.ttl.zero">
        <source>Time To Live is 0: routers drop this</source>
        <translation>生存时间 TTL 为 0：路由器会丢弃该数据包</translation>
    </message>
    <message id="note.ip.opt.len.invalid.missing">
        <source>IP option length is missing</source>
        <translation>缺少 IP 选项的长度</translation>
    </message>
    <message id="note.ip.opt.len.invalid.short">
        <source>IP option length {length} is less than 2</source>
        <translation>IP 选项长度 {length} 小于 2</translation>
    </message>
    <message id="note.ip.opt.len.invalid.past-end">
        <source>IP option length {length} is past the end of the header</source>
        <translation>IP 选项长度 {length} 超出了首部末尾</translation>
    </message>
    <message id="note.ip.fragment">
        <source>Later fragment of a datagram: its payload is not a TCP header</source>
        <translation>数据报的后续分片：其载荷不是 TCP 首部</translation>
    </message>
    <message id="note._ws.truncated.ipv6-header">
        <source>IPv6 header cut short: 40 bytes needed, {have} captured</source>
        <translation>IPv6 首部被截断：需要 40 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note.ipv6.version.bad">
        <source>IP version {version} in an IPv6 header (expected 6)</source>
        <translation>IPv6 首部中的 IP 版本为 {version}（应为 6）</translation>
    </message>
    <message id="note.ipv6.plen.zero">
        <source>Payload Length is 0 without a Jumbo Payload option: probably TCP segmentation offload or BIG TCP; using the frame's length</source>
        <translation>载荷长度（Payload Length）为 0，却没有超大载荷（Jumbo Payload）选项：可能是 TCP 分段卸载或 BIG TCP；改用帧的长度</translation>
    </message>
    <message id="note.ipv6.ext.too_many">
        <source>More than 16 IPv6 extension headers: giving up on the chain</source>
        <translation>IPv6 扩展首部超过 16 个：放弃解析这条首部链</translation>
    </message>
    <message id="note._ws.truncated.ipv6-ext-header">
        <source>IPv6 extension header ({header}) cut short at byte {offset}</source>
        <translation>IPv6 扩展首部（{header}）在第 {offset} 字节处被截断</translation>
    </message>
    <message id="note.ipv6.ext.past_payload">
        <source>Extension header runs past the end of the payload ({length} bytes)</source>
        <translation>扩展首部超出了载荷末尾（载荷为 {length} 字节）</translation>
    </message>
    <message id="note._ws.truncated.ipv6-ext-length">
        <source>Extension header needs {need} bytes, {have} captured</source>
        <translation>扩展首部需要 {need} 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note.ipv6.hopopts.not_first">
        <source>Hop-by-hop options must immediately follow the IPv6 header</source>
        <translation>逐跳选项首部必须紧跟在 IPv6 首部之后</translation>
    </message>
    <message id="note.ipv6.opt.length.invalid">
        <source>IPv6 option length runs past the end of its extension header</source>
        <translation>IPv6 选项长度超出了其所在扩展首部的末尾</translation>
    </message>
    <message id="note.ipv6.opt.jumbo.bad_length">
        <source>Jumbo Payload option must have 4 data bytes, has {length}</source>
        <translation>超大载荷（Jumbo Payload）选项必须有 4 个数据字节，实际有 {length} 个</translation>
    </message>
    <message id="note.ipv6.opt.jumbo.not_hopbyhop">
        <source>Jumbo Payload is only valid in the hop-by-hop header</source>
        <translation>超大载荷（Jumbo Payload）选项只在逐跳选项首部中有效</translation>
    </message>
    <message id="note.ipv6.opt.jumbo.plen_not_zero">
        <source>Jumbo Payload option present but the Payload Length is {length} (must be 0, RFC 2675)</source>
        <translation>存在超大载荷（Jumbo Payload）选项，但载荷长度（Payload Length）为 {length}（必须为 0，RFC 2675）</translation>
    </message>
    <message id="note.ipv6.opt.jumbo.too_small">
        <source>Jumbo Payload length {length} is not above 65,535 (RFC 2675)</source>
        <translation>超大载荷（Jumbo Payload）长度 {length} 未超过 65,535（RFC 2675）</translation>
    </message>
    <message id="note.ipv6.fragment">
        <source>Later fragment of a packet: its payload is not a TCP header</source>
        <translation>数据包的后续分片：其载荷不是 TCP 首部</translation>
    </message>
    <message id="note._ws.truncated.udp-header">
        <source>The UDP header needs {need} bytes but only {have} were captured</source>
        <translation>UDP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.udp.length.bad">
        <source>Bad length {length}: the UDP header alone is 8 bytes</source>
        <translation>长度 {length} 错误：仅 UDP 首部就有 8 字节</translation>
    </message>
    <message id="note._ws.truncated.udp-payload">
        <source>UDP payload cut short by the capture: {have} of {length} bytes captured</source>
        <translation>UDP 载荷被抓包截断：{length} 字节中只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.tcp-header">
        <source>TCP header cut short: 20 bytes needed, {have} captured</source>
        <translation>TCP 首部被截断：需要 20 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note.tcp.short_segment">
        <source>The IP payload is only {length} bytes: too short for a TCP header</source>
        <translation>IP 载荷只有 {length} 字节：容纳不下 TCP 首部</translation>
    </message>
    <message id="note.tcp.bogus_header_length.too-small">
        <source>Bogus TCP header length {headerLength} (data offset {offset}): must be at least 20 bytes (5)</source>
        <translation>TCP 首部长度 {headerLength} 无效（数据偏移 {offset}）：至少应为 20 字节（5）</translation>
    </message>
    <message id="note.tcp.bogus_header_length.past-segment">
        <source>TCP header length {headerLength} is past the end of the segment ({length} bytes)</source>
        <translation>TCP 首部长度 {headerLength} 超出了报文段末尾（报文段为 {length} 字节）</translation>
    </message>
    <message id="note._ws.truncated.tcp-options">
        <source>TCP options cut short: header is {headerLength} bytes, {have} captured</source>
        <translation>TCP 选项被截断：首部长度为 {headerLength} 字节，只捕获了 {have} 字节</translation>
    </message>
    <message id="note.tcp.len.past_frame">
        <source>The IP length says {length} payload bytes, the frame holds {wire} on the wire: using {wire}</source>
        <translation>IP 长度表明载荷有 {length} 字节，而该帧在线路上只有 {wire} 字节：按 {wire} 字节处理</translation>
    </message>
    <message id="note.tcp.checksum.offloaded">
        <source>Checksum unverified, likely offloaded: the capture was taken on the sending host, before the network card filled the checksum in (should be {calc})</source>
        <translation>校验和未验证，可能是校验和卸载：抓包发生在发送主机上，网卡还没有填入校验和（应为 {calc}）</translation>
    </message>
    <message id="note.tcp.checksum_bad">
        <source>Bad checksum: should be {calc}</source>
        <translation>校验和错误：应为 {calc}</translation>
    </message>
    <message id="note._ws.truncated.tcp-payload-none">
        <source>None of the {length} payload bytes were captured (snap length)</source>
        <translation>{length} 字节的载荷一个字节也没有被捕获（截断长度 snaplen）</translation>
    </message>
    <message id="note._ws.truncated.tcp-payload">
        <source>Payload cut short by the capture: {have} of {length} bytes captured</source>
        <translation>载荷被抓包截断：{length} 字节中只捕获了 {have} 字节</translation>
    </message>
    <message id="note.tcp.non_zero_bytes_after_eol">
        <source>Non-zero header padding: {length} bytes after End of Option List are not options and should be zero</source>
        <translation>首部填充不为零：选项列表结束（EOL）之后的 {length} 个字节不是选项，应当为 0</translation>
    </message>
    <message id="note.tcp.option.len.invalid.missing">
        <source>Option {option} has no length byte before the end of the header</source>
        <translation>选项 {option} 在首部结束之前没有长度字节</translation>
    </message>
    <message id="note.tcp.option.len.invalid.short">
        <source>Option {option} has length {length} (must be at least 2): the rest of the options cannot be read</source>
        <translation>选项 {option} 的长度为 {length}（至少应为 2）：其余选项无法读取</translation>
    </message>
    <message id="note.tcp.option.len.invalid.past-end">
        <source>Option {option} length {length} runs past the end of the TCP header ({left} bytes left)</source>
        <translation>选项 {option} 的长度 {length} 超出了 TCP 首部末尾（只剩 {left} 字节）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.mss">
        <source>MSS option length {length} is wrong (should be {want})</source>
        <translation>MSS 选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.wscale">
        <source>Window scale option length {length} is wrong (should be {want})</source>
        <translation>窗口扩大选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.sack-perm">
        <source>SACK permitted option length {length} is wrong (should be {want})</source>
        <translation>允许 SACK 选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.timestamps">
        <source>Timestamps option length {length} is wrong (should be {want})</source>
        <translation>时间戳选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.md5">
        <source>MD5 signature option length {length} is wrong (should be {want})</source>
        <translation>MD5 签名选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.user-timeout">
        <source>User Timeout option length {length} is wrong (should be {want})</source>
        <translation>用户超时（User Timeout）选项长度 {length} 错误（应为 {want}）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.sack">
        <source>SACK option length {length} is not 2 + 8 per block (10, 18, 26 or 34)</source>
        <translation>SACK 选项长度 {length} 不符合 2 + 每块 8 字节（10、18、26 或 34）</translation>
    </message>
    <message id="note.tcp.option.len.invalid.tcp-ao">
        <source>TCP-AO option length {length} is shorter than 4</source>
        <translation>TCP-AO 选项长度 {length} 小于 4</translation>
    </message>
    <message id="note.tcp.options.mss.present">
        <source>MSS option on a segment without SYN: it is only meaningful on SYNs</source>
        <translation>不带 SYN 的报文段中出现了 MSS 选项：它只在 SYN 报文段中有意义</translation>
    </message>
    <message id="note.tcp.options.wscale.shift.invalid">
        <source>Window scale shift {shift} exceeds 14 (RFC 7323): 14 is used</source>
        <translation>窗口扩大移位值 {shift} 超过 14（RFC 7323）：按 14 处理</translation>
    </message>
    <message id="note.tcp.options.mptcp.short.subtype">
        <source>{subtype} needs at least {need} bytes, option has {length}</source>
        <translation>{subtype} 至少需要 {need} 字节，该选项只有 {length} 字节</translation>
    </message>
    <message id="note.tcp.options.mptcp.short.dss-data-ack">
        <source>DSS Data ACK needs at least {need} bytes, option has {length}</source>
        <translation>DSS 的 Data ACK 至少需要 {need} 字节，该选项只有 {length} 字节</translation>
    </message>
    <message id="note.tcp.options.mptcp.short.dss-mapping">
        <source>DSS mapping needs at least {need} bytes, option has {length}</source>
        <translation>DSS 的映射至少需要 {need} 字节，该选项只有 {length} 字节</translation>
    </message>
    <message id="note.tcp.options.mptcp.join.len">
        <source>MP_JOIN length {length} is none of 12, 16, 24</source>
        <translation>MP_JOIN 长度 {length} 不是 12、16、24 中的任何一个</translation>
    </message>
    <message id="note.tcp.options.mptcp.subtype.unknown">
        <source>Unknown MPTCP subtype {subtype}</source>
        <translation>未知的 MPTCP 子类型 {subtype}</translation>
    </message>
    <message id="note.tcp.options.acc_ecn.len">
        <source>AccECN option body of {length} bytes is not a multiple of 3</source>
        <translation>AccECN 选项的主体为 {length} 字节，不是 3 的倍数</translation>
    </message>
    <message id="note._ws.truncated.gre-header">
        <source>The GRE header needs {need} bytes but only {have} were captured</source>
        <translation>GRE 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.gre.routing">
        <source>Source routing entries (RFC 1701) are not decoded: the payload is not read</source>
        <translation>不解码源路由条目（RFC 1701）：不解析其载荷</translation>
    </message>
    <message id="note._ws.truncated.erspan-header">
        <source>The ERSPAN header needs {need} bytes but only {have} were captured</source>
        <translation>ERSPAN 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.vxlan-header">
        <source>The VXLAN header needs {need} bytes but only {have} were captured</source>
        <translation>VXLAN 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.geneve-header">
        <source>The Geneve header needs {need} bytes but only {have} were captured</source>
        <translation>Geneve 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.geneve-options">
        <source>The Geneve options needs {need} bytes but only {have} were captured</source>
        <translation>Geneve 选项需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.geneve.version.unknown">
        <source>Geneve version {version} is unknown: the payload is not read</source>
        <translation>未知的 Geneve 版本 {version}：不解析其载荷</translation>
    </message>
    <message id="note._ws.truncated.gtp-header">
        <source>The GTP header needs {need} bytes but only {have} were captured</source>
        <translation>GTP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.gtp.version">
        <source>GTP version {version}: only GTPv1 user data (GTP-U) is decoded</source>
        <translation>GTP 版本 {version}：只解码 GTPv1 用户数据（GTP-U）</translation>
    </message>
    <message id="note._ws.truncated.l2tp-header">
        <source>The L2TP header needs {need} bytes but only {have} were captured</source>
        <translation>L2TP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.l2tp.version">
        <source>L2TP version {version}: only L2TPv2 over UDP is decoded</source>
        <translation>L2TP 版本 {version}：只解码基于 UDP 的 L2TPv2</translation>
    </message>
    <message id="note._ws.truncated.ah-header">
        <source>The AH header needs {need} bytes but only {have} were captured</source>
        <translation>AH 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note._ws.truncated.esp-header">
        <source>The ESP header needs {need} bytes but only {have} were captured</source>
        <translation>ESP 首部需要 {need} 字节，但只捕获了 {have} 字节</translation>
    </message>
    <message id="note.esp.encrypted">
        <source>ESP encrypts its payload: the packet inside (TCP or other) cannot be decoded without the keys</source>
        <translation>ESP 对其载荷进行了加密：没有密钥就无法解码其中的数据包（TCP 或其他）</translation>
    </message>
    <message id="note.resp.partial.bulk">
        <source>Bulk string continues past this segment</source>
        <translation>批量字符串（Bulk string）延续到了本报文段之后</translation>
    </message>
    <message id="note.resp.partial.element">
        <source>Element continues past this segment (no CRLF yet)</source>
        <translation>元素延续到了本报文段之后（尚未出现 CRLF）</translation>
    </message>
    <message id="note.resp.array_recursion_too_deep">
        <source>Arrays nested deeper than 16: not decoded further</source>
        <translation>数组嵌套超过 16 层：不再继续解码</translation>
    </message>
    <message id="note.resp.malformed_length">
        <source>Not a RESP element: expected + - : $ or * followed by a valid line</source>
        <translation>不是 RESP 元素：应以 + - : $ 或 * 开头，后跟有效的一行</translation>
    </message>
    <message id="note.http.partial">
        <source>Headers continue in a later segment (no reassembly)</source>
        <translation>首部延续到后面的报文段中（不做重组）</translation>
    </message>
    <message id="note.tls.continuation_data">
        <source>The {length} bytes from offset {offset} do not start a TLS record</source>
        <translation>从偏移 {offset} 开始的 {length} 字节不是以 TLS 记录开头</translation>
    </message>
    <message id="note.tls.not_decoded.records">
        <source>Only the first {count} records of the segment are decoded</source>
        <translation>只解码了本报文段的前 {count} 个记录</translation>
    </message>
    <message id="note.tls.not_decoded.messages">
        <source>Only the first {count} messages of the record are decoded</source>
        <translation>只解码了本记录的前 {count} 条消息</translation>
    </message>
    <message id="note.tls.not_decoded.certificates">
        <source>Only the first {count} certificates are decoded</source>
        <translation>只解码了前 {count} 个证书</translation>
    </message>
    <message id="note.tls.not_decoded.extensions">
        <source>Only the first {count} extensions are decoded</source>
        <translation>只解码了前 {count} 个扩展</translation>
    </message>
    <message id="note.tls.not_decoded.entries">
        <source>Only the first {count} entries are decoded</source>
        <translation>只解码了前 {count} 个条目</translation>
    </message>
    <message id="note.tls.partial.record-header.cut">
        <source>The record header: {have} of {total} bytes are here, the capture cut the rest</source>
        <translation>记录首部：{total} 字节中只有 {have} 字节在这里，其余部分被抓包截断</translation>
    </message>
    <message id="note.tls.partial.record-header.later">
        <source>The record header: {have} of {total} bytes are here, the rest follows in a later segment (not reassembled)</source>
        <translation>记录首部：{total} 字节中只有 {have} 字节在这里，其余部分在后面的报文段中（未重组）</translation>
    </message>
    <message id="note.tls.partial.record.cut">
        <source>The record: {have} of {total} bytes are here, the capture cut the rest</source>
        <translation>记录：{total} 字节中只有 {have} 字节在这里，其余部分被抓包截断</translation>
    </message>
    <message id="note.tls.partial.record.later">
        <source>The record: {have} of {total} bytes are here, the rest follows in a later segment (not reassembled)</source>
        <translation>记录：{total} 字节中只有 {have} 字节在这里，其余部分在后面的报文段中（未重组）</translation>
    </message>
    <message id="note.tls.partial.sslv2-record.cut">
        <source>The SSLv2 record: {have} of {total} bytes are here, the capture cut the rest</source>
        <translation>SSLv2 记录：{total} 字节中只有 {have} 字节在这里，其余部分被抓包截断</translation>
    </message>
    <message id="note.tls.partial.sslv2-record.later">
        <source>The SSLv2 record: {have} of {total} bytes are here, the rest follows in a later segment (not reassembled)</source>
        <translation>SSLv2 记录：{total} 字节中只有 {have} 字节在这里，其余部分在后面的报文段中（未重组）</translation>
    </message>
    <message id="note.tls.malformed.buffer_too_small.field">
        <source>{field} needs {need} bytes, its message has {left} left</source>
        <translation>{field} 需要 {need} 字节，所在消息只剩 {left} 字节</translation>
    </message>
    <message id="note.tls.malformed.buffer_too_small.message-type">
        <source>The message type needs {need} bytes, its message has {left} left</source>
        <translation>消息类型需要 {need} 字节，所在消息只剩 {left} 字节</translation>
    </message>
    <message id="note.tls.malformed.buffer_too_small.random">
        <source>The Random needs {need} bytes, its message has {left} left</source>
        <translation>Random 需要 {need} 字节，所在消息只剩 {left} 字节</translation>
    </message>
    <message id="note.tls.malformed.buffer_too_small.extension-header">
        <source>An extension header needs {need} bytes, its message has {left} left</source>
        <translation>一个扩展首部需要 {need} 字节，所在消息只剩 {left} 字节</translation>
    </message>
    <message id="note.tls.malformed.vector_length.past-container">
        <source>The length says {length} bytes, only {left} remain in its container</source>
        <translation>长度字段为 {length} 字节，但其所在结构只剩 {left} 字节</translation>
    </message>
    <message id="note.tls.malformed.vector_length.unit">
        <source>The length {length} is not a multiple of {unit}</source>
        <translation>长度 {length} 不是 {unit} 的倍数</translation>
    </message>
    <message id="note.tls.malformed.vector_length.sslv2">
        <source>Cipher specs ({specs} bytes, three each), session ID ({sessionId}) and challenge ({challenge}) do not fill the {left} bytes left in the record</source>
        <translation>密码规格（{specs} 字节，每个 3 字节）、会话 ID（{sessionId}）和挑战值（{challenge}）与记录中剩余的 {left} 字节对不上</translation>
    </message>
    <message id="note.tls.malformed.vector_length.session-id">
        <source>A session ID has at most 32 bytes, this one {length}</source>
        <translation>会话 ID 最多 32 字节，这个有 {length} 字节</translation>
    </message>
    <message id="note.tls.record.length.invalid.too-long">
        <source>A record may hold at most {limit} bytes, this one says {length}</source>
        <translation>一个记录最多容纳 {limit} 字节，这个记录却声明为 {length} 字节</translation>
    </message>
    <message id="note.tls.record.length.invalid.zero">
        <source>Zero-length {type} records are not allowed</source>
        <translation>不允许长度为零的 {type} 记录</translation>
    </message>
    <message id="note.tls.handshake.fragment">
        <source>The message goes on in the next record (not reassembled)</source>
        <translation>该消息延续到下一个记录中（未重组）</translation>
    </message>
    <message id="note.tls.malformed.trailing_data">
        <source>{length} bytes follow the extensions inside the message</source>
        <translation>消息内部在扩展之后还有 {length} 字节</translation>
    </message>
    <message id="convention">
        <source>The capture point sees each packet once. TcpScope treats it as sent by its sender (the sender's "snd" event) and received by the other endpoint (its "rcv" event) at the same moment. The server starts in LISTEN, the client in CLOSED. A capture that starts mid-stream leaves both endpoints UNKNOWN until evidence arrives: ACKs in both directions mean ESTABLISHED, a FIN starts the close path, a SYN,ACK means the SYN was missed. No timer elapses in a capture, so TIME-WAIT is final. Two segments that crossed in flight (simultaneous open or close) are captured one after the other although the second was sent before the first arrived: the second sender's "snd" step is moved back to the first packet and its receipt of the first segment happens at the second. A SYN answered by RST,ACK means nobody was listening: the server's step on that SYN becomes "rcv SYN in CLOSED". A packet is taken to have arrived unless a later one proves it did not: a SYN,ACK that the client never answers (the server sends it again, the client repeats its SYN, or the capture ends without an answer) did not reach the client, which stays SYN-SENT while the server waits in SYN-RECEIVED (a half-open connection, as in a SYN flood); an ACK of a FIN after which the FIN's sender sends its FIN again did not reach that sender, which is still waiting for it.</source>
        <translation>抓包点只看到每个数据包一次。TcpScope 把它视为在同一时刻由发送方发出（发送方的“snd”事件）并被另一个端点接收（该端点的“rcv”事件）。服务器从 LISTEN 状态开始，客户端从 CLOSED 状态开始。如果抓包在连接中途开始，那么在出现证据之前，两个端点都处于 UNKNOWN 状态：两个方向上的 ACK 表示 ESTABLISHED，FIN 开启关闭路径，SYN,ACK 表示漏抓了 SYN。抓包中没有计时器会到期，因此 TIME-WAIT 是最终状态。两个在传输途中交叉而过的报文段（同时打开或同时关闭）在抓包中一前一后出现，尽管第二个是在第一个到达之前发出的：第二个发送方的“snd”步骤被提前到第一个数据包处，而它对第一个报文段的接收则发生在第二个数据包处。SYN 得到 RST,ACK 应答，表示无人监听：服务器对该 SYN 的步骤变为“rcv SYN in CLOSED”。除非后面的数据包证明某个数据包没有到达，否则就认为它已经到达：客户端始终没有应答的 SYN,ACK（服务器再次发送它、客户端重复发送自己的 SYN，或者抓包结束时仍无应答）没有到达客户端，客户端仍处于 SYN-SENT 状态，而服务器在 SYN-RECEIVED 状态中等待（半开连接，就像 SYN 洪泛攻击中那样）；对 FIN 的 ACK，如果之后 FIN 的发送方再次发送了它的 FIN，就说明这个 ACK 没有到达该发送方，该发送方仍在等待它。</translation>
    </message>
    <message id="ladder.mark.retransmission">
        <source>RETRANSMISSION</source>
        <translation>重传</translation>
    </message>
    <message id="ladder.mark.fast_retransmission">
        <source>FAST RETRANSMISSION</source>
        <translation>快速重传</translation>
    </message>
    <message id="ladder.mark.spurious_retransmission">
        <source>SPURIOUS RETRANSMISSION</source>
        <translation>虚假重传</translation>
    </message>
    <message id="ladder.mark.out_of_order">
        <source>OUT-OF-ORDER</source>
        <translation>乱序</translation>
    </message>
    <message id="ladder.mark.lost_segment">
        <source>PREVIOUS SEGMENT NOT CAPTURED</source>
        <translation>前一报文段未捕获</translation>
    </message>
    <message id="ladder.mark.ack_lost_segment">
        <source>ACKED UNSEEN SEGMENT</source>
        <translation>确认了未捕获的报文段</translation>
    </message>
    <message id="ladder.mark.duplicate_ack">
        <source>DUP ACK</source>
        <translation>重复确认</translation>
    </message>
    <message id="ladder.mark.zero_window">
        <source>ZERO WINDOW</source>
        <translation>零窗口</translation>
    </message>
    <message id="ladder.mark.zero_window_probe">
        <source>ZERO WINDOW PROBE</source>
        <translation>零窗口探测</translation>
    </message>
    <message id="ladder.mark.zero_window_probe_ack">
        <source>ZERO WINDOW PROBE ACK</source>
        <translation>零窗口探测确认</translation>
    </message>
    <message id="ladder.mark.window_full">
        <source>WINDOW FULL</source>
        <translation>窗口已满</translation>
    </message>
    <message id="ladder.mark.window_update">
        <source>WINDOW UPDATE</source>
        <translation>窗口更新</translation>
    </message>
    <message id="ladder.mark.keep_alive">
        <source>KEEP-ALIVE</source>
        <translation>保活</translation>
    </message>
    <message id="ladder.mark.keep_alive_ack">
        <source>KEEP-ALIVE ACK</source>
        <translation>保活确认</translation>
    </message>
    <message id="ladder.mark.reused_ports">
        <source>PORTS REUSED</source>
        <translation>端口重用</translation>
    </message>
    <message id="table.column.bytes">
        <source>Bytes</source>
        <translation>字节值</translation>
    </message>
    <message id="table.column.field">
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message id="table.column.value">
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message id="table.column.meaning">
        <source>Meaning</source>
        <translation>字节含义</translation>
    </message>
    <message id="table.frame">
        <source>Frame {number}</source>
        <translation>第 {number} 帧</translation>
    </message>
    <message id="table.section.header">
        <source>{protocol} header</source>
        <translation>{protocol} 首部</translation>
    </message>
    <message id="table.section.options">
        <source>{protocol} options</source>
        <translation>{protocol} 选项</translation>
    </message>
    <message id="table.section.payload">
        <source>Payload ({protocol})</source>
        <translation>载荷（{protocol}）</translation>
    </message>
    <message id="table.section.data">
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message id="table.bytes">
        <source>{count} bytes</source>
        <translation>{count} 字节</translation>
    </message>
    <message id="table.words">
        <source>{words} × 4 = {bytes} bytes</source>
        <translation>{words} × 4 = {bytes} 字节</translation>
    </message>
    <message id="table.tcp.hdr_len">
        <source>{words} × 4 = {bytes} bytes; options: {bytes} − 20 = {options} bytes</source>
        <translation>{words} × 4 = {bytes} 字节；选项：{bytes} − 20 = {options} 字节</translation>
    </message>
    <message id="table.frag_offset">
        <source>{units} × 8 = {bytes} bytes</source>
        <translation>{units} × 8 = {bytes} 字节</translation>
    </message>
    <message id="table.relative">
        <source>{raw} (relative: {relative})</source>
        <translation>{raw}（相对值：{relative}）</translation>
    </message>
    <message id="table.window.scaled">
        <source>{window} × {multiplier} (window scale) = {scaled} bytes</source>
        <translation>{window} × {multiplier}（窗口扩大因子）= {scaled} 字节</translation>
    </message>
    <message id="table.wscale">
        <source>shift count {shift}: multiply by 2^{shift} = {multiplier}</source>
        <translation>移位 {shift}：乘以 2^{shift} = {multiplier}</translation>
    </message>
    <message id="table.timestamps">
        <source>TSval {tsvalHex} = {tsval}, TSecr {tsecr}</source>
        <translation>TSval {tsvalHex} = {tsval}，TSecr {tsecr}</translation>
    </message>
    <message id="table.flags.none">
        <source>none set</source>
        <translation>未置位</translation>
    </message>
    <message id="table.tcp.flags.reserved">
        <source>Reserved, AE</source>
        <translation>保留位、AE</translation>
    </message>
    <message id="table.tcp.flags.ecn">
        <source>CWR, ECE</source>
        <translation>CWR、ECE</translation>
    </message>
    <message id="table.tcp.flags.classic">
        <source>URG, ACK, PSH, RST, SYN, FIN</source>
        <translation>URG、ACK、PSH、RST、SYN、FIN</translation>
    </message>
    <message id="table.tcp.flags.classic.meaning">
        <source>Six control bits, left to right: URG (the urgent pointer is valid), ACK (the acknowledgment number is valid), PSH (deliver the data to the application now), RST (abort the connection), SYN (synchronize sequence numbers: opening), FIN (the sender has no more data).</source>
        <translation>6 个控制位，从左到右：紧急 URG（紧急指针有效）、确认 ACK（确认号有效）、推送 PSH（立即把数据交给应用程序）、复位 RST（中止连接）、同步 SYN（同步序列号：建立连接）、终止 FIN（发送方没有更多数据了）。</translation>
    </message>
    <message id="table.payload.text">
        <source>"{text}" ({count} bytes)</source>
        <translation>"{text}"（{count} 字节）</translation>
    </message>
    <message id="exercise.prompt.seq">
        <source>Sequence number (relative)</source>
        <translation>序列号（相对值）</translation>
    </message>
    <message id="exercise.prompt.ack">
        <source>Acknowledgment number (relative)</source>
        <translation>确认号（相对值）</translation>
    </message>
    <message id="exercise.prompt.flags">
        <source>Flags</source>
        <translation>标志位</translation>
    </message>
    <message id="exercise.prompt.window">
        <source>Window (as in the header)</source>
        <translation>窗口（首部中的值）</translation>
    </message>
    <message id="exercise.prompt.len">
        <source>Payload length (bytes)</source>
        <translation>载荷长度（字节）</translation>
    </message>
    <message id="exercise.prompt.client_state">
        <source>Client's state after this packet</source>
        <translation>这个包之后客户端的状态</translation>
    </message>
    <message id="exercise.prompt.server_state">
        <source>Server's state after this packet</source>
        <translation>这个包之后服务器的状态</translation>
    </message>
    <message id="exercise.right">
        <source>Right: {expected}.</source>
        <translation>正确：{expected}。</translation>
    </message>
    <message id="exercise.wrong">
        <source>Not quite: you said {answer}, it is {expected}.</source>
        <translation>不对：你的答案是 {answer}，正确答案是 {expected}。</translation>
    </message>
    <message id="exercise.unanswered">
        <source>No answer given: it is {expected}.</source>
        <translation>没有作答：正确答案是 {expected}。</translation>
    </message>
    <message id="exercise.seq.first">
        <source>It is the {who}'s first segment in this capture, so its relative sequence number is {seq}: relative numbers count from this direction's first sequence number ({isn}).</source>
        <translation>这是{who}在本次抓包中的第一个报文段，所以它的相对序列号是 {seq}：相对序列号从这个方向的第一个序列号（{isn}）算起。</translation>
    </message>
    <message id="exercise.seq.next">
        <source>The {who}'s previous segment (frame {frame}) had seq {prev} and used {used} of the sequence space ({parts}), so this one starts at {prev} + {used} = {seq}.</source>
        <translation>{who}的上一个报文段（第 {frame} 帧）序列号为 {prev}，占用了 {used} 个序列号（{parts}），所以这个报文段从 {prev} + {used} = {seq} 开始。</translation>
    </message>
    <message id="exercise.seq.other">
        <source>The {who}'s previous segment (frame {frame}) ended at {next}, but this one has seq {seq}: it does not continue where that one ended{marks}.</source>
        <translation>{who}的上一个报文段（第 {frame} 帧）结束于 {next}，而这个报文段的序列号是 {seq}：它没有接着上一个报文段的结尾开始{marks}。</translation>
    </message>
    <message id="exercise.seq.other.marks">
        <source>: {marks}</source>
        <translation>：{marks}</translation>
    </message>
    <message id="exercise.used.data">
        <source>{len} bytes of data</source>
        <translation>{len} 字节数据</translation>
    </message>
    <message id="exercise.used.syn">
        <source>1 for the SYN</source>
        <translation>SYN 占 1 个</translation>
    </message>
    <message id="exercise.used.fin">
        <source>1 for the FIN</source>
        <translation>FIN 占 1 个</translation>
    </message>
    <message id="exercise.used.none">
        <source>an ACK alone uses none</source>
        <translation>单纯的 ACK 不占序列号</translation>
    </message>
    <message id="exercise.ack.none">
        <source>The ACK flag is not set, so the acknowledgment number means nothing here ({ack}).</source>
        <translation>没有置 ACK 标志，所以这里的确认号没有意义（{ack}）。</translation>
    </message>
    <message id="exercise.ack.first">
        <source>Nothing from the {other} was captured before this packet; the {who} acknowledges {ack}.</source>
        <translation>在这个包之前没有抓到{other}的任何报文段；{who}确认的是 {ack}。</translation>
    </message>
    <message id="exercise.ack.all">
        <source>Everything the {other} sent before this packet ends at {ack} (its segment in frame {frame} ended there), so the {who} acknowledges {ack}: the next byte it expects.</source>
        <translation>{other}在这个包之前发送的全部数据结束于 {ack}（它在第 {frame} 帧的报文段到此结束），所以{who}确认 {ack}：这是它期望收到的下一个字节。</translation>
    </message>
    <message id="exercise.ack.behind">
        <source>The {other} has sent up to {sent} (frame {frame}), but the {who} acknowledges {ack}: it has not received everything before {sent} in order yet.</source>
        <translation>{other}已经发送到 {sent}（第 {frame} 帧），但{who}只确认到 {ack}：它还没有按顺序收到 {sent} 之前的全部数据。</translation>
    </message>
    <message id="exercise.ack.unseen">
        <source>The {who} acknowledges {ack}, beyond what the capture saw the {other} send ({sent}): segments it received were not captured.</source>
        <translation>{who}确认到 {ack}，超过了抓包中看到的{other}发送的数据（{sent}）：它收到的部分报文段没有被抓到。</translation>
    </message>
    <message id="exercise.flags">
        <source>{flags}: {headline}</source>
        <translation>{flags}：{headline}</translation>
    </message>
    <message id="exercise.window">
        <source>The {who} offers a receive window of {raw} in the header.</source>
        <translation>{who}在首部中通告的接收窗口是 {raw}。</translation>
    </message>
    <message id="exercise.window.scaled">
        <source>The {who} offers a receive window of {raw} in the header; with the window scale agreed in the handshake that is {raw} × {multiplier} = {bytes} bytes.</source>
        <translation>{who}在首部中通告的接收窗口是 {raw}；按握手时协商的窗口扩大因子，实际为 {raw} × {multiplier} = {bytes} 字节。</translation>
    </message>
    <message id="exercise.len">
        <source>The segment carries {len} bytes of payload: the IP packet's length minus the IP and TCP headers.</source>
        <translation>这个报文段携带 {len} 字节载荷：IP 数据包的总长度减去 IP 首部和 TCP 首部的长度。</translation>
    </message>
    <message id="exercise.state.moves">
        <source>The {who} goes from {before} to {after} ({event}). {why}</source>
        <translation>{who}从 {before} 进入 {after}（{event}）。{why}</translation>
    </message>
    <message id="exercise.state.stays">
        <source>The {who} stays in {after}: this packet takes no step in its state machine.</source>
        <translation>{who}仍处于 {after}：这个包没有让它的状态机发生转换。</translation>
    </message>
    <message id="exercise.flags.none">
        <source>no flags</source>
        <translation>无标志</translation>
    </message>
    <message id="synq.seconds">
        <source>{n} s</source>
        <translation>{n} 秒</translation>
    </message>
    <message id="synq.milliseconds">
        <source>{n} ms</source>
        <translation>{n} 毫秒</translation>
    </message>
    <message id="synq.outcome.established">
        <source>established</source>
        <translation>已建立连接</translation>
    </message>
    <message id="synq.outcome.reset_client">
        <source>given up: reset by the client</source>
        <translation>已放弃：客户端发送了复位 (RST)</translation>
    </message>
    <message id="synq.outcome.reset_server">
        <source>given up: reset by the server</source>
        <translation>已放弃：服务器发送了复位 (RST)</translation>
    </message>
    <message id="synq.outcome.no_ack">
        <source>given up: last retry seen, no ACK by the end of the capture</source>
        <translation>已放弃：看到了最后一次重试，到抓包结束也没有 ACK</translation>
    </message>
    <message id="synq.outcome.refused">
        <source>refused: the SYN was answered by RST, nothing listened</source>
        <translation>被拒绝：SYN 被 RST 应答，没有进程在监听</translation>
    </message>
    <message id="synq.outcome.no_synack">
        <source>no SYN,ACK seen</source>
        <translation>未看到 SYN,ACK</translation>
    </message>
    <message id="synq.cookie.unknown">
        <source>SYN cookie: cannot tell, the SYN, the SYN,ACK or their options were not captured</source>
        <translation>SYN cookie：无法判断，SYN、SYN,ACK 或它们的选项没有被抓到</translation>
    </message>
    <message id="synq.cookie.no_sign.answered">
        <source>no sign of a SYN cookie: the SYN,ACK answers the options the SYN offered ({answered})</source>
        <translation>没有 SYN cookie 的迹象：SYN,ACK 应答了 SYN 提供的选项（{answered}）</translation>
    </message>
    <message id="synq.cookie.no_sign.none_offered">
        <source>no sign of a SYN cookie: the SYN offered no wscale, sackOK or TS that a cookie would leave out</source>
        <translation>没有 SYN cookie 的迹象：SYN 没有提供 SYN cookie 会省略的 wscale、sackOK 或 TS</translation>
    </message>
    <message id="synq.cookie.might">
        <source>might be a SYN cookie: the SYN offered {offered} but the SYN,ACK carries none of {dropped} ({answered}); a server answering with a SYN cookie (RFC 4987) keeps no state and leaves out the options it cannot encode</source>
        <translation>可能是 SYN cookie：SYN 提供了 {offered}，但 SYN,ACK 没有携带其中的 {dropped}（只有 {answered}）；用 SYN cookie（RFC 4987）应答的服务器不保存状态，会省略它无法编码的选项</translation>
    </message>
    <message id="synq.cookie.mss_table">
        <source>; its mss {mss} is one of the four values a Linux SYN cookie encodes in the ISN</source>
        <translation>；它的 mss {mss} 是 Linux SYN cookie 能编码进 ISN 的四个值之一</translation>
    </message>
    <message id="synq.cookie.not">
        <source>not a SYN cookie: the server sent its SYN,ACK again without a repeated SYN (retries: {n}), so it keeps state for this connection, which a SYN cookie does not</source>
        <translation>不是 SYN cookie：没有重复的 SYN，服务器却又发送了 SYN,ACK（重试 {n} 次），说明它为这个连接保存了状态，而 SYN cookie 不保存状态</translation>
    </message>
    <message id="synq.options.none">
        <source>no options</source>
        <translation>无选项</translation>
    </message>
    <message id="synq.mark.retry">
        <source>retry {n} (+{interval})</source>
        <translation>第 {n} 次重试（+{interval}）</translation>
    </message>
    <message id="synq.mark.established">
        <source>established</source>
        <translation>已建立连接</translation>
    </message>
    <message id="synq.mark.given_up">
        <source>given up</source>
        <translation>已放弃</translation>
    </message>
    <message id="synq.mark.refused">
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message id="input.where.line">
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行第 {column} 列</translation>
    </message>
    <message id="input.where.byte">
        <source>byte {byte}</source>
        <translation>字节 {byte}</translation>
    </message>
    <message id="input.where.byte-record">
        <source>byte {byte} (record {record})</source>
        <translation>字节 {byte}（第 {record} 条记录）</translation>
    </message>
    <message id="input.where.record">
        <source>record {record}</source>
        <translation>第 {record} 条记录</translation>
    </message>
    <message id="input.pcap.record">
        <source>the record could not be read: {reason}</source>
        <translation>无法读取该记录：{reason}</translation>
    </message>
    <message id="input.pcap.record-cut">
        <source>the record could not be read: truncated dump file; tried to read {want} captured bytes, only got {got}</source>
        <translation>无法读取该记录：文件在记录中途结束（应有 {want} 个已捕获字节，只读到 {got} 个）</translation>
    </message>
</context>
</TS>

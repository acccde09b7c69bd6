// SPDX-License-Identifier: GPL-2.0-or-later
// Tree nodes carry their bit pattern, label and value apart (NodeText), composed by the core,
// so no view parses display text: the parts, and the display line they make, for the kinds of
// node there are (a bit in a shared field, a custom value, a layer title, an option with its
// value in the label line, an empty string value).
#include "dissect_helpers.h"
#include "tcpscope/analysis_fields.h"
#include "tcpscope/capture_session.h"
#include "tcpscope/capture_source.h"
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace tcpscope;
using namespace tcpscope::test;

TEST_CASE("tree nodes carry bits, label and value apart", "[node-text]") {
    const LoadedInput in = loadPath((samplesDir() / "redis-ping-pong.pcap").string());
    REQUIRE(in.frames.size() == 10);
    Dissected syn(in.frames[0].bytes, in.frames[0].linkType);

    const TreeNode& flag = syn.at("tcp.flags.syn");
    CHECK(flag.bits() == ".... .... ..1.");
    CHECK(flag.label() == "Syn");
    CHECK(flag.valueText() == "Set");
    CHECK(flag.display == ".... .... ..1. = Syn: Set");

    const TreeNode& hl = syn.at("tcp.hdr_len");
    CHECK(hl.bits() == "1010 ....");
    CHECK(hl.label() == "Header Length");
    CHECK(hl.valueText() == "40 bytes (10)");

    const TreeNode& flags = syn.at("tcp.flags");
    CHECK(flags.bits().empty()); // a whole field, though it has a mask
    CHECK(flags.valueText() == "0x002 (SYN)");

    const TreeNode& tcp = syn.at("tcp");
    CHECK(tcp.label().rfind("Transmission Control Protocol, Src Port: ", 0) == 0);
    CHECK(tcp.valueText().empty());

    const TreeNode& ws = syn.at("tcp.options.wscale");
    CHECK(ws.label() == "TCP Option - Window scale");
    CHECK(ws.valueText() == "10 (multiply by 1024)");
    CHECK(FieldRegistry::instance().def(ws.field).shortName == "Window scale");

    const TreeNode& ttl = syn.at("ip.ttl");
    CHECK(ttl.bits().empty());
    CHECK(ttl.label() == "Time to Live");
    CHECK(ttl.valueText() == "64");
}

TEST_CASE("a generated value may be empty and still shows as a value", "[node-text]") {
    const SessionPtr s = CaptureSession::open((samplesDir() / "redis-ping-pong.pcap").string(), {});
    REQUIRE(s);
    // Frame 5 is a pure ACK: no endpoint's state machine takes a step.
    const auto tree = s->tree(4);
    const int32_t n = tree->findFirst(fieldId("tcpfsm.event"));
    REQUIRE(n >= 0);
    CHECK(tree->node(n).display == "Event: ");
    CHECK(tree->node(n).label() == "Event");
    CHECK(tree->node(n).valueText().empty());
}

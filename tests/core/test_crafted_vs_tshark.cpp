// SPDX-License-Identifier: GPL-2.0-or-later
// Crafted captures for cases the corpus does not show (tests/data/crafted, made by
// make_captures.py there): `tcpscope-cli fields` must print, packet by packet, what tshark
// 4.0.17 printed for them, kept beside each capture as NAME.tshark.tsv. Where tshark is
// installed the golden is also checked against it, so a golden cannot drift from its oracle.
#include "test_support.h"

#include <catch2/catch.hpp>

using namespace tcpscope::test;

namespace {

std::filesystem::path crafted(const std::string& name) {
    return dataDir() / "crafted" / name;
}

// Our `fields` output against the golden tshark output of the same fields. `occurrence` is the
// tshark -E occurrence the golden was made with (make_captures.py).
void checkAgainstGolden(const std::string& name, const std::vector<std::string>& fields,
                        const std::string& occurrence) {
    const auto capture = crafted(name + ".pcap");
    const auto golden = fieldRows(readFile(crafted(name + ".tshark.tsv")), fields.size());
    REQUIRE(!golden.empty());
    if (haveTool("tshark")) {
        // The command make_captures.py runs.
        const auto live =
            fieldRows(runCommand("tshark -n -r " + shellQuote(capture.string()) +
                                 " -T fields -E occurrence=" + occurrence + " -E aggregator=," +
                                 fieldArgs(fields) + " 2>/dev/null"),
                      fields.size());
        CHECK(live == golden);
    } else {
        WARN("tshark is not installed: compared with the golden only");
    }
    const auto ours = cliFields(capture, fields);
    REQUIRE(ours.size() == golden.size());
    for (size_t row = 0; row < golden.size(); ++row)
        for (size_t col = 0; col < fields.size(); ++col) {
            INFO(name << " frame " << golden[row][0] << " " << fields[col]);
            CHECK(ours[row][col] == golden[row][col]);
        }
}

} // namespace

// tshark 4.0.17 -V on frame 1 (MSS, EOL, then 01 03 03 07 00 aa 00): "TCP Option - End of Option
// List (EOL)", then a text item "Non-zero header padding" over the 7 bytes with the expert
// tcp.non_zero_bytes_after_eol (Error/Protocol); tcp.option_kind "2,0", no NOP or window scale.
// Zero bytes after EOL are each another EOL (frame 2: "2,0,0,0,0").
TEST_CASE("bytes after End of Option List are padding, as tshark shows them", "[options][tshark]") {
    checkAgainstGolden("tcp-options-eol",
                       {"frame.number", "tcp.option_kind", "tcp.option_len", "tcp.options.eol",
                        "tcp.options.nop", "tcp.options.mss_val", "tcp.options.wscale.shift",
                        "tcp.non_zero_bytes_after_eol"},
                       "a");
    const std::string cli = shellQuote(cliPath());
    const std::string capture = shellQuote(crafted("tcp-options-eol.pcap").string());
    const std::string tree = runCommand(cli + " tree -c 1 " + capture + " 2>/dev/null");
    CHECK(tree.find("    Non-zero header padding  [59+7]\n      ! error "
                    "(tcp.non_zero_bytes_after_eol): Non-zero header padding") !=
          std::string::npos);
    CHECK(tree.find("Window scale") == std::string::npos);
    CHECK(tree.find("malformed") == std::string::npos);
    // The same packets as `tshark -Y tcp.non_zero_bytes_after_eol`: frames 1, 3, 4, 5.
    const std::string kept =
        runCommand(cli + " fields -e frame.number -Y tcp.non_zero_bytes_after_eol " + capture);
    CHECK(kept == "1\n3\n4\n5\n");
    // tcpdump 4.99.3 and our summary stop at EOL: "options [mss 1460,eol]".
    const auto lines = splitLines(runCommand(cli + " summary " + capture));
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].find("options [mss 1460,eol], length 0") != std::string::npos);
}

// tshark 4.0.17 (tests/data/crafted/acked-unseen.tshark.tsv): an ACK past the peer's highest
// contiguous byte is flagged once per gap; repeated ACKs of the same gap are not (client port
// 40000: frames 5-7 flag only frame 5; port 40002: frame 8 is not flagged), until the peer has
// sent data past the gap (40000 frame 9) or an ACK number of its own (40001 frame 15). A
// retransmission after its peer's duplicate ACKs reset that marker is a plain retransmission
// (40002 frame 13, 40003 frame 13), while one carrying the unseen ACK itself within 20 ms of
// the peer's ACK is "fast" (40006 frame 8).
TEST_CASE("ACKed unseen segments and the retransmissions after them match tshark",
          "[tracker][tshark]") {
    checkAgainstGolden("acked-unseen",
                       {"frame.number", "tcp.stream", "tcp.seq", "tcp.ack", "tcp.len",
                        "tcp.analysis.ack_lost_segment", "tcp.analysis.fast_retransmission",
                        "tcp.analysis.retransmission", "tcp.analysis.duplicate_ack",
                        "tcp.analysis.duplicate_ack_num", "tcp.analysis.lost_segment",
                        "tcp.analysis.out_of_order"},
                       "f");
}

// tshark 4.0.17 (tests/data/crafted/bogus-data-offset.tshark.tsv): a segment with data offset 3
// of a new 4-tuple is tcp.stream 1, the next good connection 2; data offset 15 in a 24-byte
// segment is stream 3; a bogus segment of a known connection takes its stream (4) and the same
// 4-tuple later takes stream 1 again; the last connection is stream 5.
TEST_CASE("a segment with a bogus data offset takes its stream, as in tshark",
          "[tracker][tshark]") {
    checkAgainstGolden("bogus-data-offset",
                       {"frame.number", "tcp.srcport", "tcp.stream", "tcp.completeness"}, "f");
    // It changes no analysis: the known connection stays as it was, with no new flags.
    const std::string cli = shellQuote(cliPath());
    const std::string capture = shellQuote(crafted("bogus-data-offset.pcap").string());
    const auto rows =
        fieldRows(runCommand(cli + " fields -e frame.number -e tcp.seq -e tcp.analysis.flags -e " +
                             "tcpfsm.client " + capture),
                  4);
    REQUIRE(rows.size() == 22);
    CHECK(rows[17] == std::vector<std::string>{"18", "", "", ""});
    CHECK(rows[16][3] == "ESTABLISHED");
    // A connection only a bogus segment opened lasts no time.
    const std::string conversations = runCommand(cli + " conversations " + capture);
    CHECK(conversations.find(" -") == std::string::npos);
}

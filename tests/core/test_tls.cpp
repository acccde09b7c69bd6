// SPDX-License-Identifier: GPL-2.0-or-later
// TLS: the fields and the packet list's columns against tshark on real TLS (the corpus's
// SSLv3-era rsasnakeoil2.pcap and the TLS 1.2 / 1.3 captures of tests/data/tls, see its README),
// the value names against tshark's, and bad input: hellos cut at every length, lengths that lie.
// Reviewed differences are listed, with the reason, in tests/data/tls_exceptions.txt.
#include "dissect_helpers.h"
#include "tcpscope/capture_session.h"
#include "tcpscope/packet_info.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

// Every tls.* field TcpScope places, but two: tls.handshake.extension.data (tshark 4.0 decodes
// most extensions field by field and gives Data for a few, an empty one as "<MISSING>"; ours is
// every extension not decoded here) and tls itself (tshark prints the protocol's name).
const std::vector<std::string> kTlsFields = {
    "tls.record",
    "tls.record.content_type",
    "tls.record.opaque_type",
    "tls.record.version",
    "tls.record.length",
    "tls.change_cipher_spec",
    "tls.alert_message",
    "tls.alert_message.level",
    "tls.alert_message.desc",
    "tls.app_data",
    "tls.handshake",
    "tls.handshake.type",
    "tls.handshake.length",
    "tls.handshake.version",
    "tls.handshake.random",
    "tls.handshake.session_id_length",
    "tls.handshake.session_id",
    "tls.handshake.cipher_suites_length",
    "tls.handshake.ciphersuites",
    "tls.handshake.ciphersuite",
    "tls.handshake.comp_methods_length",
    "tls.handshake.comp_methods",
    "tls.handshake.comp_method",
    "tls.handshake.extensions_length",
    "tls.handshake.extension.type",
    "tls.handshake.extension.len",
    "tls.handshake.extensions_server_name_list_len",
    "tls.handshake.extensions_server_name_type",
    "tls.handshake.extensions_server_name_len",
    "tls.handshake.extensions_server_name",
    "tls.handshake.extensions.supported_versions_len",
    "tls.handshake.extensions.supported_version",
    "tls.handshake.extensions_supported_groups_length",
    "tls.handshake.extensions_supported_groups",
    "tls.handshake.extensions_supported_group",
    "tls.handshake.certificates_length",
    "tls.handshake.certificates",
    "tls.handshake.certificate_length",
    "tls.handshake.certificate",
    "tls.handshake.cipher_spec_len",
    "tls.handshake.challenge_length",
    "tls.handshake.cipherspec",
    "tls.handshake.challenge",
};

// TcpScope decodes each TCP segment alone (no reassembly yet). With reassembly on, tshark would
// show a record that spans segments in the frame where it ends and nothing in the frames before;
// with it off, both read the same bytes in the same frame. (In these captures no record spans
// segments, so today the options change nothing; they keep the comparison fair when one does.)
const std::string kNoReassembly =
    "-o tls.desegment_ssl_records:FALSE -o tcp.desegment_tcp_streams:FALSE";

std::vector<std::filesystem::path> tlsCaptures() {
    std::vector<std::filesystem::path> out = capturesUnder(dataDir() / "tls");
    const auto snakeoil = corpusDir() / "wireshark" / "rsasnakeoil2.pcap";
    if (std::filesystem::exists(snakeoil)) out.push_back(snakeoil);
    return out;
}

// A reviewed difference: capture file, frame numbers ("*": all), field or column ("*": all).
struct Exceptions {
    std::map<std::pair<std::string, std::string>, std::set<std::string>> frames;

    Exceptions() {
        for (const auto& cols : readReviewedRows(dataDir() / "tls_exceptions.txt")) {
            REQUIRE(cols.size() >= 4);
            REQUIRE(!cols[3].empty()); // every line gives its reason
            for (const std::string& f : splitTabs(cols[1], ','))
                frames[{cols[0], cols[2]}].insert(f);
        }
    }
    bool excuses(const std::string& file, size_t frame, const std::string& field) const {
        for (const std::string& f : {field, std::string("*")}) {
            const auto it = frames.find({file, f});
            if (it != frames.end() &&
                (it->second.count("*") || it->second.count(std::to_string(frame))))
                return true;
        }
        return false;
    }
};

// Counts and failures of one comparison, reported the same way for fields and columns.
struct Tally {
    uint64_t packets = 0, values = 0, excused = 0;
    std::vector<std::string> failures;

    void compare(const Exceptions& ex, const std::string& file, size_t frame,
                 const std::string& field, const std::string& ours, const std::string& theirs) {
        ++values;
        if (ours == theirs) return;
        if (ex.excuses(file, frame, field)) {
            ++excused;
            return;
        }
        failures.push_back(file + " frame " + std::to_string(frame) + " " + field + ": ours \"" +
                           ours + "\", tshark \"" + theirs + "\"");
    }
    void report(const char* what) const {
        WARN(what << " vs tshark: " << packets << " TLS packets, " << values << " values compared, "
                  << excused << " reviewed differences excused");
        for (size_t i = 0; i < failures.size() && i < 60; ++i) UNSCOPED_INFO(failures[i]);
        CHECK(failures.empty());
    }
};

bool anyValue(const std::vector<std::string>& row) {
    for (const std::string& v : row)
        if (!v.empty()) return true;
    return false;
}

// The expert notes the TLS dissector added, at least `s` severe (the hand-made segments'
// checksums are left 0: TCP's notes say so).
size_t tlsNotes(const Dissected& d, Severity s = Severity::Comment) {
    size_t n = 0;
    for (const auto& [node, note] : d.tree.allNotes())
        n += note->id.rfind("tls", 0) == 0 && note->severity >= s;
    return n;
}

bool haveTools() {
    if (haveTool("tshark")) return true;
    WARN("SKIPPED: tshark is not installed (the README's test command installs it)");
    return false;
}

// --- Hand-made TLS bytes for the bad-input tests -------------------------------------------

void put16(std::vector<uint8_t>& b, size_t v) {
    b.push_back(uint8_t(v >> 8));
    b.push_back(uint8_t(v));
}
void put24(std::vector<uint8_t>& b, size_t v) {
    b.push_back(uint8_t(v >> 16));
    put16(b, v);
}
std::vector<uint8_t> withLength16(const std::vector<uint8_t>& body) {
    std::vector<uint8_t> out(2 + body.size());
    out[0] = uint8_t(body.size() >> 8);
    out[1] = uint8_t(body.size());
    std::copy(body.begin(), body.end(), out.begin() + 2);
    return out;
}
void append(std::vector<uint8_t>& b, const std::vector<uint8_t>& more) {
    b.insert(b.end(), more.begin(), more.end());
}

// A TLS 1.3 Client Hello record for `sni`: server_name, supported_versions (1.3, 1.2) and
// supported_groups (x25519, secp256r1).
std::vector<uint8_t> clientHelloRecord(const std::string& sni) {
    std::vector<uint8_t> hello;
    put16(hello, 0x0303);
    hello.insert(hello.end(), 32, 0x42);                 // random
    hello.push_back(0);                                  // no session ID
    append(hello, {0x00, 0x04, 0x13, 0x01, 0x13, 0x02}); // two TLS 1.3 suites
    append(hello, {0x01, 0x00});                         // null compression
    std::vector<uint8_t> name = {0x00};                  // host_name
    append(name, withLength16(std::vector<uint8_t>(sni.begin(), sni.end())));
    std::vector<uint8_t> exts;
    append(exts, {0x00, 0x00});
    append(exts, withLength16(withLength16(name)));
    append(exts, {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03});
    append(exts, {0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17});
    append(hello, withLength16(exts));
    std::vector<uint8_t> hs = {1};
    put24(hs, hello.size());
    append(hs, hello);
    std::vector<uint8_t> record = {22, 0x03, 0x01};
    append(record, withLength16(hs));
    return record;
}

// IPv4 + TCP 40000 -> port carrying `payload` (raw IP link type).
std::vector<uint8_t> segment(const std::vector<uint8_t>& payload, uint16_t port = 443) {
    std::vector<uint8_t> p = hexToBytes("4500 0000 0001 0000 4006 0000 0a000001 0a000002"
                                        "9c40 0000 00000001 00000001 5018 ffff 0000 0000");
    p[22] = uint8_t(port >> 8);
    p[23] = uint8_t(port);
    append(p, payload);
    p[2] = uint8_t(p.size() >> 8);
    p[3] = uint8_t(p.size());
    return p;
}

ColumnText columnsOf(const std::vector<uint8_t>& frameBytes) {
    Frame f;
    f.number = 1;
    f.linkType = LinkType::Raw;
    f.originalLength = uint32_t(frameBytes.size());
    f.data = frameBytes;
    PacketSummary s;
    ColumnText c;
    dissectFrame(f, s, nullptr, {}, &c);
    return c;
}

} // namespace

TEST_CASE("TLS fields equal tshark's on real TLS", "[tls][tshark]") {
    if (!haveTools()) return;
    if (!haveCorpus()) WARN("../shared/corpus is absent: only the captures of tests/data/tls");
    const Exceptions ex;
    Tally t;
    for (const auto& path : tlsCaptures()) {
        const std::string name = path.filename().string();
        const auto theirs = tsharkFields(path, kTlsFields, kNoReassembly);
        const auto ours = cliFields(path, kTlsFields);
        REQUIRE(theirs.size() == ours.size());
        for (size_t i = 0; i < theirs.size(); ++i) {
            if (!anyValue(theirs[i]) && !anyValue(ours[i])) continue;
            ++t.packets;
            for (size_t k = 0; k < kTlsFields.size(); ++k)
                t.compare(ex, name, i + 1, kTlsFields[k], ours[i][k], theirs[i][k]);
        }
    }
    t.report("TLS fields");
    CHECK(t.packets >= 33 + 30); // rsasnakeoil2's 33 and ours
}

TEST_CASE("The packet list's Protocol and Info columns equal tshark's on TLS packets",
          "[tls][tshark][session]") {
    if (!haveTools()) return;
    const Exceptions ex;
    Tally t;
    for (const auto& path : tlsCaptures()) {
        const std::string name = path.filename().string();
        const auto theirs = tsharkFields(path, {"_ws.col.Protocol", "_ws.col.Info"}, kNoReassembly);
        const auto session = CaptureSession::open(path.string(), {});
        REQUIRE(session);
        REQUIRE(session->size() == theirs.size());
        for (size_t i = 0; i < theirs.size(); ++i) {
            const PacketDescription d = session->describe(i);
            const bool tlsTheirs =
                theirs[i][0].rfind("TLS", 0) == 0 || theirs[i][0].rfind("SSL", 0) == 0;
            if (!tlsTheirs && d.protocol == "TCP") continue;
            ++t.packets;
            // Ours is the payload's text, two spaces, then TCP's numbers.
            const std::string info = d.info.substr(0, d.info.find("  "));
            t.compare(ex, name, i + 1, "_ws.col.Protocol", d.protocol, theirs[i][0]);
            t.compare(ex, name, i + 1, "_ws.col.Info", info, theirs[i][1]);
        }
    }
    t.report("TLS columns");
    CHECK(t.packets >= 33 + 30);
}

TEST_CASE("TLS value names are tshark's", "[tls][tshark]") {
    if (!haveTools()) return;
    // tshark -G values: "V<TAB>abbrev<TAB>value<TAB>name" for every value-string field.
    std::map<std::string, std::map<uint64_t, std::set<std::string>>> theirs;
    for (const std::string& line : splitLines(runCommand("tshark -G values 2>/dev/null"))) {
        const auto cols = splitTabs(line);
        if (cols.size() < 4 || cols[0] != "V" || cols[1].rfind("tls.", 0) != 0) continue;
        theirs[cols[1]][std::stoull(cols[2], nullptr, 0)].insert(cols[3]);
    }
    REQUIRE(!theirs.empty());
    size_t checked = 0;
    const FieldRegistry& reg = FieldRegistry::instance();
    registerAllProtocols();
    for (FieldId id = 0; id < reg.size(); ++id) {
        const FieldDef& d = reg.def(id);
        if (d.abbrev.rfind("tls.", 0) != 0) continue;
        for (const ValueName& vn : d.values) {
            // tshark's table for SSL 2.0 cipher specs holds fewer TLS suites than ours.
            const auto& names = theirs[std::string(d.abbrev)][vn.value];
            if (names.empty() && d.abbrev == "tls.handshake.cipherspec" && vn.value < 0x10000)
                continue;
            INFO(d.abbrev << " " << vn.value);
            CHECK(names.count(std::string(vn.name)) == 1);
            ++checked;
        }
    }
    CHECK(checked > 200);
}

TEST_CASE("The packet list says TLSv1.3 Client Hello (SNI=...)", "[tls][session]") {
    const auto s =
        CaptureSession::open((dataDir() / "tls" / "tls13-aes256gcm-443.pcap").string(), {});
    REQUIRE(s);
    REQUIRE(s->size() > 4);
    const PacketDescription hello = s->describe(3);
    CHECK(hello.protocol == "TLSv1.3");
    CHECK(hello.info.rfind("Client Hello (SNI=example.test)  ", 0) == 0);
    CHECK(protocolShortName(s->records()[3].protocol) == "TLS"); // claimed on the first pass
    CHECK(s->describe(5).info.rfind("Server Hello, Change Cipher Spec, Application Data", 0) == 0);
    const auto tree = s->tree(3);
    const int32_t sni = tree->findFirst(fieldId("tls.handshake.extensions_server_name"));
    REQUIRE(sni >= 0);
    CHECK(tree->node(sni).display == "Server Name: example.test");
    const int32_t rec = tree->findFirst(fieldId("tls.record"));
    REQUIRE(rec >= 0);
    CHECK(tree->node(rec).display == "TLSv1 Record Layer: Handshake Protocol: Client Hello");
}

TEST_CASE("A hand-made Client Hello decodes as tshark would show it", "[tls]") {
    const Dissected d(segment(clientHelloRecord("example.test")), LinkType::Raw);
    CHECK(d.u("tls.record.content_type") == 22);
    CHECK(d.text("tls.record.version") == "0x0301");
    CHECK(d.u("tls.handshake.type") == 1);
    CHECK(d.text("tls.handshake.ciphersuite", 1) == "0x1302");
    CHECK(d.at("tls.handshake.ciphersuite", 1).display ==
          "Cipher Suite: TLS_AES_256_GCM_SHA384 (0x1302)");
    CHECK(d.text("tls.handshake.extensions_server_name") == "example.test");
    CHECK(d.text("tls.handshake.extensions.supported_version") == "0x0304");
    CHECK(d.at("tls.handshake.extensions_supported_group").display ==
          "Supported Group: x25519 (0x001d)");
    CHECK(tlsNotes(d) == 0);
    const ColumnText c = columnsOf(segment(clientHelloRecord("example.test")));
    CHECK(c.protocol == "TLSv1.3");
    CHECK(c.info == "Client Hello (SNI=example.test)");
}

TEST_CASE("A Client Hello cut at every length decodes with a note and no crash", "[tls]") {
    const std::vector<uint8_t> record = clientHelloRecord("cut.example");
    for (size_t n = 1; n < record.size(); ++n) {
        INFO("payload bytes " << n);
        const std::vector<uint8_t> part(record.begin(), record.begin() + long(n));
        // The segment ends there (the rest would follow in the next one)...
        const Dissected seg(segment(part), LinkType::Raw);
        // ...or the capture cut the segment there (snap length).
        const std::vector<uint8_t> full = segment(record);
        const Dissected snapped(
            std::vector<uint8_t>(full.begin(), full.end() - long(record.size() - n)), LinkType::Raw,
            {}, uint32_t(full.size()));
        if (n < 3) { // too little to tell TLS from anything else
            CHECK_FALSE(seg.has("tls"));
            continue;
        }
        CHECK(seg.has("tls.record"));
        CHECK(seg.hasNote("tls.partial"));
        CHECK(snapped.hasNote("tls.partial"));
        CHECK(tlsNotes(seg, Severity::Error) == 0); // short is not malformed
        const ColumnText c = columnsOf(segment(part));
        CHECK(c.info.rfind("[", 0) == 0); // "[Client Hello Fragment]", "[Handshake Fragment]"
    }
}

TEST_CASE("TLS lengths that lie get Wireshark's error notes", "[tls]") {
    SECTION("a record longer than any record may be") {
        std::vector<uint8_t> r = clientHelloRecord("x.test");
        r[3] = 0x50; // 0x50xx > 2^14 + 2048
        const Dissected d(segment(r), LinkType::Raw);
        CHECK(d.hasNote("tls.record.length.invalid"));
        CHECK(d.hasNote("tls.partial")); // and its bytes are not all here
    }
    SECTION("an empty handshake record") {
        const Dissected d(segment({22, 3, 3, 0, 0}), LinkType::Raw);
        CHECK(d.hasNote("tls.record.length.invalid"));
    }
    SECTION("a cipher suite list longer than its message") {
        std::vector<uint8_t> r = clientHelloRecord("x.test");
        r[5 + 4 + 2 + 32 + 1 + 1] = 0xf0; // cipher_suites_length 4 -> 240
        const Dissected d(segment(r), LinkType::Raw);
        CHECK(d.hasNote("tls.malformed.vector_length"));
        CHECK(d.has("tls.handshake.cipher_suites_length"));
        CHECK_FALSE(d.has("tls.handshake.ciphersuite"));
    }
    SECTION("a session ID longer than 32 bytes") {
        std::vector<uint8_t> r = clientHelloRecord("x.test");
        r[5 + 4 + 2 + 32] = 33;
        const Dissected d(segment(r), LinkType::Raw);
        CHECK(d.hasNote("tls.malformed.vector_length"));
    }
    SECTION("an extension longer than the extensions") {
        std::vector<uint8_t> r = clientHelloRecord("x.test");
        const size_t ext = 5 + 4 + 2 + 32 + 1 + 6 + 2 + 2; // the first extension's type
        r[ext + 2] = 0x7f;
        const Dissected d(segment(r), LinkType::Raw);
        CHECK(d.hasNote("tls.malformed.vector_length"));
        CHECK(d.has("tls.handshake.extension.type"));
    }
    SECTION("a handshake message longer than its record goes on in the next record") {
        std::vector<uint8_t> r = clientHelloRecord("x.test");
        r[5 + 2] += 1; // handshake length + 256
        const Dissected d(segment(r), LinkType::Raw);
        CHECK(d.hasNote("tls.handshake.fragment"));
        CHECK(columnsOf(segment(r)).info == "[Client Hello Fragment]");
    }
}

TEST_CASE("TLS walks a bounded number of records", "[tls]") {
    std::vector<uint8_t> many;
    for (int i = 0; i < 100; ++i) append(many, {23, 3, 3, 0, 1, 0x55});
    const Dissected d(segment(many), LinkType::Raw);
    CHECK(d.tree.findAll(fieldId("tls.record")).size() == 64);
    CHECK(d.hasNote("tls.not_decoded"));
}

TEST_CASE("TLS claims records, SSL 2.0 hellos and nothing else", "[tls]") {
    CHECK(columnsOf(segment({23, 3, 3, 0, 2, 0xaa, 0xbb})).info == "Application Data");
    CHECK(columnsOf(segment({21, 3, 3, 0, 2, 2, 40})).info ==
          "Alert (Level: Fatal, Description: Handshake Failure)");
    CHECK(columnsOf(segment({21, 3, 3, 0, 2, 2, 40})).protocol == "TLSv1.2");
    CHECK(columnsOf(segment({20, 3, 0, 0, 1, 1, 23, 3, 0, 0, 1, 0})).info ==
          "Change Cipher Spec, Application Data");
    // Not TLS on the TLS port: text, an unknown content type, an SSL 3.0-like header with
    // another version.
    const std::string text = "GET / HTTP/1.1\r\n\r\n";
    for (const std::vector<uint8_t>& p :
         {std::vector<uint8_t>(text.begin(), text.end()), std::vector<uint8_t>{30, 3, 3, 0, 1, 0},
          std::vector<uint8_t>{22, 2, 0, 0, 1, 0}}) {
        Frame f;
        const std::vector<uint8_t> bytes = segment(p);
        f.linkType = LinkType::Raw;
        f.data = bytes;
        f.originalLength = uint32_t(bytes.size());
        PacketSummary s;
        dissectFrame(f, s, nullptr);
        CHECK(protocolShortName(s.topProtocol) == "TCP");
    }
    // An SSL 2.0-compatible Client Hello offering SSL 3.0 (as in rsasnakeoil2.pcap).
    std::vector<uint8_t> v2 = {0x80, 0x2c, 1, 3, 0, 0, 3, 0, 0, 0, 32, 0, 0, 0x2f};
    v2.insert(v2.end(), 32, 0x11);
    const ColumnText c = columnsOf(segment(v2));
    CHECK(c.protocol == "SSLv2");
    CHECK(c.info == "Client Hello");
    const Dissected d(segment(v2), LinkType::Raw);
    CHECK(d.text("tls.handshake.cipherspec") == "0x00002f");
    CHECK(d.text("tls.record.version") == "0x0002");
    CHECK(tlsNotes(d) == 0);
}

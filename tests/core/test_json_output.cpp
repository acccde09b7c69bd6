// SPDX-License-Identifier: GPL-2.0-or-later
// Every JSON output is JSON and UTF-8 whatever the packets hold: `tcpscope-cli json` over every
// capture present (the corpus, samples, tests/data, the fuzz seeds) and over a crafted HTTP
// request whose request line holds bytes that are not UTF-8, checked by a strict validator of
// its own (RFC 8259 grammar, RFC 3629 UTF-8: no overlong forms, surrogates or code points past
// U+10FFFF). Bytes that are not UTF-8 come out as U+FFFD, one per byte, as tshark 4.0.17 prints
// them in `tshark -T json` (tests/data/crafted/README.md).
#include "tcpscope/dissect.h"
#include "tcpscope/tree_format.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <iterator>

using namespace tcpscope;
using namespace tcpscope::test;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD"; // U+FFFD in UTF-8

// A strict JSON text check: one value, nothing after it but whitespace; `error` says where the
// first fault is.
class JsonCheck {
  public:
    explicit JsonCheck(std::string_view text) : m_s(text) {}

    bool valid(std::string& error) {
        space();
        if (value() && (space(), m_i == m_s.size())) return true;
        error = "not JSON or not UTF-8 at byte " + std::to_string(m_i) + ": \"" +
                std::string(m_s.substr(m_i > 20 ? m_i - 20 : 0, 40)) + "\"";
        return false;
    }

  private:
    bool value(int depth = 0) {
        if (m_i >= m_s.size() || depth > 200) return false;
        switch (m_s[m_i]) {
        case '{':
            return container('}', depth, true);
        case '[':
            return container(']', depth, false);
        case '"':
            return string();
        case 't':
            return word("true");
        case 'f':
            return word("false");
        case 'n':
            return word("null");
        default:
            return number();
        }
    }
    bool container(char close, int depth, bool object) {
        ++m_i;
        space();
        if (peek() == close) return ++m_i, true;
        for (;;) {
            if (object && !(string() && (space(), eat(':')) && (space(), true))) return false;
            if (!value(depth + 1)) return false;
            space();
            if (eat(close)) return true;
            if (!eat(',')) return false;
            space();
        }
    }
    bool string() {
        if (!eat('"')) return false;
        while (m_i < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') return ++m_i, true;
            if (c < 0x20) return false;
            if (c == '\\') {
                if (!escape()) return false;
            } else if (c >= 0x80) {
                if (!utf8()) return false;
            } else {
                ++m_i;
            }
        }
        return false;
    }
    bool escape() {
        ++m_i;
        const char c = peek();
        if (c && std::string_view("\"\\/bfnrt").find(c) != std::string_view::npos)
            return ++m_i, true;
        if (c != 'u' || m_i + 5 > m_s.size()) return false;
        for (size_t k = 1; k <= 4; ++k)
            if (!std::isxdigit(static_cast<unsigned char>(m_s[m_i + k]))) return false;
        m_i += 5;
        return true;
    }
    bool utf8() {
        const auto at = [&](size_t k) { return static_cast<unsigned char>(m_s[m_i + k]); };
        const unsigned char c = at(0);
        size_t n = c >= 0xc2 && c <= 0xdf   ? 2
                   : c >= 0xe0 && c <= 0xef ? 3
                   : c >= 0xf0 && c <= 0xf4 ? 4
                                            : 0;
        if (n == 0 || m_i + n > m_s.size()) return false;
        const unsigned char lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        if (at(1) < lo || at(1) > hi) return false;
        for (size_t k = 2; k < n; ++k)
            if ((at(k) & 0xc0) != 0x80) return false;
        m_i += n;
        return true;
    }
    bool number() {
        eat('-');
        if (eat('0')) {
        } else if (!digits()) {
            return false;
        }
        if (eat('.') && !digits()) return false;
        if (eat('e') || eat('E')) {
            if (!eat('+')) eat('-');
            if (!digits()) return false;
        }
        return true;
    }
    bool digits() {
        const size_t start = m_i;
        while (std::isdigit(static_cast<unsigned char>(peek()))) ++m_i;
        return m_i > start;
    }
    bool word(std::string_view w) {
        if (m_s.substr(m_i, w.size()) != w) return false;
        m_i += w.size();
        return true;
    }
    char peek() const { return m_i < m_s.size() ? m_s[m_i] : '\0'; }
    bool eat(char c) { return peek() == c ? (++m_i, true) : false; }
    void space() {
        while (m_i < m_s.size() &&
               std::string_view(" \t\r\n").find(m_s[m_i]) != std::string_view::npos)
            ++m_i;
    }

    std::string_view m_s;
    size_t m_i = 0;
};

std::string jsonError(std::string_view text) {
    std::string error;
    JsonCheck(text).valid(error);
    return error;
}

std::string cliJson(const std::filesystem::path& capture) {
    return runCommand(shellQuote(cliPath()) + " json " + shellQuote(capture.string()) +
                      " 2>/dev/null");
}

} // namespace

TEST_CASE("the JSON check itself", "[json]") {
    CHECK(jsonError(R"({"a":[1,-2.5e3,true,null,"x\u00e9\n"],"b":{}})").empty());
    CHECK(jsonError("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"").empty());
    CHECK_FALSE(jsonError("\"\xA0\"").empty());             // a lone continuation byte
    CHECK_FALSE(jsonError("\"\xC0\xAF\"").empty());         // overlong '/'
    CHECK_FALSE(jsonError("\"\xED\xA0\x80\"").empty());     // a UTF-16 surrogate
    CHECK_FALSE(jsonError("\"\xF4\x90\x80\x80\"").empty()); // past U+10FFFF
    CHECK_FALSE(jsonError("\"\xE2\x82\"").empty());         // cut short
    CHECK_FALSE(jsonError("\"a\tb\"").empty());             // a raw control character
    CHECK_FALSE(jsonError("[1,]").empty());
    CHECK_FALSE(jsonError("{\"a\":1} x").empty());
}

TEST_CASE("jsonEscape keeps UTF-8 and turns every other byte into U+FFFD", "[json]") {
    CHECK(jsonEscape("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") ==
          "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
    // As tshark 4.0.17 prints "User-Agent: \xc3\x28\xe2\x82": one U+FFFD per byte.
    CHECK(jsonEscape("\xC3\x28\xE2\x82") == kReplacement + "(" + kReplacement + kReplacement);
    CHECK(jsonEscape("\xC0\xAF") == kReplacement + kReplacement);
    CHECK(jsonEscape("\xED\xA0\x80") == kReplacement + kReplacement + kReplacement);
    CHECK(jsonEscape("\xF4\x90\x80\x80x") ==
          kReplacement + kReplacement + kReplacement + kReplacement + "x");
    CHECK(jsonEscape("a\"b\\c\x01\x7f") == "a\\\"b\\\\c\\u0001\x7f");
    for (int b = 0; b < 256; ++b) {
        const std::string one(1, char(b));
        INFO("byte " << b);
        CHECK(jsonError("\"" + jsonEscape(one) + "\"").empty());
    }
}

TEST_CASE("json of an HTTP request line that is not UTF-8", "[json][cli]") {
    const auto capture = dataDir() / "crafted" / "http-invalid-utf8.pcap";
    const std::string out = cliJson(capture);
    REQUIRE(!out.empty());
    CHECK(jsonError(out).empty());
    // tshark 4.0.17 -T json: "http.request.uri": "/caf\uFFFD\uFFFD\uFFFD/x" (raw U+FFFD).
    const std::string uri = "/caf" + kReplacement + kReplacement + kReplacement + "/x";
    CHECK(out.find("\"field\":\"http.request.uri\",\"name\":\"Request URI\",\"offset\":58,"
                   "\"length\":9,\"value\":\"" +
                   uri + "\"") != std::string::npos);
    // Well-formed UTF-8 in a header is kept (tshark's HTTP fields, read as ASCII, replace it).
    CHECK(out.find("caf\xC3\xA9") != std::string::npos);
}

TEST_CASE("json of every capture present is UTF-8 JSON", "[json][cli][corpus]") {
    std::vector<std::filesystem::path> captures = capturesUnder(samplesDir());
    for (const auto& p : capturesUnder(dataDir())) captures.push_back(p);
    // The fuzz seeds and regressions of whole capture files, whatever their names.
    for (const char* dir : {"corpus", "regressions"}) {
        const auto d = sourceDir() / "tests" / "fuzz" / dir / "fuzz_capture";
        if (!std::filesystem::is_directory(d)) continue;
        for (const auto& e : std::filesystem::directory_iterator(d))
            if (e.is_regular_file()) captures.push_back(e.path());
    }
    if (haveCorpus())
        for (const auto& p : capturesUnder(corpusDir())) captures.push_back(p);
    else
        WARN("SKIPPED the corpus: ../shared/corpus is absent");
    REQUIRE(captures.size() > 10);
    for (const auto& path : captures) {
        INFO(path.string());
        const std::string out = cliJson(path);
        CHECK(jsonError(out).empty());
    }
}

TEST_CASE("the tree JSON of every fuzz_dissect seed is UTF-8 JSON", "[json][fuzz]") {
    // The seeds' format (tests/fuzz/fuzz_dissect.cpp): byte 0 picks the link type.
    constexpr uint32_t kLinkTypes[] = {LinkType::Ethernet,  LinkType::Raw,  LinkType::LinuxSll,
                                       LinkType::LinuxSll2, LinkType::Null, LinkType::Loop};
    const auto dir = sourceDir() / "tests" / "fuzz" / "corpus" / "fuzz_dissect";
    if (!std::filesystem::is_directory(dir)) {
        WARN("SKIPPED: no fuzz_dissect seeds");
        return;
    }
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        const std::string bytes = readFile(e.path());
        if (bytes.empty()) continue;
        const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
        Frame frame;
        frame.number = 1;
        frame.linkType = kLinkTypes[data[0] % std::size(kLinkTypes)];
        frame.data = std::span<const uint8_t>(data + 1, bytes.size() - 1);
        frame.originalLength = static_cast<uint32_t>(bytes.size() - 1);
        PacketSummary summary;
        ProtoTree tree;
        dissectFrame(frame, summary, &tree);
        INFO(e.path().string());
        CHECK(jsonError(formatTreeJson(tree, frame)).empty());
    }
}

TEST_CASE("conversations --format ndjson is UTF-8 JSON per line", "[json][cli]") {
    const auto capture = dataDir() / "crafted" / "http-invalid-utf8.pcap";
    const std::string out = runCommand(shellQuote(cliPath()) + " conversations --format ndjson " +
                                       shellQuote(capture.string()) + " 2>/dev/null");
    const auto lines = splitLines(out);
    REQUIRE(!lines.empty());
    for (const std::string& line : lines) CHECK(jsonError(line).empty());
}

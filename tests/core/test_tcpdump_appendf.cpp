// SPDX-License-Identifier: GPL-2.0-or-later
// The tcpdump printer formats its lines with its own appendf (the common conversions without
// vsnprintf's machinery) and appendUint: both must write what the C library's snprintf writes,
// for every conversion, flag, width and length modifier the printer uses, and for the ones it
// hands to vsnprintf.
#include "tcpdump_format_internal.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

using namespace tcpscope::tcpdump;

namespace {

template <typename... A> std::string libc(const char* fmt, A... args) {
    char buf[1024];
    const int n = std::snprintf(buf, sizeof buf, fmt, args...);
    return std::string(buf, size_t(n));
}

template <typename... A> std::string ours(const char* fmt, A... args) {
    std::string out = "before|"; // appendf appends to what is there
    appendf(out, fmt, args...);
    return out.substr(7);
}

} // namespace

TEST_CASE("appendf writes what snprintf writes", "[tcpdump-text]") {
    const std::vector<unsigned> values = {0u,   1u,     9u,       10u,        99u,
                                          100u, 65535u, 1000000u, 4294967295u};
    for (unsigned v : values) {
        INFO("value " << v);
        for (const char* fmt : {"%u", ", seq %u", "%5u  ", "%06u", "%09u", "%-6u|", "%x", "%04x",
                                "0x%02X", "%-4x|", "%c%c", "%%%u%%"}) {
            INFO("format " << fmt);
            if (std::string(fmt) == "%c%c")
                CHECK(ours(fmt, 'a' + int(v % 26), 'z') == libc(fmt, 'a' + int(v % 26), 'z'));
            else
                CHECK(ours(fmt, v) == libc(fmt, v));
        }
        CHECK(ours("%d", -int(v / 2)) == libc("%d", -int(v / 2)));
        CHECK(ours("%5d|", -int(v % 1000)) == libc("%5d|", -int(v % 1000)));
        CHECK(ours("%05d|", -int(v % 1000)) == libc("%05d|", -int(v % 1000)));
        CHECK(ours("%-5d|", -int(v % 1000)) == libc("%-5d|", -int(v % 1000)));
        CHECK(ours("%lu", (unsigned long)v * 1000003ul) ==
              libc("%lu", (unsigned long)v * 1000003ul));
        CHECK(ours("%llu", (unsigned long long)v << 31) ==
              libc("%llu", (unsigned long long)v << 31));
        CHECK(ours("%zu", size_t(v)) == libc("%zu", size_t(v)));
        CHECK(ours("%04zx", size_t(v)) == libc("%04zx", size_t(v)));
    }
    CHECK(ours("%s > %s: ", "10.0.0.1", "10.0.0.2") == "10.0.0.1 > 10.0.0.2: ");
    CHECK(ours("%-5s %-3s ", "lo", "In") == libc("%-5s %-3s ", "lo", "In"));
    CHECK(ours("%8s|", "abc") == libc("%8s|", "abc"));
    const std::string longText(600, 'x'); // longer than appendf's own buffer
    CHECK(ours("[%s] %u", longText.c_str(), 7u) == "[" + longText + "] 7");
    CHECK(ours("%300u|", 5u) == libc("%300u|", 5u));
    // What appendf does not format itself goes through vsnprintf, whole.
    CHECK(ours("%u %.3f %s", 2u, 1.5, "x") == libc("%u %.3f %s", 2u, 1.5, "x"));
    CHECK(ours("%5.2s|%u", "abcdef", 3u) == libc("%5.2s|%u", "abcdef", 3u));
    CHECK(ours("plain text") == "plain text");
}

TEST_CASE("appendUint writes the decimal digits of any 64-bit value", "[tcpdump-text]") {
    std::vector<uint64_t> values = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65535};
    for (uint64_t p = 10; p < std::numeric_limits<uint64_t>::max() / 10; p *= 10) {
        values.push_back(p - 1);
        values.push_back(p);
        values.push_back(p + 1);
    }
    for (uint64_t v :
         {uint64_t(0xffffffffu), uint64_t(0x100000000u), uint64_t(0x1000000ffu),
          std::numeric_limits<uint64_t>::max(), std::numeric_limits<uint64_t>::max() - 1})
        values.push_back(v);
    for (uint64_t v : values) {
        std::string out = "x";
        appendUint(out, v);
        CHECK(out == "x" + std::to_string(v));
    }
}

// SPDX-License-Identifier: GPL-2.0-or-later
// The SYN queue's texts (syn_queue.h): back-off labels, outcomes, the SYN cookie assessment and
// the graph's mark labels, each a message of the core's catalogue.
#include "tcpscope/syn_queue.h"
#include "text/catalogue_parts.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace tcpscope {

namespace {

// Option names stay in tcpdump's spelling (mss, wscale, sackOK, TS): they are syntax.
// Message ids "synq." + key.
constexpr std::array<detail::KeyedText, 19> kTexts = {{
    {"seconds", "{n} s"},
    {"milliseconds", "{n} ms"},
    {"outcome.established", "established"},
    {"outcome.reset_client", "given up: reset by the client"},
    {"outcome.reset_server", "given up: reset by the server"},
    {"outcome.no_ack", "given up: last retry seen, no ACK by the end of the capture"},
    {"outcome.refused", "refused: the SYN was answered by RST, nothing listened"},
    {"outcome.no_synack", "no SYN,ACK seen"},
    {"cookie.unknown", "SYN cookie: cannot tell, the SYN, the SYN,ACK or their options were not "
                       "captured"},
    {"cookie.no_sign.answered", "no sign of a SYN cookie: the SYN,ACK answers the options the SYN "
                                "offered ({answered})"},
    {"cookie.no_sign.none_offered", "no sign of a SYN cookie: the SYN offered no wscale, sackOK "
                                    "or TS that a cookie would leave out"},
    {"cookie.might", "might be a SYN cookie: the SYN offered {offered} but the SYN,ACK carries "
                     "none of {dropped} ({answered}); a server answering with a SYN cookie "
                     "(RFC 4987) keeps no state and leaves out the options it cannot encode"},
    {"cookie.mss_table", "; its mss {mss} is one of the four values a Linux SYN cookie encodes in "
                         "the ISN"},
    {"cookie.not", "not a SYN cookie: the server sent its SYN,ACK again without a repeated SYN "
                   "(retries: {n}), so it keeps state for this connection, which a SYN cookie "
                   "does not"},
    {"options.none", "no options"},
    {"mark.retry", "retry {n} (+{interval})"},
    {"mark.established", "established"},
    {"mark.given_up", "given up"},
    {"mark.refused", "refused"},
}};

std::string text(std::string_view key, detail::NoteValues values = {}) {
    return detail::keyedText("synq.", kTexts, key, values);
}

// "mss,wscale,sackOK,TS" in tcpdump's names, or "no options".
std::string optionList(uint8_t bits) {
    std::string out;
    auto add = [&](uint8_t bit, std::string_view name) {
        if (!(bits & bit)) return;
        if (!out.empty()) out += ',';
        out += name;
    };
    add(SynOption::Mss, "mss");
    add(SynOption::WindowScale, "wscale");
    add(SynOption::SackPermitted, "sackOK");
    add(SynOption::Timestamps, "TS");
    return out.empty() ? std::string(text("options.none")) : out;
}

std::string decimal(double v, int places) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", places, v);
    std::string s(buf);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

} // namespace

void detail::appendSynQueueTexts(std::vector<CatalogueText>& out) {
    detail::appendKeyedTexts(out, "synq.", kTexts);
}

std::string backoffLabel(double seconds) {
    const double ms = std::round(seconds * 1000);
    if (ms < 950) return text("milliseconds", {{"n", decimal(ms, 0)}});
    return text("seconds", {{"n", decimal(seconds, seconds < 9.95 ? 1 : 0)}});
}

std::string synQueueOutcomeText(SynQueueOutcome o) {
    constexpr std::array<std::string_view, kSynQueueOutcomeCount> keys = {
        "outcome.established", "outcome.reset_client", "outcome.reset_server",
        "outcome.no_ack",      "outcome.refused",      "outcome.no_synack"};
    return std::string(text(keys[size_t(o)]));
}

std::string synCookieText(const SynCookieAssessment& a) {
    switch (a.verdict) {
    case SynCookieVerdict::Unknown:
        return std::string(text("cookie.unknown"));
    case SynCookieVerdict::NotCookie:
        return text("cookie.not", {{"n", std::to_string(a.unpromptedSynAcks)}});
    case SynCookieVerdict::NoSign:
        if (!(a.offered &
              (SynOption::WindowScale | SynOption::SackPermitted | SynOption::Timestamps)))
            return std::string(text("cookie.no_sign.none_offered"));
        return text("cookie.no_sign.answered", {{"answered", optionList(a.answered)}});
    case SynCookieVerdict::MightBe:
        break;
    }
    std::string out = text("cookie.might", {{"offered", optionList(a.offered)},
                                            {"dropped", optionList(a.dropped)},
                                            {"answered", optionList(a.answered)}});
    if (a.mssInCookieTable) out += text("cookie.mss_table", {{"mss", std::to_string(a.synAckMss)}});
    return out;
}

std::string synQueueMarkLabel(const SynQueueMark& m) {
    switch (m.kind) {
    case SynQueueMarkKind::Syn:
        return "SYN";
    case SynQueueMarkKind::SynAck:
        return "SYN,ACK";
    case SynQueueMarkKind::SynAckRetry:
        return text("mark.retry",
                    {{"n", std::to_string(m.retry)}, {"interval", backoffLabel(m.interval)}});
    case SynQueueMarkKind::Established:
        return std::string(text("mark.established"));
    case SynQueueMarkKind::GivenUp:
        return std::string(text("mark.given_up"));
    case SynQueueMarkKind::Refused:
        return std::string(text("mark.refused"));
    }
    return {};
}

} // namespace tcpscope

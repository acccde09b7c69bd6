// SPDX-License-Identifier: GPL-2.0-or-later
#include "packet_tcpfsm.h"

#include "segment_from_fields.h"

#include "tcpscope/analysis_fields.h"
#include "tcpscope/connection_tracker.h"
#include "tcpscope/field.h"
#include "tcpscope/tcp_state_machine.h"

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/proto_data.h>

#include <array>
#include <memory>
#include <string>

namespace tcpfsm {

namespace {

using tcpscope::TcpPacketAnalysis;

// The fields, in the order the core's tree shows them (addAnalysisToTree). Names and blurbs
// come from the core's FieldRegistry so that Wireshark, the CLI and the GUI explain a field in
// the same words.
enum Field : int { F_SENDER, F_CLIENT_PREV, F_CLIENT, F_SERVER_PREV, F_SERVER, F_EVENT, F_COUNT };
constexpr std::array<const char*, F_COUNT> kFieldAbbrevs = {
    "tcpfsm.sender",      "tcpfsm.client_prev", "tcpfsm.client",
    "tcpfsm.server_prev", "tcpfsm.server",      "tcpfsm.event",
};

int proto_tcpfsm = -1;
std::array<int, F_COUNT> hf_fields = {-1, -1, -1, -1, -1, -1};
int ett_tcpfsm = -1;
std::array<expert_field, tcpscope::kTrackerNoteCount> ei_notes{};
dissector_handle_t tcpfsm_handle;

// Wireshark's init/cleanup and dissector callbacks carry no user data, so the tracker of the
// open capture file lives here. It is created by the init routine (a file is opened, or all
// packets are about to be dissected again from the start) and freed by the cleanup routine.
std::unique_ptr<tcpscope::ConnectionTracker> g_tracker;
// Whether the tracker was told the capture ended (ConnectionTracker::finish()): the first time a
// frame is dissected again, all of them have been seen (tshark -2, a click after loading).
bool g_finished = false;

void initTracker() {
    g_tracker = std::make_unique<tcpscope::ConnectionTracker>();
    g_finished = false;
}
void cleanupTracker() {
    g_tracker.reset();
}

// Wireshark keeps a registered string's pointer for the process's lifetime.
const char* keep(std::string_view s) {
    return g_strndup(s.data(), s.size());
}

const tcpscope::FieldDef* coreField(const char* abbrev) {
    tcpscope::FieldId id = tcpscope::fieldId(abbrev);
    return id == tcpscope::kNoField ? nullptr : &tcpscope::FieldRegistry::instance().def(id);
}

int expertSeverity(tcpscope::Severity s) {
    switch (s) {
    case tcpscope::Severity::Comment:
        return PI_COMMENT;
    case tcpscope::Severity::Chat:
        return PI_CHAT;
    case tcpscope::Severity::Note:
        return PI_NOTE;
    case tcpscope::Severity::Warning:
        return PI_WARN;
    case tcpscope::Severity::Error:
        return PI_ERROR;
    }
    return PI_NOTE;
}

// Per-frame memory: the index of the frame's result in g_tracker->packets(), plus one (zero
// means "no TCP segment"). An index, not a copy, because a later packet may amend an earlier
// SYN's result (a refused connection, a simultaneous open): a re-dissection shows the amended
// result, exactly like the CLI, which runs the tracker over the whole file first.
constexpr guint32 kSlotKey = 0;

guint trackerSlot(packet_info* pinfo) {
    return GPOINTER_TO_UINT(p_get_proto_data(wmem_file_scope(), pinfo, proto_tcpfsm, kSlotKey));
}

// First pass only: hand the segment to the tracker in capture order. Later passes (a filter
// re-run, tshark -2, a click in the GUI, in any order) only read what was stored.
void trackOnFirstPass(packet_info* pinfo, proto_tree* tree) {
    if (PINFO_FD_VISITED(pinfo) || !g_tracker || trackerSlot(pinfo)) return;
    auto segment = segmentFromFields(pinfo, tree);
    if (!segment) return;
    try {
        g_tracker->add(*segment);
    } catch (...) { // out of memory: show nothing rather than unwind through Wireshark's C code
        return;
    }
    p_add_proto_data(wmem_file_scope(), pinfo, proto_tcpfsm, kSlotKey,
                     GUINT_TO_POINTER(guint(g_tracker->packets().size())));
}

// The displayed strings, rendered by the core into the packet's memory pool. Every C++ object
// is gone before the tree calls below, which may longjmp (Wireshark's exceptions) out of here.
struct Rendered {
    std::array<const char*, F_COUNT> text{};
    uint32_t notes = 0;
};

bool render(const TcpPacketAnalysis& a, wmem_allocator_t* pool, Rendered& out) {
    try {
        auto put = [&](Field f, std::string_view s) {
            out.text[f] = wmem_strndup(pool, s.data(), s.size());
        };
        put(F_SENDER, tcpscope::senderRoleText(a));
        put(F_CLIENT_PREV, tcpscope::stateName(a.client.before));
        put(F_CLIENT, tcpscope::stateName(a.client.after));
        put(F_SERVER_PREV, tcpscope::stateName(a.server.before));
        put(F_SERVER, tcpscope::stateName(a.server.after));
        put(F_EVENT, tcpscope::fsmEventText(a));
        out.notes = a.notes;
        return true;
    } catch (...) {
        return false;
    }
}

int dissectTcpfsm(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    trackOnFirstPass(pinfo, tree);
    if (PINFO_FD_VISITED(pinfo) && g_tracker && !g_finished) {
        g_finished = true;
        try {
            g_tracker->finish();
        } catch (...) { // out of memory: keep the results as they stand
        }
    }
    const guint slot = trackerSlot(pinfo);
    if (!slot || !g_tracker || slot > g_tracker->packets().size()) return 0;
    Rendered r;
    if (!render(g_tracker->packets()[slot - 1], pinfo->pool, r)) return 0;

    proto_item* ti = proto_tree_add_protocol_format(tree, proto_tcpfsm, tvb, 0, 0,
                                                    "TCP State Machine, Client: %s, Server: %s",
                                                    r.text[F_CLIENT], r.text[F_SERVER]);
    proto_item_set_generated(ti);
    proto_tree* st = proto_item_add_subtree(ti, ett_tcpfsm);
    for (int f = 0; f < F_COUNT; ++f)
        proto_item_set_generated(proto_tree_add_string(st, hf_fields[f], tvb, 0, 0, r.text[f]));
    for (guint k = 0; k < tcpscope::kTrackerNoteCount; ++k)
        if (r.notes & (1u << k)) expert_add_info(pinfo, ti, &ei_notes[k]);
    return tvb_captured_length(tvb);
}

} // namespace

void registerProtocol() {
    tcpscope::registerAllProtocols();
    const tcpscope::FieldDef* proto = coreField("tcpfsm");
    proto_tcpfsm = proto_register_protocol(proto ? keep(proto->name) : "TCP State Machine",
                                           "TCPFSM", "tcpfsm");

    static std::array<hf_register_info, F_COUNT> hf;
    for (int f = 0; f < F_COUNT; ++f) {
        const tcpscope::FieldDef* d = coreField(kFieldAbbrevs[f]);
        hf[f] =
            hf_register_info{&hf_fields[f],
                             {d ? keep(d->name) : kFieldAbbrevs[f], kFieldAbbrevs[f], FT_STRING,
                              BASE_NONE, nullptr, 0x0, d ? keep(d->explanation) : nullptr, HFILL}};
    }
    proto_register_field_array(proto_tcpfsm, hf.data(), int(hf.size()));
    static int* ett[] = {&ett_tcpfsm};
    proto_register_subtree_array(ett, G_N_ELEMENTS(ett));

    // One expert info per tracker note: "tcp.state.data_before_handshake" becomes
    // "tcpfsm.expert.data_before_handshake" (Wireshark wants the protocol's own prefix).
    static std::array<ei_register_info, tcpscope::kTrackerNoteCount> ei;
    for (guint k = 0; k < tcpscope::kTrackerNoteCount; ++k) {
        tcpscope::TrackerNoteInfo info = tcpscope::trackerNoteInfo(tcpscope::TrackerNote(k));
        std::string_view id = info.id;
        std::string name = "tcpfsm.expert." + std::string(id.substr(id.rfind('.') + 1));
        ei[k] = ei_register_info{
            &ei_notes[k],
            {keep(name), PI_SEQUENCE, expertSeverity(info.severity), keep(info.message), EXPFILL}};
    }
    expert_module_t* expert = expert_register_protocol(proto_tcpfsm);
    expert_register_field_array(expert, ei.data(), int(ei.size()));

    register_init_routine(initTracker);
    register_cleanup_routine(cleanupTracker);
}

void registerHandoff() {
    tcpfsm_handle = create_dissector_handle(dissectTcpfsm, proto_tcpfsm);
    register_postdissector(tcpfsm_handle);
    resolveWantedFields();
    set_postdissector_wanted_hfids(tcpfsm_handle, wantedFieldIds());
}

} // namespace tcpfsm

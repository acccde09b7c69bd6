// SPDX-License-Identifier: GPL-2.0-or-later
// The four symbols Wireshark's plugin loader looks up (doc/README.plugins, "plugin_version,
// plugin_want_major, plugin_want_minor and plugin_register"). Everything else in tcpfsm.so is
// hidden. Wireshark refuses a plugin whose want_major/minor differ from its own version, which
// is why these come from the headers the plugin is compiled against.
#include "packet_tcpfsm.h"

#include <ws_symbol_export.h>
#include <ws_version.h>

#include <epan/proto.h>

// Declared with WS_DLL_PUBLIC (extern) first: a namespace-scope const object would otherwise
// have internal linkage in C++ and never reach the dynamic symbol table.
extern "C" {
WS_DLL_PUBLIC const char plugin_version[];
WS_DLL_PUBLIC const int plugin_want_major;
WS_DLL_PUBLIC const int plugin_want_minor;
WS_DLL_PUBLIC void plugin_register(void);
}

const char plugin_version[] = TCPSCOPE_VERSION;
const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

void plugin_register(void) {
    static proto_plugin plugin;
    plugin.register_protoinfo = tcpfsm::registerProtocol;
    plugin.register_handoff = tcpfsm::registerHandoff;
    proto_register_plugin(&plugin);
}

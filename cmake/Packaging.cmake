# SPDX-License-Identifier: GPL-2.0-or-later
# Debian packages with CPack (`cpack -G DEB` in a build tree; .ci/package builds, installs and
# checks them). One package per install component:
#   tcpscope                    component "tcpscope": tcpscope, tcpscope-cli, the desktop entry,
#                               icons, AppStream metainfo, MIME type, man pages, samples
#   tcpscope-wireshark-plugin   component "wireshark_plugin": tcpfsm.so in Wireshark 4.0's plugin
#                               folder; only when the plugin is built
# Dependencies come from dpkg-shlibdeps (CPACK_DEBIAN_PACKAGE_SHLIBDEPS), plus wireshark-common of
# the plugin's release series, the only one that loads it.
set(CPACK_PACKAGE_NAME tcpscope)
set(CPACK_PACKAGE_VENDOR "TcpScope")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${TCPSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
# Each package's description is its component's: the first line is the synopsis. (No
# CPACK_PACKAGE_DESCRIPTION_SUMMARY, which CPack would put in front of every one of them.)
set(CPACK_COMPONENTS_ALL tcpscope)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tcpscope_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${TCPSCOPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_TCPSCOPE_PACKAGE_NAME tcpscope)
set(CPACK_COMPONENT_TCPSCOPE_DESCRIPTION
    "TCP/IP packets field by field, with each endpoint's TCP state
TcpScope decodes IPv4, IPv6 and TCP packets from pcap and pcapng captures and
pasted hex dumps field by field, and tells for every packet the RFC 9293 state
of each endpoint before and after it and the event that moved it.
.
This package contains the Qt 6 viewer tcpscope (byte and bit highlighting,
ladder diagram, state graph, classroom mode), the command line tool
tcpscope-cli (tcpdump-style summaries, tshark-style fields, field trees, JSON,
connection tables and Zeek conn.log output), the capture helper
tcpscope-capture for live capture (given cap_net_raw,cap_net_admin on
installation, so the viewer never runs with privileges) and sample captures.")
# The capture helper's capabilities, set on installation (setcap, from libcap2-bin).
set(CPACK_DEBIAN_TCPSCOPE_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/resources/debian/postinst")

# The viewer's Chinese: Qt's own texts (standard dialogs) and a font that has the characters.
set(CPACK_DEBIAN_TCPSCOPE_PACKAGE_RECOMMENDS "qt6-translations-l10n, fonts-noto-cjk, libcap2-bin")

if(TARGET tcpfsm)
  list(APPEND CPACK_COMPONENTS_ALL wireshark_plugin)
  get_target_property(_series tcpfsm TCPSCOPE_WIRESHARK_SERIES)
  string(REGEX MATCH "^[0-9]+" _major "${_series}")
  string(REGEX MATCH "[0-9]+$" _minor "${_series}")
  math(EXPR _next "${_minor} + 1")
  set(CPACK_DEBIAN_WIRESHARK_PLUGIN_PACKAGE_NAME tcpscope-wireshark-plugin)
  set(CPACK_DEBIAN_WIRESHARK_PLUGIN_PACKAGE_DEPENDS
      "wireshark-common (>= ${_series}), wireshark-common (<< ${_major}.${_next})")
  set(CPACK_DEBIAN_WIRESHARK_PLUGIN_PACKAGE_ENHANCES "wireshark, tshark")
  set(CPACK_DEBIAN_TCPSCOPE_PACKAGE_SUGGESTS tcpscope-wireshark-plugin)
  set(CPACK_COMPONENT_WIRESHARK_PLUGIN_DESCRIPTION
      "TCP state machine plugin for Wireshark ${_series} (tcpfsm.so)
The plugin adds a TCP State Machine layer to every TCP packet in Wireshark
and tshark: the RFC 9293 state of the client and of the server before and
after the packet, and the transition it caused, as the filterable fields
tcpfsm.client, tcpfsm.server, tcpfsm.client_prev, tcpfsm.server_prev,
tcpfsm.event and tcpfsm.sender, with the values TcpScope shows.")
endif()

include(CPack)

// SPDX-License-Identifier: GPL-2.0-or-later
// TLS 1.0-1.3 and SSL 3.0 (RFC 8446, 5246, 6101), and the SSL 2.0-compatible ClientHello old
// clients sent (RFC 5246 appendix E.2): records, handshake messages, the hellos' versions, cipher
// suites and extensions (server name, supported versions, supported groups), certificate sizes,
// alerts. One segment at a time, as Wireshark with its reassembly turned off: a record that goes
// on past the segment is decoded as far as it goes and noted; nothing is decrypted. Registered in
// the tcp.port table on the ports Wireshark 4.0 gives TLS.
#include "protocols.h"

#include <algorithm>
#include <array>
#include <optional>

namespace tcpscope::proto {

namespace {

// Field handles, filled in by registration (Wireshark's hf_ idea): the table below names each
// one next to its definition, so no order can drift.
struct TlsFields {
    FieldId tls, record, contentType, opaqueType, recordVersion, recordLength, changeCipherSpec,
        alert, alertLevel, alertDesc, appData, handshake, hsType, hsLength, hsVersion, random,
        sessionIdLength, sessionId, cipherSuitesLength, cipherSuites, cipherSuite,
        compMethodsLength, compMethods, compMethod, extensionsLength, extension, extType, extLen,
        extData, sniListLen, sniType, sniLen, sni, versionsLen, version, groupsLen, groups, group,
        certsLength, certs, certLength, cert, cipherSpecLen, challengeLen, cipherSpec, challenge;
};
TlsFields hf;

enum ContentType : uint8_t {
    kChangeCipherSpec = 20,
    kAlert = 21,
    kHandshake = 22,
    kApplicationData = 23,
    kHeartbeat = 24,
};
enum HandshakeType : uint8_t { kClientHello = 1, kServerHello = 2, kCertificate = 11 };
enum Extension : uint16_t { kServerName = 0, kSupportedGroups = 10, kSupportedVersions = 43 };
constexpr uint16_t kSsl2 = 0x0002, kSsl3 = 0x0300, kTls13 = 0x0304;

// Caps on what one segment can make us walk (each loop is also bounded by the bytes).
constexpr size_t kMaxRecords = 64;
constexpr size_t kMaxMessages = 32;
constexpr size_t kMaxExtensions = 64;
constexpr size_t kMaxItems = 256; // entries of one list: cipher suites, groups, certificates

// Value names as Wireshark 4.0 spells them (`tshark -G values`), tests check they agree.
template <size_t N, size_t M>
constexpr std::array<ValueName, N + M> concat(const ValueName (&a)[N], const ValueName (&b)[M]) {
    std::array<ValueName, N + M> out{};
    for (size_t i = 0; i < N; ++i) out[i] = a[i];
    for (size_t i = 0; i < M; ++i) out[N + i] = b[i];
    return out;
}
// GREASE (RFC 8701): 0x0a0a, 0x1a1a ... 0xfafa, values clients offer at random so that servers
// keep tolerating values they do not know. Every 16-bit list a client sends can carry them.
constexpr ValueName kGrease[] = {
    {0x0a0a, "Reserved (GREASE)"}, {0x1a1a, "Reserved (GREASE)"}, {0x2a2a, "Reserved (GREASE)"},
    {0x3a3a, "Reserved (GREASE)"}, {0x4a4a, "Reserved (GREASE)"}, {0x5a5a, "Reserved (GREASE)"},
    {0x6a6a, "Reserved (GREASE)"}, {0x7a7a, "Reserved (GREASE)"}, {0x8a8a, "Reserved (GREASE)"},
    {0x9a9a, "Reserved (GREASE)"}, {0xaaaa, "Reserved (GREASE)"}, {0xbaba, "Reserved (GREASE)"},
    {0xcaca, "Reserved (GREASE)"}, {0xdada, "Reserved (GREASE)"}, {0xeaea, "Reserved (GREASE)"},
    {0xfafa, "Reserved (GREASE)"}};

constexpr ValueName kContentTypes[] = {{20, "Change Cipher Spec"}, {21, "Alert"},
                                       {22, "Handshake"},          {23, "Application Data"},
                                       {24, "Heartbeat"},          {25, "Connection ID"}};
constexpr ValueName kVersionNames[] = {{0x0002, "SSL 2.0"}, {0x0300, "SSL 3.0"},
                                       {0x0301, "TLS 1.0"}, {0x0302, "TLS 1.1"},
                                       {0x0303, "TLS 1.2"}, {0x0304, "TLS 1.3"}};
constexpr auto kVersions = concat(kVersionNames, kGrease);
// The Protocol column's names (Wireshark's ssl_version_short_names).
constexpr ValueName kShortVersions[] = {{0x0002, "SSLv2"},   {0x0300, "SSLv3"},
                                        {0x0301, "TLSv1"},   {0x0302, "TLSv1.1"},
                                        {0x0303, "TLSv1.2"}, {0x0304, "TLSv1.3"}};
constexpr ValueName kHandshakeTypes[] = {{0, "Hello Request"},
                                         {1, "Client Hello"},
                                         {2, "Server Hello"},
                                         {3, "Hello Verify Request"},
                                         {4, "New Session Ticket"},
                                         {5, "End of Early Data"},
                                         {6, "Hello Retry Request"},
                                         {8, "Encrypted Extensions"},
                                         {11, "Certificate"},
                                         {12, "Server Key Exchange"},
                                         {13, "Certificate Request"},
                                         {14, "Server Hello Done"},
                                         {15, "Certificate Verify"},
                                         {16, "Client Key Exchange"},
                                         {20, "Finished"},
                                         {21, "Client Certificate URL"},
                                         {22, "Certificate Status"},
                                         {23, "Supplemental Data"},
                                         {24, "Key Update"},
                                         {25, "Compressed Certificate"},
                                         {67, "Encrypted Extensions"}};
constexpr ValueName kCipherSuiteNames[] = {
    {0x0000, "TLS_NULL_WITH_NULL_NULL"},
    {0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5"},
    {0x0004, "TLS_RSA_WITH_RC4_128_MD5"},
    {0x0005, "TLS_RSA_WITH_RC4_128_SHA"},
    {0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5"},
    {0x0009, "TLS_RSA_WITH_DES_CBC_SHA"},
    {0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA"},
    {0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA"},
    {0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA"},
    {0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    {0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA"},
    {0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA"},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA"},
    {0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA"},
    {0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA"},
    {0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA"},
    {0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA"},
    {0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA"},
    {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256"},
    {0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384"},
    {0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"},
    {0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"},
    {0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"},
    {0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"},
    {0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256"},
    {0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384"},
    {0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256"},
    {0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384"},
    {0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256"},
    {0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384"},
    {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
    {0x1301, "TLS_AES_128_GCM_SHA256"},
    {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
    {0x1304, "TLS_AES_128_CCM_SHA256"},
    {0x1305, "TLS_AES_128_CCM_8_SHA256"},
    {0x5600, "TLS_FALLBACK_SCSV"},
    {0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"},
    {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA"},
    {0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA"},
    {0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA"},
    {0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA"},
    {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA"},
    {0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA"},
    {0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"},
    {0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384"},
    {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {0xfefe, "SSL_RSA_FIPS_WITH_DES_CBC_SHA"},
    {0xfeff, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA"}};
constexpr auto kCipherSuites = concat(kCipherSuiteNames, kGrease);
// SSL 2.0's 3-byte cipher kinds; a TLS suite offered in an SSL 2.0 hello is 0x00 + its number.
constexpr ValueName kSsl2CipherKinds[] = {
    {0x010080, "SSL2_RC4_128_WITH_MD5"},          {0x020080, "SSL2_RC4_128_EXPORT40_WITH_MD5"},
    {0x030080, "SSL2_RC2_128_CBC_WITH_MD5"},      {0x040080, "SSL2_RC2_128_CBC_EXPORT40_WITH_MD5"},
    {0x050080, "SSL2_IDEA_128_CBC_WITH_MD5"},     {0x060040, "SSL2_DES_64_CBC_WITH_MD5"},
    {0x0700c0, "SSL2_DES_192_EDE3_CBC_WITH_MD5"}, {0x080080, "SSL2_RC4_64_WITH_MD5"}};
constexpr auto kCipherSpecs = concat(kSsl2CipherKinds, kCipherSuiteNames);
constexpr ValueName kCompressionMethods[] = {{0, "null"}, {1, "DEFLATE"}, {64, "LZS"}};
constexpr ValueName kExtensionNames[] = {{0, "server_name"},
                                         {1, "max_fragment_length"},
                                         {2, "client_certificate_url"},
                                         {3, "trusted_ca_keys"},
                                         {4, "truncated_hmac"},
                                         {5, "status_request"},
                                         {6, "user_mapping"},
                                         {7, "client_authz"},
                                         {8, "server_authz"},
                                         {9, "cert_type"},
                                         {10, "supported_groups"},
                                         {11, "ec_point_formats"},
                                         {12, "srp"},
                                         {13, "signature_algorithms"},
                                         {14, "use_srtp"},
                                         {15, "heartbeat"},
                                         {16, "application_layer_protocol_negotiation"},
                                         {17, "status_request_v2"},
                                         {18, "signed_certificate_timestamp"},
                                         {19, "client_certificate_type"},
                                         {20, "server_certificate_type"},
                                         {21, "padding"},
                                         {22, "encrypt_then_mac"},
                                         {23, "extended_master_secret"},
                                         {24, "token_binding"},
                                         {25, "cached_info"},
                                         {27, "compress_certificate"},
                                         {28, "record_size_limit"},
                                         {34, "delegated_credentials"},
                                         {35, "session_ticket"},
                                         {41, "pre_shared_key"},
                                         {42, "early_data"},
                                         {43, "supported_versions"},
                                         {44, "cookie"},
                                         {45, "psk_key_exchange_modes"},
                                         {47, "certificate_authorities"},
                                         {48, "oid_filters"},
                                         {49, "post_handshake_auth"},
                                         {50, "signature_algorithms_cert"},
                                         {51, "key_share"},
                                         {57, "quic_transport_parameters"},
                                         {13172, "next_protocol_negotiation"},
                                         {17513, "application_settings"},
                                         {65281, "renegotiation_info"},
                                         {65486, "encrypted_server_name"}};
constexpr auto kExtensions = concat(kExtensionNames, kGrease);
constexpr ValueName kGroupNames[] = {{0x0017, "secp256r1"},       {0x0018, "secp384r1"},
                                     {0x0019, "secp521r1"},       {0x001a, "brainpoolP256r1"},
                                     {0x001b, "brainpoolP384r1"}, {0x001c, "brainpoolP512r1"},
                                     {0x001d, "x25519"},          {0x001e, "x448"},
                                     {0x0100, "ffdhe2048"},       {0x0101, "ffdhe3072"},
                                     {0x0102, "ffdhe4096"},       {0x0103, "ffdhe6144"},
                                     {0x0104, "ffdhe8192"}};
constexpr auto kGroups = concat(kGroupNames, kGrease);
constexpr ValueName kServerNameTypes[] = {{0, "host_name"}};
constexpr ValueName kAlertLevels[] = {{1, "Warning"}, {2, "Fatal"}};
constexpr ValueName kAlertDescriptions[] = {{0, "Close Notify"},
                                            {1, "End of Early Data"},
                                            {10, "Unexpected Message"},
                                            {20, "Bad Record MAC"},
                                            {21, "Decryption Failed"},
                                            {22, "Record Overflow"},
                                            {30, "Decompression Failure"},
                                            {40, "Handshake Failure"},
                                            {41, "No Certificate"},
                                            {42, "Bad Certificate"},
                                            {43, "Unsupported Certificate"},
                                            {44, "Certificate Revoked"},
                                            {45, "Certificate Expired"},
                                            {46, "Certificate Unknown"},
                                            {47, "Illegal Parameter"},
                                            {48, "Unknown CA"},
                                            {49, "Access Denied"},
                                            {50, "Decode Error"},
                                            {51, "Decrypt Error"},
                                            {60, "Export Restriction"},
                                            {70, "Protocol Version"},
                                            {71, "Insufficient Security"},
                                            {80, "Internal Error"},
                                            {86, "Inappropriate Fallback"},
                                            {90, "User Canceled"},
                                            {100, "No Renegotiation"},
                                            {109, "Missing Extension"},
                                            {110, "Unsupported Extension"},
                                            {111, "Certificate Unobtainable"},
                                            {112, "Unrecognized Name"},
                                            {113, "Bad Certificate Status Response"},
                                            {114, "Bad Certificate Hash Value"},
                                            {115, "Unknown PSK Identity"},
                                            {116, "Certificate Required"},
                                            {120, "No application Protocol"},
                                            {121, "ECH Required"}};

constexpr auto U8 = FieldType::UInt8, U16 = FieldType::UInt16, U24 = FieldType::UInt24;
constexpr auto NONE = FieldType::None, BYTES = FieldType::Bytes;
constexpr auto DEC = Base::Dec, HEX = Base::Hex;
const FieldDef kFields[] = {
    {.handle = &hf.tls,
     .abbrev = "tls",
     .name = "Transport Layer Security",
     .shortName = "TLS",
     .type = FieldType::Protocol,
     .explanation =
         "TLS encrypts and authenticates a TCP byte stream (HTTPS is HTTP inside TLS). The stream "
         "is cut into records; the first ones carry the handshake in the clear: which versions, "
         "cipher suites and server name the client asks for, and what the server picks."},
    {.handle = &hf.record,
     .abbrev = "tls.record",
     .name = "Record Layer",
     .type = NONE,
     .explanation =
         "One TLS record: a 5-byte header (content type, version, length) and up to 16 KiB of "
         "data. Records do not line up with TCP segments: one segment can hold several records, "
         "and a record can go on in the next segments."},
    {.handle = &hf.contentType,
     .abbrev = "tls.record.content_type",
     .name = "Content Type",
     .type = U8,
     .base = DEC,
     .values = kContentTypes,
     .explanation = "What the record carries: 22 handshake, 20 change cipher spec, 21 alert, 23 "
                    "application data (encrypted)."},
    {.handle = &hf.opaqueType,
     .abbrev = "tls.record.opaque_type",
     .name = "Opaque Type",
     .type = U8,
     .base = DEC,
     .values = kContentTypes,
     .explanation =
         "In TLS 1.3 every encrypted record says 23 (application data) on the outside; its real "
         "type (handshake, alert or data) is inside the encryption, so an observer cannot tell."},
    {.handle = &hf.recordVersion,
     .abbrev = "tls.record.version",
     .name = "Version",
     .type = U16,
     .base = HEX,
     .values = kVersions,
     .explanation =
         "The record layer's version. It is not the negotiated version: clients put 0x0301 (TLS "
         "1.0) on their first record and TLS 1.3 keeps 0x0303 for compatibility with middleboxes; "
         "the ServerHello says what was really chosen."},
    {.handle = &hf.recordLength,
     .abbrev = "tls.record.length",
     .name = "Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of data after this 5-byte header: at most 2^14 plus 2048 for the "
                    "encryption's overhead (2^14 + 256 in TLS 1.3)."},
    {.handle = &hf.changeCipherSpec,
     .abbrev = "tls.change_cipher_spec",
     .name = "Change Cipher Spec Message",
     .type = NONE,
     .explanation =
         "From here on this side encrypts with the keys just agreed. Up to TLS 1.2 the Finished "
         "message after it is the first encrypted one; TLS 1.3 sends it only to look like TLS 1.2 "
         "to middleboxes."},
    {.handle = &hf.alert,
     .abbrev = "tls.alert_message",
     .name = "Alert Message",
     .type = NONE,
     .explanation = "A warning or error about the connection, or close_notify (an orderly end). "
                    "Once keys are in use alerts are encrypted too: then only their size shows."},
    {.handle = &hf.alertLevel,
     .abbrev = "tls.alert_message.level",
     .name = "Level",
     .type = U8,
     .base = DEC,
     .values = kAlertLevels,
     .explanation = "1 warning, 2 fatal: after a fatal alert both sides close the connection."},
    {.handle = &hf.alertDesc,
     .abbrev = "tls.alert_message.desc",
     .name = "Description",
     .type = U8,
     .base = DEC,
     .values = kAlertDescriptions,
     .explanation = "Why: e.g. 40 handshake failure (no cipher suite in common), 42 bad "
                    "certificate, 70 protocol version, 0 close notify."},
    {.handle = &hf.appData,
     .abbrev = "tls.app_data",
     .name = "Encrypted Application Data",
     .type = BYTES,
     .explanation = "The protected data (an HTTP request, say), encrypted with its "
                    "authentication tag: without the session keys only its length is visible."},
    {.handle = &hf.handshake,
     .abbrev = "tls.handshake",
     .name = "Handshake Protocol",
     .type = NONE,
     .explanation =
         "One handshake message: a 1-byte type and a 3-byte length, then its body. The handshake "
         "agrees on version, cipher suite and keys, and authenticates the server."},
    {.handle = &hf.hsType,
     .abbrev = "tls.handshake.type",
     .name = "Handshake Type",
     .type = U8,
     .base = DEC,
     .values = kHandshakeTypes,
     .explanation = "Which message: 1 Client Hello, 2 Server Hello, 11 Certificate, 16 Client Key "
                    "Exchange, 20 Finished..."},
    {.handle = &hf.hsLength,
     .abbrev = "tls.handshake.length",
     .name = "Length",
     .type = U24,
     .base = DEC,
     .explanation = "Bytes of the message body after this 4-byte header. A message may be longer "
                    "than its record and continue in the next record."},
    {.handle = &hf.hsVersion,
     .abbrev = "tls.handshake.version",
     .name = "Version",
     .type = U16,
     .base = HEX,
     .values = kVersions,
     .explanation =
         "In a Client Hello the highest version the client supports, in a Server Hello the one "
         "chosen. TLS 1.3 freezes both at 0x0303 (TLS 1.2) and negotiates in the "
         "supported_versions extension instead, because old servers broke on new numbers."},
    {.handle = &hf.random,
     .abbrev = "tls.handshake.random",
     .name = "Random",
     .type = BYTES,
     .explanation =
         "32 fresh random bytes from each side, mixed into the keys so every session's keys "
         "differ. A Server Hello with one special value is a Hello Retry Request."},
    {.handle = &hf.sessionIdLength,
     .abbrev = "tls.handshake.session_id_length",
     .name = "Session ID Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of session ID that follow (at most 32; 0: none)."},
    {.handle = &hf.sessionId,
     .abbrev = "tls.handshake.session_id",
     .name = "Session ID",
     .type = BYTES,
     .explanation =
         "Up to TLS 1.2 it names a session the client wants to resume (skipping most of the "
         "handshake). TLS 1.3 clients send a random one so the hello looks like TLS 1.2's."},
    {.handle = &hf.cipherSuitesLength,
     .abbrev = "tls.handshake.cipher_suites_length",
     .name = "Cipher Suites Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of cipher suite list: two per suite."},
    {.handle = &hf.cipherSuites,
     .abbrev = "tls.handshake.ciphersuites",
     .name = "Cipher Suites",
     .type = NONE,
     .explanation = "The cipher suites the client accepts, most preferred first."},
    {.handle = &hf.cipherSuite,
     .abbrev = "tls.handshake.ciphersuite",
     .name = "Cipher Suite",
     .type = U16,
     .base = HEX,
     .values = kCipherSuites,
     .explanation =
         "A set of algorithms: up to TLS 1.2 key exchange, authentication, cipher and hash "
         "(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); in TLS 1.3 only cipher and hash "
         "(TLS_AES_128_GCM_SHA256). The server picks one of the client's."},
    {.handle = &hf.compMethodsLength,
     .abbrev = "tls.handshake.comp_methods_length",
     .name = "Compression Methods Length",
     .type = U8,
     .base = DEC,
     .explanation = "Bytes of compression method list, one per method."},
    {.handle = &hf.compMethods,
     .abbrev = "tls.handshake.comp_methods",
     .name = "Compression Methods",
     .type = NONE,
     .explanation = "The compression methods the client accepts."},
    {.handle = &hf.compMethod,
     .abbrev = "tls.handshake.comp_method",
     .name = "Compression Method",
     .type = U8,
     .base = DEC,
     .values = kCompressionMethods,
     .explanation = "0 (none) in practice: compressing before encrypting leaks secrets through "
                    "the length (the CRIME attack), and TLS 1.3 forbids it."},
    {.handle = &hf.extensionsLength,
     .abbrev = "tls.handshake.extensions_length",
     .name = "Extensions Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of extensions to the end of the hello."},
    {.handle = &hf.extension,
     .abbrev = "tls.handshake.extension",
     .name = "Extension",
     .type = NONE,
     .explanation =
         "One hello extension: a type, a length and its data. Extensions carry most of what is "
         "negotiated today: server name, versions, key shares, ALPN. (Wireshark shows this node "
         "without a field of its own.)"},
    {.handle = &hf.extType,
     .abbrev = "tls.handshake.extension.type",
     .name = "Type",
     .type = U16,
     .base = DEC,
     .values = kExtensions,
     .explanation = "Which extension (IANA's registry): 0 server_name, 10 supported_groups, 43 "
                    "supported_versions, 51 key_share..."},
    {.handle = &hf.extLen,
     .abbrev = "tls.handshake.extension.len",
     .name = "Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of extension data that follow."},
    {.handle = &hf.extData,
     .abbrev = "tls.handshake.extension.data",
     .name = "Data",
     .type = BYTES,
     .explanation = "The extension's data, for extensions not decoded field by field here."},
    {.handle = &hf.sniListLen,
     .abbrev = "tls.handshake.extensions_server_name_list_len",
     .name = "Server Name list length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of server name list."},
    {.handle = &hf.sniType,
     .abbrev = "tls.handshake.extensions_server_name_type",
     .name = "Server Name Type",
     .type = U8,
     .base = DEC,
     .values = kServerNameTypes,
     .explanation = "0: a DNS host name (the only type defined)."},
    {.handle = &hf.sniLen,
     .abbrev = "tls.handshake.extensions_server_name_len",
     .name = "Server Name length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of the name."},
    {.handle = &hf.sni,
     .abbrev = "tls.handshake.extensions_server_name",
     .name = "Server Name",
     .type = FieldType::String,
     .explanation =
         "Server Name Indication (SNI, RFC 6066): the host name the client wants, so one IP "
         "address can serve many sites with their own certificates. It travels in the clear: "
         "anyone on the path sees which site is visited, even though the rest is encrypted."},
    {.handle = &hf.versionsLen,
     .abbrev = "tls.handshake.extensions.supported_versions_len",
     .name = "Supported Versions length",
     .type = U8,
     .base = DEC,
     .explanation = "Bytes of version list, two per version."},
    {.handle = &hf.version,
     .abbrev = "tls.handshake.extensions.supported_version",
     .name = "Supported Version",
     .type = U16,
     .base = HEX,
     .values = kVersions,
     .explanation =
         "supported_versions (RFC 8446 4.2.1): in a Client Hello the versions the client speaks, "
         "in a Server Hello the one chosen. This, not the Version field, is how TLS 1.3 is "
         "negotiated: 0x0304 here means TLS 1.3."},
    {.handle = &hf.groupsLen,
     .abbrev = "tls.handshake.extensions_supported_groups_length",
     .name = "Supported Groups List Length",
     .type = U16,
     .base = DEC,
     .explanation = "Bytes of group list, two per group."},
    {.handle = &hf.groups,
     .abbrev = "tls.handshake.extensions_supported_groups",
     .name = "Supported Groups List",
     .type = NONE,
     .explanation = "The key exchange groups the client supports, most preferred first."},
    {.handle = &hf.group,
     .abbrev = "tls.handshake.extensions_supported_group",
     .name = "Supported Group",
     .type = U16,
     .base = HEX,
     .values = kGroups,
     .explanation =
         "An elliptic curve (x25519, secp256r1) or finite field group (ffdhe2048) for the "
         "Diffie-Hellman key exchange that gives the session keys forward secrecy."},
    {.handle = &hf.certsLength,
     .abbrev = "tls.handshake.certificates_length",
     .name = "Certificates Length",
     .type = U24,
     .base = DEC,
     .explanation = "Bytes of the certificate chain."},
    {.handle = &hf.certs,
     .abbrev = "tls.handshake.certificates",
     .name = "Certificates",
     .type = NONE,
     .explanation =
         "The server's certificate chain, its own certificate first, then the intermediates "
         "toward a root the client trusts. Up to TLS 1.2 it is sent in the clear; TLS 1.3 "
         "encrypts it."},
    {.handle = &hf.certLength,
     .abbrev = "tls.handshake.certificate_length",
     .name = "Certificate Length",
     .type = U24,
     .base = DEC,
     .explanation = "Bytes of this certificate."},
    {.handle = &hf.cert,
     .abbrev = "tls.handshake.certificate",
     .name = "Certificate",
     .type = BYTES,
     .explanation = "One X.509 certificate (DER): a name and a public key, signed by an issuer."},
    {.handle = &hf.cipherSpecLen,
     .abbrev = "tls.handshake.cipher_spec_len",
     .name = "Cipher Spec Length",
     .type = U16,
     .base = DEC,
     .explanation = "SSL 2.0 hello: bytes of cipher spec list, three per spec."},
    {.handle = &hf.challengeLen,
     .abbrev = "tls.handshake.challenge_length",
     .name = "Challenge Length",
     .type = U16,
     .base = DEC,
     .explanation = "SSL 2.0 hello: bytes of challenge (the client's random, 16 to 32)."},
    {.handle = &hf.cipherSpec,
     .abbrev = "tls.handshake.cipherspec",
     .name = "Cipher Spec",
     .type = U24,
     .base = HEX,
     .values = kCipherSpecs,
     .explanation =
         "SSL 2.0's three-byte cipher code. A client that also speaks SSL 3.0 or TLS lists their "
         "suites here as 0x00 followed by the suite's number."},
    {.handle = &hf.challenge,
     .abbrev = "tls.handshake.challenge",
     .name = "Challenge",
     .type = NONE,
     .explanation = "SSL 2.0 hello: the client's random bytes (its Random, for SSL 3.0 and TLS)."},
};

// Wireshark's expert ids for the contradictions below.
constexpr std::string_view kVectorLength = "tls.malformed.vector_length";
constexpr std::string_view kBufferTooSmall = "tls.malformed.buffer_too_small";
constexpr std::string_view kTrailingData = "tls.malformed.trailing_data";
constexpr std::string_view kRecordLengthInvalid = "tls.record.length.invalid";
// Ours: the bytes go on in a later segment (or the capture cut them): not reassembled.
constexpr std::string_view kPartial = "tls.partial";

// ServerHello.random of a HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446 4.1.3).
constexpr std::array<uint8_t, 32> kHelloRetryRandom = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

bool isContentType(uint8_t t) {
    return t >= kChangeCipherSpec && t <= kHeartbeat;
}

std::string_view nameOr(std::span<const ValueName> table, uint64_t v, std::string_view other) {
    const std::string_view n = valueName(table, v);
    return n.empty() ? other : n;
}

// "SSLv3", "TLSv1.2": a record's version, or the negotiated one, as the Protocol column says it.
std::string_view shortVersion(uint16_t v) {
    return nameOr(kShortVersions, v, "SSL");
}

// What a segment starts with, judged from its first bytes (the first pass's claim).
enum class Start : uint8_t { None, Record, Ssl2Hello };

Start recognise(const ByteReader& r) {
    const auto type = r.u8(0);
    const auto version = r.u16(1);
    if (!type || !version) return Start::None;
    if (isContentType(*type) && *version >= kSsl3 && *version <= kTls13) return Start::Record;
    // An SSL 2.0 record header with its length's top bit set, message type 1 (Client Hello) and
    // a version a TLS client would offer (Wireshark's ssl_looks_like_sslv2).
    const auto hello = r.u8(2);
    const auto offered = r.u16(3);
    if ((*type & 0x80) && hello == kClientHello && offered &&
        (*offered == kSsl2 || (*offered >= kSsl3 && *offered <= kTls13)))
        return Start::Ssl2Hello;
    return Start::None;
}

// Bytes [at, end) of a structure as its container's lengths declare them; the captured bytes
// may stop earlier.
struct Extent {
    size_t at;
    size_t end;
    size_t left() const { return end - at; }
};

// One segment's TLS: walks its records once, building the tree and the Protocol and Info
// columns when they are asked for. Offsets are relative to the segment's payload; m_base turns
// them into the frame's offsets for the nodes.
class TlsSegment {
  public:
    TlsSegment(DissectContext& ctx, uint32_t base, std::span<const uint8_t> payload)
        : m_ctx(ctx), m_r(payload), m_base(base),
          m_captureCut(ctx.summary->payloadCaptured < ctx.summary->payloadLength) {}

    void run(Start start);

  private:
    size_t ssl2ClientHello();
    size_t record(size_t p);
    void recordTitle(int32_t rec, std::string_view version, std::string_view what);
    void alert(int32_t rec, Extent body, std::string_view version);
    std::string handshakeRecord(int32_t rec, Extent body, uint16_t recordLength);
    size_t message(int32_t rec, size_t q, size_t recordEnd, bool first, std::string& what);
    bool looksEncrypted(size_t at, uint16_t recordLength) const;
    void clientHello(int32_t hs, Extent c);
    void serverHello(int32_t hs, Extent c);
    void certificate(int32_t hs, Extent c);
    bool helloStart(int32_t hs, Extent& c, bool server);
    void extensions(int32_t hs, Extent& c, bool client);
    void extension(int32_t ext, uint16_t type, Extent body, bool client);
    void serverName(int32_t ext, Extent body);
    void u16List(int32_t parent, FieldId listField, FieldId itemField, Extent v,
                 std::string_view label, std::string_view unit);

    template <typename V>
    int32_t add(int32_t parent, FieldId f, size_t at, size_t len, V&& v, const Shown& shown = {}) {
        return m_ctx.add(parent, f, m_base + uint32_t(at), uint32_t(len), std::forward<V>(v),
                         shown);
    }
    // The bytes [at, end) clipped to what the segment holds: a node's extent.
    size_t captured(size_t at, size_t end) const {
        return at >= m_r.size() ? 0 : std::min(end, m_r.size()) - at;
    }
    std::optional<uint64_t> uint(size_t at, size_t width) const;
    std::optional<uint64_t> field(int32_t parent, FieldId f, Extent& c, size_t width);
    std::optional<Extent> vector(int32_t parent, FieldId lengthField, Extent& c, size_t width,
                                 size_t unit = 1);
    bool room(int32_t node, const Extent& c, size_t n, std::string_view key,
              std::string_view field = {});
    void bytes(int32_t parent, FieldId f, Extent v);
    void partial(int32_t node, size_t have, size_t total, std::string_view key);
    void info(std::string_view item);
    void notDecoded(int32_t node, size_t cap, std::string_view key);

    DissectContext& m_ctx;
    ByteReader m_r;
    uint32_t m_base;
    bool m_captureCut; // the capture kept fewer payload bytes than the segment had
    int32_t m_root = -1;
    // What the Protocol column needs: a Server Hello's choice beats a Client Hello's offer,
    // which beats the first record's version.
    uint16_t m_firstVersion = 0, m_serverVersion = 0, m_clientMax = 0, m_selected = 0;
    bool m_ssl2 = false;
    bool m_tls13 = false; // a Server Hello in this segment chose TLS 1.3
    std::string m_sni, m_info;
};

void TlsSegment::run(Start start) {
    m_root = add(-1, hf.tls, 0, m_r.size(), std::monostate{});
    m_firstVersion = m_r.u16(1).value_or(0);
    size_t p = 0, records = 0;
    if (start == Start::Ssl2Hello) {
        p = ssl2ClientHello();
        records = 1;
    }
    for (; p < m_r.size() && records < kMaxRecords; ++records) {
        if (!isContentType(*m_r.u8(p))) {
            // Not a record header: what follows is not decoded (Wireshark says the same).
            info("Continuation Data");
            if (m_ctx.tree)
                m_ctx.note(m_root, Severity::Note, "tls.continuation_data",
                           noteText("tls.continuation_data",
                                    {{"length", num(m_r.size() - p)}, {"offset", num(p)}}));
            break;
        }
        p = record(p);
    }
    if (records == kMaxRecords && p < m_r.size())
        notDecoded(m_root, kMaxRecords, "tls.not_decoded.records");
    if (!m_ctx.columns) return;
    const uint16_t v = m_ssl2 ? kSsl2 : m_serverVersion ? m_serverVersion : m_clientMax;
    m_ctx.columns->protocol = shortVersion(v ? v : m_firstVersion);
    m_ctx.columns->info = std::move(m_info);
}

void TlsSegment::info(std::string_view item) {
    if (!m_ctx.columns) return;
    if (!m_info.empty()) m_info += ", ";
    m_info += item;
}

// A note on `node` that its bytes go on past this segment: `have` of `total` are here. Its text
// is `key` + ".cut" when the capture cut the rest, `key` + ".later" when a later segment has it.
void TlsSegment::partial(int32_t node, size_t have, size_t total, std::string_view key) {
    if (!m_ctx.tree) return;
    m_ctx.note(node, Severity::Note, kPartial,
               noteText(std::string(key) + (m_captureCut ? ".cut" : ".later"),
                        {{"have", num(have)}, {"total", num(total)}}));
}

std::optional<uint64_t> TlsSegment::uint(size_t at, size_t width) const {
    switch (width) {
    case 1:
        return m_r.u8(at);
    case 2:
        return m_r.u16(at);
    case 3:
        return m_r.u24(at);
    default:
        return std::nullopt;
    }
}

// Whether n more bytes fit in c. When they do not, the lengths contradict each other: an error
// note on `node` (Wireshark's buffer_too_small) with the note text `key`, where {field} is
// `field`, the name of the field that does not fit.
bool TlsSegment::room(int32_t node, const Extent& c, size_t n, std::string_view key,
                      std::string_view field) {
    if (n <= c.left()) return true;
    if (m_ctx.tree)
        m_ctx.note(
            node, Severity::Error, kBufferTooSmall,
            noteText(key,
                     {{"field", std::string(field)}, {"need", num(n)}, {"left", num(c.left())}}));
    return false;
}

// A fixed-size field at c.at: added, and c moves past it. Nothing when it does not fit (noted)
// or was not captured.
std::optional<uint64_t> TlsSegment::field(int32_t parent, FieldId f, Extent& c, size_t width) {
    if (!room(parent, c, width, "tls.malformed.buffer_too_small.field",
              FieldRegistry::instance().def(f).name))
        return std::nullopt;
    const auto v = uint(c.at, width);
    if (v) add(parent, f, c.at, width, *v);
    c.at += width;
    return v;
}

// A length-prefixed vector (RFC 8446 3.4): its length field, `width` bytes added as
// `lengthField`, then that many bytes, which must fit in c and be a multiple of `unit`. Returns
// the vector's extent, c moved past it; nothing when the length does not fit its container
// (an error note) or was not captured. The vector's own bytes may not all be captured.
std::optional<Extent> TlsSegment::vector(int32_t parent, FieldId lengthField, Extent& c,
                                         size_t width, size_t unit) {
    if (!room(parent, c, width, "tls.malformed.buffer_too_small.field",
              FieldRegistry::instance().def(lengthField).name))
        return std::nullopt;
    const auto len = uint(c.at, width);
    if (!len) return std::nullopt;
    const int32_t n = add(parent, lengthField, c.at, width, *len);
    c.at += width;
    if (*len > c.left() || *len % unit) {
        if (m_ctx.tree)
            m_ctx.note(n < 0 ? parent : n, Severity::Error, kVectorLength,
                       *len > c.left() ? noteText("tls.malformed.vector_length.past-container",
                                                  {{"length", num(*len)}, {"left", num(c.left())}})
                                       : noteText("tls.malformed.vector_length.unit",
                                                  {{"length", num(*len)}, {"unit", num(unit)}}));
        return std::nullopt;
    }
    const Extent v{c.at, c.at + size_t(*len)};
    c.at = v.end;
    return v;
}

// The captured part of v as a bytes field (copied only when the tree keeps it).
void TlsSegment::bytes(int32_t parent, FieldId f, Extent v) {
    if (!m_ctx.wants(f) || v.at >= v.end) return;
    const auto b = m_r.bytes(v.at, v.left());
    add(parent, f, v.at, b.size(), b);
}

void TlsSegment::recordTitle(int32_t rec, std::string_view version, std::string_view what) {
    m_ctx.setShown(rec, m_ctx.text([&] {
        return Shown::title(std::string(version) + " Record Layer: " + std::string(what));
    }));
}

// SSL 2.0's Client Hello, as TLS clients sent it to reach SSL 2.0 servers too: a 2-byte
// header (top bit set, 15-bit length), then type, version and three lengths, then cipher specs,
// session ID and challenge.
size_t TlsSegment::ssl2ClientHello() {
    m_ssl2 = true;
    info("Client Hello");
    const size_t length = *m_r.u16(0) & 0x7fff, end = 2 + length;
    const int32_t rec =
        add(m_root, hf.record, 0, captured(0, end), std::monostate{},
            m_ctx.text([] { return Shown::title("SSLv2 Record Layer: Client Hello"); }));
    m_ctx.addGenerated(rec, hf.recordVersion, uint64_t(kSsl2));
    add(rec, hf.recordLength, 0, 2, uint64_t(length));
    if (end > m_r.size()) partial(rec, m_r.size() - 2, length, "tls.partial.sslv2-record");
    Extent c{2, end};
    Shown typeLabel;
    if (m_ctx.tree && m_ctx.options.displayText) typeLabel.label = "Handshake Message Type";
    if (!room(rec, c, 1, "tls.malformed.buffer_too_small.message-type")) return end;
    add(rec, hf.hsType, c.at++, 1, uint64_t(kClientHello), typeLabel);
    if (!field(rec, hf.hsVersion, c, 2)) return end;
    const auto specs = field(rec, hf.cipherSpecLen, c, 2);
    const auto sid = field(rec, hf.sessionIdLength, c, 2);
    const auto challenge = field(rec, hf.challengeLen, c, 2);
    if (!specs || !sid || !challenge) return end;
    if (*specs + *sid + *challenge > c.left() || *specs % 3) {
        if (m_ctx.tree)
            m_ctx.note(
                rec, Severity::Error, kVectorLength,
                noteText("tls.malformed.vector_length.sslv2", {{"specs", num(*specs)},
                                                               {"sessionId", num(*sid)},
                                                               {"challenge", num(*challenge)},
                                                               {"left", num(c.left())}}));
        return end;
    }
    const int32_t list = add(
        rec, hf.cipherSuites, c.at, captured(c.at, c.at + *specs), std::monostate{},
        m_ctx.text([&] { return Shown::title("Cipher Specs (" + num(*specs / 3) + " specs)"); }));
    for (size_t i = 0; i < *specs / 3 && i < kMaxItems; ++i)
        if (const auto spec = m_r.u24(c.at + 3 * i))
            add(list, hf.cipherSpec, c.at + 3 * i, 3, uint64_t(*spec));
    c.at += *specs;
    bytes(rec, hf.sessionId, {c.at, c.at + *sid});
    c.at += *sid;
    if (*challenge) add(rec, hf.challenge, c.at, captured(c.at, c.end), std::monostate{});
    return end;
}

// One record at p: its header, then its content by type. Returns where the next one starts.
size_t TlsSegment::record(size_t p) {
    const uint8_t type = *m_r.u8(p);
    const auto version = m_r.u16(p + 1);
    const auto length = m_r.u16(p + 3);
    const std::string_view typeName = nameOr(kContentTypes, type, "Unknown");
    // As Wireshark does: once a Server Hello in this segment chose TLS 1.3, the records after it
    // are TLS 1.3 ones, whose type 23 only hides the real one.
    const std::string_view versionName = m_tls13 ? "TLSv1.3" : shortVersion(version.value_or(0));
    const size_t body = p + 5, end = body + length.value_or(0);
    const int32_t rec = add(m_root, hf.record, p, captured(p, end), std::monostate{});
    add(rec, m_tls13 && type == kApplicationData ? hf.opaqueType : hf.contentType, p, 1,
        uint64_t(type));
    if (version) add(rec, hf.recordVersion, p + 1, 2, uint64_t(*version));
    if (!length) { // the header itself goes on in the next segment
        partial(rec, m_r.size() - p, 5, "tls.partial.record-header");
        info("[" + std::string(typeName) + " Fragment]");
        recordTitle(rec, versionName, std::string(typeName) + " Protocol (fragment)");
        return m_r.size();
    }
    const int32_t lengthNode = add(rec, hf.recordLength, p + 3, 2, uint64_t(*length));
    // RFC 8446 5.1 and RFC 5246 6.2: a record holds at most 2^14 bytes of plaintext, plus the
    // encryption's overhead (2048, TLS 1.3: 256), and only application data may be empty.
    const size_t limit = 16384 + (m_tls13 ? 256 : 2048);
    if (m_ctx.tree && *length > limit)
        m_ctx.note(lengthNode, Severity::Error, kRecordLengthInvalid,
                   noteText("tls.record.length.invalid.too-long",
                            {{"limit", num(limit)}, {"length", num(*length)}}));
    if (m_ctx.tree && *length == 0 && type != kApplicationData)
        m_ctx.note(lengthNode, Severity::Error, kRecordLengthInvalid,
                   noteText("tls.record.length.invalid.zero", {{"type", std::string(typeName)}}));
    const bool cut = end > m_r.size();
    if (cut) partial(rec, captured(body, end), *length, "tls.partial.record");
    const Extent content{body, end};
    switch (type) {
    case kChangeCipherSpec:
        add(rec, hf.changeCipherSpec, body, captured(body, end), std::monostate{});
        info("Change Cipher Spec");
        recordTitle(rec, versionName, "Change Cipher Spec Protocol: Change Cipher Spec");
        break;
    case kAlert:
        alert(rec, content, versionName);
        break;
    case kHandshake: {
        const std::string what = handshakeRecord(rec, content, *length);
        recordTitle(rec, versionName, "Handshake Protocol: " + what);
        break;
    }
    case kApplicationData:
        bytes(rec, hf.appData, content);
        info(cut ? "[Application Data Fragment]" : "Application Data");
        recordTitle(rec, versionName, "Application Data Protocol: Application Data");
        break;
    default: // heartbeat: its type and lengths are encrypted once keys are in use
        info(typeName);
        recordTitle(rec, versionName, std::string(typeName) + " Protocol");
        break;
    }
    return end;
}

// An alert is two bytes, level and description; longer, it is encrypted (Wireshark's rule).
void TlsSegment::alert(int32_t rec, Extent body, std::string_view version) {
    const int32_t node = add(rec, hf.alert, body.at, captured(body.at, body.end), std::monostate{});
    const auto level = m_r.u8(body.at), desc = m_r.u8(body.at + 1);
    if (body.left() != 2 || !level || !desc) {
        const bool encrypted = body.left() != 2;
        info(encrypted ? "Encrypted Alert" : "[Alert Fragment]");
        m_ctx.setShown(node, m_ctx.text([&] {
            return Shown::title(encrypted ? "Alert Message: Encrypted Alert" : "Alert Message");
        }));
        recordTitle(rec, version, encrypted ? "Encrypted Alert" : "Alert (fragment)");
        return;
    }
    add(node, hf.alertLevel, body.at, 1, uint64_t(*level));
    add(node, hf.alertDesc, body.at + 1, 1, uint64_t(*desc));
    const std::string text =
        "Alert (Level: " + std::string(nameOr(kAlertLevels, *level, "Unknown")) +
        ", Description: " + std::string(nameOr(kAlertDescriptions, *desc, "Unknown")) + ")";
    info(text);
    recordTitle(rec, version, text);
}

// Wireshark's test for a handshake record that cannot be read (packet-tls.c,
// is_encrypted_handshake_message), without its per-connection memory of the Change Cipher Spec:
// at least 16 bytes (a MAC's or an AEAD tag's worth) that start with five zero bytes (TLS 1.2
// AEAD's explicit nonce) or with an unknown message type or a length of 64 KiB or more.
bool TlsSegment::looksEncrypted(size_t at, uint16_t recordLength) const {
    if (recordLength < 16) return false;
    const auto head = m_r.u32(at);
    const auto fifth = m_r.u8(at + 4);
    if (head && fifth && *head == 0 && *fifth == 0) return true;
    const auto type = m_r.u8(at);
    const auto length = m_r.u24(at + 1);
    if (type && valueName(kHandshakeTypes, *type).empty()) return true;
    return length && *length >= 0x10000;
}

// A handshake record's messages. Returns what the record title says it holds.
std::string TlsSegment::handshakeRecord(int32_t rec, Extent body, uint16_t recordLength) {
    if (looksEncrypted(body.at, recordLength)) {
        add(rec, hf.handshake, body.at, captured(body.at, body.end), std::monostate{},
            m_ctx.text(
                [] { return Shown::title("Handshake Protocol: Encrypted Handshake Message"); }));
        info("Encrypted Handshake Message");
        return "Encrypted Handshake Message";
    }
    std::string what;
    size_t q = body.at, count = 0;
    for (; q < body.end && q < m_r.size() && count < kMaxMessages; ++count)
        q = message(rec, q, body.end, count == 0, what);
    if (count == 0 && body.left()) { // none of the record's bytes are in this segment
        info("[Handshake Fragment]");
        return "[Fragment]";
    }
    if (count == kMaxMessages && q < body.end)
        notDecoded(rec, kMaxMessages, "tls.not_decoded.messages");
    return count > 1 ? "Multiple Handshake Messages" : what;
}

// One handshake message at q, inside a record that ends at recordEnd. Returns where the next one
// starts (recordEnd when this one goes on past the record or the segment); `what` gets its name.
size_t TlsSegment::message(int32_t rec, size_t q, size_t recordEnd, bool first, std::string& what) {
    const uint8_t type = *m_r.u8(q);
    const auto length = m_r.u24(q + 1);
    // An unknown type in a record too short to tell: Wireshark's name for it too.
    const std::string_view name = nameOr(kHandshakeTypes, type, "Encrypted Handshake Message");
    const size_t end = q + 4 + length.value_or(0);
    // RFC 8446 5.1: a handshake message may span records. Wireshark joins the pieces; TcpScope
    // does not yet, and leaves the piece undecoded as Wireshark does until it has them all.
    const bool spans = q + 4 > recordEnd || (length && end > recordEnd);
    const bool stop = spans || !length;
    const bool cut = stop || end > m_r.size();
    what = std::string(name) + (cut ? " (fragment)" : "");
    const int32_t hs =
        add(rec, hf.handshake, q, captured(q, stop ? recordEnd : end), std::monostate{},
            m_ctx.text([&] { return Shown::title("Handshake Protocol: " + what); }));
    add(hs, hf.hsType, q, 1, uint64_t(type));
    if (length && q + 4 <= recordEnd) add(hs, hf.hsLength, q + 1, 3, uint64_t(*length));
    if (spans && m_ctx.tree)
        m_ctx.note(hs, Severity::Note, "tls.handshake.fragment",
                   noteText("tls.handshake.fragment"));
    if (stop) {
        if (first) info("[" + std::string(name) + " Fragment]");
        return recordEnd;
    }
    Extent c{q + 4, end};
    bool hrr = false;
    switch (type) {
    case kClientHello:
        clientHello(hs, c);
        break;
    case kServerHello:
        serverHello(hs, c);
        // RFC 8446 4.1.3: a Hello Retry Request is a Server Hello with a fixed Random.
        hrr = m_r.has(q + 6, kHelloRetryRandom.size()) &&
              std::equal(kHelloRetryRandom.begin(), kHelloRetryRandom.end(),
                         m_r.bytes(q + 6, kHelloRetryRandom.size()).begin());
        break;
    case kCertificate:
        certificate(hs, c);
        break;
    default:
        break;
    }
    std::string item(hrr ? "Hello Retry Request" : name);
    if (hrr) {
        what = item;
        m_ctx.setShown(hs, m_ctx.text([&] { return Shown::title("Handshake Protocol: " + item); }));
    }
    if (cut)
        item = "[" + item + " Fragment]";
    else if (type == kClientHello && !m_sni.empty())
        item += " (SNI=" + m_sni + ")";
    info(item);
    return end;
}

// The start both hellos share: version, random, session ID.
bool TlsSegment::helloStart(int32_t hs, Extent& c, bool server) {
    const auto version = field(hs, hf.hsVersion, c, 2);
    if (!version) return false;
    if (server) m_serverVersion = uint16_t(*version);
    if (!room(hs, c, 32, "tls.malformed.buffer_too_small.random")) return false;
    bytes(hs, hf.random, {c.at, c.at + 32});
    c.at += 32;
    const auto sid = vector(hs, hf.sessionIdLength, c, 1);
    if (!sid) return false;
    if (m_ctx.tree && sid->left() > 32)
        m_ctx.note(
            hs, Severity::Error, kVectorLength,
            noteText("tls.malformed.vector_length.session-id", {{"length", num(sid->left())}}));
    bytes(hs, hf.sessionId, *sid);
    return true;
}

void TlsSegment::clientHello(int32_t hs, Extent c) {
    if (!helloStart(hs, c, false)) return;
    const auto suites = vector(hs, hf.cipherSuitesLength, c, 2, 2);
    if (!suites) return;
    u16List(hs, hf.cipherSuites, hf.cipherSuite, *suites, "Cipher Suites", "suites");
    const auto methods = vector(hs, hf.compMethodsLength, c, 1);
    if (!methods) return;
    const int32_t list =
        add(hs, hf.compMethods, methods->at, captured(methods->at, methods->end), std::monostate{},
            m_ctx.text([&] {
                return Shown::title("Compression Methods (" + num(methods->left()) +
                                    (methods->left() == 1 ? " method)" : " methods)"));
            }));
    for (size_t at = methods->at; at < methods->end && at < m_r.size(); ++at)
        add(list, hf.compMethod, at, 1, uint64_t(*m_r.u8(at)));
    extensions(hs, c, true);
}

void TlsSegment::serverHello(int32_t hs, Extent c) {
    m_selected = 0;
    if (!helloStart(hs, c, true)) return;
    if (!field(hs, hf.cipherSuite, c, 2) || !field(hs, hf.compMethod, c, 1)) return;
    extensions(hs, c, false);
    // RFC 8446 4.2.1: supported_versions, when present, is the version chosen.
    if (m_selected) m_serverVersion = m_selected;
    m_tls13 = m_serverVersion == kTls13;
}

// The Certificate message up to TLS 1.2: a 3-byte length, then certificates, each with a
// 3-byte length of its own.
void TlsSegment::certificate(int32_t hs, Extent c) {
    auto chain = vector(hs, hf.certsLength, c, 3);
    if (!chain) return;
    const int32_t list = add(
        hs, hf.certs, chain->at, captured(chain->at, chain->end), std::monostate{}, m_ctx.text([&] {
            return Shown::title("Certificates (" + num(chain->left()) + " bytes)");
        }));
    for (size_t n = 0; chain->left() && chain->at < m_r.size(); ++n) {
        if (n == kMaxItems) return notDecoded(list, kMaxItems, "tls.not_decoded.certificates");
        const auto one = vector(list, hf.certLength, *chain, 3);
        if (!one) return;
        bytes(list, hf.cert, *one);
    }
}

// The extensions after a hello's fixed part, when the message has any (SSL 3.0 hellos end
// before them).
void TlsSegment::extensions(int32_t hs, Extent& c, bool client) {
    if (!c.left() || c.at >= m_r.size()) return;
    auto all = vector(hs, hf.extensionsLength, c, 2);
    if (!all) return;
    if (c.left() && m_ctx.tree)
        m_ctx.note(hs, Severity::Warning, kTrailingData,
                   noteText("tls.malformed.trailing_data", {{"length", num(c.left())}}));
    for (size_t n = 0; all->left() && all->at < m_r.size(); ++n) {
        if (n == kMaxExtensions)
            return notDecoded(hs, kMaxExtensions, "tls.not_decoded.extensions");
        if (!room(hs, *all, 4, "tls.malformed.buffer_too_small.extension-header")) return;
        const auto type = m_r.u16(all->at), len = m_r.u16(all->at + 2);
        if (!type || !len) return;
        const int32_t ext =
            add(hs, hf.extension, all->at, captured(all->at, all->at + 4 + *len), std::monostate{},
                m_ctx.text([&] {
                    return Shown::title(
                        "Extension: " + std::string(nameOr(kExtensions, *type, "Unknown type")) +
                        " (len=" + num(*len) + ")");
                }));
        add(ext, hf.extType, all->at, 2, uint64_t(*type));
        all->at += 2;
        const auto body = vector(ext, hf.extLen, *all, 2);
        if (!body) return;
        extension(ext, *type, *body, client);
    }
}

void TlsSegment::extension(int32_t ext, uint16_t type, Extent body, bool client) {
    switch (type) {
    case kServerName:
        if (client) return serverName(ext, body);
        break; // a server's is empty: it only says the name was used
    case kSupportedVersions: {
        if (!client) { // the version chosen
            if (const auto v = field(ext, hf.version, body, 2)) m_selected = uint16_t(*v);
            return;
        }
        const auto list = vector(ext, hf.versionsLen, body, 1, 2);
        if (!list) return;
        u16List(ext, kNoField, hf.version, *list, {}, {});
        for (size_t at = list->at; at + 2 <= list->end; at += 2)
            if (const auto v = m_r.u16(at); v && *v >= kSsl3 && *v <= kTls13)
                m_clientMax = std::max(m_clientMax, *v);
        return;
    }
    case kSupportedGroups:
        if (const auto list = vector(ext, hf.groupsLen, body, 2, 2))
            u16List(ext, hf.groups, hf.group, *list, "Supported Groups", "groups");
        return;
    default:
        break;
    }
    bytes(ext, hf.extData, body);
}

// server_name (RFC 6066 3): a list of (type, name); the Info column shows the first host name.
void TlsSegment::serverName(int32_t ext, Extent body) {
    auto list = vector(ext, hf.sniListLen, body, 2);
    if (!list) return;
    for (size_t n = 0; list->left() && list->at < m_r.size() && n < kMaxItems; ++n) {
        const auto type = field(ext, hf.sniType, *list, 1);
        if (!type) return;
        const auto name = vector(ext, hf.sniLen, *list, 2);
        if (!name) return;
        if (!m_ctx.wants(hf.sni) && (!m_ctx.columns || *type != 0 || !m_sni.empty())) continue;
        std::string text;
        for (uint8_t ch : m_r.bytes(name->at, name->left())) {
            if (ch >= 0x20 && ch < 0x7f)
                text += char(ch);
            else
                text += "\\x" + hexN(ch, 2).substr(2);
        }
        if (*type == 0 && m_sni.empty()) m_sni = text;
        add(ext, hf.sni, name->at, captured(name->at, name->end), std::move(text));
    }
}

// A list of 16-bit values, under a node "<label> (N <unit>)" when listField is given.
void TlsSegment::u16List(int32_t parent, FieldId listField, FieldId itemField, Extent v,
                         std::string_view label, std::string_view unit) {
    const int32_t list =
        listField == kNoField
            ? parent
            : add(parent, listField, v.at, captured(v.at, v.end), std::monostate{}, m_ctx.text([&] {
                  return Shown::title(std::string(label) + " (" + num(v.left() / 2) + " " +
                                      std::string(unit) + ")");
              }));
    for (size_t n = 0; v.at + 2 <= v.end; ++n, v.at += 2) {
        if (n == kMaxItems) return notDecoded(list, kMaxItems, "tls.not_decoded.entries");
        const auto x = m_r.u16(v.at);
        if (!x) return;
        add(list, itemField, v.at, 2, uint64_t(*x));
    }
}

// A note that the walk stopped at one of the caps above, though more was there; `key` names its
// text ("tls.not_decoded.extensions").
void TlsSegment::notDecoded(int32_t node, size_t cap, std::string_view key) {
    if (m_ctx.tree)
        m_ctx.note(node, Severity::Note, "tls.not_decoded", noteText(key, {{"count", num(cap)}}));
}

uint32_t dissectTls(DissectContext& ctx, uint32_t offset, uint32_t length, int32_t) {
    const ByteReader r(ctx.bytes.bytes(offset, length));
    const Start start = recognise(r);
    if (start == Start::None) return 0;
    ctx.setProtocol(hf.tls);
    // The Info column, or a tree that keeps TLS fields (a display filter's tree may keep none).
    if (ctx.columns || ctx.wantsAny(kFields)) TlsSegment(ctx, offset, r.data()).run(start);
    return uint32_t(r.size());
}

} // namespace

void registerTls() {
    FieldRegistry::instance().add(kFields);
    // Wireshark 4.0's TLS ports (`tshark -G decodes`): HTTPS, SMTPS, LDAPS, DNS over TLS,
    // IMAPS, POP3S, SIPS, AMQPS, MQTT over TLS, MongoDB and others.
    for (uint32_t port :
         {324u,  443u,  465u,  636u,  802u,  853u,  993u,  995u,  1300u, 2221u,  2443u,  3249u,
          3250u, 3251u, 3252u, 3496u, 5061u, 5671u, 5684u, 5868u, 8883u, 11207u, 19999u, 27017u})
        DissectorTables::instance().tcpPort.add(port, dissectTls);
}

} // namespace tcpscope::proto

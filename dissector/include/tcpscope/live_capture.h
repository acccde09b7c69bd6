// SPDX-License-Identifier: GPL-2.0-or-later
// Live capture (DESIGN.md 1): frames from a network interface as they arrive. Only the capture
// helper, tcpscope-capture, opens the interface (it alone needs cap_net_raw,cap_net_admin, as
// dumpcap for Wireshark); this side starts it, reads the pcapng it writes to a pipe, and reads
// its messages: errors, and the counts of packets the kernel dropped and packets the helper
// could not hand on. The command line reads the frames into the first pass as they come; the
// viewer keeps them in a LiveSession and shows snapshots of it.
#pragma once

#include "tcpscope/capture_session.h"
#include "tcpscope/frame.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tcpscope {

class FirstPass;

struct CaptureOptions {
    std::string interface;   // "lo", "eth0"...
    std::string filter;      // BPF (pcap-filter(7)); empty: every packet
    int snaplen = 262144;    // bytes kept of each packet
    bool promiscuous = true; // see traffic not addressed to this host
    uint64_t count = 0;      // stop after this many packets (0: until stopped)
    int bufferMiB = 4;       // the kernel's capture buffer
};

// What the helper reports twice a second and at the end.
struct CaptureStats {
    uint64_t received = 0;  // by the filter (pcap_stats ps_recv)
    uint64_t dropped = 0;   // by the kernel, its buffer full (ps_drop)
    uint64_t ifDropped = 0; // by the interface or its driver (ps_ifdrop)
    uint64_t written = 0;   // handed on by the helper
    uint64_t lost = 0;      // the helper could not hand on: its reader too slow for too long
};

struct CaptureInterface {
    std::string name;
    std::string description;
    std::vector<std::string> addresses;
    int linkType = -1; // the pcap link type, -1 when it cannot be told without privileges
    bool loopback = false;
    bool up = false;
    bool running = false;
};

// One line of the helper's standard error (without its newline), as LiveCapture reads it:
// "tcpscope-capture: stats received=N dropped=N ifdropped=N written=N lost=N", "...: error:
// TEXT", "...: warning: TEXT", "...: capturing on ...", or anything else (Other, its text kept).
struct CaptureMessage {
    enum class Kind { Stats, Error, Warning, Capturing, Other } kind = Kind::Other;
    CaptureStats stats; // Stats
    std::string text;   // Error, Warning, Other: the text after the prefix
};
CaptureMessage parseCaptureMessage(std::string_view line);
// tcpscope-capture -D's output: loopback first, then the up and running ones, in its order.
std::vector<CaptureInterface> parseCaptureInterfaces(std::string_view text);

// Where the helper is: $TCPSCOPE_CAPTURE_HELPER, beside the running program (the build tree,
// an installed bin/), then the PATH. Empty when none is found.
std::string captureHelperPath();
// The interfaces (tcpscope-capture -D), loopback first, then the up and running ones, by name.
// Empty with `error` set when the helper cannot list them.
std::vector<CaptureInterface> listCaptureInterfaces(std::string& error);
// Compiles a capture filter for a link type as libpcap does (no privileges needed): "" when
// it compiles, else libpcap's message ("syntax error", "unknown host 'x'").
std::string captureFilterError(const std::string& filter, int linkType = 1);
// A link type's name as libpcap gives it ("Ethernet", "Linux cooked v1"), or "DLT n".
std::string captureLinkTypeName(int linkType);
// The fix for a missing capture permission, naming the helper's path.
std::string capturePermissionFix(const std::string& helper);

class LiveCapture {
  public:
    LiveCapture();
    ~LiveCapture(); // stops the helper and waits for it
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    // Starts the helper. False, with error(), when it cannot be started (not found). What
    // goes wrong in the helper itself (no permission, no such interface, a bad filter) ends
    // the capture: next() returns false and error() says why.
    bool start(const CaptureOptions& options, const std::string& helper = captureHelperPath());
    // Waits until the helper has opened the interface and set its filter (packets sent from
    // then on are captured), or has failed: false then, with error().
    bool open();
    // True once open() would not wait: the interface is open (from any thread).
    bool ready() const { return m_ready; }
    // The next frame, blocking until one comes; its bytes stay valid until the next call.
    // False at the end: stopped, the count reached, or the helper failed or was killed
    // (error() then says so; every frame it wrote before was returned).
    bool next(Frame& frame);
    // Asks the helper to stop (from any thread, or a signal handler): next() returns what it
    // wrote before, then false.
    void stop();
    bool stopping() const { return m_stopping; }
    CaptureStats stats() const;
    // Why the capture ended early or could not start; empty when it ended as asked.
    std::string error() const;
    // Messages of the helper that did not end it ("warning: promiscuous mode not supported").
    std::vector<std::string> warnings() const;
    int helperPid() const { return m_pid; }
    uint32_t linkType() const;

  private:
    void readMessages(int fd);
    void finish();
    std::atomic<int> m_pid{-1};
    std::atomic<int> m_pidfd{-1}; // the helper's pidfd, for stop()
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_ready{false};
    int m_out = -1; // the helper's standard output until the reader takes it over
    std::unique_ptr<PcapReader> m_reader;
    bool m_opened = false;
    std::atomic<bool> m_ended{false}; // read by stop(), from any thread
    std::string m_helper;
    std::thread m_messages;
    mutable std::mutex m_mutex; // guards what follows, written by the messages' thread
    CaptureStats m_stats;
    std::string m_error;
    std::vector<std::string> m_warnings;
};

// The viewer's growing capture: frames appended as they arrive (from any thread) go through
// one first pass as they come, into a session that grows; a snapshot is that session so far
// (its frames, rows and the tracker's results), immutable, dissected and tracked as a file of
// the same frames would be. It shares what the session wrote (RecordArray::view()) and copies
// only what does not grow with the packets (the connections, the results a later packet may
// still amend), so a snapshot costs the same at the millionth packet as at the first. With a
// limit, only the newest frames up to about that many bytes are kept (a ring): memory stays
// bounded however long the capture runs; frames keep their numbers.
class LiveSession {
  public:
    LiveSession(std::string name, DissectOptions options, size_t maxBytes = 0);
    ~LiveSession();
    void append(const Frame& frame);
    size_t size() const;
    // Frames dropped from the front for the limit.
    uint64_t discarded() const;
    // Every frame so far, as a session (CaptureSession::isPartial: more may come).
    SessionPtr snapshot() const;
    // The end of the capture: the complete session (the tracker draws what only the end of a
    // capture shows). Nothing may be appended after it.
    SessionPtr finish();
    // All frames appended and kept, for saving.
    FrameStore frames() const;
    const std::string& name() const { return m_name; }
    const DissectOptions& options() const { return m_options; }

  private:
    // A new session and pass over frames [from, end) of `frames` (the ring dropped the ones
    // before, or the block of bytes filled).
    void restart(const FrameStore& frames, size_t from);
    SessionPtr copy(bool partial) const;

    std::string m_name;
    DissectOptions m_options;
    size_t m_maxBytes;
    mutable std::mutex m_mutex;
    std::shared_ptr<CaptureSession> m_session; // growing
    std::shared_ptr<FirstPass> m_pass;         // feeding it
    size_t m_capacity = 0; // packets the session's records have room for (they must not move)
    uint64_t m_discarded = 0;
    uint64_t m_number = 0;
};

} // namespace tcpscope

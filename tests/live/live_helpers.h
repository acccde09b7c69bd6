// SPDX-License-Identifier: GPL-2.0-or-later
// Real TCP connections on 127.0.0.1 for the live capture tests: a listening socket on a port
// the kernel picks, a client that connects, sends a request, reads the answer and closes.
#pragma once

#include <cstdint>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace livetest {

// A listening socket on 127.0.0.1 (port 0: the kernel's choice).
struct Listener {
    int fd = -1;
    uint16_t port = 0;
    Listener() {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 8) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
            return;
        port = ntohs(a.sin_port);
    }
    ~Listener() {
        if (fd >= 0) ::close(fd);
    }
};

inline bool sendAll(int fd, const std::string& s) {
    return ::send(fd, s.data(), s.size(), MSG_NOSIGNAL) == ssize_t(s.size());
}

inline std::string receive(int fd) {
    char buf[256];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, size_t(n)) : std::string();
}

// A client socket connected to 127.0.0.1:port, or -1.
inline int connectTo(uint16_t port) {
    const int c = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (::connect(c, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return c;
    ::close(c);
    return -1;
}

// One whole connection: handshake, a request and its answer, the client closes first, then
// the server. True when every step worked.
inline bool talk(const Listener& l, const std::string& request = "hello",
                 const std::string& answer = "world") {
    const int c = connectTo(l.port);
    const int s = c >= 0 ? ::accept(l.fd, nullptr, nullptr) : -1;
    const bool ok = s >= 0 && sendAll(c, request) && receive(s) == request && sendAll(s, answer) &&
                    receive(c) == answer;
    if (c >= 0) ::close(c);
    if (s >= 0) {
        receive(s); // the client's FIN
        ::close(s);
    }
    return ok;
}

} // namespace livetest

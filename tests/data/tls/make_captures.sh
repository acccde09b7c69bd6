#!/bin/bash
# Makes the TLS captures in this folder: openssl s_server and s_client (Debian 12's OpenSSL 3.0)
# talk over 127.0.0.1 while tcpdump writes what crosses the loopback interface. Run as root
# (tcpdump on lo, ports below 1024). Keys and certificates are made fresh, in a temporary folder.
# Every run gives new randoms, keys and timestamps; the message layout stays the same.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj /CN=example.test -keyout ec.key -out ec.crt 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
    -subj /CN=example.test -keyout rsa.key -out rsa.crt 2>/dev/null

# capture NAME PORT "SERVER OPTIONS" "CLIENT OPTIONS": one connection, the client sends one line
# and closes (close_notify) when its input ends.
capture() {
    local name=$1 port=$2 server=$3 client=$4
    tcpdump -i lo -U -s 0 -w "$out/$name" "tcp port $port and host 127.0.0.1" 2>/dev/null &
    local dump=$!
    sleep 1
    # shellcheck disable=SC2086
    openssl s_server -accept "127.0.0.1:$port" -naccept 1 -quiet $server </dev/null \
        >/dev/null 2>&1 &
    local srv=$!
    sleep 0.5
    # shellcheck disable=SC2086
    { sleep 0.3; echo "hello over TLS"; sleep 0.3; } |
        openssl s_client -connect "127.0.0.1:$port" -servername example.test $client \
            >/dev/null 2>&1 || true
    sleep 0.5
    kill "$srv" 2>/dev/null || true
    wait "$srv" 2>/dev/null || true
    sleep 0.5
    kill "$dump"
    wait "$dump" 2>/dev/null || true
}

capture tls13-aes256gcm-443.pcap 443 "-cert ec.crt -key ec.key -tls1_3" "-tls1_3"
capture tls13-chacha20-853.pcap 853 \
    "-cert ec.crt -key ec.key -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256" \
    "-tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256"
# The server only accepts P-256, the client's first key share is X25519: a HelloRetryRequest.
capture tls13-hrr-443.pcap 443 "-cert ec.crt -key ec.key -tls1_3 -groups P-256" \
    "-tls1_3 -groups X25519:P-256"
capture tls12-ecdhe-aes128gcm-443.pcap 443 \
    "-cert ec.crt -key ec.key -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256" \
    "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"
capture tls12-rsa-aes256cbc-993.pcap 993 "-cert rsa.crt -key rsa.key -tls1_2 -cipher AES256-SHA" \
    "-tls1_2 -cipher AES256-SHA"
# No cipher suite in common: the server answers the ClientHello with a plaintext alert.
capture tls12-alert-443.pcap 443 \
    "-cert ec.crt -key ec.key -tls1_2 -cipher ECDHE-ECDSA-CHACHA20-POLY1305" \
    "-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"
ls -l "$out"/*.pcap

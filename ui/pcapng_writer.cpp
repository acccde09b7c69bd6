// SPDX-License-Identifier: GPL-2.0-or-later
#include "pcapng_writer.h"

#include <QFileInfo>
#include <QSaveFile>

#include <cstring>
#include <map>

namespace tcpscope::ui {

namespace {

template <typename T> void put(QByteArray& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Every block: type, total length, body, total length again (pcapng 4.1).
void block(QByteArray& out, uint32_t type, const QByteArray& body) {
    const uint32_t len = uint32_t(12 + body.size());
    put(out, type);
    put(out, len);
    out.append(body);
    put(out, len);
}

} // namespace

QByteArray PcapngWriter::encode(const std::vector<OwnedFrame>& frames) {
    QByteArray out;
    QByteArray shb;
    put<uint32_t>(shb, 0x1A2B3C4D); // byte-order magic, written in host order
    put<uint16_t>(shb, 1);
    put<uint16_t>(shb, 0);
    put<int64_t>(shb, -1); // section length unknown
    block(out, 0x0A0D0D0A, shb);

    std::map<uint32_t, uint32_t> interfaces; // link type -> interface id
    for (const OwnedFrame& f : frames) {
        if (interfaces.count(f.linkType)) continue;
        const uint32_t id = uint32_t(interfaces.size());
        interfaces[f.linkType] = id;
        QByteArray idb;
        put<uint16_t>(idb, uint16_t(f.linkType));
        put<uint16_t>(idb, 0);
        put<uint32_t>(idb, 262144);
        put<uint16_t>(idb, 9); // if_tsresol: 10^-9
        put<uint16_t>(idb, 1);
        idb.append(char(9));
        idb.append(3, '\0');
        put<uint32_t>(idb, 0); // opt_endofopt
        block(out, 1, idb);
    }
    for (const OwnedFrame& f : frames) {
        QByteArray epb;
        const uint64_t ts =
            f.hasTimestamp ? uint64_t(f.ts.sec) * 1000000000ULL + f.ts.nsec % 1000000000ULL : 0;
        put<uint32_t>(epb, interfaces[f.linkType]);
        put<uint32_t>(epb, uint32_t(ts >> 32));
        put<uint32_t>(epb, uint32_t(ts));
        put<uint32_t>(epb, uint32_t(f.bytes.size()));
        put<uint32_t>(epb, f.originalLength ? f.originalLength : uint32_t(f.bytes.size()));
        epb.append(reinterpret_cast<const char*>(f.bytes.data()), qsizetype(f.bytes.size()));
        epb.append(int((4 - f.bytes.size() % 4) % 4), '\0');
        block(out, 6, epb);
    }
    return out;
}

bool PcapngWriter::save(const QString& path, const std::vector<OwnedFrame>& frames, QString* error,
                        const QString& protectedPath) {
    if (!protectedPath.isEmpty() &&
        QFileInfo(path).absoluteFilePath() == QFileInfo(protectedPath).absoluteFilePath()) {
        if (error)
            *error =
                QStringLiteral("%1 is the file being viewed; choose a new file name.").arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = file.errorString();
        return false;
    }
    const QByteArray data = encode(frames);
    if (file.write(data) != data.size() || !file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace tcpscope::ui

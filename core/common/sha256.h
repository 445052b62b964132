#pragma once
// SHA-256 (FIPS 180-4) for cache identities: which model file, which dataset
// file a cache was computed from. No crypto library is needed for that.
#include <cstddef>
#include <cstdint>
#include <string>

namespace fglens {

class Sha256 final {
public:
    Sha256();
    void update(const void* data, size_t size);
    std::string hexDigest();   // finishes; the object is spent afterwards

private:
    void blocks(const uint8_t* p, size_t count);
    uint32_t h_[8];
    uint8_t buf_[64];
    size_t bufLen_ = 0;
    uint64_t total_ = 0;
};

std::string sha256Hex(const std::string& bytes);

// Whether hashing uses the processor's SHA extensions (SHA-NI: 735 MB/s against
// the portable code's 156 here, which matters when a project's datasets are
// re-hashed on every open). Tests turn them off to check the portable code
// against them.
bool sha256HardwareAvailable();
void setSha256HardwareEnabled(bool enabled);

} // namespace fglens

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
    void block(const uint8_t* p);
    uint32_t h_[8];
    uint8_t buf_[64];
    size_t bufLen_ = 0;
    uint64_t total_ = 0;
};

std::string sha256Hex(const std::string& bytes);

} // namespace fglens

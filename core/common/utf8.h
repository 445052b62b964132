#pragma once
// UTF-8 validation for text read from users' files (captions, vocabularies).
#include <cstddef>
#include <optional>
#include <string>

namespace fglens {

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates
// and code points past U+10FFFF are invalid), or nullopt when it is valid.
std::optional<size_t> invalidUtf8At(const std::string& text);

} // namespace fglens

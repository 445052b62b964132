#pragma once
#include <cstddef>
#include <string>

namespace fglens::clip {

// UTF-8 replacement for a named character reference ("amp;", "eacute"), or
// nullptr when the name is unknown.
const char* lookupHtmlEntity(const std::string& name);
size_t longestHtmlEntityName();

} // namespace fglens::clip

#include "common/error.h"

namespace fglens {

static std::string compose(const std::string& source, const std::string& problem)
{
    return source.empty() ? problem : source + ": " + problem;
}

Error::Error(std::string source, const std::string& problem)
    : std::runtime_error(compose(source, problem)), source_(std::move(source)), problem_(problem)
{
}

void fail(const std::string& source, const std::string& problem)
{
    throw Error(source, problem);
}

std::string shapeString(const std::vector<long>& dims)
{
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(dims[i]);
    }
    return s + "]";
}

} // namespace fglens

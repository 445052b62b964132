#include "heads/head.h"

namespace fglens {

std::string headKindName(HeadKind kind)
{
    switch (kind) {
    case HeadKind::Cosine: return "cosine";
    case HeadKind::Linear: return "linear";
    case HeadKind::LinearVisual: return "linear-visual";
    case HeadKind::LinearText: return "linear-text";
    case HeadKind::Mlp: return "mlp";
    case HeadKind::Attention: return "attention";
    }
    return "?";
}

std::optional<HeadKind> parseHeadKind(const std::string& name)
{
    for (HeadKind k : allHeadKinds())
        if (headKindName(k) == name)
            return k;
    return std::nullopt;
}

const std::vector<HeadKind>& allHeadKinds()
{
    static const std::vector<HeadKind> kinds = {HeadKind::Cosine, HeadKind::Linear, HeadKind::LinearVisual,
                                                HeadKind::LinearText, HeadKind::Mlp, HeadKind::Attention};
    return kinds;
}

bool isTrainable(HeadKind kind)
{
    return kind != HeadKind::Cosine;
}

} // namespace fglens

#pragma once
// Item roles shared by the object model, its proxy and the views.
#include <Qt>

namespace fglens::ui {

enum ObjectRole {
    RawValueRole = Qt::UserRole,   // numbers as numbers, for sorting
    BenchIndexRole,
    ObjectIndexRole,
    RankRole,                       // rank under the primary result set (0: none)
    CorrectRole,                    // bool; invalid when not evaluated
    ThumbnailKeyRole,               // quint64: bench << 32 | object
};

} // namespace fglens::ui

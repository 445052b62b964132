#pragma once
// The paper's first question as numbers: per benchmark, of the objects a
// detector ranks wrong (rank > 1), how many CLIP on the crop also ranks wrong,
// and how many the detector left unmatched (no box overlapped the object, a
// localisation failure rather than a vocabulary one).
#include "store/experiment_log.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fglens {

struct Q1Row {
    std::string benchmark;
    int64_t objects = 0;            // objects ranked by both runs
    int64_t detectorWrong = 0;      // detector rank > 1
    int64_t clipAlsoWrong = 0;      // of those, CLIP rank > 1 too
    int64_t unmatched = 0;          // of those, no box matched
    int64_t withoutClip = 0;        // detector objects the CLIP run has no result for (left out above)
};

// "Wrong" as the paper's Q1 counts it: the positive does not rank first.
inline bool q1Wrong(int rank) { return rank > 1; }

// One object ranked by both runs, as the browser's Q1 filters split them.
enum class Q1Case { BothRight, DetectorWrongClipRight, BothWrong, DetectorRightClipWrong };
inline Q1Case q1Case(int detectorRank, int clipRank)
{
    const bool d = q1Wrong(detectorRank), c = q1Wrong(clipRank);
    return d ? (c ? Q1Case::BothWrong : Q1Case::DetectorWrongClipRight)
             : (c ? Q1Case::DetectorRightClipWrong : Q1Case::BothRight);
}

// Rows in the paper's benchmark order (trivial .. transparency), then any
// other benchmark key alphabetically. Objects are paired by benchmark key and
// annotation id; a detector result is unmatched when it carries no box.
std::vector<Q1Row> detectorQ1(const std::vector<ObjectResult>& detector, const std::vector<ObjectResult>& clip);

std::string q1Json(const std::vector<Q1Row>& rows, int64_t detectorRun, int64_t clipRun);
std::string q1Csv(const std::vector<Q1Row>& rows);
std::string q1Latex(const std::vector<Q1Row>& rows, const std::string& detectorName);

} // namespace fglens

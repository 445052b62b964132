#pragma once
// Which words of a negative caption differ from the positive: a word-level
// longest common subsequence, so "a red wooden chair" vs "a blue wooden
// chair" marks only "blue", and reordered words (Trivial) are all marked.
// Qt splits and normalises the words; the alignment is core's
// (analysis/caption_diff.h), shared with the attribute substitution counts.
#include <QString>
#include <QStringList>

#include <vector>

namespace fglens::ui {

struct CaptionDiff {
    QStringList words;            // the negative's words, as written
    std::vector<bool> differs;    // per word: not part of the common subsequence
};

CaptionDiff diffCaption(const QString& positive, const QString& negative);
// Rich text with the differing words emphasised (HTML-escaped).
QString highlightedCaption(const QString& positive, const QString& negative, const QString& colour);
// The normalised words (lower case, punctuation stripped) that differ.
QStringList differingWords(const QString& positive, const QString& negative);

} // namespace fglens::ui

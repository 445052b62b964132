#pragma once
// Category labels are never elided: a label that is too wide is broken at a
// space, hyphen or slash onto at most two lines, or the caller rotates it.
#include <QString>
#include <QStringList>

#include <functional>

namespace fglens::ui {

using TextWidth = std::function<double(const QString&)>;

// The label as one line when it fits `maxWidth`, else the two-line split with
// the narrower widest line when that fits; empty when nothing fits.
QStringList wrapLabel(const QString& label, double maxWidth, const TextWidth& width, int maxLines = 2);

// Greedy word wrap with no line limit (titles, messages); a single word wider
// than `maxWidth` stays whole on its own line.
QStringList wrapWords(const QString& text, double maxWidth, const TextWidth& width);

} // namespace fglens::ui

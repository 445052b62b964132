#include "figures/label_wrap.h"

#include <algorithm>
#include <limits>

namespace fglens::ui {

QStringList wrapLabel(const QString& label, double maxWidth, const TextWidth& width, int maxLines)
{
    const QString text = label.trimmed();
    if (width(text) <= maxWidth)
        return {text};
    if (maxLines < 2)
        return {};
    QStringList best;
    double bestWidest = std::numeric_limits<double>::infinity();
    for (qsizetype i = 1; i < text.size(); ++i) {
        const QChar c = text[i];
        QString first, second;
        if (c == QLatin1Char(' ')) {
            first = text.left(i);
            second = text.mid(i + 1);
        } else if ((c == QLatin1Char('-') || c == QLatin1Char('/')) && i + 1 < text.size()) {
            first = text.left(i + 1);   // the hyphen or slash ends the first line
            second = text.mid(i + 1);
        } else {
            continue;
        }
        first = first.trimmed();
        second = second.trimmed();
        if (first.isEmpty() || second.isEmpty())
            continue;
        const double widest = std::max(width(first), width(second));
        if (widest < bestWidest) {
            bestWidest = widest;
            best = QStringList{first, second};
        }
    }
    if (best.isEmpty() || bestWidest > maxWidth)
        return {};
    return best;
}

QStringList wrapWords(const QString& text, double maxWidth, const TextWidth& width)
{
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && width(candidate) > maxWidth) {
            lines << line;
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty())
        lines << line;
    return lines;
}

} // namespace fglens::ui

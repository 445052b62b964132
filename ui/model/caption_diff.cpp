#include "model/caption_diff.h"

#include <QRegularExpression>

namespace fglens::ui {

namespace {

QString normalised(const QString& word)
{
    QString w = word.toLower();
    static const QRegularExpression punctuation(QStringLiteral("[^\\w-]"));
    w.remove(punctuation);
    return w;
}

QStringList split(const QString& s)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return s.split(space, Qt::SkipEmptyParts);
}

} // namespace

CaptionDiff diffCaption(const QString& positive, const QString& negative)
{
    CaptionDiff d;
    d.words = split(negative);
    const QStringList pos = split(positive);
    const size_t n = static_cast<size_t>(d.words.size()), m = static_cast<size_t>(pos.size());
    std::vector<QString> a(n), b(m);
    for (size_t i = 0; i < n; ++i)
        a[i] = normalised(d.words[static_cast<qsizetype>(i)]);
    for (size_t j = 0; j < m; ++j)
        b[j] = normalised(pos[static_cast<qsizetype>(j)]);
    // Captions are short (< 30 words): the quadratic table is negligible.
    std::vector<std::vector<int>> L(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            L[i][j] = a[i] == b[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
    d.differs.assign(n, true);
    for (size_t i = 0, j = 0; i < n && j < m;) {
        if (a[i] == b[j]) {
            d.differs[i] = false;
            ++i;
            ++j;
        } else if (L[i + 1][j] >= L[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return d;
}

QString highlightedCaption(const QString& positive, const QString& negative, const QString& colour)
{
    const CaptionDiff d = diffCaption(positive, negative);
    QStringList out;
    for (qsizetype i = 0; i < d.words.size(); ++i) {
        const QString w = d.words[i].toHtmlEscaped();
        out << (d.differs[static_cast<size_t>(i)]
                    ? QStringLiteral("<b><span style=\"color:%1\">%2</span></b>").arg(colour, w)
                    : w);
    }
    return out.join(QLatin1Char(' '));
}

QStringList differingWords(const QString& positive, const QString& negative)
{
    const CaptionDiff d = diffCaption(positive, negative);
    QStringList out;
    for (qsizetype i = 0; i < d.words.size(); ++i)
        if (d.differs[static_cast<size_t>(i)])
            out << normalised(d.words[i]);
    return out;
}

} // namespace fglens::ui

#include "model/caption_diff.h"

#include "analysis/caption_diff.h"

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
    // Qt splits and normalises (Unicode-aware); the alignment itself is core's,
    // the same one the attribute substitution counts use.
    std::vector<std::string> a, b;
    a.reserve(static_cast<size_t>(d.words.size()));
    b.reserve(static_cast<size_t>(pos.size()));
    for (const QString& w : d.words)
        a.push_back(normalised(w).toStdString());
    for (const QString& w : pos)
        b.push_back(normalised(w).toStdString());
    d.differs = analysis::differingTokens(a, b);
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

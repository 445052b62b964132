#pragma once
// Conversions at the core/ui boundary: core speaks UTF-8 std::string.
#include <QString>

#include <string>

namespace fglens::ui {

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

inline std::string ss(const QString& s)
{
    return s.toStdString();
}

// core errors are "FILE: problem"; only the first line belongs in a status bar.
inline QString firstLine(const QString& s)
{
    const qsizetype nl = s.indexOf(QLatin1Char('\n'));
    return nl < 0 ? s : s.left(nl);
}

} // namespace fglens::ui

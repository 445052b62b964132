#include "export/figure_export.h"

#include "common/qt_text.h"
#include "export/chart_export.h"

#include "store/experiment_log.h"

#include <QDir>

#include <algorithm>

namespace fglens::ui {

std::vector<ResultSetPtr> loadFinishedRuns(const QString& logPath)
{
    const ExperimentLog log(ss(logPath));
    std::vector<ResultSetPtr> sets;
    auto runs = log.runs();
    std::reverse(runs.begin(), runs.end());   // oldest first, as legends read best
    for (const RunRecord& r : runs)
        if (r.status == RunStatus::Finished)
            sets.push_back(resultSetFromLog(log, r));
    return sets;
}

std::vector<ChartData> standardCharts(const std::vector<ResultSetPtr>& sets, const QString& logPath,
                                      const QString& filters, const std::string& rankVsNBenchmark)
{
    const QString prov = provenanceLine(sets, logPath, filters);
    std::vector<ChartData> charts{meanRankChart(sets), rankVsNegativesChart(sets, rankVsNBenchmark),
                                  tradeoffChart(sets)};
    for (ChartData& c : charts)
        c.provenance = prov;
    return charts;
}

QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, int dpi, QString* error)
{
    QStringList written;
    if (!QDir().mkpath(outDir)) {
        if (error)
            *error = QStringLiteral("%1: cannot create the directory").arg(outDir);
        return written;
    }
    const QDir dir(outDir);
    auto write = [&](const ChartData& c, ExportFormat f, const QString& name, const ExportOptions& o) {
        const QString path = dir.filePath(name);
        const QString e = exportChart(c, f, path, o);
        if (!e.isEmpty()) {
            if (error && error->isEmpty())
                *error = e;
            return false;
        }
        written << path;
        return true;
    };
    for (const ChartData& c : charts) {
        for (const auto& [suffix, size] : {std::pair{QStringLiteral("1col"), FigureSize::oneColumn()},
                                           std::pair{QStringLiteral("2col"), FigureSize::twoColumn()}}) {
            ExportOptions o;
            o.size = size;
            o.dpi = dpi;
            for (ExportFormat f : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf})
                if (!write(c, f, QStringLiteral("%1_%2.%3").arg(c.id, suffix, exportFormatSuffix(f)), o))
                    return written;
        }
        for (ExportFormat f : {ExportFormat::Csv, ExportFormat::Latex})
            if (!write(c, f, QStringLiteral("%1.%2").arg(c.id, exportFormatSuffix(f)), {}))
                return written;
    }
    return written;
}

} // namespace fglens::ui

#include "export/figure_export.h"

#include "charts/seed_groups.h"
#include "common/qt_text.h"
#include "export/chart_export.h"
#include "figures/figure_settings.h"

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
    auto groups = groupRunsBySeed(sets, logPath);
    applyRunNames(groups, FigureNames::load());
    std::vector<ChartData> charts{meanRankChart(groups), rankVsNegativesChart(groups, rankVsNBenchmark),
                                  tradeoffChart(groups)};
    // Fig. 3 for detectors joins the set only when the log holds a detector.
    if (hasDetector(groups))
        charts.push_back(detectorChart(groups, detectorFigureWithHeads()));
    for (ChartData& c : charts)
        c.provenance = prov;
    return charts;
}

QString presetFileSuffix(const QString& presetId)
{
    if (presetId == QLatin1String("ieee-1col"))
        return QStringLiteral("1col");
    if (presetId == QLatin1String("ieee-2col"))
        return QStringLiteral("2col");
    return presetId;
}

QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, const FigureSet& set,
                         QString* error)
{
    QStringList written;
    auto failWith = [&](const QString& e) {
        if (error && error->isEmpty())
            *error = e;
        return written;
    };
    for (const QString& id : set.widthPresets)
        if (!findWidthPreset(id))
            return failWith(QStringLiteral("%1: unknown width preset").arg(id));
    if (!QDir().mkpath(outDir))
        return failWith(QStringLiteral("%1: cannot create the directory").arg(outDir));
    const QDir dir(outDir);
    auto write = [&](const ChartData& c, ExportFormat f, const QString& name, const ExportOptions& o) {
        const QString path = dir.filePath(name);
        const QString e = exportChart(c, f, path, o);
        if (!e.isEmpty()) {
            failWith(e);
            return false;
        }
        written << path;
        return true;
    };
    for (const ChartData& c : charts) {
        for (const QString& preset : set.widthPresets) {
            ExportOptions o;
            o.figure = set.figure;
            o.figure.widthPt = findWidthPreset(preset)->widthPt;
            o.dpi = set.dpi;
            for (ExportFormat f : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf})
                if (!write(c, f, QStringLiteral("%1_%2.%3").arg(c.id, presetFileSuffix(preset), exportFormatSuffix(f)), o))
                    return written;
        }
        for (ExportFormat f : {ExportFormat::Csv, ExportFormat::Latex})
            if (!write(c, f, QStringLiteral("%1.%2").arg(c.id, exportFormatSuffix(f)), {}))
                return written;
    }
    return written;
}

QStringList writeFigures(const std::vector<ChartData>& charts, const QString& outDir, int dpi, QString* error)
{
    FigureSet set;
    set.figure = savedFigureOptions();
    set.dpi = dpi;
    return writeFigures(charts, outDir, set, error);
}

} // namespace fglens::ui

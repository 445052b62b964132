// Figures a paper can print as they are, checked by rendering them: logs
// with one run and with several runs and seeds are exported as PDF, SVG and
// PNG, and the PDFs are read back with poppler (pdftotext, pdfinfo,
// pdffonts): every category label and axis title whole, no ellipsis, no tick
// label with five or more decimals, the page exactly the column width, fonts
// embedded. Plus the tick and wrapping rules, a reference image, the
// on-screen view (same renderer, clicks reach the browser) and the
// `fglens --export-figures` command.
#include "testsupport.h"

#include "charts/chart_data.h"
#include "charts/charts_panel.h"
#include "charts/seed_groups.h"
#include "export/chart_export.h"
#include "export/figure_export.h"
#include "figures/figure_renderer.h"
#include "figures/figure_settings.h"
#include "figures/figure_view.h"
#include "figures/label_wrap.h"
#include "figures/nice_ticks.h"
#include "model/project_session.h"

#include "data/fgovd.h"
#include "store/experiment_log.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>

#include <cmath>

using namespace fglens;
using namespace fglens::ui;

namespace {

struct RunSpec {
    std::string head, stage;
    int64_t seed = 123;
    double lr = 1e-5;
    std::vector<double> meanRanks;   // the eight benchmarks, in benchmarkKeys() order
    double meanRankSum = NAN;        // NaN: the sum of meanRanks
    double i2tR1 = 40;
};

// A log as training would leave it: finished runs with config, seed and the
// final metrics figures read (no per-object rows: charts need none).
void writeLog(const QString& path, const std::vector<RunSpec>& runs)
{
    ExperimentLog log(path.toStdString());
    for (const RunSpec& s : runs) {
        RunRecord r;
        r.name = s.head + "/" + s.stage;
        r.headKind = s.head;
        r.stage = s.stage;
        r.seed = s.seed;
        r.configJson = "{\"head\":\"" + s.head + "\",\"stage\":\"" + s.stage + "\",\"lr\":" + std::to_string(s.lr) +
                       ",\"seed\":" + std::to_string(s.seed) + ",\"init_weights\":\"/runs/" + std::to_string(s.seed) + "\"}";
        const int64_t id = log.beginRun(r);
        std::vector<MetricRecord> m;
        double sum = 0;
        for (size_t i = 0; i < benchmarkKeys().size(); ++i) {
            m.push_back({id, "mean_rank/" + benchmarkKeys()[i], 0, s.meanRanks[i]});
            sum += s.meanRanks[i];
        }
        m.push_back({id, "mean_rank_sum", 0, std::isnan(s.meanRankSum) ? sum : s.meanRankSum});
        m.push_back({id, "i2t_r1", 0, s.i2tR1});
        for (int n = 1; n <= 10; ++n)
            m.push_back({id, "rank_vs_n/hard", n, 1 + (s.meanRanks[3] - 1) * n / 10.0});
        log.addMetrics(id, m);
        log.finishRun(id, RunStatus::Finished);
    }
}

const std::vector<double> kClip = {1.73, 2.53, 2.69, 3.48, 2.79, 4.12, 3.77, 2.04};

// A poppler tool's stdout; a missing tool is a failure, not a skip, since
// packaging/install-deps.sh installs poppler-utils.
bool runTool(const QString& tool, const QStringList& args, QString* out, QString* why)
{
    const QString exe = QStandardPaths::findExecutable(tool);
    if (exe.isEmpty()) {
        *why = tool + QStringLiteral(" is not installed (packaging/install-deps.sh installs poppler-utils)");
        return false;
    }
    QProcess p;
    p.start(exe, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = tool + QStringLiteral(" failed on ") + args.join(QLatin1Char(' ')) + QStringLiteral(": ") +
               QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    *out = QString::fromUtf8(p.readAllStandardOutput());
    return true;
}

QString squeeze(const QString& s)
{
    return s.simplified();
}

// What is wrong with a figure's extracted text, or empty.
QString textProblems(const QString& pdfText, const ChartData& chart)
{
    const QString text = squeeze(pdfText);
    QStringList problems;
    for (const QString& label : chart.categoryLabels)
        if (!text.contains(label))
            problems << QStringLiteral("category label '%1' missing").arg(label);
    for (const QString& title : {chart.xTitle, chart.yTitle})
        if (!text.contains(squeeze(title)))
            problems << QStringLiteral("axis title '%1' not whole").arg(title);
    for (const ChartSeries& s : chart.series)
        if (!text.contains(s.name))
            problems << QStringLiteral("legend entry '%1' missing").arg(s.name);
    if (text.contains(QChar(0x2026)) || text.contains(QStringLiteral("...")))
        problems << QStringLiteral("an ellipsis");
    const auto longDecimals = QRegularExpression(QStringLiteral("\\d\\.\\d{5,}")).match(text);
    if (longDecimals.hasMatch())
        problems << QStringLiteral("tick label with 5+ decimals: ") + longDecimals.captured();
    if (!problems.isEmpty())
        problems << QStringLiteral("in: ") + text;
    return problems.join(QStringLiteral("; "));
}

double pageWidthPt(const QString& pdfinfo)
{
    const auto m = QRegularExpression(QStringLiteral("Page size:\\s*([0-9.]+) x ([0-9.]+) pts")).match(pdfinfo);
    return m.hasMatch() ? m.captured(1).toDouble() : -1;
}

// Every font listed by pdffonts is embedded ("emb" column yes).
QString fontProblems(const QString& pdffonts)
{
    const QStringList lines = pdffonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() < 3)
        return QStringLiteral("no font in the PDF: ") + pdffonts;
    for (int i = 2; i < lines.size(); ++i) {
        const QStringList cols = lines[i].split(QLatin1Char(' '), Qt::SkipEmptyParts);
        // name type [type...] encoding emb sub uni object ID: emb is 5th from the end.
        if (cols.size() < 6 || cols[cols.size() - 5] != QLatin1String("yes"))
            return QStringLiteral("font not embedded: ") + lines[i];
    }
    return {};
}

// The fixed figure behind the committed reference image.
ChartData referenceChart()
{
    ChartData c;
    c.kind = ChartData::Kind::Bar;
    c.id = QStringLiteral("reference");
    c.xTitle = QStringLiteral("benchmark");
    c.yTitle = QStringLiteral("Mean Rank (lower is better)");
    c.yFloor = 1;
    for (const std::string& k : benchmarkKeys()) {
        c.categories << QString::fromStdString(k);
        c.categoryLabels << benchmarkLabel(k);
        c.categoryChance << (protocolNegatives(k) + 2) / 2.0;
    }
    ChartSeries clip{QStringLiteral("CLIP cosine"), QStringLiteral("a"), {}, {}, {}, {}, 1};
    ChartSeries lin{QStringLiteral("linear"), QStringLiteral("b"), {}, {}, {}, {}, 3};
    for (size_t i = 0; i < kClip.size(); ++i) {
        clip.y << kClip[i];
        lin.y << 1 + (kClip[i] - 1) * 0.3;
        lin.yErr << 0.05 + 0.01 * static_cast<double>(i);
    }
    c.series << clip << lin;
    return c;
}

QImage renderPng(const ChartData& c, const FigureOptions& o, double dpi)
{
    const FigureRenderer f(c, o);
    QImage image(qRound(f.sizePt().width() * dpi / 72), qRound(f.sizePt().height() * dpi / 72), QImage::Format_RGB32);
    image.fill(Qt::white);
    const int dpm = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dpm);
    image.setDotsPerMeterY(dpm);
    QPainter p(&image);
    p.scale(dpi / 72, dpi / 72);
    f.paint(p);
    return image;
}

QString referencePath()
{
    // __FILE__ is relative to the build directory when the compiler was
    // given a relative path (ccache's base_dir): FGLENS_TEST_TMP is
    // <build>/tests/tmp.
    const QString here = QString::fromUtf8(__FILE__);
    const QString file = QFileInfo(here).isAbsolute()
                             ? here
                             : QDir(QString::fromUtf8(FGLENS_TEST_TMP) + QStringLiteral("/../..")).filePath(here);
    return QDir::cleanPath(QFileInfo(file).dir().filePath(QStringLiteral("data/figure_reference.png")));
}

} // namespace

class TestFigures : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    QString oneRunLog_, seedsLog_;

    // Exports every figure of a log and checks each PDF with poppler.
    void checkExports(const QString& log, const QString& outName, const FigureSet& set)
    {
        const auto sets = loadFinishedRuns(log);
        const auto charts = standardCharts(sets, log, QString());
        QCOMPARE(int(charts.size()), 3);
        const QString out = dir_.filePath(outName);
        QString error;
        const QStringList files = writeFigures(charts, out, set, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(int(files.size()), 3 * (3 * int(set.widthPresets.size()) + 2));
        for (const ChartData& c : charts) {
            QVERIFY2(!c.isEmpty(), qPrintable(c.id + QStringLiteral(": ") + c.emptyReason));
            for (const QString& preset : set.widthPresets) {
                const QString stem = QDir(out).filePath(c.id + QLatin1Char('_') + presetFileSuffix(preset));
                QString text, info, fonts, why;
                QVERIFY2(runTool(QStringLiteral("pdftotext"), {stem + ".pdf", QStringLiteral("-")}, &text, &why), qPrintable(why));
                const QString problems = textProblems(text, c);
                QVERIFY2(problems.isEmpty(), qPrintable(stem + QStringLiteral(".pdf: ") + problems));
                QVERIFY2(runTool(QStringLiteral("pdfinfo"), {stem + ".pdf"}, &info, &why), qPrintable(why));
                const double width = pageWidthPt(info);
                QVERIFY2(std::abs(width - findWidthPreset(preset)->widthPt) <= 0.5,
                         qPrintable(QStringLiteral("%1.pdf is %2 pt wide").arg(stem).arg(width)));
                QVERIFY2(runTool(QStringLiteral("pdffonts"), {stem + ".pdf"}, &fonts, &why), qPrintable(why));
                const QString fontIssue = fontProblems(fonts);
                QVERIFY2(fontIssue.isEmpty(), qPrintable(stem + QStringLiteral(".pdf: ") + fontIssue));
                QVERIFY2(fonts.contains(set.figure.font == FigureFont::Serif ? QStringLiteral("Serif") : QStringLiteral("Sans")),
                         qPrintable(fonts));

                // PNG: the width at the chosen DPI, and provenance in its text.
                QImage png(stem + ".png");
                QVERIFY(!png.isNull());
                QCOMPARE(png.width(), qRound(findWidthPreset(preset)->widthPt / 72 * set.dpi));
                QVERIFY(png.text(QStringLiteral("Description")).contains(QStringLiteral("runs: run ")));
                // SVG: labels as text in the chosen family, physical size in the header.
                QFile svg(stem + ".svg");
                QVERIFY(svg.open(QIODevice::ReadOnly));
                const QString svgText = QString::fromUtf8(svg.readAll());
                QVERIFY2(svgText.contains(QStringLiteral("font-family=\"%1\"").arg(figureFontFamily(set.figure.font))),
                         "SVG text keeps its font family");
                for (const QString& label : c.categoryLabels)
                    QVERIFY2(svgText.contains(QLatin1Char('>') + label + QLatin1Char('<')), qPrintable(label));
                QVERIFY(svgText.contains(QStringLiteral("<desc>")));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("fglens-test"));
        QCoreApplication::setApplicationName(QStringLiteral("test_figures"));
        QSettings().clear();
        QVERIFY(dir_.isValid());

        oneRunLog_ = dir_.filePath(QStringLiteral("one.sqlite"));
        // The issue's case: one run, whose sum and recall print with a dozen digits.
        writeLog(oneRunLog_, {{"linear", "finetune", 123, 1e-5, {2.1, 3.0, 3.3, 4.1, 3.5, 4.4, 3.9, 1.9}, 26.3041666,
                               48.333333333450}});
        seedsLog_ = dir_.filePath(QStringLiteral("seeds.sqlite"));
        std::vector<RunSpec> runs{{"cosine", "eval", 0, 0, kClip, NAN, 30.2}};
        for (int64_t seed : {1, 2, 3}) {
            std::vector<double> r;
            for (double v : kClip)
                r.push_back(1 + (v - 1) * (0.3 + 0.02 * static_cast<double>(seed)));
            runs.push_back({"linear", "finetune", seed, 1e-5, r, NAN, 41.0 + static_cast<double>(seed)});
        }
        for (int64_t seed : {1, 2}) {
            std::vector<double> r;
            for (double v : kClip)
                r.push_back(1 + (v - 1) * (0.35 + 0.03 * static_cast<double>(seed)));
            runs.push_back({"mlp", "finetune", seed, 1e-5, r, NAN, 39.5 + static_cast<double>(seed)});
        }
        // Same head, another learning rate: its own series, not a fourth seed.
        runs.push_back({"linear", "finetune", 1, 5e-5, kClip, NAN, 35});
        writeLog(seedsLog_, runs);
    }

    void ticksAreRound_data()
    {
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::addColumn<double>("floor");
        QTest::newRow("one run's recall") << 48.333333333450 << 48.333333333450 << qQNaN();
        QTest::newRow("one run's rank sum") << 26.3041666 << 26.3041666 << qQNaN();
        QTest::newRow("zero") << 0.0 << 0.0 << qQNaN();
        QTest::newRow("tiny") << 1.2e-7 << 3.4e-7 << qQNaN();
        QTest::newRow("tiny equal") << 2.5e-9 << 2.5e-9 << qQNaN();
        QTest::newRow("huge") << 1.1e9 << 7.3e9 << qQNaN();
        QTest::newRow("negative") << -3.3 << -0.2 << qQNaN();
        QTest::newRow("mean ranks") << 1.2 << 4.12 << 1.0;
        QTest::newRow("rank 1 everywhere") << 1.0 << 1.0 << 1.0;
        QTest::newRow("reversed") << 9.0 << 3.0 << qQNaN();
    }

    void ticksAreRound()
    {
        QFETCH(double, lo);
        QFETCH(double, hi);
        QFETCH(double, floor);
        const AxisTicks t = niceTicks(lo, hi, 6, floor);
        QVERIFY2(t.values.size() >= 2 && t.values.size() <= 7, qPrintable(QString::number(t.values.size())));
        QVERIFY(t.lo <= std::min(lo, hi) && t.hi >= std::max(lo, hi));
        QVERIFY(t.hi > t.lo);
        if (!std::isnan(floor))
            QCOMPARE(t.lo, floor);
        // The step is 1, 2 or 5 times a power of ten.
        const double mantissa = t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-12));
        QVERIFY2(std::abs(mantissa - 1) < 1e-6 || std::abs(mantissa - 2) < 1e-6 || std::abs(mantissa - 5) < 1e-6,
                 qPrintable(QString::number(t.step)));
        QStringList labels;
        for (double v : t.values)
            labels << tickLabel(v, t.decimals);
        for (const QString& l : labels) {
            const qsizetype dot = l.indexOf(QLatin1Char('.'));
            QVERIFY2(dot < 0 || l.size() - dot - 1 == t.decimals, qPrintable(l));
            QVERIFY2(!l.startsWith(QStringLiteral("-0")) || l.toDouble() != 0, qPrintable(l));
        }
        QCOMPARE(labels.removeDuplicates(), qsizetype(0));   // distinct labels: enough decimals
        if (std::abs(lo) > 1e-3 && std::abs(lo) < 1e6)
            QVERIFY2(t.decimals <= 2, qPrintable(labels.join(QLatin1Char(' '))));
    }

    void ticksForTheIssuesValues()
    {
        // "26.3041666" alone: round ticks around it, integers.
        const AxisTicks sum = niceTicks(26.3041666, 26.3041666);
        QCOMPARE(sum.decimals, 0);
        QVERIFY(sum.values.contains(26.0) || sum.values.contains(25.0) || sum.values.contains(30.0));
        const AxisTicks recall = niceTicks(48.333333333450, 48.333333333450);
        QCOMPARE(recall.decimals, 0);
        QVERIFY(recall.lo < 48.3 && recall.hi > 48.4);
        QCOMPARE(tickLabel(-0.00001, 2), QStringLiteral("0.00"));
        QCOMPARE(tickLabel(2.5, 1), QStringLiteral("2.5"));
        QCOMPARE(niceStep(0.23), 0.5);
        QCOMPARE(niceStep(2.0000000001), 2.0);
        QCOMPARE(stepDecimals(0.05), 2);
        QCOMPARE(stepDecimals(20), 0);
        // Integer axes (N) never get a fractional step.
        QVERIFY(niceTicks(1, 2, 8, 1, true).step >= 1);
    }

    void labelsWrapNeverElide()
    {
        const TextWidth w = [](const QString& s) { return 5.0 * static_cast<double>(s.size()); };
        QCOMPARE(wrapLabel(QStringLiteral("Hard"), 40, w), QStringList{QStringLiteral("Hard")});
        QCOMPARE(wrapLabel(QStringLiteral("linear visual"), 40, w),
                 (QStringList{QStringLiteral("linear"), QStringLiteral("visual")}));
        // The split that balances the lines best.
        QCOMPARE(wrapLabel(QStringLiteral("a bb ccc dddd"), 40, w),
                 (QStringList{QStringLiteral("a bb"), QStringLiteral("ccc dddd")}));
        QCOMPARE(wrapLabel(QStringLiteral("linear-visual"), 40, w),
                 (QStringList{QStringLiteral("linear-"), QStringLiteral("visual")}));
        // One long word: nothing fits, the caller turns it; never "Transp…".
        QVERIFY(wrapLabel(QStringLiteral("Transparency"), 40, w).isEmpty());
        QCOMPARE(wrapWords(QStringLiteral("one two three"), 35, w),
                 (QStringList{QStringLiteral("one two"), QStringLiteral("three")}));
    }

    void layoutKeepsEveryLabelWhole()
    {
        ChartData c = referenceChart();
        FigureOptions one;   // IEEE one column: eight labels cannot stand upright
        const FigureRenderer narrow(c, one);
        QVERIFY(narrow.categoryLabelsRotated());
        QCOMPARE(narrow.sizePt().width(), 252.0);
        QVERIFY(narrow.sizePt().height() > 120 && narrow.sizePt().height() < 320);
        const auto lines = narrow.categoryLines();
        QCOMPARE(lines.size(), 8);
        for (qsizetype i = 0; i < lines.size(); ++i)
            QCOMPARE(lines[i].join(QLatin1Char(' ')), c.categoryLabels[i]);
        // Mean Rank axis starts at 1 and the bars stand on it.
        QCOMPARE(narrow.yTicks().lo, 1.0);
        QVERIFY(narrow.barRect(0, 0).isValid());
        QVERIFY(std::abs(narrow.barRect(0, 0).bottom() - narrow.plotRect().bottom()) < 1e-6);
        // An abbreviation is the only thing that shortens a label.
        one.abbreviations.insert(QStringLiteral("Transparency"), QStringLiteral("Transp."));
        QCOMPARE(FigureRenderer(c, one).categoryLines()[7], QStringList{QStringLiteral("Transp.")});
        // Font size never below 7 pt.
        FigureOptions tiny;
        tiny.fontPt = 4;
        FigureOptions seven;
        seven.fontPt = 7;
        QCOMPARE(FigureRenderer(c, tiny).sizePt(), FigureRenderer(c, seven).sizePt());
    }

    void oneRunFigures()
    {
        FigureSet set;
        set.dpi = 150;
        checkExports(oneRunLog_, QStringLiteral("one"), set);
        // The Table I figure with the issue's values prints neither of them raw.
        QString text, why;
        QVERIFY2(runTool(QStringLiteral("pdftotext"), {dir_.filePath(QStringLiteral("one/tradeoff_i2t_r1_1col.pdf")), QStringLiteral("-")}, &text, &why),
                 qPrintable(why));
        QVERIFY(!text.contains(QStringLiteral("48.333")));
        QVERIFY(!text.contains(QStringLiteral("26.304")));
    }

    void severalSeedsFigures()
    {
        const auto sets = loadFinishedRuns(seedsLog_);
        QCOMPARE(int(sets.size()), 7);
        const auto groups = groupRunsBySeed(sets, seedsLog_);
        QCOMPARE(int(groups.size()), 4);   // cosine, linear x3, mlp x2, linear at another lr
        const ChartData bar = meanRankChart(groups);
        QCOMPARE(bar.series.size(), 4);
        QCOMPARE(bar.series[1].seeds, 3);
        QCOMPARE(bar.series[2].seeds, 2);
        QVERIFY(!bar.series[0].hasErrors());
        // Mean and sample std of the three seeds' Hard ranks.
        std::vector<double> hard;
        for (int64_t seed : {1, 2, 3})
            hard.push_back(1 + (kClip[3] - 1) * (0.3 + 0.02 * static_cast<double>(seed)));
        const double mean = (hard[0] + hard[1] + hard[2]) / 3;
        double ss = 0;
        for (double h : hard)
            ss += (h - mean) * (h - mean);
        QVERIFY(std::abs(bar.series[1].y[3] - mean) < 1e-9);
        QVERIFY(std::abs(bar.series[1].yErr[3] - std::sqrt(ss / 2)) < 1e-9);
        // CSV and LaTeX carry the spread.
        const QString csv = chartCsv(bar);
        QVERIFY2(csv.contains(QStringLiteral(",std,seeds\n")), qPrintable(csv));
        QVERIFY(csv.contains(QStringLiteral(",3\n")));
        QVERIFY(chartLatex(bar).contains(QStringLiteral("$\\pm$")));
        const ChartData trade = tradeoffChart(groups);
        QVERIFY(std::isfinite(trade.series[1].xErr[0]) && std::isfinite(trade.series[1].yErr[0]));
        QVERIFY(chartCsv(trade).contains(QStringLiteral(",x_std,y_std,seeds")));

        FigureSet set;
        set.widthPresets = {QStringLiteral("ieee-1col"), QStringLiteral("ieee-2col"), QStringLiteral("acm-1col"),
                            QStringLiteral("lncs")};
        set.figure.font = FigureFont::Serif;
        set.dpi = 100;
        checkExports(seedsLog_, QStringLiteral("seeds"), set);
        QString text, why;
        QVERIFY2(runTool(QStringLiteral("pdftotext"),
                         {dir_.filePath(QStringLiteral("seeds/mean_rank_per_benchmark_1col.pdf")), QStringLiteral("-")}, &text, &why),
                 qPrintable(why));
        QVERIFY2(text.contains(QStringLiteral("(n=3)")), qPrintable(text));
    }

    void runNamesAreReused()
    {
        FigureNames names;
        names.runNames.insert(QStringLiteral("linear/finetune"), QStringLiteral("Linear (ours)"));
        const auto groups = groupRunsBySeed(loadFinishedRuns(seedsLog_), seedsLog_);
        QStringList labels;
        for (const SetGroup& g : groups)
            labels << g.label;
        QVERIFY2(labels.contains(QStringLiteral("linear/finetune")), qPrintable(labels.join(QStringLiteral(" | "))));
        names.save();
        // Saved once, every later export uses it (same settings as the dialog).
        const auto charts = standardCharts(loadFinishedRuns(seedsLog_), seedsLog_, QString());
        QCOMPARE(charts[0].series[1].name, QStringLiteral("Linear (ours)"));
        QCOMPARE(FigureNames::load().runName(QStringLiteral("linear/finetune")), QStringLiteral("Linear (ours)"));
        FigureNames().save();
    }

    void svgTextCanBeOutlined()
    {
        ExportOptions o;
        o.outlineSvgText = true;
        const QString path = dir_.filePath(QStringLiteral("outlined.svg"));
        QVERIFY(exportChart(referenceChart(), ExportFormat::Svg, path, o).isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(!svg.contains("<text"));
        QVERIFY(svg.contains("<path"));
    }

    void matchesReferenceImage()
    {
        // 100 dpi, DejaVu Sans 8 pt, one column: the figure as committed.
        const QImage now = renderPng(referenceChart(), FigureOptions{}, 100).convertToFormat(QImage::Format_RGB32);
        if (qEnvironmentVariableIsSet("FGLENS_UPDATE_REFERENCE"))
            QVERIFY(now.save(referencePath()));
        const QImage ref = QImage(referencePath()).convertToFormat(QImage::Format_RGB32);
        QVERIFY2(!ref.isNull(), qPrintable(referencePath() + QStringLiteral(" missing (FGLENS_UPDATE_REFERENCE=1 writes it)")));
        QCOMPARE(now.size(), ref.size());
        qint64 total = 0, far = 0;
        for (int y = 0; y < ref.height(); ++y)
            for (int x = 0; x < ref.width(); ++x) {
                const QRgb a = now.pixel(x, y), b = ref.pixel(x, y);
                const int d = std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b))});
                total += d;
                far += d > 96;
            }
        const double pixels = double(ref.width()) * ref.height();
        QVERIFY2(total / pixels < 2.0 && far / pixels < 0.005,
                 qPrintable(QStringLiteral("mean difference %1, %2% pixels far off").arg(total / pixels).arg(100 * far / pixels)));
    }

    void screenShowsTheExportedFigure()
    {
        ProjectSession session;
        auto set = std::make_shared<ResultSet>();
        set->key = QStringLiteral("live:cosine");
        set->label = QStringLiteral("CLIP cosine");
        for (size_t i = 0; i < benchmarkKeys().size(); ++i)
            set->metrics["mean_rank/" + benchmarkKeys()[i]] = kClip[i];
        ChartsPanel panel(&session);
        session.addResultSet(set);
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        FigureView* view = panel.figureView(0);
        QVERIFY(view && view->renderer());
        if (qEnvironmentVariableIsSet("FGLENS_FIGURE_SCREENSHOT"))   // to look at the panel by eye
            panel.grab().save(qEnvironmentVariable("FGLENS_FIGURE_SCREENSHOT"));
        // The same layout as the file at the panel's width.
        const FigureRenderer file(panel.currentCharts()[0], panel.figureOptions());
        QCOMPARE(view->renderer()->sizePt(), file.sizePt());
        QCOMPARE(view->renderer()->categoryLines(), file.categoryLines());
        // A click on the Hard bar asks the browser for (set, "hard").
        QSignalSpy clicked(&panel, &ChartsPanel::barClicked);
        const QPointF centre = view->fromFigure(view->renderer()->barRect(0, 3).center());
        QTest::mouseClick(view, Qt::LeftButton, {}, centre.toPoint());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.front().at(0).toString(), QStringLiteral("live:cosine"));
        QCOMPARE(clicked.front().at(1).toString(), QStringLiteral("hard"));
        // Zoom: + doubles nothing but scales by a step; 0 fits again.
        const double fitted = view->scale();
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Plus);
        QVERIFY(view->zoom() > 0);
        QVERIFY(view->scale() > fitted * 1.1);
        QTest::keyClick(view, Qt::Key_0);
        QCOMPARE(view->zoom(), 0.0);
    }

    void exportFiguresCommand()
    {
        const QString exe = QFileInfo(QString::fromUtf8(FGLENS_CLI)).dir().filePath(QStringLiteral("fglens"));
        // The ui suites depend on the fglens target: a missing binary is a failure, not a skip.
        QVERIFY2(QFileInfo::exists(exe), qPrintable(exe + QStringLiteral(" is not built")));
        const QString out = dir_.filePath(QStringLiteral("cli"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(exe, {QStringLiteral("--export-figures"), oneRunLog_, QStringLiteral("--out"), out, QStringLiteral("--width"),
                      QStringLiteral("ieee-2col,acm-1col"), QStringLiteral("--font"), QStringLiteral("serif"),
                      QStringLiteral("--dpi"), QStringLiteral("120")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/mean_rank_per_benchmark_2col.pdf")));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/tradeoff_i2t_r1_acm-1col.svg")));
        QString info, fonts, why;
        QVERIFY2(runTool(QStringLiteral("pdfinfo"), {out + QStringLiteral("/mean_rank_per_benchmark_acm-1col.pdf")}, &info, &why), qPrintable(why));
        QVERIFY(std::abs(pageWidthPt(info) - 3.33 * 72) <= 0.5);
        QVERIFY2(runTool(QStringLiteral("pdffonts"), {out + QStringLiteral("/mean_rank_per_benchmark_2col.pdf")}, &fonts, &why), qPrintable(why));
        QVERIFY2(fonts.contains(QStringLiteral("Serif")), qPrintable(fonts));
        // A bad option is one clear line and a non-zero exit.
        p.start(exe, {QStringLiteral("--export-figures"), oneRunLog_, QStringLiteral("--out"), out, QStringLiteral("--width"),
                      QStringLiteral("a4")});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("unknown preset 'a4'")));
    }
};

QTEST_MAIN(TestFigures)
#include "test_figures.moc"

// Chart data and every export format, on ranks computed by core from the real
// FG-CLIP Pattern cache: files exist and parse, the SVG keeps legend and axis
// titles as text, and each file records what produced it.
#include "testsupport.h"
#include "ui_test_data.h"

#include "charts/chart_data.h"
#include "export/chart_export.h"
#include "figures/figure_renderer.h"

#include "eval/ranks.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QSvgRenderer>

#include <cmath>

using namespace fglens;
using namespace fglens::ui;

class TestChartExport : public QObject {
    Q_OBJECT

private:
    std::vector<ResultSetPtr> sets_;
    QTemporaryDir dir_;

    std::vector<ChartData> charts() const
    {
        std::vector<ChartData> c{meanRankChart(sets_), rankVsNegativesChart(sets_, "pattern")};
        for (ChartData& d : c)
            d.provenance = provenanceLine(sets_, QStringLiteral("test.sqlite"), QStringLiteral("benchmark=pattern"));
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        FGLENS_REQUIRE_FIXTURE(QStringLiteral("fgclip-cache/pattern.pt"));
        const auto f = test::loadPattern(test::fixtureStd(QStringLiteral("fgclip-cache/pattern.pt")));
        sets_.push_back(test::resultSetOf(f.cosine, f.features.benchmark, QStringLiteral("live:cosine"),
                                          QStringLiteral("CLIP cosine")));
        QVERIFY(dir_.isValid());
    }

    void chartDataMatchesCore()
    {
        const auto f = test::loadPattern(test::fixtureStd(QStringLiteral("fgclip-cache/pattern.pt")));
        const ChartData bar = meanRankChart(sets_);
        QCOMPARE(bar.categories, QStringList{QStringLiteral("pattern")});
        QCOMPARE(bar.series.size(), 1);
        QVERIFY(std::abs(bar.series[0].y[0] - f.cosine.summary.meanRank) < 1e-9);
        // Rank vs N from the stored scores equals core's per-N evaluation on
        // the same objects at n = N.
        const ChartData line = rankVsNegativesChart(sets_, "pattern");
        QCOMPARE(line.series[0].x.size(), 7);
        QVERIFY(std::abs(line.series[0].y.back() - f.cosine.summary.meanRank) < 1e-9);
        for (int i = 1; i < line.series[0].y.size(); ++i)
            QVERIFY(line.series[0].y[i] >= line.series[0].y[i - 1] - 1e-12);   // more negatives, never easier
    }

    void exportEveryFormat_data()
    {
        QTest::addColumn<int>("chart");
        QTest::addColumn<int>("columns");
        QTest::newRow("bar one column") << 0 << 1;
        QTest::newRow("bar two columns") << 0 << 2;
        QTest::newRow("line one column") << 1 << 1;
    }

    void exportEveryFormat()
    {
        QFETCH(int, chart);
        QFETCH(int, columns);
        const ChartData data = charts()[static_cast<size_t>(chart)];
        ExportOptions o;
        o.figure = FigureOptions::forPreset(columns == 1 ? QStringLiteral("ieee-1col") : QStringLiteral("ieee-2col"));
        o.dpi = 200;
        const QSizeF size = FigureRenderer(data, o.figure).sizePt();
        const QString stem = dir_.filePath(QStringLiteral("%1_%2").arg(data.id).arg(columns));

        // PNG: loads, has the requested physical size and carries provenance.
        QVERIFY2(exportChart(data, ExportFormat::Png, stem + ".png", o).isEmpty(), "png");
        QImageReader reader(stem + ".png");
        const QImage png = reader.read();
        QVERIFY(!png.isNull());
        QCOMPARE(png.width(), qRound((columns == 1 ? 3.5 : 7.16) * o.dpi));
        QCOMPARE(png.height(), qRound(size.height() / 72 * o.dpi));
        QVERIFY(png.text(QStringLiteral("Description")).contains(QStringLiteral("CLIP cosine")));
        // Not a blank page: the bars and text left some dark pixels.
        int dark = 0;
        for (int y = 0; y < png.height(); y += 3)
            for (int x = 0; x < png.width(); x += 3)
                dark += qGray(png.pixel(x, y)) < 128;
        QVERIFY(dark > 50);

        // SVG: parses, and legend and axis titles are text, not paths.
        QVERIFY2(exportChart(data, ExportFormat::Svg, stem + ".svg", o).isEmpty(), "svg");
        QSvgRenderer svg(stem + ".svg");
        QVERIFY(svg.isValid());
        QFile svgFile(stem + ".svg");
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QString svgText = QString::fromUtf8(svgFile.readAll());
        QVERIFY2(svgText.contains(QStringLiteral(">CLIP cosine<")), "legend text");
        QVERIFY2(svgText.contains(QStringLiteral(">") + data.yTitle.toHtmlEscaped() + QStringLiteral("<")), "y title");
        QVERIFY(svgText.contains(QStringLiteral("<desc>")));
        QVERIFY(svgText.contains(QStringLiteral("runs: CLIP cosine")));

        // PDF: a PDF, vector (no page-sized image), with XMP provenance.
        QVERIFY2(exportChart(data, ExportFormat::Pdf, stem + ".pdf", o).isEmpty(), "pdf");
        QVERIFY(!QFileInfo::exists(stem + ".pdf.part"));   // written aside, then renamed
        QFile pdf(stem + ".pdf");
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.contains("runs: CLIP cosine"));
        QVERIFY(!bytes.contains("/Subtype /Image"));

        // Data: CSV rows per plotted value, LaTeX with booktabs; both commented.
        QVERIFY(exportChart(data, ExportFormat::Csv, stem + ".csv", o).isEmpty());
        QVERIFY(exportChart(data, ExportFormat::Latex, stem + ".tex", o).isEmpty());
        QFile csv(stem + ".csv"), tex(stem + ".tex");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(tex.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines[0].startsWith(QLatin1Char('#')));
        QVERIFY(lines[1].contains(QStringLiteral("runs: CLIP cosine")));
        QCOMPARE(lines.size(), 3 + (chart == 0 ? 1 : 7));
        const QString latex = QString::fromUtf8(tex.readAll());
        QVERIFY(latex.startsWith(QLatin1Char('%')));
        QVERIFY(latex.contains(QStringLiteral("\\toprule")));
        QVERIFY(latex.contains(QStringLiteral("CLIP cosine")));
    }

    void badPathIsAnError()
    {
        const ChartData data = charts()[0];
        const QString e = exportChart(data, ExportFormat::Png, QStringLiteral("/nonexistent/dir/x.png"), {});
        QVERIFY(!e.isEmpty());
        QVERIFY(e.contains(QStringLiteral("/nonexistent/dir/x.png")));
    }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"

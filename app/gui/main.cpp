// fglens: the workbench window, plus two unattended modes the README relies
// on: --screenshot (open, wait until loaded, save the window, exit) and
// --export-figures (every chart of a log to a directory, no window at all).
#include "browser/object_browser.h"
#include "browser/object_table_model.h"
#include "browser/thumbnail_cache.h"
#include "common/qt_text.h"
#include "export/figure_export.h"
#include "figures/figure_settings.h"
#include "inspector/object_inspector.h"
#include "main_window.h"
#include "runs/runs_model.h"

#include "common/cpu_allocator.h"
#include "common/runtime.h"
#include "demo/demo_project.h"
#include "store/log_location.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <cstring>

namespace {

// Headless modes must not need a display: pick the offscreen platform before
// QApplication exists unless the user chose one.
void preferOffscreenWhenHeadless(int argc, char** argv)
{
    bool headless = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--export-figures") == 0)
            headless = true;
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void installTranslators(QApplication& app, const QString& requested)
{
    QString lang = requested;
    if (lang.isEmpty())
        lang = QSettings().value(QStringLiteral("language")).toString();
    if (lang.isEmpty())
        lang = QLocale::system().name();
    if (lang == QLatin1String("en") || lang.startsWith(QLatin1String("en_")))
        return;
    auto* own = new QTranslator(&app);
    if (own->load(QStringLiteral(":/i18n/fglens_%1.qm").arg(lang)))
        app.installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    QLocale::setDefault(QLocale(lang));
}

int fail(const QString& message)
{
    std::fprintf(stderr, "fglens: %s\n", qPrintable(fglens::ui::firstLine(message)));
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    fglens::preferPassiveOpenMpWait(argv);
    preferOffscreenWhenHeadless(argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("fglens"));
    QApplication::setApplicationName(QStringLiteral("fglens"));
    QApplication::setApplicationDisplayName(QStringLiteral("FG-Lens"));
    QApplication::setApplicationVersion(QString::fromStdString(fglens::programVersion()));
    QApplication::setDesktopFileName(QStringLiteral("io.github.fglens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("FG-Lens workbench: inspect FG-OVD errors, train similarity heads, export charts."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo project (built on first use)."));
    const QCommandLineOption demoDir(QStringLiteral("demo-dir"), QStringLiteral("Where the demo project lives."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption project(QStringLiteral("project"), QStringLiteral("Open a project (directory or project.json)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the main window once the project is loaded, then exit."),
                                        QStringLiteral("FILE.png"));
    const QCommandLineOption show(QStringLiteral("show"),
                                  QStringLiteral("What to bring to the front before the screenshot: objects, charts, "
                                                 "inspector, runs or training."),
                                  QStringLiteral("VIEW"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size for --screenshot (default 1440x900)."),
                                  QStringLiteral("WxH"), QStringLiteral("1440x900"));
    const QCommandLineOption exportFigures(QStringLiteral("export-figures"),
                                           QStringLiteral("Write every chart of an experiment log (no window)."),
                                           QStringLiteral("LOG.sqlite"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Directory for --export-figures."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption dpi(QStringLiteral("dpi"), QStringLiteral("PNG resolution (default 300)."),
                                 QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption width(QStringLiteral("width"),
                                   QStringLiteral("Figure widths for --export-figures, comma-separated: ieee-1col, ieee-2col, "
                                                  "acm-1col, acm-2col, lncs, lncs-4.8in (default ieee-1col,ieee-2col)."),
                                   QStringLiteral("PRESETS"), QStringLiteral("ieee-1col,ieee-2col"));
    const QCommandLineOption font(QStringLiteral("font"),
                                  QStringLiteral("Figure font for --export-figures: sans or serif (default: as last chosen, else sans)."),
                                  QStringLiteral("FAMILY"));
    const QCommandLineOption fontSize(QStringLiteral("font-size"),
                                      QStringLiteral("Figure font size in points, at least 7 (default 8)."),
                                      QStringLiteral("PT"));
    const QCommandLineOption figureTitle(QStringLiteral("title"), QStringLiteral("Print each chart's title inside the figure."));
    const QCommandLineOption rankVsN(QStringLiteral("rank-vs-n"),
                                     QStringLiteral("Benchmark of the Rank vs N figure (default hard)."),
                                     QStringLiteral("BENCHMARK"), QStringLiteral("hard"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("Interface language: zh_CN, it_IT or en."),
                                  QStringLiteral("CODE"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("Runs to compare once the project is open: ids (1,4,7) or 'finished'."),
                                     QStringLiteral("RUNS"));
    parser.addOptions({demo, demoDir, project, screenshot, show, size, compare, exportFigures, out, dpi, width, font, fontSize,
                       figureTitle, rankVsN, lang});
    parser.process(app);

    installTranslators(app, parser.value(lang));
    fglens::configureTorchThreads();
    fglens::installCachingCpuAllocator();

    if (parser.isSet(exportFigures)) {
        if (!parser.isSet(out))
            return fail(QStringLiteral("--export-figures needs --out DIR"));
        try {
            const QString log = parser.value(exportFigures);
            const bool server = fglens::isPostgresUri(log.toStdString());
            if (!server && !QFileInfo::exists(log))
                return fail(QStringLiteral("%1: no such experiment log").arg(log));
            // The dialog's saved choices, overridden by what the command line says.
            fglens::ui::FigureSet set;
            set.figure = fglens::ui::savedFigureOptions();
            set.widthPresets = parser.value(width).split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString& id : set.widthPresets)
                if (!fglens::ui::findWidthPreset(id))
                    return fail(QStringLiteral("--width: unknown preset '%1' (ieee-1col, ieee-2col, acm-1col, acm-2col, "
                                               "lncs, lncs-4.8in)").arg(id));
            if (set.widthPresets.isEmpty())
                return fail(QStringLiteral("--width needs at least one preset"));
            if (parser.isSet(font)) {
                const QString f = parser.value(font).toLower();
                if (f != QLatin1String("sans") && f != QLatin1String("serif"))
                    return fail(QStringLiteral("--font: expected sans or serif, got '%1'").arg(parser.value(font)));
                set.figure.font = f == QLatin1String("serif") ? fglens::ui::FigureFont::Serif : fglens::ui::FigureFont::Sans;
            }
            if (parser.isSet(fontSize)) {
                bool ok = false;
                const double pt = parser.value(fontSize).toDouble(&ok);
                if (!ok || pt < fglens::ui::FigureOptions::kMinFontPt || pt > 24)
                    return fail(QStringLiteral("--font-size: expected a size from 7 to 24 points, got '%1'").arg(parser.value(fontSize)));
                set.figure.fontPt = pt;
            }
            set.figure.showTitle = set.figure.showTitle || parser.isSet(figureTitle);
            bool dpiOk = false;
            set.dpi = parser.value(dpi).toInt(&dpiOk);
            if (!dpiOk || set.dpi < 36 || set.dpi > 4800)
                return fail(QStringLiteral("--dpi: expected 36 to 4800, got '%1'").arg(parser.value(dpi)));
            const auto sets = fglens::ui::loadFinishedRuns(log);
            const auto charts = fglens::ui::standardCharts(sets, server ? log : QFileInfo(log).absoluteFilePath(), QString(),
                                                           parser.value(rankVsN).toStdString());
            QString error;
            const QStringList files = fglens::ui::writeFigures(charts, parser.value(out), set, &error);
            if (!error.isEmpty())
                return fail(error);
            for (const QString& f : files)
                std::printf("%s\n", qPrintable(f));
            return 0;
        } catch (const std::exception& e) {
            return fail(QString::fromUtf8(e.what()));
        }
    }

    const bool unattended = parser.isSet(screenshot);
    if (unattended)
        qputenv("FGLENS_NO_DIALOGS", "1");
    // Screenshots start from the default layout, whatever the user last left.
    fglens::ui::MainWindow window(nullptr, !unattended);
    if (unattended) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
        if (wh.size() != 2 || w < 640 || h < 480)
            return fail(QStringLiteral("--size %1: expected WIDTHxHEIGHT, at least 640x480").arg(parser.value(size)));
        window.resize(w, h);   // the README's screenshots are at least 1280x800
    }
    window.show();

    // --compare: load runs into the comparison as soon as the project is open.
    const QString compareSpec = parser.value(compare);
    if (!compareSpec.isEmpty()) {
        QObject::connect(&window, &fglens::ui::MainWindow::projectLoaded, &window, [&window, compareSpec](bool ok) {
            if (!ok)
                return;
            QList<qint64> ids;
            auto* runs = window.runsModel();
            for (int row = 0; row < runs->rowCount(); ++row) {
                const auto& r = runs->run(row);
                if (compareSpec == QLatin1String("finished") ? r.status == fglens::RunStatus::Finished
                                                            : compareSpec.split(QLatin1Char(',')).contains(QString::number(r.id)))
                    ids.prepend(r.id);
            }
            window.compareRuns(ids);
        });
    }

    if (unattended) {
        const QString file = parser.value(screenshot);
        const QString dock = parser.value(show);
        // With --compare the screenshot waits for the compared runs too.
        const auto readySignal = compareSpec.isEmpty() ? &fglens::ui::MainWindow::projectLoaded
                                                       : &fglens::ui::MainWindow::screenshotReady;
        if (!compareSpec.isEmpty()) {
            QObject::connect(&window, &fglens::ui::MainWindow::comparisonLoaded, &window,
                             [&window] { Q_EMIT window.screenshotReady(true, QString()); });
            QObject::connect(&window, &fglens::ui::MainWindow::projectLoaded, &window, [&window](bool ok, const QString& e) {
                if (!ok)
                    Q_EMIT window.screenshotReady(false, e);
            });
        }
        QObject::connect(&window, readySignal, &app,
                         [&window, file, dock](bool ok, const QString& error) {
            if (!ok) {
                fail(error);
                QCoreApplication::exit(1);
                return;
            }
            if (!dock.isEmpty())
                window.showView(dock);
            // Show a failure in the inspector: the view the tool exists for.
            auto* model = window.browser()->tableModel();
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->rank(row) > 1) {
                    const auto r = model->ref(row);
                    window.browser()->selectObject(r.bench, r.object);
                    break;
                }
            // Wait for thumbnails and the inspector's image, at most ~10 s.
            auto* poll = new QTimer(&window);
            auto ticks = std::make_shared<int>(0), stable = std::make_shared<int>(0);
            QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, ticks, stable, file] {
                const bool settled = window.browser()->thumbnails()->pendingCount() == 0 &&
                                     window.inspector()->imageSettled();
                *stable = settled ? *stable + 1 : 0;
                if (*stable < 3 && ++*ticks < 50)
                    return;
                poll->stop();
                const QImage shot = window.grab().toImage();
                if (!shot.save(file)) {
                    fail(QStringLiteral("%1: cannot write the screenshot").arg(file));
                    QCoreApplication::exit(1);
                    return;
                }
                std::printf("%s (%dx%d)\n", qPrintable(file), shot.width(), shot.height());
                QCoreApplication::exit(0);
            });
            poll->start(200);
        });
    }

    if (parser.isSet(project)) {
        window.openProject(parser.value(project));
    } else if (parser.isSet(demo)) {
        const QString dir = parser.isSet(demoDir) ? parser.value(demoDir) : fglens::ui::MainWindow::defaultDemoDir();
        window.openDemo(dir, fglens::demo::DemoOptions{});
    } else if (unattended) {
        return fail(QStringLiteral("--screenshot needs --demo or --project"));
    }
    return app.exec();
}

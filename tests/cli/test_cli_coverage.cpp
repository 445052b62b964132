// fglens-cli commands and options that no other suite covered (issue #16):
// retrieval, eval --record, runs --show/--note/--tags, export --runs,
// encode-benchmark --captions --splits, Ctrl-C, a stale cache, usage errors
// of every command, best-epoch selection, determinism across processes.
// Everything runs on one small demo project (no fixture) unless it needs the
// tiny CLIP.
#include "pattern_retrieval.h"
#include "testsupport.h"

#include "data/feature_cache.h"
#include "data/npy.h"
#include "store/experiment_log.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

#include <torch/torch.h>

#include <csignal>
#include <sys/types.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace fglens;
using fglens::test::parseObject;
using fglens::test::runCli;

namespace {

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool oneLine(const QString& err)
{
    return !err.trimmed().isEmpty() && !err.trimmed().contains('\n');
}

// CSV rows (after the header) as first field -> the other fields.
std::map<QString, QStringList> csvRows(const QString& text)
{
    std::map<QString, QStringList> rows;
    QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        QStringList f = lines[i].split(',');
        const QString key = f.takeFirst();
        rows[key] = f;
    }
    return rows;
}

// The subcommands `fglens-cli --help` lists.
QStringList commandNames()
{
    const auto r = runCli({"--help"});
    QStringList names;
    bool inList = false;
    for (const QString& line : r.out.split('\n')) {
        if (line.startsWith(QLatin1String("Commands:"))) {
            inList = true;
            continue;
        }
        if (inList) {
            if (!line.startsWith(QLatin1String("  ")))
                break;
            names << line.trimmed().section(' ', 0, 0);
        }
    }
    return names;
}

} // namespace

class TestCliCoverage : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString demo_;

    QStringList trainArgs(const QString& log, const QString& name, int epochs, int seed = 3)
    {
        return {"train", "--project", demo_, "--log", log, "--head", "linear", "--stage", "warmup", "--preset",
                "demo", "--epochs", QString::number(epochs), "--batch", "16", "--seed", QString::number(seed),
                "--name", name, "--quiet"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        QVERIFY(tmp_.isValid());
        demo_ = tmp_.filePath("demo");
        const auto r = runCli({"demo", "--out", demo_, "--scale", "small", "--quiet"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo::exists(demo_ + "/project.json"));
    }

    // Every command `--help` lists answers an unknown option with exit 2 and
    // one line naming it, before reading or writing anything.
    void usageErrorsExitTwoForEveryCommand()
    {
        const QStringList commands = commandNames();
        QVERIFY2(commands.size() >= 20, qPrintable(commands.join(' ')));
        for (const char* cmd : {"retrieval", "eval", "runs", "export", "encode-benchmark", "train", "reproduce",
                                   "demo", "project", "compare", "confusions"})
            QVERIFY2(commands.contains(QLatin1String(cmd)), cmd);
        // Each command with a complete command line and one unknown option: the
        // option is what is reported, before any file is read or written. (The
        // encoders load the CLIP checkpoint first, so they get the real one.)
        const QString log = tmp_.filePath("usage.sqlite"), out = tmp_.filePath("usage-out");
        const QString model = test::fixture("clip-tiny/model.pt"), vocab = test::fixture("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        const QList<QStringList> valid = {
            {"compare", "--log", log, "--runs", "1,2"},
            {"confusions", "--log", log, "--run", "1"},
            {"demo", "--out", out, "--scale", "small"},
            {"detector-import", "--log", log, "--benchmark", "b.json", "--predictions", "p.pkl", "--name", "n"},
            {"detector-q1", "--log", log, "--detector", "1", "--clip", "2"},
            {"detector-ranks", "--benchmark", "b.json", "--predictions", "p.pkl"},
            {"encode-benchmark", "--clip", model, "--vocab", vocab, "--benchmark", "b.json", "--image-root", "r", "--out",
             out + "/c.safetensors"},
            {"encode-images", "--clip", model, "--input", "i.txt", "--out", out + "/i.npy"},
            {"encode-text", "--clip", model, "--vocab", vocab, "--input", "i.txt", "--out", out + "/t.npy"},
            {"eval", "--project", demo_, "--head", "cosine", "--record", "--log", log},
            {"eval", "--fgclip-cache", "c.pt", "--negatives", "7", "--head", "cosine"},
            {"export", "--log", log, "--out", out},
            {"info", demo_ + "/benchmarks/1_attributes.json"},
            {"merge-caches", "--out", out + "/m.safetensors", "a.safetensors", "b.safetensors"},
            {"preprocess", "--input", "i.txt", "--out", out + "/p.npy"},
            {"project", "init", "--benchmark", demo_ + "/benchmarks/1_attributes.json", "--out", out},
            {"project", "encode", demo_},
            {"reproduce", "--project", demo_, "--log", log, "--json", out + "/r.json"},
            {"retrieval", "--head", "cosine", "--images", "i.npy", "--captions", "c.npy"},
            {"runs", "--log", log},
            {"runs", "--log", log, "--note", "1", "--text", "t"},
            {"runs", "import", "--from", log, "--into", out + "/other.sqlite"},
            {"score", "--head", "cosine", "--visual", "v.npy", "--text", "t.npy", "--out", out + "/s.npy"},
            {"sweep", "--project", demo_, "--log", log, "--heads", "linear", "--stage", "warmup", "--seeds", "1",
             "--epochs", "1", "--work-dir", out + "/sweep"},
            {"tokenize", "--vocab", vocab, "--input", "i.txt", "--out", out + "/t.npy"},
            {"train", "--project", demo_, "--log", log, "--head", "linear", "--stage", "warmup", "--epochs", "1"},
        };
        QSet<QString> covered;
        for (const QStringList& args : valid) {
            if (args.contains(model) && !test::haveFixture("clip-tiny/model.pt"))
                continue;   // only the encoders need it; the others still run
            covered << args[0];
            const auto r = runCli(args + QStringList{"--no-such-option", "1"});
            QVERIFY2(r.exitCode == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode) + ": " + r.err));
            QVERIFY2(oneLine(r.err) && r.err.contains("--no-such-option"), qPrintable(r.err));
        }
        for (const QString& cmd : commands)
            QVERIFY2(covered.contains(cmd) || cmd.startsWith("encode-"), qPrintable(cmd + " has no complete command line here"));
        // Nothing was done: no log, no output, no demo.
        QVERIFY2(!QFileInfo::exists(log), "a usage error created the log");
        QVERIFY2(!QFileInfo::exists(out), "a usage error wrote output");
        // A bad value of a known option is a usage error too.
        for (const QStringList& args : QList<QStringList>{
                 {"retrieval", "--head", "cosine", "--images", "a.npy", "--captions", "b.npy", "--captions-per-image", "0"},
                 {"eval", "--project", demo_, "--head", "cosine", "--record", "yes"},
                 {"train", "--project", demo_, "--head", "cosine"},
                 {"encode-benchmark", "--clip", "m.pt", "--vocab", "v.gz", "--benchmark", "b.json", "--splits", "train",
                  "--out", "x.safetensors"},
                 {"export", "--log", log, "--out", tmp_.filePath("x"), "--runs", "1,two"},
                 {"runs", "--log", log, "--show", "first"}}) {
            const auto r = runCli(args);
            QVERIFY2(r.exitCode == 2 && oneLine(r.err), qPrintable(args.join(' ') + " -> " + QString::number(r.exitCode) + ": " + r.err));
        }
        QVERIFY2(!QFileInfo::exists(log), "a usage error created the log");
    }

    // `retrieval` against the numbers NumPy gives for the same features
    // (tests/core/quirks_reference.py): cosine, and quirk 2 (column norm).
    void retrievalMatchesReference()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/annotation_features.npy");
        FGLENS_REQUIRE_FIXTURE("fgovd/benchmarks/pattern.json");
        const auto pr = test::patternRetrieval();
        const QString images = tmp_.filePath("ret_images.npy"), captions = tmp_.filePath("ret_captions.npy");
        saveNpyTensor(images.toStdString(), pr.images.contiguous());
        saveNpyTensor(captions.toStdString(), pr.captions.contiguous());
        const QStringList common = {"retrieval", "--head", "cosine", "--images", images, "--captions", captions,
                                    "--captions-per-image", "4"};
        auto check = [](const QJsonObject& j, std::vector<double> i2t, std::vector<double> t2i) {
            QCOMPARE(j["images"].toInt(), 100);
            QCOMPARE(j["captions"].toInt(), 400);
            for (int k = 0; k < 3; ++k) {
                QCOMPARE(j["i2t"].toArray()[k].toDouble(), i2t[size_t(k)]);
                QCOMPARE(j["t2i"].toArray()[k].toDouble(), t2i[size_t(k)]);
            }
            QCOMPARE(j["rsum"].toDouble(), i2t[0] + i2t[1] + i2t[2] + t2i[0] + t2i[1] + t2i[2]);
        };
        const auto cosine = runCli(common);
        QVERIFY2(cosine.exitCode == 0, qPrintable(cosine.err));
        check(parseObject(cosine.out), {2.0, 4.0, 10.0}, {0.5, 4.5, 10.0});
        const auto quirk = runCli(common + QStringList{"--reference-column-norm"});
        QVERIFY2(quirk.exitCode == 0, qPrintable(quirk.err));
        check(parseObject(quirk.out), {0.0, 4.0, 9.0}, {0.25, 5.0, 8.75});
        // Quirk 2 is the cosine baseline's only.
        const auto linear = runCli({"retrieval", "--head", "linear", "--weights", test::fixture("heads/linear.pt"),
                                    "--images", images, "--captions", captions, "--captions-per-image", "4",
                                    "--reference-column-norm"});
        QCOMPARE(linear.exitCode, 1);
        QVERIFY2(oneLine(linear.err), qPrintable(linear.err));
        // Shapes that do not fit: one line naming the captions file.
        const auto bad = runCli({"retrieval", "--head", "cosine", "--images", images, "--captions", captions,
                                 "--captions-per-image", "3"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(oneLine(bad.err) && bad.err.contains(captions), qPrintable(bad.err));
    }

    // `eval --fgclip-cache --fp16-scores` against NumPy's fp16 ranks
    // (quirks_reference.py): the rank sum at every N, and the ties it adds.
    void fp16ScoresMatchReference()
    {
        FGLENS_REQUIRE_FIXTURE("fgclip-cache/pattern.pt");
        const QStringList common = {"eval", "--fgclip-cache", test::fixture("fgclip-cache/pattern.pt"), "--negatives",
                                    "7", "--head", "cosine"};
        const auto plain = runCli(common);
        const auto fp16 = runCli(common + QStringList{"--fp16-scores"});
        QVERIFY2(plain.exitCode == 0 && fp16.exitCode == 0, qPrintable(plain.err + fp16.err));
        // n -> rank sums over the 467 objects: fp32, fp16 (mean rank x 467).
        const std::map<int, std::pair<int, int>> reference = {{1, {703, 705}}, {2, {940, 944}},  {3, {1172, 1176}},
                                                              {4, {1425, 1429}}, {5, {1647, 1654}}, {6, {1906, 1915}},
                                                              {7, {2156, 2167}}};
        const auto p = parseObject(plain.out)["per_n_negatives"].toObject();
        const auto q = parseObject(fp16.out)["per_n_negatives"].toObject();
        for (const auto& [n, sums] : reference) {
            const auto pn = p[QString::number(n)].toObject(), qn = q[QString::number(n)].toObject();
            QCOMPARE(pn["objects"].toInt(), 467);
            QCOMPARE(qn["objects"].toInt(), 467);
            QCOMPARE(qRound64(pn["mean_rank"].toDouble() * 467), qint64(sums.first));
            QCOMPARE(qRound64(qn["mean_rank"].toDouble() * 467), qint64(sums.second));
        }
        QCOMPARE(parseObject(fp16.out)["mean_rank"].toDouble(), 2167.0 / 467.0);
    }

    // `eval --record` logs exactly what it prints, with per-object results.
    void evalRecordLogsWhatItPrints()
    {
        const QString log = tmp_.filePath("record.sqlite");
        const auto printed = runCli({"eval", "--project", demo_, "--head", "cosine"});
        QVERIFY2(printed.exitCode == 0, qPrintable(printed.err));
        QVERIFY2(!QFileInfo::exists(log), "eval without --record wrote a log");
        const auto r = runCli({"eval", "--project", demo_, "--head", "cosine", "--record", "--log", log});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject out = parseObject(r.out);
        QCOMPARE(out, parseObject(printed.out));
        ExperimentLog l(log.toStdString());
        const auto runs = l.runs();
        QCOMPARE(runs.size(), size_t(1));
        QCOMPARE(runs[0].status, RunStatus::Finished);
        QCOMPARE(QString::fromStdString(runs[0].headKind), QStringLiteral("cosine"));
        QCOMPARE(QString::fromStdString(runs[0].stage), QStringLiteral("eval"));
        const auto finals = l.finalMetrics(runs[0].id);
        const QJsonObject mr = out["mean_rank"].toObject();
        QCOMPARE(mr.size(), 8);
        double sum = 0;
        for (const QString& key : mr.keys()) {
            QCOMPARE(finals.at("mean_rank/" + key.toStdString()), mr[key].toDouble());
            sum += mr[key].toDouble();
            // Per-object results whose mean rank is the logged one.
            const auto objects = l.objectResults(runs[0].id, key.toStdString());
            QVERIFY2(!objects.empty(), qPrintable(key));
            double ranks = 0;
            for (const auto& o : objects)
                ranks += o.rank;
            QVERIFY(std::abs(ranks / double(objects.size()) - mr[key].toDouble()) < 1e-9);
        }
        QVERIFY(std::abs(finals.at("mean_rank_sum") - sum) < 1e-9);
        QCOMPARE(finals.at("mean_rank_sum"), out["mean_rank_sum"].toDouble());
        const QJsonArray i2t = out["recall"].toObject()["i2t"].toArray();
        QCOMPARE(finals.at("i2t_r1"), i2t[0].toDouble());
        QCOMPARE(finals.at("i2t_r10"), i2t[2].toDouble());
    }

    // A cache made from another version of its benchmark file is refused,
    // naming the cache; the original file evaluates again.
    void staleCacheIsRefused()
    {
        const QString bench = demo_ + "/benchmarks/1_attributes.json";
        const QByteArray original = readBytes(bench);
        QVERIFY(!original.isEmpty());
        QVERIFY(writeBytes(bench, original + "\n"));   // same content for a parser, another SHA-256
        const auto r = runCli({"eval", "--project", demo_, "--head", "cosine"});
        QVERIFY(writeBytes(bench, original));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r.err), qPrintable(r.err));
        QVERIFY2(r.err.contains("stale feature cache") && r.err.contains("1_attributes.safetensors"), qPrintable(r.err));
        QCOMPARE(runCli({"eval", "--project", demo_, "--head", "cosine"}).exitCode, 0);
    }

    // runs --note/--tags write the log; runs --show prints the run and every metric.
    void runsShowNoteTags()
    {
        const QString log = tmp_.filePath("runs.sqlite");
        const auto t = runCli(trainArgs(log, "noted", 3));
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        const QString id = QString::number(parseObject(t.out)["run"].toInt());
        const auto note = runCli({"runs", "--log", log, "--note", id, "--text", "baseline for Fig. 3", "--tags", "paper,fig3"});
        QVERIFY2(note.exitCode == 0, qPrintable(note.err));
        {
            ExperimentLog l(log.toStdString());
            const auto run = l.run(id.toLongLong());
            QCOMPARE(QString::fromStdString(run->notes), QStringLiteral("baseline for Fig. 3"));
            QCOMPARE(QString::fromStdString(run->tags), QStringLiteral("paper,fig3"));
        }
        const auto show = runCli({"runs", "--log", log, "--show", id});
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        QVERIFY2(show.out.startsWith("run " + id + "  noted  linear/warmup  finished"), qPrintable(show.out));
        ExperimentLog l(log.toStdString());
        QVERIFY(show.out.contains(QString::fromStdString(l.run(id.toLongLong())->weightsPath)));
        // Every metric, one line each: name, step, value (6 significant digits).
        const auto metrics = l.metrics(id.toLongLong());
        QVERIFY(metrics.size() > 6);
        int found = 0;
        for (const auto& m : metrics) {
            const QRegularExpression line(QStringLiteral("^%1\\s+%2\\s+(\\S+)$")
                                              .arg(QRegularExpression::escape(QString::fromStdString(m.name)))
                                              .arg(m.step),
                                          QRegularExpression::MultilineOption);
            const auto match = line.match(show.out);
            if (!match.hasMatch())
                continue;
            ++found;
            const double shown = match.captured(1).toDouble();
            QVERIFY2(std::abs(shown - m.value) <= 1e-5 * std::max(1.0, std::abs(m.value)),
                     qPrintable(QString::fromStdString(m.name)));
        }
        QCOMPARE(found, int(metrics.size()));
        // The list shows the run; unknown runs are usage errors.
        const auto list = runCli({"runs", "--log", log});
        QVERIFY(list.exitCode == 0 && list.out.contains("noted"));
        QCOMPARE(runCli({"runs", "--log", log, "--show", "999"}).exitCode, 2);
        QCOMPARE(runCli({"runs", "--log", log, "--note", "999", "--text", "x"}).exitCode, 2);
    }

    // export --runs: only the runs named, seeds averaged into one row.
    void exportSelectedRuns()
    {
        const QString log = tmp_.filePath("export.sqlite");
        QList<qint64> ids;
        for (const auto& [name, seed] : std::vector<std::pair<QString, int>>{
                 {"alpha", 1}, {"beta seed=1", 1}, {"beta seed=2", 2}, {"gamma", 3}}) {
            const auto r = runCli(trainArgs(log, name, 1, seed));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            ids << parseObject(r.out)["run"].toInteger();
        }
        const QString out = tmp_.filePath("export-some");
        const auto r = runCli({"export", "--log", log, "--out", out, "--runs",
                               QString("%1,%2,%3").arg(ids[0]).arg(ids[1]).arg(ids[2])});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto rows = csvRows(QString::fromUtf8(readBytes(out + "/benchmarks.csv")));
        QCOMPARE(rows.size(), size_t(2));
        QVERIFY(rows.count("alpha") && rows.count("beta") && !rows.count("gamma"));
        QCOMPARE(rows.at("beta").last(), QStringLiteral("2"));   // two runs in the row
        QCOMPARE(rows.at("alpha").last(), QStringLiteral("1"));
        // The Sum column (second to last pair) is the mean over the row's runs.
        ExperimentLog l(log.toStdString());
        const double a = l.finalMetrics(ids[0]).at("mean_rank_sum");
        const double b1 = l.finalMetrics(ids[1]).at("mean_rank_sum"), b2 = l.finalMetrics(ids[2]).at("mean_rank_sum");
        const QStringList alpha = rows.at("alpha"), beta = rows.at("beta");
        QVERIFY(std::abs(alpha[alpha.size() - 3].toDouble() - a) < 1e-6);
        QVERIFY(std::abs(beta[beta.size() - 3].toDouble() - (b1 + b2) / 2) < 1e-6);
        QVERIFY(std::abs(beta[beta.size() - 2].toDouble() - std::abs(b1 - b2) / std::sqrt(2.0)) < 1e-6);
        const auto t1 = csvRows(QString::fromUtf8(readBytes(out + "/table1.csv")));
        QCOMPARE(t1.size(), size_t(2));
        QVERIFY(!t1.count("gamma"));
        // Without --runs every finished run is there.
        const QString all = tmp_.filePath("export-all");
        QCOMPARE(runCli({"export", "--log", log, "--out", all}).exitCode, 0);
        QCOMPARE(csvRows(QString::fromUtf8(readBytes(all + "/benchmarks.csv"))).size(), size_t(3));
        // runs.csv always lists every run.
        QCOMPARE(csvRows(QString::fromUtf8(readBytes(out + "/runs.csv"))).size(), size_t(4));
    }

    // Ctrl-C: the run is cancelled (exit 3, "cancelled" in the log) and resumes to the end.
    void sigintCancelsWithExitThree()
    {
        const QString log = tmp_.filePath("sigint.sqlite");
        QProcess p;
        p.start(QString::fromUtf8(FGLENS_CLI), trainArgs(log, "interrupted", 200));
        QVERIFY(p.waitForStarted());
        int64_t runId = 0;
        for (int i = 0; i < 1200 && p.state() == QProcess::Running && runId == 0; ++i) {
            QThread::msleep(50);
            try {
                ExperimentLog l(log.toStdString());
                const auto runs = l.runs();
                if (!runs.empty())
                    for (const auto& m : l.metrics(runs[0].id))
                        if (m.name == "train_loss")
                            runId = runs[0].id;
            } catch (const std::exception&) {
            }
        }
        QVERIFY2(p.state() == QProcess::Running && runId > 0, "training ended before Ctrl-C");
        QCOMPARE(::kill(static_cast<pid_t>(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 3, qPrintable(QString::number(p.exitCode()) + ": " + err));
        QVERIFY2(err.contains("cancelled"), qPrintable(err));
        {
            ExperimentLog l(log.toStdString());
            QCOMPARE(l.recoveredRuns(), 0);   // ended cleanly, not a crash
            const auto run = l.run(runId);
            QCOMPARE(run->status, RunStatus::Cancelled);
            int epochs = 0;
            for (const auto& m : l.metrics(runId))
                epochs += m.name == "train_loss";
            QVERIFY(epochs >= 1 && epochs < 200);
        }
    }

    // The kept weights are those of the epoch with the lowest logged
    // validation loss: a second run stopped at that epoch ends with them.
    void bestEpochIsTheLowestValidationLoss()
    {
        const QString log = tmp_.filePath("best.sqlite");
        // A high learning rate overfits the small demo, so the best epoch is not the last.
        QStringList args = trainArgs(log, "long", 12, 9);
        args << "--lr" << "0.01";
        const auto full = runCli(args);
        QVERIFY2(full.exitCode == 0, qPrintable(full.err));
        const int64_t id = parseObject(full.out)["run"].toInteger();
        ExperimentLog l(log.toStdString());
        double best = std::numeric_limits<double>::infinity();
        int bestEpoch = 0, epochs = 0;
        for (const auto& m : l.metrics(id))
            if (m.name == "val_loss") {
                ++epochs;
                if (m.value < best) {
                    best = m.value;
                    bestEpoch = static_cast<int>(m.step);
                }
            }
        QCOMPARE(epochs, 12);
        QCOMPARE(static_cast<int>(l.finalMetrics(id).at("best_epoch")), bestEpoch);
        QVERIFY2(bestEpoch < 12, "the validation loss fell to the last epoch: nothing was selected");
        const QString kept = QString::fromStdString(l.run(id)->weightsPath);
        const QString last = QFileInfo(kept).dir().filePath("last.pt");
        QVERIFY2(QFileInfo::exists(last), qPrintable(last));
        QVERIFY(readBytes(kept) != readBytes(last));

        QStringList shortArgs = trainArgs(log, "short", bestEpoch, 9);
        shortArgs << "--lr" << "0.01";
        const auto cut = runCli(shortArgs);
        QVERIFY2(cut.exitCode == 0, qPrintable(cut.err));
        const auto cutRun = l.run(parseObject(cut.out)["run"].toInteger());
        const QString cutLast = QFileInfo(QString::fromStdString(cutRun->weightsPath)).dir().filePath("last.pt");
        QCOMPARE(readBytes(cutLast), readBytes(kept));
    }

    // The same command in two processes gives the same bytes.
    void sameCommandTwiceGivesSameBytes()
    {
        QString outs[2];
        QByteArray weights[2];
        for (int i = 0; i < 2; ++i) {
            const QString dir = tmp_.filePath(QString("twin%1").arg(i));
            QDir().mkpath(dir);
            const auto r = runCli(trainArgs(dir + "/log.sqlite", "twin", 4, 11));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QJsonObject j = parseObject(r.out);
            weights[i] = readBytes(j["weights"].toString());
            QVERIFY(!weights[i].isEmpty());
            outs[i] = QString::fromUtf8(QJsonDocument(j["result"].toObject()).toJson());
        }
        QCOMPARE(outs[1], outs[0]);
        QVERIFY2(weights[1] == weights[0], "weights files differ between two identical runs");
        const auto e1 = runCli({"eval", "--project", demo_, "--head", "cosine"});
        const auto e2 = runCli({"eval", "--project", demo_, "--head", "cosine"});
        QVERIFY(e1.exitCode == 0 && !e1.out.isEmpty());
        QCOMPARE(e2.out, e1.out);
    }

    // A Karpathy file: --splits keeps exactly the images of those splits,
    // with the same features an unsplit encoding gives them.
    void encodeCaptionSplits()
    {
        FGLENS_REQUIRE_FIXTURE("clip-tiny/model.pt");
        FGLENS_REQUIRE_FIXTURE("clip-tiny/bpe_simple_vocab_16e6.txt.gz");
        // Images and captions from the demo's official-format caption file.
        QDir coco(demo_ + "/coco");
        const QStringList files = coco.entryList({"captions_*.json"}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        const QJsonObject official = QJsonDocument::fromJson(readBytes(coco.filePath(files[0]))).object();
        const QJsonArray imgs = official["images"].toArray(), anns = official["annotations"].toArray();
        QVERIFY(imgs.size() >= 6);
        const QStringList splits = {"train", "restval", "test", "train", "val", "restval"};
        QJsonArray images;
        int keptImages = 0, keptCaptions = 0;
        for (int i = 0; i < 6; ++i) {
            const QJsonObject im = imgs[i].toObject();
            QJsonArray sentences;
            for (const auto& a : anns)
                if (a.toObject()["image_id"].toInteger() == im["id"].toInteger())
                    sentences.append(QJsonObject{{"raw", a.toObject()["caption"].toString()}});
            QVERIFY(!sentences.isEmpty());
            images.append(QJsonObject{{"filepath", ""}, {"filename", im["file_name"].toString()},
                                      {"split", splits[i]}, {"cocoid", im["id"]}, {"sentences", sentences}});
            if (splits[i] == "train" || splits[i] == "restval") {
                ++keptImages;
                keptCaptions += sentences.size();
            }
        }
        const QString karpathy = tmp_.filePath("dataset_coco.json");
        QVERIFY(writeBytes(karpathy, QJsonDocument(QJsonObject{{"images", images}}).toJson()));
        const QString root = demo_ + "/images";
        const QStringList common = {"encode-benchmark", "--clip", test::fixture("clip-tiny/model.pt"), "--vocab",
                                    test::fixture("clip-tiny/bpe_simple_vocab_16e6.txt.gz"), "--captions", karpathy,
                                    "--image-root", root, "--quiet", "--device", "cpu"};
        const QString split = tmp_.filePath("split.safetensors"), whole = tmp_.filePath("whole.safetensors");
        auto r = runCli(common + QStringList{"--splits", "train,restval", "--out", split});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parseObject(r.out)["images"].toInt(), keptImages);
        const int splitCaptions = parseObject(r.out)["captions"].toInt();
        QVERIFY(splitCaptions > 0 && splitCaptions <= keptCaptions);   // identical texts are encoded once
        QCOMPARE(parseObject(r.out)["images_failed"].toInt(), 0);
        r = runCli(common + QStringList{"--out", whole});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(parseObject(r.out)["images"].toInt(), 6);

        const auto s = loadCaptionSetCache(split.toStdString()), w = loadCaptionSetCache(whole.toStdString());
        QCOMPARE(s.imageFeatures.size(0), int64_t(keptImages));
        // Every caption has a row; the summary counts the distinct texts encoded.
        QCOMPARE(s.captionFeatures.size(0), int64_t(keptCaptions));
        QCOMPARE(s.captionImage.size(0), s.captionFeatures.size(0));
        QCOMPARE(w.imageFeatures.size(0), int64_t(6));
        // Rows of the kept images in the whole cache: 0, 1, 3, 5.
        std::vector<int64_t> keptRows;
        for (int i = 0; i < 6; ++i)
            if (splits[i] == "train" || splits[i] == "restval")
                keptRows.push_back(i);
        // The same images in the same order. Not bit for bit: four images make
        // other batch shapes than six, and the GEMMs take other kernels for them;
        // a wrong or shifted row would differ by far more than these roundings.
        const auto expected = w.imageFeatures.index_select(0, torch::tensor(keptRows)).to(torch::kFloat32);
        const auto got = s.imageFeatures.to(torch::kFloat32);
        const double diff = (got - expected).abs().max().item<double>();
        QVERIFY2(diff < 2e-3, qPrintable(QString("largest difference %1").arg(diff)));
        for (int64_t i = 0; i < got.size(0); ++i)   // each row is nearest to its own image
            QCOMPARE((got[i].unsqueeze(0) - w.imageFeatures.to(torch::kFloat32)).abs().sum(1).argmin().item<int64_t>(),
                     keptRows[size_t(i)]);
        // Every caption of the split cache is a caption of the same image in the whole one.
        const auto wci = w.captionImage.contiguous(), sci = s.captionImage.contiguous();
        std::set<int64_t> imagesWithCaptions;
        for (int64_t c = 0; c < sci.size(0); ++c) {
            const int64_t image = keptRows.at(size_t(sci[c].item<int64_t>()));
            imagesWithCaptions.insert(image);
            bool found = false;
            for (int64_t d = 0; d < wci.size(0) && !found; ++d)
                found = wci[d].item<int64_t>() == image &&   // same text, other batches (see above)
                        (s.captionFeatures[c].to(torch::kFloat32) - w.captionFeatures[d].to(torch::kFloat32))
                                .abs().max().item<double>() < 2e-3;
            QVERIFY2(found, qPrintable(QString("split caption %1 is not a caption of image %2").arg(c).arg(image)));
        }
        QCOMPARE(imagesWithCaptions.size(), keptRows.size());
        // A split that no image has: one line.
        r = runCli(common + QStringList{"--splits", "nosuchsplit", "--out", tmp_.filePath("none.safetensors")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneLine(r.err) && r.err.contains("requested splits"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliCoverage)
#include "test_cli_coverage.moc"

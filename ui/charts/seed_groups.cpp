#include "charts/seed_groups.h"

#include "common/qt_text.h"

#include "store/experiment_log.h"
#include "store/log_location.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <map>

namespace fglens::ui {

QString seedGroupKey(const QString& headKind, const QString& stage, const QString& configJson)
{
    QJsonObject config = QJsonDocument::fromJson(configJson.toUtf8()).object();
    config.remove(QStringLiteral("seed"));
    config.remove(QStringLiteral("init_weights"));
    return headKind + QLatin1Char('|') + stage + QLatin1Char('|') +
           QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
}

std::vector<SetGroup> groupRunsBySeed(const std::vector<ResultSetPtr>& sets, const QString& logPath)
{
    std::map<int64_t, RunRecord> runs;
    // Opening a log creates it: never for a path that is not one yet.
    if (!logPath.isEmpty() && (isPostgresUri(ss(logPath)) || QFileInfo::exists(logPath))) {
        try {
            const ExperimentLog log(ss(logPath));
            for (RunRecord& r : log.runs())
                runs[r.id] = std::move(r);
        } catch (const std::exception&) {
            return ungrouped(sets);   // figures still draw, one series per run
        }
    }
    std::vector<SetGroup> groups;
    std::vector<QString> keys;
    for (const auto& s : sets) {
        const auto it = runs.find(s->runId);
        // Evaluation-only runs (cosine) have nothing a seed changes: alone.
        // Detectors too: two detectors imported at one N share their config.
        const bool trained = it != runs.end() && it->second.stage != "eval" && it->second.stage != "detector" &&
                             !it->second.stage.empty();
        const QString key = trained ? seedGroupKey(qs(it->second.headKind), qs(it->second.stage), qs(it->second.configJson))
                                    : QString();
        size_t g = groups.size();
        if (!key.isEmpty())
            for (size_t i = 0; i < keys.size(); ++i)
                if (keys[i] == key)
                    g = i;
        if (g == groups.size()) {
            groups.push_back(SetGroup{s->label, s->key, {}});
            keys.push_back(key);
        }
        groups[g].members.push_back(s);
    }
    // A group of several seeds is named by what they share, not one run's id.
    for (SetGroup& g : groups) {
        if (g.members.size() < 2)
            continue;
        const ResultSet& first = *g.members.front();
        g.label = first.stage.isEmpty() ? first.headKind : first.headKind + QLatin1Char('/') + first.stage;
    }
    for (size_t i = 0; i < groups.size(); ++i)
        for (size_t j = 0; j < groups.size(); ++j)
            if (i != j && groups[i].members.size() > 1 && groups[i].label == groups[j].label)
                groups[i].label += QStringLiteral(" #%1").arg(groups[i].members.front()->runId);
    return groups;
}

} // namespace fglens::ui

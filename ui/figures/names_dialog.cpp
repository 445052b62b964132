#include "figures/names_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fglens::ui {

namespace {

QTableWidget* mappingTable(const QString& keyHeader, const QString& valueHeader, const QStringList& keys,
                           const QMap<QString, QString>& values, QWidget* parent)
{
    auto* t = new QTableWidget(static_cast<int>(keys.size()), 2, parent);
    t->setHorizontalHeaderLabels({keyHeader, valueHeader});
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->verticalHeader()->hide();
    for (int r = 0; r < keys.size(); ++r) {
        auto* key = new QTableWidgetItem(keys[r]);
        key->setFlags(key->flags() & ~Qt::ItemIsEditable);
        t->setItem(r, 0, key);
        t->setItem(r, 1, new QTableWidgetItem(values.value(keys[r])));
    }
    return t;
}

void collect(const QTableWidget* t, QMap<QString, QString>& into)
{
    for (int r = 0; r < t->rowCount(); ++r) {
        const QString key = t->item(r, 0)->text();
        const QString value = t->item(r, 1) ? t->item(r, 1)->text().trimmed() : QString();
        if (value.isEmpty() || value == key)
            into.remove(key);
        else
            into.insert(key, value);
    }
}

} // namespace

NamesDialog::NamesDialog(const QStringList& runLabels, const QStringList& categoryLabels, const FigureNames& current,
                         QWidget* parent)
    : QDialog(parent)
    , start_(current)
{
    setWindowTitle(tr("Names in figures"));
    runs_ = mappingTable(tr("Run (default label)"), tr("Name in figures"), runLabels, current.runNames, this);
    categories_ = mappingTable(tr("Category"), tr("Abbreviation (empty: full name)"), categoryLabels,
                               current.abbreviations, this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Names you give here replace the default labels in every legend and export, "
                                    "now and in later sessions."), this));
    layout->addWidget(runs_, 2);
    layout->addWidget(new QLabel(tr("Category labels are printed in full, wrapped or turned when long; "
                                    "an abbreviation here is the only way they are shortened."), this));
    layout->addWidget(categories_, 1);
    layout->addWidget(buttons);
    resize(560, 480);
}

FigureNames NamesDialog::names() const
{
    FigureNames out = start_;
    collect(runs_, out.runNames);
    collect(categories_, out.abbreviations);
    return out;
}

} // namespace fglens::ui

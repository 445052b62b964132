#include "project/missing_notice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace fglens::ui {

MissingNotice::MissingNotice(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), button_(new QPushButton(this))
{
    setObjectName(QStringLiteral("missingNotice"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's tooltip colours read as "a note", in light and dark themes alike.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    row->addWidget(label_, 1);
    row->addWidget(button_, 0, Qt::AlignVCenter);
    connect(button_, &QPushButton::clicked, this, &MissingNotice::actionRequested);
    setMessage({});
}

void MissingNotice::setMessage(const QString& text, const QString& action)
{
    label_->setText(text);
    button_->setText(action);
    button_->setVisible(!action.isEmpty());
    setVisible(!text.isEmpty());
}

QString MissingNotice::text() const
{
    return label_->text();
}

QString MissingNotice::actionText() const
{
    return button_->isVisible() || !button_->text().isEmpty() ? button_->text() : QString();
}

} // namespace fglens::ui

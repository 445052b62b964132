#pragma once
// A banner saying what the open project lacks for the view it sits in, with
// the one button that fixes it. A half-made project (benchmarks without
// features, no training sets) explains itself where the user looks, not only
// in the status bar.
#include <QFrame>

class QLabel;
class QPushButton;

namespace fglens::ui {

class MissingNotice final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MissingNotice)

public:
    explicit MissingNotice(QWidget* parent = nullptr);

    // Hidden while `text` is empty; the button only shows with `action`.
    void setMessage(const QString& text, const QString& action = {});
    QString text() const;
    QString actionText() const;

Q_SIGNALS:
    void actionRequested();

private:
    QLabel* label_;
    QPushButton* button_;
};

} // namespace fglens::ui

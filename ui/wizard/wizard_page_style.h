// Small shared pieces of the wizard pages' look and accessibility: a status label whose changes screen readers
// announce, and verdict colours that work on light and dark palettes.
#pragma once

#include <QAccessible>
#include <QLabel>
#include <QString>

namespace offsite::ui {

enum class Verdict { Neutral = 1, Good, Warning, Bad };

// A label for status changes: word-wrapped, selectable, and announced (NameChanged) when its text changes.
class StatusLabel : public QLabel {
    Q_OBJECT

public:
    explicit StatusLabel(const QString& objectName, QWidget* parent = nullptr) : QLabel(parent) {
        setObjectName(objectName);
        setWordWrap(true);
        setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        setFocusPolicy(Qt::TabFocus);
    }
    void announce(const QString& text, Verdict verdict = Verdict::Neutral) {
        QString mark;
        switch (verdict) {
            case Verdict::Neutral: setStyleSheet(QString()); break;
            case Verdict::Good:
                mark = QStringLiteral("\u2714 ");
                setStyleSheet(QStringLiteral("color: palette(text); border-left: 4px solid #2e9d4d; padding-left: 6px;"));
                break;
            case Verdict::Warning:
                mark = QStringLiteral("\u26a0 ");
                setStyleSheet(QStringLiteral("color: palette(text); border-left: 4px solid #d08a00; padding-left: 6px;"));
                break;
            case Verdict::Bad:
                mark = QStringLiteral("\u2716 ");
                setStyleSheet(QStringLiteral("color: palette(text); border-left: 4px solid #c8372d; padding-left: 6px;"));
                break;
        }
        setText(mark + text);
        setAccessibleName(text);
        QAccessibleEvent event(this, QAccessible::NameChanged);
        QAccessible::updateAccessibility(&event);
    }
};

}  // namespace offsite::ui

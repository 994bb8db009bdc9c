// The library: tabs of packages, data sets, runs and exports in the workspace. Activating a run (double-click
// or Enter) asks to open its detail page; Resume (enabled for a selected run that is paused or was interrupted)
// asks to continue it in the wizard's train step.
#pragma once

#include <QWidget>
#include <array>

#include "core/base/result.h"
#include "ui/library/library_table_model.h"

class QPushButton;
class QTabWidget;
class QTableView;

namespace offsite::ui {

class LibraryPage : public QWidget {
    Q_OBJECT

public:
    explicit LibraryPage(QWidget* parent = nullptr);

    [[nodiscard]] Status reload(workspace::Workspace& workspace);
    [[nodiscard]] LibraryTableModel* model(LibraryTableModel::Shelf shelf) const;
    [[nodiscard]] QTableView* view(LibraryTableModel::Shelf shelf) const;
    void showShelf(LibraryTableModel::Shelf shelf);
    // Selects the run's row on the runs shelf (false when it is not listed).
    bool selectRun(qint64 runId);
    // Resumes the selected run when it can be resumed (the Resume button).
    void resumeSelectedRun();
    [[nodiscard]] QPushButton* resumeButton() const { return resume_; }

signals:
    void runActivated(qint64 runId);
    void newFineTuningRequested();
    void resumeRunRequested(qint64 runId);

private:
    void updateActions();
    [[nodiscard]] int selectedRunRow() const;

    QTabWidget* tabs_;
    QPushButton* resume_;
    std::array<LibraryTableModel*, 4> models_{};
    std::array<QTableView*, 4> views_{};
};

}  // namespace offsite::ui

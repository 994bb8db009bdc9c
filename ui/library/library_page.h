// The library: tabs of packages, data sets, runs and exports in the workspace. Activating a run (double-click
// or Enter) asks to open its detail page.
#pragma once

#include <QWidget>
#include <array>

#include "core/base/result.h"
#include "ui/library/library_table_model.h"

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

signals:
    void runActivated(qint64 runId);
    void newFineTuningRequested();

private:
    QTabWidget* tabs_;
    std::array<LibraryTableModel*, 4> models_{};
    std::array<QTableView*, 4> views_{};
};

}  // namespace offsite::ui

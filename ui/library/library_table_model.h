// Item model of one shelf of the library (packages, data sets, runs or exports) over the workspace's listings.
// The model holds a snapshot; reload() re-reads it (the workspace is used from the GUI thread only).
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "core/base/result.h"

namespace offsite::workspace {
class Workspace;
}

namespace offsite::ui {

class LibraryTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum class Shelf { Packages = 1, Datasets, Runs, Exports };
    // Qt::UserRole on any column: the row's id in the workspace.
    static constexpr int IdRole = Qt::UserRole;
    // Qt::UserRole + 1 on any column of the runs shelf: the stored state ("paused", "completed", ...).
    static constexpr int StateRole = Qt::UserRole + 1;

    explicit LibraryTableModel(Shelf shelf, QObject* parent = nullptr);

    [[nodiscard]] Status reload(workspace::Workspace& workspace);
    void clear();
    [[nodiscard]] Shelf shelf() const { return shelf_; }
    [[nodiscard]] qint64 idAt(int row) const;
    // The row showing `id`, or -1.
    [[nodiscard]] int rowOf(qint64 id) const;
    // The stored state of the run in `row` (runs shelf; empty otherwise).
    [[nodiscard]] QString stateAt(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    struct Row {
        qint64 id = 0;
        QStringList cells;
        QString state;  // runs: the stored state name
    };
    Shelf shelf_;
    QStringList headers_;
    std::vector<Row> rows_;
};

// Whether a run in this stored state can be continued: paused (by the user, or by the workspace after the app
// was closed mid-run) or created and never started.
[[nodiscard]] bool runStateResumable(const QString& state);
// Human wording for a stored run state ("running" -> "Running"), translated.
[[nodiscard]] QString runStateDisplayName(const QString& state);
// "12.3 MB" in the user's locale.
[[nodiscard]] QString displaySize(qint64 bytes);
// A millisecond timestamp as a short local date and time.
[[nodiscard]] QString displayTime(qint64 msSinceEpoch);

}  // namespace offsite::ui

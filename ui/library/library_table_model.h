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

    explicit LibraryTableModel(Shelf shelf, QObject* parent = nullptr);

    [[nodiscard]] Status reload(workspace::Workspace& workspace);
    void clear();
    [[nodiscard]] Shelf shelf() const { return shelf_; }
    [[nodiscard]] qint64 idAt(int row) const;
    // The row showing `id`, or -1.
    [[nodiscard]] int rowOf(qint64 id) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    struct Row {
        qint64 id = 0;
        QStringList cells;
    };
    Shelf shelf_;
    QStringList headers_;
    std::vector<Row> rows_;
};

// Human wording for a stored run state ("running" -> "Running"), translated.
[[nodiscard]] QString runStateDisplayName(const QString& state);
// "12.3 MB" in the user's locale.
[[nodiscard]] QString displaySize(qint64 bytes);
// A millisecond timestamp as a short local date and time.
[[nodiscard]] QString displayTime(qint64 msSinceEpoch);

}  // namespace offsite::ui

// The library's item models (see library_table_model.h).
#include "ui/library/library_table_model.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }

QString taskDisplayName(const std::string& task) {
    if (task == "text") return LibraryTableModel::tr("Plain text");
    if (task == "prompt_completion") return LibraryTableModel::tr("Prompt and completion");
    if (task == "classification") return LibraryTableModel::tr("Classification");
    if (task == "multiple_choice") return LibraryTableModel::tr("Multiple choice");
    return q(task);
}
}  // namespace

QString runStateDisplayName(const QString& state) {
    if (state == QLatin1String("created")) return LibraryTableModel::tr("Not started");
    if (state == QLatin1String("running")) return LibraryTableModel::tr("Running");
    if (state == QLatin1String("paused")) return LibraryTableModel::tr("Paused");
    if (state == QLatin1String("completed")) return LibraryTableModel::tr("Completed");
    if (state == QLatin1String("failed")) return LibraryTableModel::tr("Failed");
    if (state == QLatin1String("cancelled")) return LibraryTableModel::tr("Cancelled");
    return state;
}

bool runStateResumable(const QString& state) {
    // A run left `running` by an app that was closed or killed is paused when the workspace is next opened, so
    // `running` here means it trains now.
    return state == QLatin1String("paused") || state == QLatin1String("created");
}

QString displaySize(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

QString displayTime(qint64 msSinceEpoch) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msSinceEpoch), QLocale::ShortFormat);
}

LibraryTableModel::LibraryTableModel(Shelf shelf, QObject* parent) : QAbstractTableModel(parent), shelf_(shelf) {
    switch (shelf_) {
        case Shelf::Packages: headers_ = {tr("Model"), tr("Version"), tr("Publisher"), tr("Imported")}; break;
        case Shelf::Datasets: headers_ = {tr("Data set"), tr("Task"), tr("Format"), tr("Added")}; break;
        case Shelf::Runs: headers_ = {tr("Run"), tr("State"), tr("Started"), tr("Last change")}; break;
        case Shelf::Exports: headers_ = {tr("Run"), tr("Size"), tr("Created"), tr("Receipts")}; break;
    }
}

Status LibraryTableModel::reload(workspace::Workspace& workspace) {
    std::vector<Row> rows;
    switch (shelf_) {
        case Shelf::Packages: {
            OFFSITE_ASSIGN_OR_RETURN(auto packages, workspace::listPackages(workspace));
            for (const auto& p : packages) {
                rows.push_back({p.package.id,
                                {q(p.package.name), q(p.package.version),
                                 p.publisherName.empty() ? tr("Unknown") : q(p.publisherName),
                                 displayTime(p.package.importedAt)}});
            }
            break;
        }
        case Shelf::Datasets: {
            OFFSITE_ASSIGN_OR_RETURN(auto datasets, workspace::listDatasets(workspace));
            for (const auto& d : datasets) {
                rows.push_back({d.id, {q(d.name), taskDisplayName(d.task), q(d.format).toUpper(),
                                       displayTime(d.createdAt)}});
            }
            break;
        }
        case Shelf::Runs: {
            OFFSITE_ASSIGN_OR_RETURN(auto runs, workspace.runs());
            for (const auto& r : runs) {
                const QString state = q(std::string(workspace::runStateName(r.state)));
                rows.push_back({r.id,
                                {q(r.name), runStateDisplayName(state), displayTime(r.createdAt),
                                 displayTime(r.updatedAt)},
                                state});
            }
            break;
        }
        case Shelf::Exports: {
            OFFSITE_ASSIGN_OR_RETURN(auto exports, workspace::listExports(workspace));
            for (const auto& e : exports) {
                rows.push_back({e.id, {q(e.runName), displaySize(e.sizeBytes), displayTime(e.createdAt),
                                       QLocale().toString(static_cast<qlonglong>(e.receipts))}});
            }
            break;
        }
    }
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    return {};
}

void LibraryTableModel::clear() {
    beginResetModel();
    rows_.clear();
    endResetModel();
}

qint64 LibraryTableModel::idAt(int row) const {
    if (row < 0 || row >= static_cast<int>(rows_.size())) return 0;
    return rows_[static_cast<std::size_t>(row)].id;
}

int LibraryTableModel::rowOf(qint64 id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id) return static_cast<int>(i);
    }
    return -1;
}

QString LibraryTableModel::stateAt(int row) const {
    if (row < 0 || row >= static_cast<int>(rows_.size())) return {};
    return rows_[static_cast<std::size_t>(row)].state;
}

int LibraryTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int LibraryTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(headers_.size());
}

QVariant LibraryTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) return row.cells.value(index.column());
    if (role == IdRole) return row.id;
    if (role == StateRole && shelf_ == Shelf::Runs) return row.state;
    return {};
}

QVariant LibraryTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return headers_.value(section);
}

}  // namespace offsite::ui

// The data-table alternative to the charts.
#include "ui/charts/metric_table_model.h"

#include <QLocale>

namespace offsite::ui {

MetricTableModel::MetricTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int MetricTableModel::firstRowOf(Metric metric) const {
    std::size_t row = 0;
    for (int i = 0; i < metricIndex(metric); ++i) row += points_[static_cast<std::size_t>(i)].size();
    return static_cast<int>(row);
}

void MetricTableModel::setPoints(Metric metric, std::vector<ChartPoint> points, Change change) {
    auto& current = points_[static_cast<std::size_t>(metricIndex(metric))];
    if (change == Change::Appended && points.size() >= current.size()) {
        if (points.size() == current.size()) {
            // The partly filled bucket at the end may have moved on.
            current = std::move(points);
            if (!current.empty()) {
                int row = firstRowOf(metric) + static_cast<int>(current.size()) - 1;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            return;
        }
        // The last old row may be a partly filled bucket that is now complete: refresh it, insert the rest.
        const int first = firstRowOf(metric);
        const int oldSize = static_cast<int>(current.size());
        beginInsertRows({}, first + oldSize, first + static_cast<int>(points.size()) - 1);
        current = std::move(points);
        endInsertRows();
        if (oldSize > 0) emit dataChanged(index(first + oldSize - 1, 0), index(first + oldSize - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    current = std::move(points);
    endResetModel();
}

void MetricTableModel::clear() {
    beginResetModel();
    for (auto& series : points_) series.clear();
    endResetModel();
}

int MetricTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    std::size_t rows = 0;
    for (const auto& series : points_) rows += series.size();
    return static_cast<int>(rows);
}

int MetricTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MetricTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    std::size_t row = static_cast<std::size_t>(index.row());
    std::size_t series = 0;
    while (row >= points_[series].size()) row -= points_[series++].size();
    const ChartPoint& point = points_[series][row];
    const Metric metric = kAllMetrics[series];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) {
        switch (index.column()) {
            case MetricColumn: return metricDisplayName(metric);
            case StepColumn: return QLocale().toString(static_cast<qlonglong>(point.step));
            case ValueColumn: return QLocale().toString(point.value, 'g', 6);
            default: return {};
        }
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
            case MetricColumn: return static_cast<int>(metric);
            case StepColumn: return point.step;
            case ValueColumn: return point.value;
            default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != MetricColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant MetricTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case MetricColumn: return tr("Metric");
        case StepColumn: return tr("Step");
        case ValueColumn: return tr("Value");
        default: return {};
    }
}

}  // namespace offsite::ui

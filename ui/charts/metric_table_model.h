// The chart's points as a table (metric, step, value): the accessible alternative to the charts, readable by a
// screen reader and from the keyboard. Rows are grouped by metric in kAllMetrics order.
#pragma once

#include <QAbstractTableModel>
#include <array>
#include <vector>

#include "ui/charts/downsampled_series.h"
#include "ui/charts/metric.h"

namespace offsite::ui {

class MetricTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { MetricColumn = 0, StepColumn, ValueColumn, ColumnCount };
    enum class Change { Appended = 1, Reloaded };

    explicit MetricTableModel(QObject* parent = nullptr);

    // Replaces one metric's rows. Change::Appended promises that the old rows are a prefix of `points`
    // (rows are inserted); Change::Reloaded resets the model.
    void setPoints(Metric metric, std::vector<ChartPoint> points, Change change);
    void clear();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    [[nodiscard]] int firstRowOf(Metric metric) const;
    std::array<std::vector<ChartPoint>, kAllMetrics.size()> points_;
};

}  // namespace offsite::ui

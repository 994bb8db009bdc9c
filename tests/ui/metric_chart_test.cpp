// MetricChart: bounded memory for long runs, batched refreshes, and the data-table alternative under
// QAbstractItemModelTester.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QValueAxis>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <cmath>

#include "tests/ui/qt_test_app.h"
#include "ui/charts/downsampled_series.h"
#include "ui/charts/metric_chart.h"
#include "ui/charts/metric_table_model.h"

namespace offsite::ui {
namespace {

using testing::app;

TEST(DownsampledSeries, StaysWithinCapacityAndKeepsTheCurve) {
    DownsampledSeries series(100);
    for (int i = 1; i <= 100000; ++i) series.append(i, 1000.0 / i);
    EXPECT_LE(series.size(), 100u);
    EXPECT_GE(series.size(), 50u);
    EXPECT_EQ(series.appended(), 100000u);
    const auto points = series.points();
    // Steps increase, the last point is the newest step, values follow the decreasing curve.
    for (std::size_t i = 1; i < points.size(); ++i) {
        EXPECT_LT(points[i - 1].step, points[i].step);
        EXPECT_GE(points[i - 1].value, points[i].value);
    }
    EXPECT_EQ(points.back().step, 100000.0);
}

TEST(DownsampledSeries, KeepsEveryPointUntilFull) {
    DownsampledSeries series(10);
    for (int i = 0; i < 9; ++i) series.append(i, i * 2.0);
    ASSERT_EQ(series.size(), 9u);
    EXPECT_EQ(series.stride(), 1u);
    EXPECT_EQ(series.points()[4].value, 8.0);
    series.append(9, 18.0);  // the tenth point fills it: pairs merge
    EXPECT_EQ(series.stride(), 2u);
    EXPECT_EQ(series.size(), 5u);
    EXPECT_EQ(series.points()[0].step, 1.0);
    EXPECT_EQ(series.points()[0].value, 1.0);
}

// A speed curve that jumps from hundreds to ten thousand tokens/s once had a y axis starting at -485.
TEST(MetricChart, AxesOfNonNegativeMetricsDoNotGoBelowZero) {
    app();
    MetricChart chart;
    const double speeds[] = {300.0, 250.0, 10000.0, 2000.0};
    for (int step = 1; step <= 4; ++step) {
        chart.append(Metric::TokensPerSecond, step, speeds[step - 1]);
        chart.append(Metric::TrainingLoss, step, 4.6 - 0.01 * step);
    }
    chart.flush();
    int axes = 0;
    for (QChartView* view : chart.findChildren<QChartView*>()) {
        for (QAbstractAxis* axis : view->chart()->axes(Qt::Vertical)) {
            const auto* values = qobject_cast<QValueAxis*>(axis);
            ASSERT_NE(values, nullptr);
            EXPECT_GE(values->min(), 0.0) << view->chart()->title().toStdString();
            ++axes;
        }
    }
    EXPECT_GE(axes, 2);
}

TEST(MetricChart, ThousandsOfPointsStayBoundedAndRefreshInBatches) {
    app();
    MetricChart chart;
    chart.setCapacity(500);
    QAbstractItemModelTester tester(chart.tableModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    for (int step = 1; step <= 50000; ++step) {
        chart.append(Metric::TrainingLoss, step, 5.0 * std::exp(-step / 10000.0));
        chart.append(Metric::LearningRate, step, 1e-4);
        if (step % 100 == 0) chart.append(Metric::ValidationLoss, step, 5.0 * std::exp(-step / 9000.0));
        if (step % 5000 == 0) chart.flush();
    }
    chart.flush();
    EXPECT_EQ(chart.refreshCount(), 10u);  // one repaint per batch, not one per point
    EXPECT_LE(chart.drawnPointCount(Metric::TrainingLoss), 500);
    EXPECT_GT(chart.drawnPointCount(Metric::TrainingLoss), 200);
    EXPECT_EQ(chart.drawnPointCount(Metric::ValidationLoss), 250);  // 500 points reached capacity: merged once
    EXPECT_EQ(chart.drawnPointCount(Metric::TokensPerSecond), 0);
    EXPECT_EQ(chart.tableModel()->rowCount(),
              chart.drawnPointCount(Metric::TrainingLoss) + chart.drawnPointCount(Metric::ValidationLoss) +
                  chart.drawnPointCount(Metric::LearningRate));
}

TEST(MetricChart, TimerAppliesBufferedPointsWithoutAnExplicitFlush) {
    app();
    MetricChart chart;
    chart.setRefreshIntervalMs(20);
    chart.append(Metric::TokensPerSecond, 1, 1200.0);
    chart.append(Metric::TokensPerSecond, 2, 1300.0);
    EXPECT_EQ(chart.drawnPointCount(Metric::TokensPerSecond), 0);  // buffered, not drawn yet
    EXPECT_TRUE(QTest::qWaitFor([&] { return chart.drawnPointCount(Metric::TokensPerSecond) == 2; }, 2000));
    EXPECT_EQ(chart.refreshCount(), 1u);
}

TEST(MetricTableModel, PassesTheItemModelTesterThroughAppendsReloadsAndClears) {
    app();
    MetricTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setPoints(Metric::ValidationLoss, {{10, 3.0}, {20, 2.5}}, MetricTableModel::Change::Appended);
    model.setPoints(Metric::TrainingLoss, {{1, 4.0}}, MetricTableModel::Change::Appended);
    model.setPoints(Metric::TrainingLoss, {{1, 4.0}, {2, 3.9}, {3, 3.8}}, MetricTableModel::Change::Appended);
    EXPECT_EQ(model.rowCount(), 5);
    // Rows are grouped by metric: training loss first.
    EXPECT_EQ(model.data(model.index(2, MetricTableModel::StepColumn), Qt::UserRole).toDouble(), 3.0);
    EXPECT_EQ(model.data(model.index(3, MetricTableModel::StepColumn), Qt::UserRole).toDouble(), 10.0);
    EXPECT_EQ(model.data(model.index(4, MetricTableModel::ValueColumn), Qt::UserRole).toDouble(), 2.5);
    model.setPoints(Metric::TrainingLoss, {{2, 3.95}}, MetricTableModel::Change::Reloaded);
    EXPECT_EQ(model.rowCount(), 3);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(MetricChart, TableIsReachableFromTheKeyboard) {
    app();
    MetricChart chart;
    chart.append(Metric::TrainingLoss, 1, 2.0);
    chart.flush();
    auto* toggle = chart.findChild<QPushButton*>(QStringLiteral("metricChartTableToggle"));
    ASSERT_NE(toggle, nullptr);
    EXPECT_NE(toggle->focusPolicy() & Qt::TabFocus, 0);
    EXPECT_FALSE(toggle->accessibleName().isEmpty());
    toggle->click();
    EXPECT_TRUE(chart.showingTable());
    auto* table = chart.findChild<QTableView*>(QStringLiteral("metricTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->model()->rowCount(), 1);
    EXPECT_FALSE(table->accessibleName().isEmpty());
    toggle->click();
    EXPECT_FALSE(chart.showingTable());
}

// Memory is drawn in MB or GB with few decimals (not MiB with "%.3g"); GPU memory shares the memory plot, GPU
// utilisation gets its own plot once it has points, and the data table lists both new series.
TEST(MetricChart, MemoryInMegabytesOrGigabytesAndGpuSeriesInPlotAndTable) {
    app();
    MetricChart chart;
    QAbstractItemModelTester tester(chart.tableModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_FALSE(chart.utilisationShown());
    for (int step = 1; step <= 4; ++step) chart.append(Metric::MemoryMiB, step, 300.0 + step);  // about 316 MB
    chart.flush();
    EXPECT_EQ(chart.memoryAxisTitle(), QStringLiteral("Memory (MB)"));
    EXPECT_EQ(chart.memoryAxisFormat(), QStringLiteral("%.1f"));  // 3 MB over 4 ticks: one decimal tells them apart
    chart.clear();
    for (int step = 1; step <= 4; ++step) chart.append(Metric::MemoryMiB, step, 280.0 + 8.0 * step);
    chart.flush();
    EXPECT_EQ(chart.memoryAxisFormat(), QStringLiteral("%.0f"));
    auto* memoryPlot = chart.findChild<QChartView*>(QStringLiteral("metricPlot3"));
    ASSERT_NE(memoryPlot, nullptr);
    auto axes = memoryPlot->chart()->axes(Qt::Vertical);
    ASSERT_EQ(axes.size(), 1);
    auto* y = static_cast<QValueAxis*>(axes.front());
    EXPECT_NEAR(y->max(), 312.0 * 1.048576, 10.0);  // MB, not MiB

    for (int step = 1; step <= 4; ++step) {
        chart.append(Metric::GpuMemoryMiB, step, 5000.0 + 100.0 * step);  // about 5.3 to 5.7 GB
        chart.append(Metric::GpuUtilisation, step, 40.0 + step);
    }
    chart.flush();
    EXPECT_EQ(chart.memoryAxisTitle(), QStringLiteral("Memory (GB)"));
    EXPECT_EQ(chart.memoryAxisFormat(), QStringLiteral("%.0f"));  // 0.3 to 5.9 GB: whole GB per tick
    EXPECT_NEAR(y->max(), 5400.0 * 1.048576 / 1000.0, 0.6);
    EXPECT_EQ(chart.drawnPointCount(Metric::GpuMemoryMiB), 4);
    EXPECT_TRUE(chart.utilisationShown());
    MetricTableModel* table = chart.tableModel();
    QSet<QString> names;
    for (int row = 0; row < table->rowCount(); ++row) {
        names.insert(table->index(row, MetricTableModel::MetricColumn).data().toString());
    }
    EXPECT_TRUE(names.contains(metricDisplayName(Metric::GpuMemoryMiB)));
    EXPECT_TRUE(names.contains(metricDisplayName(Metric::GpuUtilisation)));
    EXPECT_EQ(table->rowCount(), 12);
    // Only GPU memory, 1.4 to 2.3 GB: GB with one decimal.
    chart.clear();
    for (int step = 1; step <= 4; ++step) chart.append(Metric::GpuMemoryMiB, step, 1000.0 + 300.0 * step);
    chart.flush();
    EXPECT_EQ(chart.memoryAxisTitle(), QStringLiteral("Memory (GB)"));
    EXPECT_EQ(chart.memoryAxisFormat(), QStringLiteral("%.1f"));
    chart.clear();
    EXPECT_FALSE(chart.utilisationShown());
}

}  // namespace
}  // namespace offsite::ui

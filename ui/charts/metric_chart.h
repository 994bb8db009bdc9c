// The one widget that draws training metrics. Everything that knows about Qt Charts lives in this folder, so a
// later move to Qt Graphs changes ui/charts/ only.
//
// Four small charts (loss with training and validation curves, learning rate, tokens per second, memory: the
// process's, or the GPU's when it is monitored), a fifth for GPU utilisation once it has points, and a data
// table of the same points, switched with a button, so a screen-reader or keyboard user gets the numbers.
// Updates are batched: append() only buffers; a timer applies the buffer a few times a second with one
// replace() per series (one repaint), and each series is downsampled so a long run keeps memory flat.
#pragma once

#include <QString>
#include <QWidget>
#include <array>
#include <vector>

#include "ui/charts/downsampled_series.h"
#include "ui/charts/metric.h"

class QLineSeries;
class QValueAxis;
class QChartView;
class QStackedWidget;
class QTableView;
class QPushButton;
class QTimer;

namespace offsite::ui {

class MetricTableModel;

class MetricChart : public QWidget {
    Q_OBJECT

public:
    explicit MetricChart(QWidget* parent = nullptr);
    ~MetricChart() override;

    // Buffers one point; it is drawn at the next refresh (at most refreshIntervalMs() later).
    void append(Metric metric, double step, double value);
    // Applies the buffered points now (the refresh timer calls this; tests call it directly).
    void flush();
    void clear();

    void setRefreshIntervalMs(int milliseconds);
    [[nodiscard]] int refreshIntervalMs() const;
    // Points kept per series; older points are merged pairwise beyond this.
    void setCapacity(std::size_t pointsPerSeries);

    [[nodiscard]] int drawnPointCount(Metric metric) const;
    // The memory plot's title and the y axis's label format, as drawn (tests).
    [[nodiscard]] QString memoryAxisTitle() const;
    [[nodiscard]] QString memoryAxisFormat() const;
    [[nodiscard]] bool utilisationShown() const;
    [[nodiscard]] std::uint64_t refreshCount() const { return refreshes_; }
    [[nodiscard]] MetricTableModel* tableModel() const { return table_; }
    [[nodiscard]] bool showingTable() const;
    void showTable(bool table);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Pending {
        Metric metric;
        double step;
        double value;
    };
    struct Plot {
        QChartView* view = nullptr;
        QValueAxis* xAxis = nullptr;
        QValueAxis* yAxis = nullptr;
        QString labelFormat;  // the y axis's usual format
        bool memory = false;  // values in MiB, drawn in MB or GB
    };
    void buildPlots();
    void applyTheme();
    void rescale(Plot& plot);
    [[nodiscard]] Plot& plotOf(Metric metric);
    // The drawn y value of a stored one (the memory plot's unit).
    [[nodiscard]] double drawn(Metric metric, double value) const;
    void chooseMemoryUnit();

    std::array<DownsampledSeries, kAllMetrics.size()> data_;
    std::array<QLineSeries*, kAllMetrics.size()> lines_{};
    std::array<std::uint64_t, kAllMetrics.size()> drawnGeneration_{};
    std::array<Plot, 5> plots_;
    double memoryDivisor_ = 0.0;  // MiB per drawn unit on the memory plot (MB or GB); 0 before the first
    std::vector<Pending> pending_;
    QTimer* timer_;
    QStackedWidget* stack_;
    QTableView* tableView_;
    QPushButton* toggle_;
    MetricTableModel* table_;
    std::uint64_t refreshes_ = 0;
};

}  // namespace offsite::ui

// Qt Charts behind MetricChart (see metric_chart.h).
#include "ui/charts/metric_chart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/metric_table_model.h"

namespace offsite::ui {

namespace {
constexpr std::size_t kDefaultCapacity = 2000;
constexpr int kDefaultRefreshMs = 250;  // four repaints a second at most
}  // namespace

MetricChart::MetricChart(QWidget* parent)
    : QWidget(parent),
      timer_(new QTimer(this)),
      stack_(new QStackedWidget(this)),
      tableView_(new QTableView(this)),
      toggle_(new QPushButton(tr("Show as &table"), this)),
      table_(new MetricTableModel(this)) {
    setObjectName(QStringLiteral("metricChart"));
    for (auto& series : data_) series = DownsampledSeries(kDefaultCapacity);
    timer_->setSingleShot(true);
    timer_->setInterval(kDefaultRefreshMs);
    connect(timer_, &QTimer::timeout, this, &MetricChart::flush);

    buildPlots();
    auto* grid = new QWidget(stack_);
    grid->setObjectName(QStringLiteral("metricChartPlots"));
    auto* gridLayout = new QGridLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    for (std::size_t i = 0; i < 4; ++i) {
        gridLayout->addWidget(plots_[i].view, static_cast<int>(i / 2), static_cast<int>(i % 2));
    }
    gridLayout->addWidget(plots_[4].view, 2, 0, 1, 2);  // GPU utilisation, shown once it has points
    plots_[4].view->setVisible(false);
    stack_->addWidget(grid);

    tableView_->setObjectName(QStringLiteral("metricTable"));
    tableView_->setModel(table_);
    tableView_->setAccessibleName(tr("Training metrics table"));
    tableView_->setAccessibleDescription(tr("Every charted point: metric, step and value."));
    tableView_->horizontalHeader()->setStretchLastSection(true);
    tableView_->verticalHeader()->hide();
    tableView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tableView_->setTabKeyNavigation(false);
    stack_->addWidget(tableView_);

    toggle_->setObjectName(QStringLiteral("metricChartTableToggle"));
    toggle_->setCheckable(true);
    toggle_->setAccessibleName(tr("Show the metrics as a table"));
    toggle_->setAccessibleDescription(tr("Switches between the charts and a table of the same numbers."));
    connect(toggle_, &QPushButton::toggled, this, &MetricChart::showTable);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_, 1);
    layout->addWidget(toggle_, 0, Qt::AlignRight);
    applyTheme();
}

MetricChart::~MetricChart() = default;

void MetricChart::buildPlots() {
    const std::array<QString, 5> titles = {tr("Loss"), tr("Learning rate"), tr("Speed (tokens per second)"),
                                           tr("Memory (MB)"), tr("GPU utilisation (%)")};
    for (std::size_t i = 0; i < plots_.size(); ++i) {
        auto* chart = new QChart();
        chart->setTitle(titles[i]);
        chart->setMargins(QMargins(4, 4, 4, 4));
        chart->legend()->setVisible(i == 0 || i == 3);  // loss: training and validation; memory: which memory
        chart->legend()->setAlignment(Qt::AlignBottom);
        auto* x = new QValueAxis(chart);
        x->setTitleText(tr("Step"));
        x->setLabelFormat(QStringLiteral("%d"));
        auto* y = new QValueAxis(chart);
        y->setLabelFormat(i == 1 ? QStringLiteral("%.1e") : QStringLiteral("%.3g"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        auto* view = new QChartView(chart, this);
        view->setObjectName(QStringLiteral("metricPlot%1").arg(i));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(240, 170);
        view->setAccessibleName(titles[i]);
        view->setAccessibleDescription(tr("Chart; the same numbers are in the metrics table."));
        plots_[i] = {view, x, y, y->labelFormat(), i == 3};
    }
    for (Metric metric : kAllMetrics) {
        auto* line = new QLineSeries(this);
        // The memory plot's legend says whose memory; its unit is in the plot's title.
        line->setName(metric == Metric::MemoryMiB      ? tr("This app")
                      : metric == Metric::GpuMemoryMiB ? tr("GPU")
                                                       : metricDisplayName(metric));
        Plot& plot = plotOf(metric);
        plot.view->chart()->addSeries(line);
        line->attachAxis(plot.xAxis);
        line->attachAxis(plot.yAxis);
        lines_[static_cast<std::size_t>(metricIndex(metric))] = line;
    }
}

MetricChart::Plot& MetricChart::plotOf(Metric metric) {
    switch (metric) {
        case Metric::TrainingLoss:
        case Metric::ValidationLoss: return plots_[0];
        case Metric::LearningRate: return plots_[1];
        case Metric::TokensPerSecond: return plots_[2];
        case Metric::MemoryMiB:
        case Metric::GpuMemoryMiB: return plots_[3];
        case Metric::GpuUtilisation: return plots_[4];
    }
    return plots_[0];
}

void MetricChart::append(Metric metric, double step, double value) {
    if (!std::isfinite(value)) return;
    pending_.push_back({metric, step, value});
    if (!timer_->isActive()) timer_->start();
}

void MetricChart::flush() {
    timer_->stop();
    if (pending_.empty()) return;
    std::array<bool, kAllMetrics.size()> touched{};
    for (const Pending& p : pending_) {
        const auto i = static_cast<std::size_t>(metricIndex(p.metric));
        data_[i].append(p.step, p.value);
        touched[i] = true;
    }
    pending_.clear();
    const double divisor = memoryDivisor_;
    chooseMemoryUnit();
    if (divisor != memoryDivisor_) {  // the memory plot's unit changed: redraw both memory series in it
        touched[static_cast<std::size_t>(metricIndex(Metric::MemoryMiB))] = true;
        touched[static_cast<std::size_t>(metricIndex(Metric::GpuMemoryMiB))] = true;
    }
    for (Metric metric : kAllMetrics) {
        const auto i = static_cast<std::size_t>(metricIndex(metric));
        if (!touched[i]) continue;
        std::vector<ChartPoint> points = data_[i].points();
        QList<QPointF> qpoints;
        qpoints.reserve(static_cast<qsizetype>(points.size()));
        for (const ChartPoint& p : points) qpoints.append(QPointF(p.step, drawn(metric, p.value)));
        lines_[i]->replace(qpoints);
        const bool reloaded = drawnGeneration_[i] != data_[i].generation();
        drawnGeneration_[i] = data_[i].generation();
        table_->setPoints(metric, std::move(points),
                          reloaded ? MetricTableModel::Change::Reloaded : MetricTableModel::Change::Appended);
    }
    plots_[4].view->setVisible(lines_[static_cast<std::size_t>(metricIndex(Metric::GpuUtilisation))]->count() > 0);
    // The memory legend names only the memory drawn (this app's, or the GPU's).
    for (Metric metric : {Metric::MemoryMiB, Metric::GpuMemoryMiB}) {
        QLineSeries* line = lines_[static_cast<std::size_t>(metricIndex(metric))];
        for (QLegendMarker* marker : plots_[3].view->chart()->legend()->markers(line)) marker->setVisible(line->count() > 0);
    }
    for (Plot& plot : plots_) rescale(plot);
    ++refreshes_;
}

void MetricChart::chooseMemoryUnit() {
    double maxMiB = 0.0;
    for (Metric metric : {Metric::MemoryMiB, Metric::GpuMemoryMiB}) {
        for (const ChartPoint& p : data_[static_cast<std::size_t>(metricIndex(metric))].points()) {
            maxMiB = std::max(maxMiB, p.value);
        }
    }
    // Decimal units, as file managers show sizes: MB below 1 GB, GB above.
    constexpr double kMiBPerMB = 1e6 / (1024.0 * 1024.0);
    constexpr double kMiBPerGB = 1e9 / (1024.0 * 1024.0);
    const bool gb = maxMiB >= kMiBPerGB;
    memoryDivisor_ = gb ? kMiBPerGB : kMiBPerMB;
    plots_[3].view->chart()->setTitle(gb ? tr("Memory (GB)") : tr("Memory (MB)"));
}

double MetricChart::drawn(Metric metric, double value) const {
    if ((metric == Metric::MemoryMiB || metric == Metric::GpuMemoryMiB) && memoryDivisor_ > 0.0) {
        return value / memoryDivisor_;
    }
    return value;
}

QString MetricChart::memoryAxisTitle() const { return plots_[3].view->chart()->title(); }
QString MetricChart::memoryAxisFormat() const { return plots_[3].yAxis->labelFormat(); }
bool MetricChart::utilisationShown() const { return !plots_[4].view->isHidden(); }

void MetricChart::rescale(Plot& plot) {
    double minX = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double minY = minX;
    double maxY = maxX;
    bool any = false;
    for (QAbstractSeries* series : plot.view->chart()->series()) {
        for (const QPointF& p : static_cast<QLineSeries*>(series)->points()) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
            any = true;
        }
    }
    if (!any) {
        plot.xAxis->setRange(0, 1);
        plot.yAxis->setRange(0, 1);
        return;
    }
    const double padY = maxY > minY ? (maxY - minY) * 0.08 : std::max(std::abs(maxY) * 0.1, 1e-9);
    const double spanX = std::max(maxX, minX + 1) - minX;
    plot.xAxis->setRange(minX, minX + spanX);
    // Whole steps only: a short run gets one tick per step instead of repeated, rounded labels.
    plot.xAxis->setTickCount(static_cast<int>(std::clamp(spanX + 1, 2.0, 6.0)));
    // Loss, learning rate, speed and memory are never negative: padding must not push the axis below zero.
    const double lowY = minY >= 0.0 ? std::max(0.0, minY - padY) : minY - padY;
    plot.yAxis->setRange(lowY, maxY + padY);
    if (plot.memory) {
        // As many decimals as the ticks need to differ (the range spans 5 ticks): whole MB or GB mostly.
        const double tick = (maxY + padY - lowY) / 4.0;
        const int decimals = tick >= 1.0 ? 0 : (tick >= 0.1 ? 1 : 2);
        plot.yAxis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
        return;
    }
    // A nearly flat curve needs more digits to tell its ticks apart.
    const bool flat = maxY - minY < 1e-2 * std::max(std::abs(maxY), 1e-12);
    plot.yAxis->setLabelFormat(flat ? QStringLiteral("%.6g") : plot.labelFormat);
}

void MetricChart::clear() {
    timer_->stop();
    pending_.clear();
    for (std::size_t i = 0; i < data_.size(); ++i) {
        data_[i].clear();
        drawnGeneration_[i] = data_[i].generation();
        lines_[i]->clear();
    }
    table_->clear();
    memoryDivisor_ = 0.0;
    plots_[4].view->setVisible(false);
    for (Plot& plot : plots_) rescale(plot);
}

void MetricChart::setRefreshIntervalMs(int milliseconds) { timer_->setInterval(milliseconds); }
int MetricChart::refreshIntervalMs() const { return timer_->interval(); }

void MetricChart::setCapacity(std::size_t pointsPerSeries) {
    clear();
    for (auto& series : data_) series = DownsampledSeries(pointsPerSeries);
    for (std::size_t i = 0; i < data_.size(); ++i) drawnGeneration_[i] = data_[i].generation();
}

int MetricChart::drawnPointCount(Metric metric) const {
    return static_cast<int>(lines_[static_cast<std::size_t>(metricIndex(metric))]->count());
}

bool MetricChart::showingTable() const { return stack_->currentWidget() == tableView_; }

void MetricChart::showTable(bool table) {
    stack_->setCurrentWidget(table ? static_cast<QWidget*>(tableView_) : stack_->widget(0));
    if (toggle_->isChecked() != table) toggle_->setChecked(table);
    toggle_->setText(table ? tr("Show as &charts") : tr("Show as &table"));
    if (table) tableView_->setFocus();
}

void MetricChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) applyTheme();
    QWidget::changeEvent(event);
}

void MetricChart::applyTheme() {
    // Light and dark follow the system palette.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (Plot& plot : plots_) {
        QChart* chart = plot.view->chart();
        const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
        if (chart->theme() != theme) chart->setTheme(theme);
        chart->setBackgroundRoundness(0);
    }
}

}  // namespace offsite::ui

// The library page (see library_page.h).
#include "ui/library/library_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace offsite::ui {

namespace {
constexpr std::array<LibraryTableModel::Shelf, 4> kShelves = {
    LibraryTableModel::Shelf::Packages, LibraryTableModel::Shelf::Datasets, LibraryTableModel::Shelf::Runs,
    LibraryTableModel::Shelf::Exports};
std::size_t slot(LibraryTableModel::Shelf shelf) { return static_cast<std::size_t>(shelf) - 1; }
}  // namespace

LibraryPage::LibraryPage(QWidget* parent)
    : QWidget(parent), tabs_(new QTabWidget(this)), resume_(new QPushButton(tr("&Resume run"), this)) {
    setObjectName(QStringLiteral("libraryPage"));
    tabs_->setObjectName(QStringLiteral("libraryTabs"));
    const std::array<QString, 4> names = {QStringLiteral("libraryPackages"), QStringLiteral("libraryDatasets"),
                                          QStringLiteral("libraryRuns"), QStringLiteral("libraryExports")};
    const std::array<QString, 4> titles = {tr("&Packages"), tr("&Data sets"), tr("&Runs"), tr("&Exports")};
    const std::array<QString, 4> descriptions = {
        tr("Models you imported from their owners."), tr("Your data sets; they never leave this computer."),
        tr("Fine-tuning runs; press Enter on a run to see its charts and history."),
        tr("Tuned adapters you exported for the model owner.")};
    for (LibraryTableModel::Shelf shelf : kShelves) {
        const std::size_t i = slot(shelf);
        models_[i] = new LibraryTableModel(shelf, this);
        auto* view = new QTableView(this);
        view->setObjectName(names[i]);
        view->setModel(models_[i]);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::SingleSelection);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setTabKeyNavigation(false);
        view->setAlternatingRowColors(true);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        view->setAccessibleName(titles[i].mid(0).remove(QLatin1Char('&')));
        view->setAccessibleDescription(descriptions[i]);
        views_[i] = view;
        tabs_->addTab(view, titles[i]);
    }
    connect(views_[slot(LibraryTableModel::Shelf::Runs)], &QTableView::activated, this,
            [this](const QModelIndex& index) {
                emit runActivated(models_[slot(LibraryTableModel::Shelf::Runs)]->idAt(index.row()));
            });

    QTableView* runs = views_[slot(LibraryTableModel::Shelf::Runs)];
    connect(runs->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LibraryPage::updateActions);
    connect(models_[slot(LibraryTableModel::Shelf::Runs)], &QAbstractItemModel::modelReset, this,
            &LibraryPage::updateActions);
    connect(tabs_, &QTabWidget::currentChanged, this, &LibraryPage::updateActions);
    resume_->setObjectName(QStringLiteral("libraryResumeRun"));
    resume_->setAccessibleDescription(
        tr("Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning "
           "assistant."));
    connect(resume_, &QPushButton::clicked, this, &LibraryPage::resumeSelectedRun);

    auto* heading = new QLabel(tr("Library"), this);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    heading->setFont(font);
    auto* start = new QPushButton(tr("&New fine-tuning\u2026"), this);
    start->setObjectName(QStringLiteral("libraryNewFineTuning"));
    start->setDefault(true);
    start->setAccessibleDescription(tr("Import a model package and your data, then fine-tune on this computer."));
    connect(start, &QPushButton::clicked, this, &LibraryPage::newFineTuningRequested);
    auto* header = new QHBoxLayout;
    header->addWidget(heading, 1);
    header->addWidget(resume_);
    header->addWidget(start);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(tabs_, 1);
    updateActions();
}

int LibraryPage::selectedRunRow() const {
    if (tabs_->currentIndex() != static_cast<int>(slot(LibraryTableModel::Shelf::Runs))) return -1;
    const QModelIndexList rows = views_[slot(LibraryTableModel::Shelf::Runs)]->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void LibraryPage::updateActions() {
    const int row = selectedRunRow();
    const bool resumable =
        row >= 0 && runStateResumable(models_[slot(LibraryTableModel::Shelf::Runs)]->stateAt(row));
    resume_->setVisible(tabs_->currentIndex() == static_cast<int>(slot(LibraryTableModel::Shelf::Runs)));
    resume_->setEnabled(resumable);
}

bool LibraryPage::selectRun(qint64 runId) {
    const int row = models_[slot(LibraryTableModel::Shelf::Runs)]->rowOf(runId);
    if (row < 0) return false;
    showShelf(LibraryTableModel::Shelf::Runs);
    views_[slot(LibraryTableModel::Shelf::Runs)]->selectRow(row);
    updateActions();
    return true;
}

void LibraryPage::resumeSelectedRun() {
    const int row = selectedRunRow();
    LibraryTableModel* runs = models_[slot(LibraryTableModel::Shelf::Runs)];
    if (row < 0 || !runStateResumable(runs->stateAt(row))) return;
    emit resumeRunRequested(runs->idAt(row));
}

Status LibraryPage::reload(workspace::Workspace& workspace) {
    for (LibraryTableModel* model : models_) OFFSITE_TRY(model->reload(workspace));
    return {};
}

LibraryTableModel* LibraryPage::model(LibraryTableModel::Shelf shelf) const { return models_[slot(shelf)]; }
QTableView* LibraryPage::view(LibraryTableModel::Shelf shelf) const { return views_[slot(shelf)]; }
void LibraryPage::showShelf(LibraryTableModel::Shelf shelf) { tabs_->setCurrentIndex(static_cast<int>(slot(shelf))); }

}  // namespace offsite::ui

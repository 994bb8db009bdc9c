// Wizard step 2: Choose data (see choose_data_page.h).
#include "ui/wizard/choose_data_page.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/dataset/import.h"
#include "core/dataset/reader.h"
#include "core/jobs/training_job.h"
#include "core/json/json.h"
#include "core/workspace/listing.h"
#include "core/workspace/workspace.h"
#include "ui/wizard/dataset_models.h"
#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }

QTableView* makeTable(const QString& name, const QString& accessibleName, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

std::optional<dataset::SourceFormat> formatFromName(const std::string& name) {
    if (name == "jsonl") return dataset::SourceFormat::Jsonl;
    if (name == "csv") return dataset::SourceFormat::Csv;
    if (name == "tsv") return dataset::SourceFormat::Tsv;
    if (name == "text") return dataset::SourceFormat::Text;
    return std::nullopt;
}
std::optional<dataset::TaskType> taskFromName(const std::string& name) {
    if (name == "text") return dataset::TaskType::PlainText;
    if (name == "prompt_completion") return dataset::TaskType::PromptCompletion;
    if (name == "classification") return dataset::TaskType::Classification;
    if (name == "multiple_choice") return dataset::TaskType::MultipleChoice;
    return std::nullopt;
}
}  // namespace

struct ChooseDataPage::CheckResult {
    dataset::DatasetSpec spec;
    Result<dataset::Preview> preview = makeError(ErrorKind::Internal, "not read");
    Result<dataset::ValidationReport> report = makeError(ErrorKind::Internal, "not checked");
    // The data set's row, imported through the core (dataset::importDataset) so that training jobs can read
    // its tokenized cache and a run can be resumed from its row alone; 0 when not imported.
    Result<std::int64_t> datasetId = std::int64_t{0};
};

namespace {
// The workspace's row for this file when it was imported before with the same content, format and task (checking
// a file again keeps one entry); else a new import.
Result<std::int64_t> importChecked(workspace::Workspace& ws, const dataset::DatasetSpec& spec, const std::string& name) {
    OFFSITE_ASSIGN_OR_RETURN(const std::string sha, dataset::contentSha256Of(spec.path));
    const std::string absolute = std::filesystem::absolute(spec.path).string();
    OFFSITE_ASSIGN_OR_RETURN(auto listed, workspace::listDatasets(ws));
    for (const auto& d : listed) {
        if (d.format != dataset::storageName(spec.format) || d.task != dataset::storageName(spec.task)) continue;
        auto imported = dataset::loadImportedDataset(ws, d.id);
        if (!imported.ok() || imported->contentSha256 != sha) continue;
        // The same file, or the workspace's stored copy of it.
        const std::string path = std::filesystem::absolute(imported->spec.path).string();
        if ((path == absolute || imported->originalPath == absolute) && imported->spec.columns.fields ==
                                                                             spec.columns.fields) {
            return d.id;
        }
    }
    dataset::DatasetImportParams params;
    params.source = spec.path;
    params.format = spec.format;
    params.task = spec.task;
    params.columns = spec.columns;
    params.name = name;
    OFFSITE_ASSIGN_OR_RETURN(const dataset::DatasetImportResult imported, dataset::importDataset(ws, params));
    return imported.datasetId;
}
}  // namespace

ChooseDataPage::ChooseDataPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      existing_(new QComboBox(this)),
      path_(new QLineEdit(this)),
      format_(new QComboBox(this)),
      taskCombo_(new QComboBox(this)),
      checkButton_(new QPushButton(tr("&Check data"), this)),
      summary_(new StatusLabel(QStringLiteral("dataSummary"), this)),
      previewView_(makeTable(QStringLiteral("dataPreview"), tr("First rows of the data set"), this)),
      findingView_(makeTable(QStringLiteral("dataFindings"), tr("Problems found in the data set"), this)),
      preview_(new DatasetPreviewModel(this)),
      findings_(new FindingTableModel(this)) {
    setObjectName(QStringLiteral("chooseDataPage"));
    setTitle(tr("Choose your data"));
    setSubTitle(tr("Pick the examples the model should learn from. They are read on this computer and never "
                   "leave it."));

    existing_->setObjectName(QStringLiteral("dataExisting"));
    existing_->setAccessibleName(tr("Data sets already in your workspace"));
    connect(existing_, &QComboBox::activated, this, &ChooseDataPage::pickExisting);

    path_->setObjectName(QStringLiteral("dataPath"));
    path_->setPlaceholderText(tr("A JSONL, CSV, TSV or text file"));
    path_->setAccessibleName(tr("Data file"));
    connect(path_, &QLineEdit::returnPressed, this, &ChooseDataPage::check);
    auto* browse = new QPushButton(tr("&Browse\u2026"), this);
    browse->setObjectName(QStringLiteral("dataBrowse"));
    browse->setAccessibleName(tr("Browse for a data file"));
    connect(browse, &QPushButton::clicked, this, [this] {
        QString file = QFileDialog::getOpenFileName(this, tr("Choose a data file"), QString(),
                                                    tr("Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)"));
        if (!file.isEmpty()) setDataPath(file);
    });
    auto* pathRowWidget = new QWidget(this);
    auto* pathRow = new QHBoxLayout(pathRowWidget);
    pathRow->setContentsMargins(0, 0, 0, 0);
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    auto* demo = new QPushButton(tr("Use the &demo reviews"), this);
    demo->setObjectName(QStringLiteral("dataUseDemo"));
    demo->setAccessibleDescription(tr("The bundled example data: 4,000 food product reviews, each labelled great "
                                      "or other."));
    demo->setVisible(!demoDataPath().isEmpty());
    connect(demo, &QPushButton::clicked, this, &ChooseDataPage::useDemoData);
    pathRow->addWidget(demo);

    format_->setObjectName(QStringLiteral("dataFormat"));
    format_->setAccessibleName(tr("File format"));
    format_->addItem(tr("JSON Lines (.jsonl)"), static_cast<int>(dataset::SourceFormat::Jsonl));
    format_->addItem(tr("Comma-separated (.csv)"), static_cast<int>(dataset::SourceFormat::Csv));
    format_->addItem(tr("Tab-separated (.tsv)"), static_cast<int>(dataset::SourceFormat::Tsv));
    format_->addItem(tr("Plain text, one example per line"), static_cast<int>(dataset::SourceFormat::Text));
    taskCombo_->setObjectName(QStringLiteral("dataTask"));
    taskCombo_->setAccessibleName(tr("What the examples teach"));
    for (auto task : {dataset::TaskType::PlainText, dataset::TaskType::PromptCompletion,
                      dataset::TaskType::Classification, dataset::TaskType::MultipleChoice}) {
        taskCombo_->addItem(taskName(task), static_cast<int>(task));
    }
    auto invalidate = [this] {
        ready_ = false;
        emit completeChanged();
    };
    connect(path_, &QLineEdit::textChanged, this, invalidate);
    connect(format_, &QComboBox::currentIndexChanged, this, invalidate);
    connect(taskCombo_, &QComboBox::currentIndexChanged, this, invalidate);

    checkButton_->setObjectName(QStringLiteral("dataCheck"));
    checkButton_->setAccessibleDescription(tr("Reads the whole file and lists anything that needs fixing."));
    connect(checkButton_, &QPushButton::clicked, this, &ChooseDataPage::check);

    previewView_->setModel(preview_);
    findingView_->setModel(findings_);
    previewView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    findingView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    findingView_->horizontalHeader()->setSectionResizeMode(FindingTableModel::SeverityColumn,
                                                            QHeaderView::ResizeToContents);

    auto* form = new QFormLayout;
    form->addRow(tr("&Earlier data set:"), existing_);
    form->addRow(tr("Data &file:"), pathRowWidget);
    static_cast<QLabel*>(form->labelForField(pathRowWidget))->setBuddy(path_);
    form->addRow(tr("F&ormat:"), format_);
    form->addRow(tr("&Task:"), taskCombo_);

    auto* previewBox = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    auto* previewLabel = new QLabel(tr("&Preview"), previewBox);
    previewLabel->setBuddy(previewView_);
    previewLayout->addWidget(previewLabel);
    previewLayout->addWidget(previewView_);
    auto* findingBox = new QWidget(this);
    auto* findingLayout = new QVBoxLayout(findingBox);
    findingLayout->setContentsMargins(0, 0, 0, 0);
    auto* findingLabel = new QLabel(tr("&Findings"), findingBox);
    findingLabel->setBuddy(findingView_);
    findingLayout->addWidget(findingLabel);
    findingLayout->addWidget(findingView_);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(previewBox);
    splitter->addWidget(findingBox);

    auto* actions = new QHBoxLayout;
    actions->addWidget(summary_, 1);
    actions->addWidget(checkButton_, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(splitter, 1);
}

ChooseDataPage::~ChooseDataPage() = default;

void ChooseDataPage::initializePage() {
    existing_->clear();
    existing_->addItem(tr("\u2014 a new file \u2014"), QVariant::fromValue<qlonglong>(0));
    if (context_.workspace == nullptr) return;
    // Through the lock when a training job may be writing to the workspace.
    auto datasets = context_.shared != nullptr
                        ? context_.shared->with([](workspace::Workspace& ws) { return workspace::listDatasets(ws); })
                        : workspace::listDatasets(*context_.workspace);
    if (!datasets.ok()) return;
    for (const auto& d : datasets.value()) {
        existing_->addItem(q(d.name), QVariant::fromValue<qlonglong>(d.id));
    }
}

void ChooseDataPage::pickExisting(int index) {
    const qlonglong id = existing_->itemData(index).toLongLong();
    if (id == 0 || context_.workspace == nullptr) return;
    auto record = context_.shared != nullptr
                      ? context_.shared->with([id](workspace::Workspace& ws) { return ws.dataset(id); })
                      : context_.workspace->dataset(id);
    if (!record.ok()) return;
    if (auto f = formatFromName(record->format)) format_->setCurrentIndex(format_->findData(static_cast<int>(*f)));
    if (auto t = taskFromName(record->task)) taskCombo_->setCurrentIndex(taskCombo_->findData(static_cast<int>(*t)));
    // An imported data set: its file (or the workspace's copy of it) with its column mapping.
    auto imported = context_.shared != nullptr
                        ? context_.shared->with([id](workspace::Workspace& ws) {
                              return dataset::loadImportedDataset(ws, id);
                          })
                        : dataset::loadImportedDataset(*context_.workspace, id);
    if (imported.ok()) {
        columns_ = imported->spec.columns;
        columnsPath_ = QDir::toNativeSeparators(QString::fromStdString(imported->spec.path.string()));
        record->sourcePath = imported->spec.path.string();
    }
    setDataPath(q(record->sourcePath));
}

bool ChooseDataPage::setTaskName(const QString& name) {
    const auto task = taskFromName(name.toStdString());
    if (!task) return false;
    taskCombo_->setCurrentIndex(taskCombo_->findData(static_cast<int>(*task)));
    return true;
}

void ChooseDataPage::setDataPath(const QString& path) {
    path_->setText(QDir::toNativeSeparators(path));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) format_->setCurrentIndex(format_->findData(static_cast<int>(dataset::SourceFormat::Csv)));
    if (suffix == QLatin1String("tsv")) format_->setCurrentIndex(format_->findData(static_cast<int>(dataset::SourceFormat::Tsv)));
    if (suffix == QLatin1String("jsonl")) format_->setCurrentIndex(format_->findData(static_cast<int>(dataset::SourceFormat::Jsonl)));
    if (suffix == QLatin1String("txt")) format_->setCurrentIndex(format_->findData(static_cast<int>(dataset::SourceFormat::Text)));
    check();
}

void ChooseDataPage::check() {
    if (path_->text().trimmed().isEmpty()) {
        summary_->announce(tr("Choose a data file first."), Verdict::Warning);
        return;
    }
    dataset::DatasetSpec spec;
    spec.path = path_->text().trimmed().toStdString();
    spec.format = static_cast<dataset::SourceFormat>(format_->currentData().toInt());
    spec.task = static_cast<dataset::TaskType>(taskCombo_->currentData().toInt());
    if (path_->text().trimmed() == columnsPath_) spec.columns = columns_;
    ready_ = false;
    emit completeChanged();
    checkButton_->setEnabled(false);
    summary_->announce(tr("Reading the data\u2026"));
    jobs::SharedWorkspace* shared = context_.shared;
    const std::string name = QFileInfo(path_->text().trimmed()).completeBaseName().toStdString();
    task_.start(
        this,
        [spec, shared, name](const std::atomic<bool>& stop) {
            CheckResult result;
            result.spec = spec;
            result.preview = dataset::preview(spec, 50);
            if (!result.preview.ok()) return result;
            dataset::ValidationOptions options;
            options.progress = [&stop](const dataset::ValidationProgress&) { return !stop.load(); };
            result.report = dataset::validate(spec, options);
            if (shared != nullptr && result.report.ok() && !result.report->blocksTraining() &&
                result.report->statistics.usableRows >= 2 && !stop.load()) {
                result.datasetId = shared->with(
                    [&](workspace::Workspace& ws) { return importChecked(ws, spec, name); });
            }
            return result;
        },
        [this](CheckResult result) { showCheck(std::move(result)); });
}

void ChooseDataPage::showCheck(CheckResult result) {
    checkButton_->setEnabled(true);
    if (!result.preview.ok() || !result.report.ok()) {
        const Error& error = result.preview.ok() ? result.report.error() : result.preview.error();
        preview_->clear();
        findings_->clear();
        summary_->announce(tr("This file cannot be used: %1").arg(q(error.message)), Verdict::Bad);
        return;
    }
    preview_->setRows(result.spec.task, result.preview->rows);
    const dataset::ValidationReport& report = result.report.value();
    std::vector<dataset::Finding> findings = result.preview->sourceFindings;
    findings.insert(findings.end(), report.findings.begin(), report.findings.end());
    findings_->setFindings(std::move(findings));
    const auto& stats = report.statistics;
    QString summary = tr("%n usable example(s) of %1 read.", nullptr, static_cast<int>(stats.usableRows))
                          .arg(QLocale().toString(static_cast<qulonglong>(stats.records)));
    if (report.blocksTraining()) {
        summary_->announce(summary + QLatin1Char(' ') +
                               tr("Some rows must be fixed before training; see the findings below."),
                           Verdict::Bad);
        return;
    }
    if (stats.usableRows < 2) {
        summary_->announce(summary + QLatin1Char(' ') + tr("Add more examples: at least two are needed."),
                           Verdict::Bad);
        return;
    }
    // The data set was imported through the core (its description and report, not its rows).
    if (!result.datasetId.ok()) {
        summary_->announce(tr("Could not record the data set: %1").arg(q(result.datasetId.error().message)),
                           Verdict::Bad);
        return;
    }
    if (result.datasetId.value() != 0) context_.datasetId = result.datasetId.value();
    context_.dataset = result.spec;
    ready_ = true;
    summary_->announce(summary + QLatin1Char(' ') +
                           (report.findings.empty() ? tr("No problems found.")
                                                    : tr("Nothing blocks training; the findings are worth a look.")),
                       report.findings.empty() ? Verdict::Good : Verdict::Warning);
    emit completeChanged();
}

QString ChooseDataPage::demoDataPath() {
    const QString relative = QStringLiteral("demo/fine_foods/train.csv");
    const QString appDir = QCoreApplication::applicationDirPath();
    QStringList candidates = {appDir + QStringLiteral("/../share/offsite-studio/") + relative};
#ifdef OFFSITE_RESOURCES_DIR
    candidates.append(QStringLiteral(OFFSITE_RESOURCES_DIR "/") + relative);  // a build from the source tree
#endif
    for (const QString& candidate : candidates) {
        if (QFileInfo(candidate).isFile()) return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

void ChooseDataPage::useDemoData() {
    const QString path = demoDataPath();
    if (path.isEmpty()) {
        summary_->announce(tr("The demo data are not installed."), Verdict::Warning);
        return;
    }
    // The reviews are classified by their score column ("great" or "other").
    columns_ = {};
    columns_.fields = {{"text", "review"}, {"label", "score"}};
    columnsPath_ = QDir::toNativeSeparators(path);
    existing_->setCurrentIndex(0);
    taskCombo_->setCurrentIndex(taskCombo_->findData(static_cast<int>(dataset::TaskType::Classification)));
    setDataPath(path);
}

bool ChooseDataPage::isComplete() const { return ready_; }

}  // namespace offsite::ui

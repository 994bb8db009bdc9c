// Wizard step 2: Choose data (see choose_data_page.h).
#include "ui/wizard/choose_data_page.h"

#include <QComboBox>
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

#include "core/dataset/reader.h"
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
// The spellings stored in the workspace's datasets table.
std::string formatKey(dataset::SourceFormat format) {
    switch (format) {
        case dataset::SourceFormat::Jsonl: return "jsonl";
        case dataset::SourceFormat::Csv: return "csv";
        case dataset::SourceFormat::Tsv: return "tsv";
        case dataset::SourceFormat::Text: return "text";
    }
    return "jsonl";
}
std::string taskKey(dataset::TaskType task) {
    switch (task) {
        case dataset::TaskType::PlainText: return "text";
        case dataset::TaskType::PromptCompletion: return "prompt_completion";
        case dataset::TaskType::Classification: return "classification";
        case dataset::TaskType::MultipleChoice: return "multiple_choice";
    }
    return "text";
}
}  // namespace

struct ChooseDataPage::CheckResult {
    dataset::DatasetSpec spec;
    Result<dataset::Preview> preview = makeError(ErrorKind::Internal, "not read");
    Result<dataset::ValidationReport> report = makeError(ErrorKind::Internal, "not checked");
};

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
    auto datasets = workspace::listDatasets(*context_.workspace);
    if (!datasets.ok()) return;
    for (const auto& d : datasets.value()) {
        existing_->addItem(q(d.name), QVariant::fromValue<qlonglong>(d.id));
    }
}

void ChooseDataPage::pickExisting(int index) {
    const qlonglong id = existing_->itemData(index).toLongLong();
    if (id == 0 || context_.workspace == nullptr) return;
    auto record = context_.workspace->dataset(id);
    if (!record.ok()) return;
    if (auto f = formatFromName(record->format)) format_->setCurrentIndex(format_->findData(static_cast<int>(*f)));
    if (auto t = taskFromName(record->task)) taskCombo_->setCurrentIndex(taskCombo_->findData(static_cast<int>(*t)));
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
    ready_ = false;
    emit completeChanged();
    checkButton_->setEnabled(false);
    summary_->announce(tr("Reading the data\u2026"));
    task_.start(
        this,
        [spec](const std::atomic<bool>& stop) {
            CheckResult result;
            result.spec = spec;
            result.preview = dataset::preview(spec, 50);
            if (!result.preview.ok()) return result;
            dataset::ValidationOptions options;
            options.progress = [&stop](const dataset::ValidationProgress&) { return !stop.load(); };
            result.report = dataset::validate(spec, options);
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
    // Record the data set (its description and report, not its rows).
    if (context_.workspace != nullptr) {
        workspace::DatasetRecord record;
        record.name = QFileInfo(path_->text()).completeBaseName().toStdString();
        record.sourcePath = result.spec.path.string();
        record.format = formatKey(result.spec.format);
        record.task = taskKey(result.spec.task);
        record.fingerprint = report.fingerprint;
        record.validationJson = json::serialize(report.toJson());
        // Checking the same file again refreshes its report instead of adding a second entry.
        std::int64_t existing = 0;
        if (auto listed = workspace::listDatasets(*context_.workspace); listed.ok()) {
            for (const auto& d : listed.value()) {
                if (d.sourcePath == record.sourcePath && d.format == record.format && d.task == record.task) {
                    existing = d.id;
                }
            }
        }
        Result<std::int64_t> id = existing;
        if (existing != 0) {
            if (Status updated = context_.workspace->updateDatasetReport(existing, record.statisticsJson,
                                                                         record.validationJson);
                !updated.ok()) {
                id = updated.error();
            }
        } else {
            id = context_.workspace->addDataset(record);
        }
        if (!id.ok()) {
            summary_->announce(tr("Could not record the data set: %1").arg(q(id.error().message)), Verdict::Bad);
            return;
        }
        context_.datasetId = id.value();
    }
    context_.dataset = result.spec;
    ready_ = true;
    summary_->announce(summary + QLatin1Char(' ') +
                           (report.findings.empty() ? tr("No problems found.")
                                                    : tr("Nothing blocks training; the findings are worth a look.")),
                       report.findings.empty() ? Verdict::Good : Verdict::Warning);
    emit completeChanged();
}

bool ChooseDataPage::isComplete() const { return ready_; }

}  // namespace offsite::ui

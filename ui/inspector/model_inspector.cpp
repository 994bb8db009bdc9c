// The model inspector page: summary, filter box and sortable tensor table.
#include "ui/inspector/model_inspector.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include "core/config/model_config.h"
#include "core/safetensors/index.h"
#include "ui/models/tensor_table_model.h"

namespace offsite::ui {

ModelInspector::ModelInspector(QWidget* parent)
    : QWidget(parent),
      summary_(new QLabel(this)),
      error_(new QLabel(this)),
      filter_(new QLineEdit(this)),
      table_(new QTableView(this)),
      tensors_(new TensorTableModel(this)),
      proxy_(new QSortFilterProxyModel(this)) {
    setObjectName(QStringLiteral("modelInspector"));
    summary_->setObjectName(QStringLiteral("modelSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setText(tr("Open a model folder or a .safetensors file to see what it contains."));
    error_->setObjectName(QStringLiteral("modelError"));
    error_->setWordWrap(true);
    error_->setVisible(false);
    error_->setAccessibleName(tr("Problem with the model"));
    filter_->setObjectName(QStringLiteral("tensorFilter"));
    filter_->setPlaceholderText(tr("Filter tensors by name"));
    filter_->setAccessibleName(tr("Filter tensors"));
    filter_->setClearButtonEnabled(true);

    proxy_->setSourceModel(tensors_);
    proxy_->setSortRole(Qt::UserRole);
    proxy_->setFilterKeyColumn(TensorTableModel::Name);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    table_->setObjectName(QStringLiteral("tensorTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->setAlternatingRowColors(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setSectionResizeMode(TensorTableModel::Name, QHeaderView::Stretch);
    table_->verticalHeader()->setVisible(false);
    table_->setAccessibleName(tr("Tensors of the model"));
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(error_);
    layout->addWidget(filter_);
    layout->addWidget(table_, 1);
}

bool ModelInspector::openModel(const std::filesystem::path& path) {
    auto files = safetensors::ModelFiles::open(path);
    if (!files.ok()) {
        tensors_->clear();
        error_->setText(tr("This model cannot be used: %1").arg(QString::fromStdString(files.error().message)));
        error_->setVisible(true);
        summary_->setText(QString::fromStdString(path.string()));
        return false;
    }
    tensors_->setTensors(files.value());
    error_->setVisible(false);
    QLocale locale;
    QString text = tr("%1 tensors, %2 parameters, %3")
                       .arg(locale.toString(static_cast<qlonglong>(files->size())))
                       .arg(locale.toString(tensors_->totalParameters()))
                       .arg(locale.formattedDataSize(static_cast<qint64>(tensors_->totalBytes())));
    std::filesystem::path folder = std::filesystem::is_directory(path) ? path : path.parent_path();
    if (std::filesystem::exists(folder / "config.json")) {
        auto config = config::loadModelConfig(folder / "config.json");
        if (config.ok()) {
            text = tr("%1 model with %2 blocks (hidden size %3, vocabulary %4). %5")
                       .arg(QString::fromUtf8(config->architectureName().data(),
                                              static_cast<qsizetype>(config->architectureName().size())))
                       .arg(config->numLayers)
                       .arg(config->hiddenSize)
                       .arg(config->vocabSize)
                       .arg(text);
        } else {
            error_->setText(tr("The configuration cannot be used: %1")
                                .arg(QString::fromStdString(config.error().message)));
            error_->setVisible(true);
        }
    }
    summary_->setText(text);
    table_->sortByColumn(-1, Qt::AscendingOrder);
    emit modelOpened(QString::fromStdString(path.string()));
    return true;
}

QString ModelInspector::summaryText() const { return summary_->text(); }
QString ModelInspector::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

}  // namespace offsite::ui

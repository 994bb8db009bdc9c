// Rows of a model's tensors; sizes are formatted for people, raw numbers are available under Qt::UserRole for
// sorting.
#include "ui/models/tensor_table_model.h"

#include <QLocale>

namespace offsite::ui {

TensorTableModel::TensorTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TensorTableModel::setTensors(const safetensors::ModelFiles& files) {
    beginResetModel();
    rows_.clear();
    totalParameters_ = 0;
    totalBytes_ = 0;
    for (const auto& name : files.names()) {
        const auto* info = files.find(name);
        Row row;
        row.name = QString::fromStdString(name);
        row.dtype = QString::fromUtf8(safetensors::dtypeName(info->dtype).data(),
                                      static_cast<qsizetype>(safetensors::dtypeName(info->dtype).size()));
        QStringList dims;
        for (auto d : info->shape) dims << QString::number(d);
        row.shape = dims.isEmpty() ? tr("scalar") : dims.join(QStringLiteral(" \u00d7 "));
        row.parameters = info->numel();
        row.bytes = info->byteSize();
        totalParameters_ += row.parameters;
        totalBytes_ += row.bytes;
        rows_.push_back(std::move(row));
    }
    endResetModel();
}

void TensorTableModel::setTensors(const std::vector<exports::TensorSummary>& tensors) {
    beginResetModel();
    rows_.clear();
    totalParameters_ = 0;
    totalBytes_ = 0;
    for (const auto& tensor : tensors) {
        Row row;
        row.name = QString::fromStdString(tensor.name);
        row.dtype = QString::fromStdString(tensor.dtype);
        QStringList dims;
        qint64 parameters = 1;
        for (auto d : tensor.shape) {
            dims << QString::number(d);
            parameters *= d;
        }
        row.shape = dims.isEmpty() ? tr("scalar") : dims.join(QStringLiteral(" \u00d7 "));
        row.parameters = parameters;
        row.bytes = tensor.bytes;
        totalParameters_ += row.parameters;
        totalBytes_ += row.bytes;
        rows_.push_back(std::move(row));
    }
    endResetModel();
}

void TensorTableModel::clear() {
    beginResetModel();
    rows_.clear();
    totalParameters_ = 0;
    totalBytes_ = 0;
    endResetModel();
}

int TensorTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TensorTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TensorTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole) {
        bool numeric = index.column() == Parameters || index.column() == Bytes;
        return QVariant::fromValue(Qt::Alignment((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    if (role == Qt::UserRole) {
        switch (index.column()) {
            case Parameters: return row.parameters;
            case Bytes: return row.bytes;
            default: break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::UserRole) return {};
    QLocale locale;
    switch (index.column()) {
        case Name: return row.name;
        case DType: return row.dtype;
        case Shape: return row.shape;
        case Parameters: return locale.toString(row.parameters);
        case Bytes: return locale.formattedDataSize(static_cast<qint64>(row.bytes));
        default: return {};
    }
}

QVariant TensorTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name: return tr("Tensor");
        case DType: return tr("Type");
        case Shape: return tr("Shape");
        case Parameters: return tr("Parameters");
        case Bytes: return tr("Size");
        default: return {};
    }
}

}  // namespace offsite::ui

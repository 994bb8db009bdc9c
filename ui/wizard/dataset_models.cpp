// The Choose data step's item models (see dataset_models.h).
#include "ui/wizard/dataset_models.h"

#include <QBrush>
#include <QCoreApplication>
#include <QLocale>

namespace offsite::ui {

namespace {
QString q(const std::string& text) { return QString::fromStdString(text); }

// Long cells are cut for the preview; the tooltip carries the whole text.
QString shortened(const QString& text) {
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QStringLiteral(" \u21b5 "));
    return flat.size() > 160 ? flat.left(157) + QStringLiteral("\u2026") : flat;
}

QStringList fieldsOf(dataset::TaskType task) {
    switch (task) {
        case dataset::TaskType::PlainText: return {DatasetPreviewModel::tr("Text")};
        case dataset::TaskType::PromptCompletion:
            return {DatasetPreviewModel::tr("Prompt"), DatasetPreviewModel::tr("Completion")};
        case dataset::TaskType::Classification:
            return {DatasetPreviewModel::tr("Text"), DatasetPreviewModel::tr("Label")};
        case dataset::TaskType::MultipleChoice:
            return {DatasetPreviewModel::tr("Context"), DatasetPreviewModel::tr("Choices"),
                    DatasetPreviewModel::tr("Answer")};
    }
    return {};
}

QStringList cellsOf(dataset::TaskType task, const dataset::Example& e) {
    switch (task) {
        case dataset::TaskType::PlainText: return {q(e.text)};
        case dataset::TaskType::PromptCompletion: return {q(e.prompt), q(e.completion)};
        case dataset::TaskType::Classification: return {q(e.text), q(e.label)};
        case dataset::TaskType::MultipleChoice: {
            QStringList choices;
            for (const auto& c : e.choices) choices << q(c);
            return {q(e.context), choices.join(QStringLiteral(" | ")), QString::number(e.answer)};
        }
    }
    return {};
}
}  // namespace

QString taskName(dataset::TaskType task) {
    switch (task) {
        case dataset::TaskType::PlainText: return DatasetPreviewModel::tr("Plain text");
        case dataset::TaskType::PromptCompletion: return DatasetPreviewModel::tr("Prompt and completion");
        case dataset::TaskType::Classification: return DatasetPreviewModel::tr("Classification");
        case dataset::TaskType::MultipleChoice: return DatasetPreviewModel::tr("Multiple choice");
    }
    return {};
}

DatasetPreviewModel::DatasetPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetPreviewModel::setRows(dataset::TaskType task, const std::vector<dataset::Row>& rows) {
    beginResetModel();
    headers_ = QStringList{tr("Line")} + fieldsOf(task) + QStringList{tr("Problems")};
    rows_.clear();
    usable_.clear();
    for (const dataset::Row& row : rows) {
        QStringList problems;
        for (const auto& f : row.findings) problems << q(f.message);
        rows_.push_back(QStringList{QString::number(row.line)} + cellsOf(task, row.example) +
                        QStringList{problems.join(QStringLiteral("; "))});
        usable_.push_back(row.usable);
    }
    endResetModel();
}

void DatasetPreviewModel::clear() {
    beginResetModel();
    headers_.clear();
    rows_.clear();
    usable_.clear();
    endResetModel();
}

int DatasetPreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}
int DatasetPreviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(headers_.size());
}

QVariant DatasetPreviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const QString& cell = rows_[static_cast<std::size_t>(index.row())].at(index.column());
    if (role == Qt::DisplayRole) return shortened(cell);
    if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) return cell;
    return {};
}

QVariant DatasetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return headers_.value(section);
}

FindingTableModel::FindingTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void FindingTableModel::setFindings(std::vector<dataset::Finding> findings) {
    beginResetModel();
    findings_ = std::move(findings);
    endResetModel();
}

void FindingTableModel::clear() { setFindings({}); }

int FindingTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(findings_.size());
}
int FindingTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant FindingTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const dataset::Finding& f = findings_[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
            case SeverityColumn:
                return f.severity == dataset::Severity::Error ? tr("Must fix") : tr("Worth a look");
            case WhereColumn: {
                QString where = q(f.file);
                if (f.line > 0) where += tr(", line %1").arg(f.line);
                if (!f.column.empty()) where += tr(", field \u201c%1\u201d").arg(q(f.column));
                return where;
            }
            case ProblemColumn: return q(f.message);
            case FixColumn: return q(f.fix);
            default: return {};
        }
    }
    return {};
}

QVariant FindingTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case SeverityColumn: return tr("Severity");
        case WhereColumn: return tr("Where");
        case ProblemColumn: return tr("Problem");
        case FixColumn: return tr("What to do");
        default: return {};
    }
}

}  // namespace offsite::ui

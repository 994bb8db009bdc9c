// Item models of the Choose data step: the first rows of a data set as read (one column per field of the
// task), and the validation report's findings (severity, where, what is wrong, how to fix it).
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

#include "core/dataset/dataset.h"

namespace offsite::ui {

class DatasetPreviewModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit DatasetPreviewModel(QObject* parent = nullptr);
    void setRows(dataset::TaskType task, const std::vector<dataset::Row>& rows);
    void clear();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    QStringList headers_;
    std::vector<QStringList> rows_;
    std::vector<bool> usable_;
};

class FindingTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SeverityColumn = 0, WhereColumn, ProblemColumn, FixColumn, ColumnCount };
    explicit FindingTableModel(QObject* parent = nullptr);
    void setFindings(std::vector<dataset::Finding> findings);
    void clear();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<dataset::Finding> findings_;
};

// The translated name of a task ("Prompt and completion").
[[nodiscard]] QString taskName(dataset::TaskType task);

}  // namespace offsite::ui

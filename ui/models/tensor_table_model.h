// Item model of a model's tensors (name, type, shape, parameters, size) for the model inspector; fed from a
// validated safetensors::ModelFiles, so the view never touches unvalidated bytes.
#pragma once

#include <QAbstractTableModel>
#include <QString>
#include <vector>

#include "core/export/export.h"
#include "core/safetensors/index.h"

namespace offsite::ui {

class TensorTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name = 0, DType, Shape, Parameters, Bytes, ColumnCount };

    explicit TensorTableModel(QObject* parent = nullptr);

    // Replaces the rows with the tensors of `files` (sorted by name).
    void setTensors(const safetensors::ModelFiles& files);
    // Replaces the rows with an export's listing of its adapter tensors (in the listing's order).
    void setTensors(const std::vector<exports::TensorSummary>& tensors);
    void clear();
    [[nodiscard]] qint64 totalParameters() const { return totalParameters_; }
    [[nodiscard]] quint64 totalBytes() const { return totalBytes_; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        QString dtype;
        QString shape;
        qint64 parameters = 0;
        quint64 bytes = 0;
    };
    std::vector<Row> rows_;
    qint64 totalParameters_ = 0;
    quint64 totalBytes_ = 0;
};

}  // namespace offsite::ui

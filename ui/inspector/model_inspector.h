// A page that shows what a model folder or safetensors file holds: a plain-language summary (architecture,
// blocks, parameters, size) and the table of tensors, or a message saying why the file cannot be used.
#pragma once

#include <QWidget>
#include <filesystem>

class QLabel;
class QTableView;
class QSortFilterProxyModel;
class QLineEdit;

namespace offsite::ui {

class TensorTableModel;

class ModelInspector : public QWidget {
    Q_OBJECT

public:
    explicit ModelInspector(QWidget* parent = nullptr);

    // Validates and shows `path`; returns false (and shows the reason) when it cannot be read.
    bool openModel(const std::filesystem::path& path);
    [[nodiscard]] TensorTableModel* tensorModel() const { return tensors_; }
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QString errorText() const;

signals:
    void modelOpened(const QString& path);

private:
    QLabel* summary_;
    QLabel* error_;
    QLineEdit* filter_;
    QTableView* table_;
    TensorTableModel* tensors_;
    QSortFilterProxyModel* proxy_;
};

}  // namespace offsite::ui

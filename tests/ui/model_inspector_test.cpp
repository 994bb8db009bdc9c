// The model inspector driven offscreen through its widgets (found by objectName), with its item model under
// QAbstractItemModelTester.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>

#include "ui/inspector/model_inspector.h"
#include "ui/models/tensor_table_model.h"

namespace offsite::ui {
namespace {

const std::filesystem::path kData = OFFSITE_TEST_DATA;

QApplication& app() {
    static int argc = 1;
    static char name[] = "test_ui";
    static char* argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QApplication instance(argc, argv);
    return instance;
}

TEST(TensorTableModel, PassesTheItemModelTester) {
    app();
    TensorTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto files = safetensors::ModelFiles::open(kData / "parity" / "llama_gqa_tied");
    ASSERT_TRUE(files.ok());
    model.setTensors(files.value());
    EXPECT_EQ(model.rowCount(), 29);
    EXPECT_EQ(model.columnCount(), TensorTableModel::ColumnCount);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    model.setTensors(files.value());
    EXPECT_EQ(model.data(model.index(0, TensorTableModel::Name)).toString(), QStringLiteral("model.embed_tokens.weight"));
    EXPECT_EQ(model.data(model.index(0, TensorTableModel::Parameters), Qt::UserRole).toLongLong(), 96 * 48);
}

TEST(ModelInspector, ShowsTheModelAndFiltersTensors) {
    app();
    ModelInspector inspector;
    inspector.show();
    ASSERT_TRUE(inspector.openModel(kData / "parity" / "opt"));
    auto* table = inspector.findChild<QTableView*>(QStringLiteral("tensorTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->model()->rowCount(), 52);
    EXPECT_TRUE(inspector.summaryText().contains(QStringLiteral("opt model with 3 blocks"))) << inspector.summaryText().toStdString();
    auto* filter = inspector.findChild<QLineEdit*>(QStringLiteral("tensorFilter"));
    ASSERT_NE(filter, nullptr);
    filter->setText(QStringLiteral("layers.1.fc"));
    EXPECT_EQ(table->model()->rowCount(), 4);  // fc1/fc2 weight and bias
    EXPECT_TRUE(inspector.errorText().isEmpty());
}

TEST(ModelInspector, ExplainsWhyABrokenFileCannotBeUsed) {
    app();
    ModelInspector inspector;
    EXPECT_FALSE(inspector.openModel(kData / "safetensors" / "broken_torch_zip.safetensors"));
    inspector.show();
    EXPECT_TRUE(inspector.errorText().contains(QStringLiteral("PyTorch zip checkpoint"))) << inspector.errorText().toStdString();
    EXPECT_EQ(inspector.tensorModel()->rowCount(), 0);
}

}  // namespace
}  // namespace offsite::ui

// The data step's preselection behind `offsite-studio --task NAME --dataset FILE` (the demo opens the app with its
// data set chosen): known task names select the task, another name is refused and changes nothing, and the chosen
// file is checked as that task.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

#include "tests/ui/qt_test_app.h"
#include "ui/wizard/choose_data_page.h"
#include "ui/wizard/dataset_models.h"
#include "ui/wizard/wizard_context.h"

namespace offsite::ui {
namespace {

int currentTask(const ChooseDataPage& page) {
    return page.findChild<QComboBox*>(QStringLiteral("dataTask"))->currentData().toInt();
}

TEST(DemoPreselect, TaskNamesSelectTheTaskAndAnUnknownNameChangesNothing) {
    testing::app();
    WizardContext context;
    ChooseDataPage page(context);
    ASSERT_TRUE(page.setTaskName(QStringLiteral("multiple_choice")));
    EXPECT_EQ(currentTask(page), static_cast<int>(dataset::TaskType::MultipleChoice));
    ASSERT_TRUE(page.setTaskName(QStringLiteral("prompt_completion")));
    EXPECT_EQ(currentTask(page), static_cast<int>(dataset::TaskType::PromptCompletion));
    EXPECT_FALSE(page.setTaskName(QStringLiteral("poems")));
    EXPECT_FALSE(page.setTaskName(QStringLiteral("prompt-completion")));  // the workspace's spelling only
    EXPECT_EQ(currentTask(page), static_cast<int>(dataset::TaskType::PromptCompletion));
}

TEST(DemoPreselect, TheChosenFileIsCheckedAsTheChosenTask) {
    testing::app();
    WizardContext context;
    ChooseDataPage page(context);
    ASSERT_TRUE(page.setTaskName(QStringLiteral("prompt_completion")));
    const QString file = QStringLiteral(OFFSITE_TEST_DATA "/dataset/prompt_completion.jsonl");
    page.setDataPath(file);
    EXPECT_EQ(page.findChild<QLineEdit*>(QStringLiteral("dataPath"))->text(), file);
    ASSERT_TRUE(QTest::qWaitFor([&] { return page.previewModel()->rowCount() > 0; }, 20000));
    EXPECT_EQ(currentTask(page), static_cast<int>(dataset::TaskType::PromptCompletion));
}

}  // namespace
}  // namespace offsite::ui

// The Offsite Studio main window. For now it hosts the model inspector; the package/data/run library and the
// fine-tuning wizard (issue 6) will join it as pages.
#pragma once

#include <QMainWindow>

namespace offsite::ui {
class ModelInspector;
}

namespace offsite::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    [[nodiscard]] ui::ModelInspector* inspector() const { return inspector_; }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void chooseModelFolder();
    void chooseModelFile();

    ui::ModelInspector* inspector_;
};

}  // namespace offsite::gui

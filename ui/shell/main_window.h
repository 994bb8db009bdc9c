// The Offsite Studio main window: a navigation list (library, fine-tuning wizard, model inspector) beside the
// page it shows, the workspace named in the settings, menus and drag and drop. It owns the open workspace and
// hands it to pages by reference; training state belongs to the core's jobs, never to the window. Closing the
// window while a run trains pauses the run with a checkpoint first (and says so); the library's Resume continues
// it later, in this session or after a restart.
#pragma once

#include <QMainWindow>
#include <memory>

namespace offsite::workspace {
class Workspace;
}
namespace offsite::jobs {
class SharedWorkspace;
}

class QListWidget;
class QStackedWidget;
class QLabel;

namespace offsite::ui {

class AppSettings;
class FineTuningWizard;
class LibraryPage;
class ModelInspector;
class RunDetailPage;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(AppSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    enum class Page { Library = 1, FineTuning, Inspector, RunDetail };
    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;

    // Opens (or reopens) the workspace folder from the settings; shows what went wrong in the status bar.
    bool openWorkspace();
    void reloadLibrary();
    // The open workspace, for the GUI thread while no training job writes to it; shared() is the same workspace
    // behind the lock the jobs take.
    [[nodiscard]] workspace::Workspace* workspace() const;
    [[nodiscard]] jobs::SharedWorkspace* shared() const { return shared_.get(); }
    [[nodiscard]] ModelInspector* inspector() const { return inspector_; }
    [[nodiscard]] LibraryPage* library() const { return library_; }
    [[nodiscard]] RunDetailPage* runDetail() const { return runDetail_; }
    [[nodiscard]] FineTuningWizard* wizard() const { return wizard_; }
    // Opens the import step with this package (the app's file argument: a double-clicked .otpkg).
    void openPackage(const QString& path);
    void openRun(qint64 runId);
    // Opens the wizard's train step on a paused or interrupted run and resumes it (the library's Resume).
    void resumeRun(qint64 runId);
    // Announces a status change: the status bar for sighted users, an accessibility event for screen readers.
    void announce(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void chooseModelFolder();
    void openSettings();
    int addPage(QWidget* page, const QString& title, const QString& description);

    AppSettings& settings_;
    std::unique_ptr<jobs::SharedWorkspace> shared_;
    bool closeWhenPaused_ = false;
    QListWidget* navigation_;
    QStackedWidget* pages_;
    LibraryPage* library_;
    FineTuningWizard* wizard_;
    ModelInspector* inspector_;
    RunDetailPage* runDetail_;
    QLabel* statusLabel_;
};

}  // namespace offsite::ui

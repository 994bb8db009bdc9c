// The Offsite Studio main window: a navigation list (library, fine-tuning wizard, model inspector) beside the
// page it shows, the workspace named in the settings, menus and drag and drop. It owns the open workspace and
// hands it to pages by reference; training state belongs to the core's jobs, never to the window.
#pragma once

#include <QMainWindow>
#include <memory>

namespace offsite::workspace {
class Workspace;
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
    [[nodiscard]] workspace::Workspace* workspace() const { return workspace_.get(); }
    [[nodiscard]] ModelInspector* inspector() const { return inspector_; }
    [[nodiscard]] LibraryPage* library() const { return library_; }
    [[nodiscard]] RunDetailPage* runDetail() const { return runDetail_; }
    [[nodiscard]] FineTuningWizard* wizard() const { return wizard_; }
    // Opens the import step with this package (the app's file argument: a double-clicked .otpkg).
    void openPackage(const QString& path);
    void openRun(qint64 runId);
    // Announces a status change: the status bar for sighted users, an accessibility event for screen readers.
    void announce(const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();
    void chooseModelFolder();
    void openSettings();
    int addPage(QWidget* page, const QString& title, const QString& description);

    AppSettings& settings_;
    std::unique_ptr<workspace::Workspace> workspace_;
    QListWidget* navigation_;
    QStackedWidget* pages_;
    LibraryPage* library_;
    FineTuningWizard* wizard_;
    ModelInspector* inspector_;
    RunDetailPage* runDetail_;
    QLabel* statusLabel_;
};

}  // namespace offsite::ui

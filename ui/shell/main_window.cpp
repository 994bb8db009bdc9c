// The main window (see main_window.h).
#include "ui/shell/main_window.h"

#include <QAccessible>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>

#include "core/jobs/training_job.h"
#include "core/workspace/workspace.h"
#include "ui/inspector/model_inspector.h"
#include "ui/library/library_page.h"
#include "ui/library/run_detail_page.h"
#include "ui/settings/app_settings.h"
#include "ui/settings/settings_dialog.h"
#include "ui/wizard/fine_tuning_wizard.h"
#include "ui/wizard/train_page.h"

namespace offsite::ui {

MainWindow::MainWindow(AppSettings& settings, QWidget* parent)
    : QMainWindow(parent),
      settings_(settings),
      navigation_(new QListWidget(this)),
      pages_(new QStackedWidget(this)),
      library_(new LibraryPage(this)),
      wizard_(new FineTuningWizard(this)),
      inspector_(new ModelInspector(this)),
      runDetail_(new RunDetailPage(this)),
      statusLabel_(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Offsite Studio"));
    setAcceptDrops(true);
    resize(1100, 720);
    wizard_->context().settings = &settings_;  // the export's signing key file

    navigation_->setObjectName(QStringLiteral("navigation"));
    navigation_->setAccessibleName(tr("Sections"));
    navigation_->setFixedWidth(190);
    navigation_->setSpacing(2);
    addPage(library_, tr("Library"), tr("Packages, data sets, runs and exports in your workspace."));
    addPage(wizard_, tr("Fine-tune"), tr("The step-by-step fine-tuning assistant."));
    addPage(inspector_, tr("Model inspector"), tr("Look inside a model folder or safetensors file."));
    pages_->addWidget(runDetail_);  // reached from the library, not from the navigation list
    connect(navigation_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(navigation_);
    layout->addWidget(pages_, 1);
    setCentralWidget(central);

    statusLabel_->setObjectName(QStringLiteral("statusMessage"));
    statusLabel_->setAccessibleName(tr("Status"));
    statusBar()->addWidget(statusLabel_, 1);

    connect(library_, &LibraryPage::runActivated, this, &MainWindow::openRun);
    connect(library_, &LibraryPage::newFineTuningRequested, this, [this] { showPage(Page::FineTuning); });
    connect(runDetail_, &RunDetailPage::backRequested, this, [this] { showPage(Page::Library); });
    connect(library_, &LibraryPage::resumeRunRequested, this, &MainWindow::resumeRun);
    connect(runDetail_, &RunDetailPage::resumeRunRequested, this, &MainWindow::resumeRun);
    connect(wizard_, &FineTuningWizard::workspaceChanged, this, &MainWindow::reloadLibrary);
    connect(wizard_->trainPage(), &TrainPage::trainingFinished, this, [this] {
        if (closeWhenPaused_) {
            announce(tr("Training is paused and its checkpoint saved; closing."));
            close();
        }
    });
    connect(inspector_, &ModelInspector::modelOpened, this,
            [this](const QString& path) { announce(tr("Opened %1").arg(path)); });

    buildMenus();
    navigation_->setCurrentRow(0);
    openWorkspace();
}

MainWindow::~MainWindow() {
    // A run still training pauses with a checkpoint (the job's destructor waits for it) while the workspace it
    // writes to is still open: the wizard goes first.
    delete wizard_;
    wizard_ = nullptr;
    shared_.reset();
}

workspace::Workspace* MainWindow::workspace() const { return shared_ ? &shared_->unguarded() : nullptr; }

void MainWindow::closeEvent(QCloseEvent* event) {
    TrainPage* train = wizard_ != nullptr ? wizard_->trainPage() : nullptr;
    if (train != nullptr && train->running()) {
        // Keep the window until the job has paused and saved its checkpoint; trainingFinished closes it then.
        if (!closeWhenPaused_) {
            closeWhenPaused_ = true;
            train->pauseForClose();
            announce(tr("Pausing the training run and saving a checkpoint before closing\u2026 Resume it later "
                        "from the library."));
        }
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::resumeRun(qint64 runId) {
    if (!shared_) return;
    TrainPage* train = wizard_->trainPage();
    if (train->running()) {
        announce(tr("A run is training already; pause or finish it before resuming another."));
        return;
    }
    showPage(Page::FineTuning);
    wizard_->resumeRun(runId);
    announce(tr("Resuming run %1\u2026").arg(runId));
}

int MainWindow::addPage(QWidget* page, const QString& title, const QString& description) {
    auto* item = new QListWidgetItem(title, navigation_);
    item->setToolTip(description);
    item->setData(Qt::AccessibleDescriptionRole, description);
    return pages_->addWidget(page);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFolder = file->addAction(tr("Inspect a model &folder\u2026"), this, &MainWindow::chooseModelFolder);
    openFolder->setObjectName(QStringLiteral("actionOpenModelFolder"));
    QAction* settings = file->addAction(tr("&Settings\u2026"), this, &MainWindow::openSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* libraryAction = view->addAction(tr("&Library"), this, [this] { showPage(Page::Library); });
    libraryAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction* wizardAction = view->addAction(tr("&Fine-tune"), this, [this] { showPage(Page::FineTuning); });
    wizardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction* inspectorAction = view->addAction(tr("Model &inspector"), this, [this] { showPage(Page::Inspector); });
    inspectorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction* refresh = view->addAction(tr("&Refresh library"), this, &MainWindow::reloadLibrary);
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Offsite Studio"), this, [this] {
        QMessageBox::about(this, tr("About Offsite Studio"),
                           tr("<b>Offsite Studio %1</b><p>Fine-tune a model you do not own on data you do not "
                              "share. Works offline; nothing is sent anywhere.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showPage(Page page) {
    switch (page) {
        case Page::Library: navigation_->setCurrentRow(0); break;
        case Page::FineTuning: navigation_->setCurrentRow(1); break;
        case Page::Inspector: navigation_->setCurrentRow(2); break;
        case Page::RunDetail:
            navigation_->clearSelection();
            pages_->setCurrentWidget(runDetail_);
            break;
    }
}

MainWindow::Page MainWindow::currentPage() const {
    QWidget* page = pages_->currentWidget();
    if (page == wizard_) return Page::FineTuning;
    if (page == inspector_) return Page::Inspector;
    if (page == runDetail_) return Page::RunDetail;
    return Page::Library;
}

bool MainWindow::openWorkspace() {
    if (wizard_->trainPage()->running()) {
        announce(tr("A run is training in this workspace; pause it before switching workspaces."));
        return false;
    }
    wizard_->setSharedWorkspace(nullptr);
    shared_.reset();
    wizard_->setComputeDevice(settings_.computeDevice());
    const QString folder = settings_.workspaceFolder();
    if (!QDir().mkpath(folder)) {
        announce(tr("Could not create the workspace folder %1. Choose another folder in Settings.").arg(folder));
        return false;
    }
    auto opened = workspace::Workspace::open(folder.toStdString());
    if (!opened.ok()) {
        announce(tr("Could not open the workspace: %1").arg(QString::fromStdString(opened.error().message)));
        return false;
    }
    shared_ = std::make_unique<jobs::SharedWorkspace>(std::move(opened).value());
    wizard_->setSharedWorkspace(shared_.get());
    reloadLibrary();
    announce(tr("Workspace %1 is ready.").arg(QDir::toNativeSeparators(folder)));
    return true;
}

void MainWindow::reloadLibrary() {
    if (!shared_) return;
    if (Status status = shared_->with([&](workspace::Workspace& ws) { return library_->reload(ws); });
        !status.ok()) {
        announce(tr("Could not read the library: %1").arg(QString::fromStdString(status.error().message)));
    }
}

void MainWindow::openRun(qint64 runId) {
    if (!shared_) return;
    if (Status status = shared_->with([&](workspace::Workspace& ws) { return runDetail_->showRun(ws, runId); });
        !status.ok()) {
        announce(tr("Could not open the run: %1").arg(QString::fromStdString(status.error().message)));
        return;
    }
    showPage(Page::RunDetail);
}

void MainWindow::openPackage(const QString& path) {
    showPage(Page::FineTuning);
    wizard_->openPackage(path);
}

void MainWindow::announce(const QString& message) {
    statusLabel_->setText(message);
    QAccessibleEvent event(statusLabel_, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&event);
}

void MainWindow::chooseModelFolder() {
    QString folder = QFileDialog::getExistingDirectory(this, tr("Inspect a model folder"));
    if (folder.isEmpty()) return;
    inspector_->openModel(folder.toStdString());
    showPage(Page::Inspector);
}

void MainWindow::openSettings() {
    const QString before = settings_.workspaceFolder();
    SettingsDialog dialog(settings_, this);
    if (dialog.exec() == QDialog::Accepted && settings_.workspaceFolder() != before) openWorkspace();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile()) return;
    const QString path = urls.front().toLocalFile();
    if (path.endsWith(QLatin1String(".otpkg"), Qt::CaseInsensitive)) {
        openPackage(path);
        return;
    }
    inspector_->openModel(path.toStdString());
    showPage(Page::Inspector);
}

}  // namespace offsite::ui

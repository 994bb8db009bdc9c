// Main window: menus, drag and drop of model folders/files onto the inspector.
#include "app/gui/main_window.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>

#include "ui/inspector/model_inspector.h"

namespace offsite::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), inspector_(new ui::ModelInspector(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Offsite Studio"));
    setCentralWidget(inspector_);
    setAcceptDrops(true);
    resize(960, 640);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openFolder = file->addAction(tr("Open model &folder\u2026"), this, &MainWindow::chooseModelFolder);
    openFolder->setObjectName(QStringLiteral("actionOpenModelFolder"));
    openFolder->setShortcut(QKeySequence::Open);
    QAction* openFile = file->addAction(tr("Open &safetensors file\u2026"), this, &MainWindow::chooseModelFile);
    openFile->setObjectName(QStringLiteral("actionOpenModelFile"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Offsite Studio"), this, [this] {
        QMessageBox::about(this, tr("About Offsite Studio"),
                           tr("<b>Offsite Studio %1</b><p>Fine-tune a model you do not own on data you do not "
                              "share. Works offline; nothing is sent anywhere.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    connect(inspector_, &ui::ModelInspector::modelOpened, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Opened %1").arg(path), 5000); });
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::chooseModelFolder() {
    QString folder = QFileDialog::getExistingDirectory(this, tr("Open model folder"));
    if (!folder.isEmpty()) inspector_->openModel(folder.toStdString());
}

void MainWindow::chooseModelFile() {
    QString file = QFileDialog::getOpenFileName(this, tr("Open safetensors file"), QString(),
                                                tr("Safetensors files (*.safetensors *.json)"));
    if (!file.isEmpty()) inspector_->openModel(file.toStdString());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) inspector_->openModel(urls.front().toLocalFile().toStdString());
}

}  // namespace offsite::gui

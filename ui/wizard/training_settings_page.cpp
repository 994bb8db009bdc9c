// Wizard step 3: Settings and the fit check (see training_settings_page.h).
#include "ui/wizard/training_settings_page.h"

#include <QButtonGroup>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/wizard/wizard_context.h"
#include "ui/wizard/wizard_page_style.h"

namespace offsite::ui {

namespace {
struct PresetValues {
    int steps;
    double learningRate;
    int batch;
    int blockSize;
};
PresetValues valuesOf(TrainingSettingsPage::Preset preset) {
    switch (preset) {
        case TrainingSettingsPage::Preset::Quick: return {30, 2e-4, 4, 128};
        case TrainingSettingsPage::Preset::Balanced: return {150, 1e-4, 8, 256};
        case TrainingSettingsPage::Preset::Thorough: return {500, 5e-5, 8, 512};
    }
    return {150, 1e-4, 8, 256};
}
QString bytes(std::int64_t n) { return QLocale().formattedDataSize(n, 1, QLocale::DataSizeSIFormat); }
}  // namespace

TrainingSettingsPage::TrainingSettingsPage(WizardContext& context, QWidget* parent)
    : QWizardPage(parent),
      context_(context),
      presets_(new QButtonGroup(this)),
      advanced_(new QGroupBox(tr("&Advanced"), this)),
      steps_(new QSpinBox(this)),
      learningRate_(new QDoubleSpinBox(this)),
      batch_(new QSpinBox(this)),
      blockSize_(new QSpinBox(this)),
      deviceLabel_(new QLabel(this)),
      fit_(new StatusLabel(QStringLiteral("settingsFit"), this)),
      useSuggestion_(new QPushButton(tr("Use the &suggested batch size"), this)) {
    setObjectName(QStringLiteral("trainingSettingsPage"));
    setTitle(tr("Choose how thoroughly to train"));
    setSubTitle(tr("Start with a preset. Longer training usually fits your data better but takes more time."));

    auto* presetBox = new QWidget(this);
    auto* presetLayout = new QVBoxLayout(presetBox);
    presetLayout->setContentsMargins(0, 0, 0, 0);
    const struct {
        Preset preset;
        QString name;
        QString text;
        QString description;
    } presetInfo[] = {
        {Preset::Quick, QStringLiteral("settingsPresetQuick"), tr("&Quick"),
         tr("A short run to see that everything works (minutes).")},
        {Preset::Balanced, QStringLiteral("settingsPresetBalanced"), tr("&Balanced"),
         tr("A good first result for most data sets.")},
        {Preset::Thorough, QStringLiteral("settingsPresetThorough"), tr("T&horough"),
         tr("The most training; best with a few thousand examples or more.")},
    };
    for (const auto& info : presetInfo) {
        auto* button = new QRadioButton(info.text, presetBox);
        button->setObjectName(info.name);
        button->setAccessibleDescription(info.description);
        auto* description = new QLabel(info.description, presetBox);
        description->setIndent(24);
        description->setWordWrap(true);
        presets_->addButton(button, static_cast<int>(info.preset));
        presetLayout->addWidget(button);
        presetLayout->addWidget(description);
    }
    connect(presets_, &QButtonGroup::idClicked, this, [this](int id) { setPreset(static_cast<Preset>(id)); });

    advanced_->setObjectName(QStringLiteral("settingsAdvanced"));
    advanced_->setCheckable(true);
    advanced_->setChecked(false);
    advanced_->setAccessibleDescription(tr("Change the numbers behind the preset."));
    steps_->setObjectName(QStringLiteral("settingsSteps"));
    steps_->setRange(1, 1000000);
    steps_->setAccessibleName(tr("Training steps"));
    learningRate_->setObjectName(QStringLiteral("settingsLearningRate"));
    learningRate_->setDecimals(6);
    learningRate_->setRange(1e-6, 1e-2);
    learningRate_->setSingleStep(1e-5);
    learningRate_->setAccessibleName(tr("Learning rate"));
    batch_->setObjectName(QStringLiteral("settingsBatch"));
    batch_->setRange(1, 512);
    batch_->setAccessibleName(tr("Batch size"));
    blockSize_->setObjectName(QStringLiteral("settingsBlockSize"));
    blockSize_->setRange(8, 32768);
    blockSize_->setAccessibleName(tr("Tokens per example"));
    auto* advancedForm = new QFormLayout(advanced_);
    advancedForm->addRow(tr("Training s&teps:"), steps_);
    advancedForm->addRow(tr("&Learning rate:"), learningRate_);
    advancedForm->addRow(tr("Batch si&ze:"), batch_);
    advancedForm->addRow(tr("Tokens per e&xample:"), blockSize_);
    for (QWidget* w : {static_cast<QWidget*>(steps_), static_cast<QWidget*>(learningRate_),
                       static_cast<QWidget*>(batch_), static_cast<QWidget*>(blockSize_)}) {
        w->setEnabled(false);
    }
    connect(advanced_, &QGroupBox::toggled, this, [this](bool on) {
        for (QWidget* w : {static_cast<QWidget*>(steps_), static_cast<QWidget*>(learningRate_),
                           static_cast<QWidget*>(batch_), static_cast<QWidget*>(blockSize_)}) {
            w->setEnabled(on);
        }
    });
    connect(batch_, &QSpinBox::valueChanged, this, &TrainingSettingsPage::updateFit);
    connect(blockSize_, &QSpinBox::valueChanged, this, &TrainingSettingsPage::updateFit);

    deviceLabel_->setObjectName(QStringLiteral("settingsDeviceLabel"));
    useSuggestion_->setObjectName(QStringLiteral("settingsUseSuggestion"));
    connect(useSuggestion_, &QPushButton::clicked, this, [this] {
        if (suggested_ > 0) batch_->setValue(suggested_);
    });

    auto* fitBox = new QGroupBox(tr("Will it fit?"), this);
    auto* fitLayout = new QVBoxLayout(fitBox);
    fitLayout->addWidget(deviceLabel_);
    fitLayout->addWidget(fit_);
    fitLayout->addWidget(useSuggestion_, 0, Qt::AlignLeft);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(presetBox);
    layout->addWidget(advanced_);
    layout->addWidget(fitBox);
    layout->addStretch(1);
    presets_->button(static_cast<int>(Preset::Balanced))->setChecked(true);
    setPreset(Preset::Balanced);
}

void TrainingSettingsPage::initializePage() {
    shape_.reset();
    if (!context_.modelFolder.empty()) {
        auto shape = readModelShape(context_.modelFolder);
        if (shape.ok()) shape_ = shape.value();
    }
    setPreset(static_cast<Preset>(std::max(1, presets_->checkedId())));
}

void TrainingSettingsPage::setPreset(Preset preset) {
    presets_->button(static_cast<int>(preset))->setChecked(true);
    PresetValues v = valuesOf(preset);
    if (shape_ && shape_->maxPositions > 0) v.blockSize = std::min<int>(v.blockSize, static_cast<int>(shape_->maxPositions));
    const QSignalBlocker b1(batch_);
    const QSignalBlocker b2(blockSize_);
    steps_->setValue(v.steps);
    learningRate_->setValue(v.learningRate);
    batch_->setValue(v.batch);
    blockSize_->setValue(v.blockSize);
    updateFit();
}

void TrainingSettingsPage::setFreeMemoryForTests(std::optional<std::int64_t> bytes) {
    freeOverride_ = bytes;
    updateFit();
}

void TrainingSettingsPage::updateFit() {
    suggested_ = 0;
    useSuggestion_->setVisible(false);
    fitsNow_ = true;
    std::optional<std::int64_t> free = freeOverride_;
    // The check is against the memory of the device the trainer will use: the graphics card when the setting
    // allows it and this build can train on it (model::cudaUsable()), else system memory.
    const auto system = freeSystemMemory();
    QString device = tr("Processor (CPU): %1 of memory free.").arg(system ? bytes(*system) : tr("an unknown amount"));
    if (!free) free = system;
    if (context_.device != ComputeDevice::Cpu) {
        if (const auto gpu = freeGpuMemory()) {
            if (model::cudaUsable()) {
                device += QLatin1Char(' ') + tr("Graphics card found (%1 free of %2); training runs on it.")
                                                 .arg(bytes(gpu->free), bytes(gpu->total));
                if (!freeOverride_) free = gpu->free;
            } else {
                device += QLatin1Char(' ') + tr("Graphics card found (%1 free of %2), but this build cannot train "
                                                "on it; training runs on the processor.")
                                                 .arg(bytes(gpu->free), bytes(gpu->total));
            }
        }
    }
    deviceLabel_->setText(device);
    if (!shape_) {
        fit_->announce(tr("The memory check needs the imported package."), Verdict::Neutral);
        emit completeChanged();
        return;
    }
    const MemoryEstimate e = estimateTrainingMemory(*shape_, batch_->value(), blockSize_->value());
    QString text = tr("This run needs about %1 (model %2, training state %3, working memory %4).")
                       .arg(bytes(e.total), bytes(e.weights), bytes(e.gradients + e.optimizer), bytes(e.activations));
    if (!free) {
        fit_->announce(text + QLatin1Char(' ') + tr("Free memory is unknown."), Verdict::Neutral);
        emit completeChanged();
        return;
    }
    fitsNow_ = fits(e, *free);
    suggested_ = suggestMicroBatch(*shape_, blockSize_->value(), *free);
    if (fitsNow_) {
        fit_->announce(text + QLatin1Char(' ') + tr("It fits in the %1 free.").arg(bytes(*free)), Verdict::Good);
        useSuggestion_->setVisible(suggested_ > batch_->value());
    } else if (suggested_ > 0) {
        fit_->announce(text + QLatin1Char(' ') +
                           tr("That is more than the %1 free. A batch size of %2 fits.").arg(bytes(*free)).arg(suggested_),
                       Verdict::Bad);
        useSuggestion_->setVisible(true);
    } else {
        fit_->announce(text + QLatin1Char(' ') +
                           tr("That is more than the %1 free, even with a batch size of 1. Use fewer tokens per "
                              "example or a device with more memory.")
                               .arg(bytes(*free)),
                       Verdict::Bad);
    }
    emit completeChanged();
}

bool TrainingSettingsPage::isComplete() const { return fitsNow_; }

void TrainingSettingsPage::writeParams() {
    trainer::TrainingParams& p = context_.training;
    p.maxSteps = steps_->value();
    p.learningRate = learningRate_->value();
    p.microBatch = batch_->value();
    p.blockSize = blockSize_->value();
    p.accumulation = 1;
    p.schedule = trainer::Schedule::Linear;
    p.warmupSteps = std::max(0, p.maxSteps / 10);
    p.evalEvery = std::max(1, p.maxSteps / 10);
    p.trainable = trainer::TrainableSet::AdapterBlocks;
    // The app's compute-device setting (Settings > Compute device); Auto is the graphics card when usable.
    switch (context_.device) {
        case ComputeDevice::Auto: p.device = model::Device::Auto; break;
        case ComputeDevice::Cpu: p.device = model::Device::Cpu; break;
        case ComputeDevice::Cuda: p.device = model::Device::Cuda; break;
    }
    // A review longer than "Tokens per example" loses the start of its text, not the answer: the app does not
    // refuse a whole data set over one long row (the command line refuses unless --truncate left is given).
    p.truncation = trainer::Truncation::Left;
}

bool TrainingSettingsPage::validatePage() {
    writeParams();
    return true;
}

}  // namespace offsite::ui

// The import step's bridge to the core importer (see package_trust.h).
#include "ui/wizard/package_trust.h"

#include <chrono>

#include "core/workspace/packages.h"
#include "core/crypto/sha256.h"
#include "core/workspace/workspace.h"

namespace offsite::ui {

namespace {
trust::ImportOptions optionsFor(const TrustAnswers& answers) {
    trust::ImportOptions options;
    options.presentedKey = answers.presentedKey;
    options.keyDecision =
        answers.fingerprintCompared ? trust::KeyDecision::TrustPresentedKey : trust::KeyDecision::AskFirst;
    options.changeDecision =
        answers.changesConfirmed ? trust::ChangeDecision::Confirmed : trust::ChangeDecision::AskFirst;
    return options;
}

Result<std::optional<std::int64_t>> importedPackageId(workspace::Workspace& workspace,
                                                      const std::string& manifestSha256) {
    OFFSITE_ASSIGN_OR_RETURN(const auto records, workspace::packageTrustRecords(workspace));
    for (const auto& record : records) {
        if (record.manifestSha256 == manifestSha256) return std::optional<std::int64_t>(record.packageId);
    }
    return std::optional<std::int64_t>();
}
}  // namespace

PackageCheck checkPackage(workspace::Workspace& workspace, const std::filesystem::path& packagePath,
                          const std::optional<crypto::MinisignPublicKey>& presentedKey) {
    PackageCheck check;
    trust::ImportOptions options = optionsFor(TrustAnswers{presentedKey, false, false});
    options.scope = trust::ImportScope::DecisionsOnly;
    options.onSigned = [&check](const trust::SignedFacts& facts) { check.facts = facts; };
    check.decisions = trust::importPackage(workspace, packagePath, options);
    if (check.facts) {
        // Core refuses a second import of the same package; the page continues with the imported copy.
        auto existing = importedPackageId(workspace, crypto::sha256Hex(check.facts->signedPart.manifestBytes));
        if (!existing.ok()) {
            check.decisions = existing.error();
            return check;
        }
        check.alreadyImported = existing.value();
        if (check.alreadyImported) return check;
    }
    if (check.decisions.ok() && check.decisions->status == trust::ImportStatus::NeedsFirstTrust) {
        // What the importer would ask or refuse once the key is trusted, so that every question is asked at once.
        trust::ImportOptions trusted = options;
        trusted.keyDecision = trust::KeyDecision::TrustPresentedKey;
        trusted.onSigned = {};
        auto next = trust::importPackage(workspace, packagePath, trusted);
        if (next.ok() && next->status == trust::ImportStatus::NeedsConfirmation) {
            check.changesAfterTrust = next->confirmation;
        } else if (!next.ok() && next.error().kind != ErrorKind::Cancelled) {
            check.decisions = next.error();
        }
    }
    return check;
}

Result<trust::ImportOutcome> importWithAnswers(workspace::Workspace& workspace,
                                               const std::filesystem::path& packagePath, const TrustAnswers& answers,
                                               std::function<bool(std::uint64_t, std::uint64_t)> progress) {
    trust::ImportOptions options = optionsFor(answers);
    options.progress = std::move(progress);
    return trust::importPackage(workspace, packagePath, options);
}

void AnswerSlot::reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    answer_.reset();
}

void AnswerSlot::give(bool yes) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        answer_ = yes;
    }
    changed_.notify_all();
}

std::optional<bool> AnswerSlot::wait(const std::atomic<bool>& stop) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!answer_ && !stop.load()) changed_.wait_for(lock, std::chrono::milliseconds(50));
    if (stop.load()) return std::nullopt;
    return answer_;
}

}  // namespace offsite::ui

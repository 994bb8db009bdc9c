// The import step's bridge to the core importer (see package_trust.h).
#include "ui/wizard/package_trust.h"

#include "core/workspace/packages.h"
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
}  // namespace

Result<CheckInputs> checkInputs(workspace::Workspace& workspace,
                                const std::optional<crypto::MinisignPublicKey>& presented) {
    CheckInputs inputs;
    OFFSITE_ASSIGN_OR_RETURN(inputs.keys, trust::trustedKeys(workspace));
    OFFSITE_ASSIGN_OR_RETURN(inputs.timeFloor, trust::trustedTimeFloor(workspace));
    if (presented && inputs.keys.findByKeyId(presented->keyId) == nullptr) {
        inputs.keys.keys.push_back(package::PinnedKey{"", *presented});
    }
    return inputs;
}

Result<trust::ImportOutcome> importDecisions(workspace::Workspace& workspace,
                                             const std::filesystem::path& packagePath,
                                             const package::Manifest& checked, const TrustAnswers& answers) {
    std::uint64_t payloadBytes = 0;
    for (const auto& file : checked.files) payloadBytes += file.size;
    if (payloadBytes == 0) {
        return makeError(ErrorKind::InvalidInput, "the package holds no model files (every payload file is "
                                                  "empty); ask the publisher for a complete package");
    }
    trust::ImportOptions options = optionsFor(answers);
    // Stop at the first payload bytes: the importer has made every decision by then and written nothing.
    options.progress = [](std::uint64_t, std::uint64_t) { return false; };
    return trust::importPackage(workspace, packagePath, options);
}

Result<trust::ImportOutcome> importWithAnswers(workspace::Workspace& workspace,
                                               const std::filesystem::path& packagePath,
                                               const TrustAnswers& answers) {
    return trust::importPackage(workspace, packagePath, optionsFor(answers));
}

Result<std::optional<std::int64_t>> importedPackageId(workspace::Workspace& workspace,
                                                      const std::string& manifestSha256) {
    OFFSITE_ASSIGN_OR_RETURN(const auto records, workspace::packageTrustRecords(workspace));
    for (const auto& record : records) {
        if (record.manifestSha256 == manifestSha256) return std::optional<std::int64_t>(record.packageId);
    }
    return std::optional<std::int64_t>();
}

}  // namespace offsite::ui

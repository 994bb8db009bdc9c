// Data set -> token streams for the trainer (see training_data.h).
#include "ui/wizard/training_data.h"

#include <algorithm>
#include <string>

#include "core/dataset/reader.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::ui {

namespace {
std::string textOf(dataset::TaskType task, const dataset::Example& e) {
    switch (task) {
        case dataset::TaskType::PlainText: return e.text;
        case dataset::TaskType::PromptCompletion: return e.prompt + "\n" + e.completion;
        case dataset::TaskType::Classification: return e.text + "\n" + e.label;
        case dataset::TaskType::MultipleChoice:
            if (e.answer >= 0 && static_cast<std::size_t>(e.answer) < e.choices.size()) {
                return e.context + " " + e.choices[static_cast<std::size_t>(e.answer)];
            }
            return e.context;
    }
    return e.text;
}
}  // namespace

Result<TrainingTokens> tokenizeDataset(const dataset::DatasetSpec& spec, const std::filesystem::path& tokenizerJson,
                                       double validationShare, const std::atomic<bool>& stop) {
    OFFSITE_ASSIGN_OR_RETURN(tokenizer::Tokenizer tokenizer, tokenizer::Tokenizer::fromFile(tokenizerJson));
    OFFSITE_ASSIGN_OR_RETURN(dataset::RowReader reader, dataset::RowReader::open(spec));
    std::vector<std::vector<std::int32_t>> rows;
    for (;;) {
        if (stop.load()) return makeError(ErrorKind::Cancelled, "preparing the training data was cancelled");
        OFFSITE_ASSIGN_OR_RETURN(std::optional<dataset::Row> row, reader.next());
        if (!row) break;
        if (!row->usable) continue;
        rows.push_back(tokenizer.encode(textOf(spec.task, row->example), tokenizer::SpecialTokens::Add));
    }
    if (rows.size() < 2) {
        return makeError(ErrorKind::InvalidInput, spec.path.string() + " has fewer than two usable examples; add "
                                                                       "more examples and check the data again");
    }
    const std::size_t held = std::clamp<std::size_t>(
        static_cast<std::size_t>(static_cast<double>(rows.size()) * validationShare), 1, rows.size() - 1);
    TrainingTokens out;
    out.trainRows = rows.size() - held;
    out.validationRows = held;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto& target = i < out.trainRows ? out.train : out.validation;
        target.insert(target.end(), rows[i].begin(), rows[i].end());
    }
    return out;
}

}  // namespace offsite::ui

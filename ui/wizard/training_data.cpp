// Sample predictions on the tuned emulator (see training_data.h).
#include "ui/wizard/training_data.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "core/dataset/reader.h"
#include "core/evaluation/evaluation.h"
#include "core/model/language_model.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::ui {

namespace {
namespace fs = std::filesystem;

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// Plain text has no prompt: the first half of its words is the prompt, the rest what should follow.
std::pair<std::string, std::string> halves(const std::string& text) {
    std::vector<std::size_t> starts;
    bool inWord = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
        if (!space && !inWord) starts.push_back(i);
        inWord = !space;
    }
    if (starts.size() < 2) return {text, {}};
    const std::size_t cut = starts[starts.size() / 2];
    return {trimmed(text.substr(0, cut)), trimmed(text.substr(cut))};
}

constexpr std::size_t kMaxLabels = 64;
}  // namespace

Result<std::vector<SamplePrediction>> predictSamples(const SamplePredictionParams& params,
                                                     const std::atomic<bool>& stop) {
    const dataset::TaskType task = params.spec.task;
    OFFSITE_ASSIGN_OR_RETURN(dataset::RowReader reader, dataset::RowReader::open(params.spec));
    std::vector<dataset::Example> picked;
    std::vector<std::string> labels;  // classification: every label of the data set, in first-seen order
    std::set<std::string> seenLabels;
    for (;;) {
        if (stop.load()) return makeError(ErrorKind::Cancelled, "the sample predictions were cancelled");
        OFFSITE_ASSIGN_OR_RETURN(std::optional<dataset::Row> row, reader.next());
        if (!row) break;
        if (!row->usable) continue;
        if (task == dataset::TaskType::Classification && labels.size() < kMaxLabels &&
            seenLabels.insert(row->example.label).second) {
            labels.push_back(row->example.label);
        }
        if (picked.size() < params.count &&
            dataset::assignSplit(row->example, task, params.split) == dataset::SplitSide::Validation) {
            picked.push_back(std::move(row->example));
        }
        // Classification reads on to see every label; the other tasks are done with their samples.
        if (picked.size() >= params.count && task != dataset::TaskType::Classification) break;
    }
    std::vector<SamplePrediction> out;
    if (picked.empty()) return out;

    if (task == dataset::TaskType::Classification || task == dataset::TaskType::MultipleChoice) {
        // Scoring reads the tokenizer from the model folder: the tuned folder gets the package's.
        std::error_code ec;
        if (!fs::exists(params.tunedModel / "tokenizer.json", ec)) {
            fs::copy_file(params.tokenizerFile, params.tunedModel / "tokenizer.json", ec);
            if (ec) {
                return makeError(ErrorKind::Io, (params.tunedModel / "tokenizer.json").string() +
                                                    ": cannot copy the tokenizer next to the tuned model (" +
                                                    ec.message() + "); check that the workspace is writable");
            }
        }
        std::vector<evaluation::MultipleChoiceItem> items;
        for (const auto& e : picked) {
            evaluation::MultipleChoiceItem item;
            if (task == dataset::TaskType::Classification) {
                item.context = e.text + "\n";  // as in training: text, newline, label
                item.choices = labels;
                item.gold = static_cast<int>(std::find(labels.begin(), labels.end(), e.label) - labels.begin());
            } else {
                item.context = e.context + "\n";
                item.choices = e.choices;
                item.gold = static_cast<int>(e.answer);
            }
            items.push_back(std::move(item));
        }
        evaluation::EvaluationOptions options;
        options.device = model::Device::Cpu;
        options.progress = [&stop](std::size_t, std::size_t) { return !stop.load(); };
        OFFSITE_ASSIGN_OR_RETURN(const evaluation::MultipleChoiceResult scored,
                                 evaluation::evaluateMultipleChoice(params.tunedModel, items, options));
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            const int predicted = i < scored.predictions.size() ? scored.predictions[i] : -1;
            SamplePrediction s;
            s.input = task == dataset::TaskType::Classification ? picked[i].text : picked[i].context;
            if (item.gold >= 0 && static_cast<std::size_t>(item.gold) < item.choices.size())
                s.expected = item.choices[static_cast<std::size_t>(item.gold)];
            if (predicted >= 0 && static_cast<std::size_t>(predicted) < item.choices.size())
                s.predicted = item.choices[static_cast<std::size_t>(predicted)];
            s.match = predicted == item.gold;
            out.push_back(std::move(s));
        }
        return out;
    }

    OFFSITE_ASSIGN_OR_RETURN(const tokenizer::Tokenizer tok, tokenizer::Tokenizer::fromFile(params.tokenizerFile));
    model::LoadOptions load;
    load.device = model::Device::Cpu;
    OFFSITE_ASSIGN_OR_RETURN(const model::LanguageModel lm, model::LanguageModel::load(params.tunedModel, load));
    for (const auto& e : picked) {
        if (stop.load()) return makeError(ErrorKind::Cancelled, "the sample predictions were cancelled");
        SamplePrediction s;
        std::string prompt;
        if (task == dataset::TaskType::PromptCompletion) {
            s.input = e.prompt;
            s.expected = e.completion;
            prompt = e.prompt + "\n";  // as in training: prompt, newline, completion
        } else {
            auto [head, tail] = halves(e.text);
            s.input = head;
            s.expected = tail;
            prompt = head + " ";
        }
        const std::vector<std::int32_t> ids = tok.encode(prompt, tokenizer::SpecialTokens::Skip);
        model::GenerationOptions generation;
        generation.sampling = model::Sampling::Greedy;
        generation.maxNewTokens = std::clamp(
            static_cast<int>(tok.encode(s.expected, tokenizer::SpecialTokens::Skip).size()) + 4, 4,
            std::max(4, params.maxNewTokens));
        if (auto eos = tok.eosId()) generation.stopIds.push_back(*eos);
        OFFSITE_ASSIGN_OR_RETURN(const std::vector<std::int32_t> generated,
                                 lm.generate(ids, generation, [&stop](std::int32_t) { return !stop.load(); }));
        s.predicted = trimmed(tok.decode(generated, tokenizer::SkipSpecial::Yes));
        s.match = s.predicted == trimmed(s.expected);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace offsite::ui

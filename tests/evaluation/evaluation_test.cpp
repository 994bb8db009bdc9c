// Evaluation: batched, padded scoring equals scoring each sequence alone with a full log-softmax; accuracy follows
// the log-likelihoods; perplexity equals the model's loss; bad question files name the line.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "core/base/file_io.h"
#include "core/evaluation/evaluation.h"
#include "core/model/causal_lm.h"
#include "core/tokenizer/tokenizer.h"

namespace offsite::evaluation {
namespace {

namespace fs = std::filesystem;
const fs::path kData = OFFSITE_TEST_DATA;

class EvaluationTest : public ::testing::Test {
protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() / ("offsite-eval-" + std::to_string(::getpid()));
        fs::remove_all(folder_);
        auto tok = tokenizer::Tokenizer::fromFile(kData / "tokenizer" / "gpt2" / "tokenizer.json");
        ASSERT_TRUE(tok.ok());
        config::ModelConfig c;
        c.architecture = config::Architecture::Llama;
        c.vocabSize = tok->vocabSize();
        c.hiddenSize = 32;
        c.numLayers = 2;
        c.numHeads = 4;
        c.numKvHeads = 2;
        c.headDim = 8;
        c.intermediateSize = 48;
        c.maxPositions = 128;
        c.eosTokenId = *tok->eosId();
        torch::manual_seed(9);
        model_ = model::CausalLM(c);
        model_->initializeWeights();
        {
            torch::NoGradGuard noGrad;
            for (auto& p : model_->parameters()) p.add_(0.2 * torch::randn_like(p));
        }
        ASSERT_TRUE(model_->saveModel(folder_).ok());
        fs::copy_file(kData / "tokenizer" / "gpt2" / "tokenizer.json", folder_ / "tokenizer.json");
        tokenizer_ = std::make_unique<tokenizer::Tokenizer>(std::move(tok.value()));
        model_->eval();
    }
    void TearDown() override { fs::remove_all(folder_); }

    // Log-likelihood of `continuation` after `context`, one sequence, full log-softmax: the obvious way.
    double bruteForce(const std::string& context, const std::string& continuation) {
        auto ctx = tokenizer_->encode(context, tokenizer::SpecialTokens::Skip);
        auto whole = tokenizer_->encode(context + continuation, tokenizer::SpecialTokens::Skip);
        std::vector<std::int64_t> ids(whole.begin(), whole.end());
        torch::NoGradGuard noGrad;
        auto logProbs = torch::log_softmax(model_->forward(torch::tensor(ids).unsqueeze(0))[0], -1);
        double sum = 0.0;
        for (std::size_t t = ctx.size(); t < ids.size(); ++t) sum += logProbs[static_cast<std::int64_t>(t - 1)][ids[t]].item<double>();
        return sum;
    }

    fs::path folder_;
    model::CausalLM model_{nullptr};
    std::unique_ptr<tokenizer::Tokenizer> tokenizer_;
};

TEST_F(EvaluationTest, BatchedScoresEqualScoringEachSequenceAlone) {
    auto items = readMultipleChoiceJsonl(kData / "evaluation" / "tiny_mc.jsonl");
    ASSERT_TRUE(items.ok()) << items.error().message;
    EvaluationOptions batched;
    batched.batchSize = 8;
    batched.device = model::Device::Cpu;
    EvaluationOptions single = batched;
    single.batchSize = 1;
    auto a = evaluateMultipleChoice(folder_, items.value(), batched);
    auto b = evaluateMultipleChoice(folder_, items.value(), single);
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok());
    for (std::size_t i = 0; i < items->size(); ++i) {
        for (std::size_t c = 0; c < (*items)[i].choices.size(); ++c) {
            EXPECT_NEAR(a->logLikelihoods[i][c], b->logLikelihoods[i][c], 1e-4);
        }
    }
    // Contexts without trailing spaces can be checked against the obvious computation directly.
    EXPECT_NEAR(a->logLikelihoods[0][1], bruteForce("The sky is", " made of cheese"), 1e-4);
    EXPECT_NEAR(a->logLikelihoods[3][2], bruteForce("Der Hund läuft über die Straße und", " 東京"), 1e-4);
    // The trailing space of "equals " moves to the continuation, as lm-evaluation-harness does.
    EXPECT_NEAR(a->logLikelihoods[1][0], bruteForce("Two plus two equals", " four"), 1e-4);
    // Accuracy follows the log-likelihoods.
    std::size_t correct = 0;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto& ll = a->logLikelihoods[i];
        const auto best = static_cast<int>(std::max_element(ll.begin(), ll.end()) - ll.begin());
        EXPECT_EQ(a->predictions[i], best);
        correct += best == (*items)[i].gold;
    }
    EXPECT_DOUBLE_EQ(a->accuracy, static_cast<double>(correct) / static_cast<double>(items->size()));
}

TEST_F(EvaluationTest, PerplexityEqualsTheModelLoss) {
    std::vector<std::int32_t> tokens;
    for (int i = 0; i < 100; ++i) tokens.push_back((i * 37 + 11) % tokenizer_->vocabSize());
    EvaluationOptions options;
    options.batchSize = 3;
    auto result = evaluatePerplexity(folder_, tokens, 16, options);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->tokens, 6 * 15);
    torch::NoGradGuard noGrad;
    std::vector<std::int64_t> ids(tokens.begin(), tokens.begin() + 96);
    auto blocks = torch::tensor(ids).view({6, 16});
    auto loss = model::causalLmLoss(model_->forward(blocks), blocks).item<double>();
    EXPECT_NEAR(result->meanLoss, loss, 1e-5);
    EXPECT_NEAR(result->perplexity, std::exp(loss), 1e-3 * std::exp(loss));
}

TEST(QuestionFiles, NameTheLineAndTheProblem) {
    auto check = [](const char* file, const char* expected) {
        auto items = readMultipleChoiceJsonl(kData / "evaluation" / file);
        ASSERT_FALSE(items.ok()) << file;
        EXPECT_NE(items.error().message.find(expected), std::string::npos) << items.error().message;
    };
    check("bad_one_choice.jsonl", "line 3: \"choices\" must be a list of at least two strings");
    check("bad_gold.jsonl", "line 1: \"gold\" must be the index");
    check("bad_json.jsonl", "line 2: not valid JSON");
    auto missing = readMultipleChoiceJsonl(kData / "evaluation" / "missing.jsonl");
    ASSERT_FALSE(missing.ok());
}

}  // namespace
}  // namespace offsite::evaluation

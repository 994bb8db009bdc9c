// The LoRA merge for export (torch-free): W + alpha/rank * B A in the package's dtype, by hand-computed values,
// for row-major and GPT-2 Conv1D ([in, out]) weights and for BF16, and the refusals.
#include "core/export/lora_merge.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "../trust/trust_test_support.h"

namespace offsite::exports {
namespace {

using namespace trust::testing;
namespace st = offsite::safetensors;

struct Tensor {
    std::string name;
    st::DType dtype;
    std::vector<std::int64_t> shape;
    std::string bytes;
};

std::string floats(const std::vector<float>& v) {
    std::string out(v.size() * 4, '\0');
    std::memcpy(out.data(), v.data(), out.size());
    return out;
}

std::string bf16(const std::vector<float>& v) {
    std::string out(v.size() * 2, '\0');
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::uint32_t u = 0;
        std::memcpy(&u, &v[i], 4);
        const std::uint16_t h = static_cast<std::uint16_t>(u >> 16);  // the values below are exact in BF16
        std::memcpy(out.data() + 2 * i, &h, 2);
    }
    return out;
}

void writeFile(const fs::path& path, const std::vector<Tensor>& tensors, const st::Metadata& metadata) {
    std::vector<st::TensorView> views;
    for (const auto& t : tensors) {
        views.push_back(st::TensorView{t.name, t.dtype, t.shape,
                                       std::span(reinterpret_cast<const std::byte*>(t.bytes.data()), t.bytes.size())});
    }
    ASSERT_TRUE(st::write(path, views, metadata).ok());
}

st::Metadata loraMetadata(const std::string& fanInFanOut) {
    return {{"format", "pt"},          {"peft_type", "LORA"}, {"lora_rank", "1"}, {"lora_alpha", "2"},
            {"target_modules", "up_proj"}, {"fan_in_fan_out", fanInFanOut}};
}

std::vector<float> read(const fs::path& file, const std::string& name) {
    auto f = st::File::open(file);
    EXPECT_TRUE(f.ok());
    const auto* info = f->find(name);
    EXPECT_NE(info, nullptr);
    std::vector<float> out(static_cast<std::size_t>(info->numel()));
    const auto bytes = f->bytes(*info);
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (info->dtype == st::DType::F32) {
            std::memcpy(&out[i], bytes.data() + 4 * i, 4);
        } else {
            std::uint16_t h = 0;
            std::memcpy(&h, bytes.data() + 2 * i, 2);
            const std::uint32_t u = static_cast<std::uint32_t>(h) << 16;
            std::memcpy(&out[i], &u, 4);
        }
    }
    return out;
}

class LoraMerge : public ScratchTest {};

TEST_F(LoraMerge, AddsScaledProductAndCopiesEverythingElse) {
    // W [2, 4] = 0.5; A [1, 4] = (1, 2, 3, 4); B [2, 1] = (0.25, -1); scale 2 / 1.
    writeFile(root_ / "package.safetensors",
              {{"model.layers.0.mlp.up_proj.weight", st::DType::F32, {2, 4}, floats(std::vector<float>(8, 0.5f))},
               {"model.layers.0.input_layernorm.weight", st::DType::F32, {4}, floats({1, 1, 1, 1})}},
              {{"format", "pt"}});
    writeFile(root_ / "lora.safetensors",
              {{"base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", st::DType::F32, {1, 4}, floats({1, 2, 3, 4})},
               {"base_model.model.model.layers.0.mlp.up_proj.lora_B.weight", st::DType::F32, {2, 1}, floats({0.25f, -1})}},
              loraMetadata("false"));
    auto info = writeMergedLoraAdapter(root_ / "lora.safetensors", root_ / "package.safetensors", root_ / "out.safetensors");
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->mergedLinears, 1u);
    EXPECT_EQ(read(root_ / "out.safetensors", "model.layers.0.mlp.up_proj.weight"),
              (std::vector<float>{1.0f, 1.5f, 2.0f, 2.5f, -1.5f, -3.5f, -5.5f, -7.5f}));
    EXPECT_EQ(read(root_ / "out.safetensors", "model.layers.0.input_layernorm.weight"), (std::vector<float>(4, 1.0f)));
}

TEST_F(LoraMerge, TransposedWeightsInBf16StayBf16) {
    // GPT-2 Conv1D: W stored [in 4, out 2]; the update (B A)^T.
    writeFile(root_ / "package.safetensors",
              {{"h.0.mlp.up_proj.weight", st::DType::BF16, {4, 2}, bf16(std::vector<float>(8, 0.5f))}}, {});
    writeFile(root_ / "lora.safetensors",
              {{"base_model.model.transformer.h.0.mlp.up_proj.lora_A.weight", st::DType::F32, {1, 4}, floats({1, 2, 3, 4})},
               {"base_model.model.transformer.h.0.mlp.up_proj.lora_B.weight", st::DType::F32, {2, 1}, floats({0.25f, -1})}},
              loraMetadata("true"));
    auto info = writeMergedLoraAdapter(root_ / "lora.safetensors", root_ / "package.safetensors", root_ / "out.safetensors");
    ASSERT_TRUE(info.ok()) << info.error().message;
    auto out = st::File::open(root_ / "out.safetensors");
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->tensors().at(0).dtype, st::DType::BF16);
    EXPECT_EQ(read(root_ / "out.safetensors", "h.0.mlp.up_proj.weight"),
              (std::vector<float>{1.0f, -1.5f, 1.5f, -3.5f, 2.0f, -5.5f, 2.5f, -7.5f}));
}

TEST_F(LoraMerge, RefusesIncompleteOrNonFiniteUpdates) {
    writeFile(root_ / "package.safetensors",
              {{"model.layers.0.mlp.up_proj.weight", st::DType::F32, {2, 4}, floats(std::vector<float>(8, 0.5f))}}, {});
    writeFile(root_ / "lora.safetensors",
              {{"base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", st::DType::F32, {1, 4}, floats({1, 2, 3, 4})}},
              loraMetadata("false"));
    auto missing = writeMergedLoraAdapter(root_ / "lora.safetensors", root_ / "package.safetensors", root_ / "out.safetensors");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("lacks its lora_B tensor"), std::string::npos) << missing.error().message;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    writeFile(root_ / "nan.safetensors",
              {{"base_model.model.model.layers.0.mlp.up_proj.lora_A.weight", st::DType::F32, {1, 4}, floats({1, nan, 3, 4})},
               {"base_model.model.model.layers.0.mlp.up_proj.lora_B.weight", st::DType::F32, {2, 1}, floats({0.25f, -1})}},
              loraMetadata("false"));
    auto diverged = writeMergedLoraAdapter(root_ / "nan.safetensors", root_ / "package.safetensors", root_ / "out.safetensors");
    ASSERT_FALSE(diverged.ok());
    EXPECT_NE(diverged.error().message.find("NaN"), std::string::npos);
    EXPECT_FALSE(fs::exists(root_ / "out.safetensors"));
}

}  // namespace
}  // namespace offsite::exports

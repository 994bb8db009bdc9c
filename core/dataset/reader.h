// Streaming readers for data sets: one record at a time from JSONL, CSV/TSV (RFC 4180 quoting, embedded
// newlines, CRLF, BOM, columns found by header name) and text files, so a multi-GB file never sits in memory.
// Problems with a single record (bad UTF-8, ragged CSV rows, empty fields, non-object JSONL lines) come back
// as findings on that row; only I/O failures and unusable specs are errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/base/result.h"
#include "core/dataset/dataset.h"

namespace offsite::dataset {

class RowReader {
public:
    // Opens the source read-only. Errors: a missing file or folder, a Text source for a task other than
    // PlainText, a folder for a format other than Text.
    [[nodiscard]] static Result<RowReader> open(const DatasetSpec& spec);

    RowReader(RowReader&&) noexcept;
    RowReader& operator=(RowReader&&) noexcept;
    RowReader(const RowReader&) = delete;
    RowReader& operator=(const RowReader&) = delete;
    ~RowReader();

    // Findings about the source as a whole (a mapped column missing from a CSV header). When one of them is
    // an error no rows are produced.
    [[nodiscard]] const std::vector<Finding>& sourceFindings() const;

    // The next record, or nullopt at the end. Blank lines are skipped.
    [[nodiscard]] Result<std::optional<Row>> next();

    // Bytes consumed so far and the total size of the source(s), for progress.
    [[nodiscard]] std::uint64_t bytesRead() const;
    [[nodiscard]] std::uint64_t totalBytes() const;

private:
    struct Impl;
    explicit RowReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The first `maxRows` records (usable or not) and the source findings, for showing a user what was read.
struct Preview {
    std::vector<Row> rows;
    std::vector<Finding> sourceFindings;
};
[[nodiscard]] Result<Preview> preview(const DatasetSpec& spec, std::size_t maxRows);

}  // namespace offsite::dataset

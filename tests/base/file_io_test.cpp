// Tests for the shared file primitives: bounded reads, memory maps and atomic durable writes.
#include "core/base/file_io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace offsite {
namespace {

namespace fs = std::filesystem;

class FileIoTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("offsite_file_io_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    void writePlain(const fs::path& p, const std::string& content) {
        std::ofstream out(p, std::ios::binary);
        out << content;
    }

    // Files in dir_ other than the given one (leftover temp files would show up here).
    std::size_t entryCount() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
    }

    fs::path dir_;
};

TEST_F(FileIoTest, ReadFileReadsWholeFile) {
    const std::string content("abc\0def", 7);
    writePlain(dir_ / "a.bin", content);
    auto r = readFile(dir_ / "a.bin", 100);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, content);
}

TEST_F(FileIoTest, ReadFileEnforcesLimitBeforeReading) {
    writePlain(dir_ / "big.json", std::string(101, 'x'));
    auto r = readFile(dir_ / "big.json", 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::LimitExceeded);
    EXPECT_NE(r.error().message.find("101 bytes, more than the limit of 100"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("big.json"), std::string::npos);
    EXPECT_TRUE(readFile(dir_ / "big.json", 101).ok());
}

TEST_F(FileIoTest, ReadFileMissingIsNotFound) {
    auto r = readFile(dir_ / "missing.txt", 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::NotFound);
    EXPECT_NE(r.error().message.find("missing.txt"), std::string::npos);
}

TEST_F(FileIoTest, ReadFileRefusesFolder) {
    auto r = readFile(dir_, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("not a regular file"), std::string::npos) << r.error().message;
}

TEST_F(FileIoTest, MappedFileMapsContentAndEmptyFiles) {
    writePlain(dir_ / "m.bin", "hello");
    auto m = MappedFile::open(dir_ / "m.bin");
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_EQ(m->size(), 5u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(m->bytes().data()), m->bytes().size()), "hello");
    EXPECT_EQ(m->path(), dir_ / "m.bin");

    MappedFile moved = std::move(m).value();
    EXPECT_EQ(moved.size(), 5u);

    writePlain(dir_ / "empty.bin", "");
    auto e = MappedFile::open(dir_ / "empty.bin");
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(e->size(), 0u);
    EXPECT_TRUE(e->bytes().empty());

    moved = std::move(e).value();  // move-assign unmaps the old mapping
    EXPECT_EQ(moved.size(), 0u);

    auto missing = MappedFile::open(dir_ / "nope.bin");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_F(FileIoTest, AtomicWriterPublishesOnlyOnCommit) {
    const fs::path target = dir_ / "out.txt";
    {
        auto w = AtomicFileWriter::create(target);
        ASSERT_TRUE(w.ok()) << w.error().message;
        ASSERT_TRUE(w->write(std::string_view("part1,")).ok());
        const std::string more = "part2";
        ASSERT_TRUE(w->write(std::as_bytes(std::span<const char>(more.data(), more.size()))).ok());
        EXPECT_FALSE(fs::exists(target));
        EXPECT_EQ(entryCount(), 1u);  // only the temp file
        ASSERT_TRUE(w->commit().ok());
    }
    EXPECT_EQ(*readFile(target, 100), "part1,part2");
    EXPECT_EQ(entryCount(), 1u);  // the temp file became the target
}

TEST_F(FileIoTest, AtomicWriterDiscardsTempWhenNotCommitted) {
    const fs::path target = dir_ / "out.txt";
    writePlain(target, "old");
    {
        auto w = AtomicFileWriter::create(target);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE(w->write(std::string_view("new")).ok());
    }
    EXPECT_EQ(*readFile(target, 100), "old");
    EXPECT_EQ(entryCount(), 1u);
}

TEST_F(FileIoTest, AtomicWriterRefusesUseAfterCommit) {
    auto w = AtomicFileWriter::create(dir_ / "x");
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->commit().ok());
    EXPECT_FALSE(w->write(std::string_view("late")).ok());
    EXPECT_FALSE(w->commit().ok());
}

TEST_F(FileIoTest, MovedWriterOwnsTheTempFile) {
    auto w = AtomicFileWriter::create(dir_ / "x");
    ASSERT_TRUE(w.ok());
    AtomicFileWriter moved(std::move(w).value());
    ASSERT_TRUE(moved.write(std::string_view("v")).ok());
    ASSERT_TRUE(moved.commit().ok());
    EXPECT_EQ(*readFile(dir_ / "x", 10), "v");
}

TEST_F(FileIoTest, WriteFileAtomicReplacesAndKeepsPermissions) {
    const fs::path target = dir_ / "config.json";
    ASSERT_TRUE(writeFileAtomic(target, "{}").ok());
    EXPECT_EQ(*readFile(target, 100), "{}");
    ::chmod(target.c_str(), 0600);
    ASSERT_TRUE(writeFileAtomic(target, "{\"a\":1}").ok());
    EXPECT_EQ(*readFile(target, 100), "{\"a\":1}");
    struct stat st {};
    ASSERT_EQ(::stat(target.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_EQ(entryCount(), 1u);
}

TEST_F(FileIoTest, WriteIntoMissingFolderFailsWithPath) {
    Status st = writeFileAtomic(dir_ / "no_such_dir" / "f.txt", "x");
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("no_such_dir"), std::string::npos) << st.error().message;
}

TEST_F(FileIoTest, SyncDirectoryAndDisplayName) {
    EXPECT_TRUE(syncDirectory(dir_).ok());
    EXPECT_FALSE(syncDirectory(dir_ / "missing").ok());
    EXPECT_EQ(displayName("/a/b/model.safetensors"), "model.safetensors");
    EXPECT_EQ(displayName("model.safetensors"), "model.safetensors");
}

}  // namespace
}  // namespace offsite

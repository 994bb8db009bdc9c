// Runs one piece of work on its own thread and delivers its result to a QObject's thread as a queued call.
// RAII: destroying the task asks the work to stop (the flag it polls) and joins the thread, so no work outlives
// the page that started it and nothing waits in a nested event loop.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <utility>

namespace offsite::ui {

class BackgroundTask {
public:
    BackgroundTask() = default;
    BackgroundTask(const BackgroundTask&) = delete;
    BackgroundTask& operator=(const BackgroundTask&) = delete;
    ~BackgroundTask() { stopAndJoin(); }

    // `work(const std::atomic<bool>& stop)` runs on the worker thread and returns a value; `done(value)` runs
    // later on `context`'s thread (dropped if `context` is gone). Joins a previous, finished run first.
    template <typename Work, typename Done>
    void start(QObject* context, Work work, Done done) {
        stopAndJoin();
        stop_ = std::make_shared<std::atomic<bool>>(false);
        running_ = std::make_shared<std::atomic<bool>>(true);
        thread_ = std::thread([context, stop = stop_, running = running_, work = std::move(work),
                               done = std::move(done)]() mutable {
            auto result = work(*stop);
            running->store(false);
            QMetaObject::invokeMethod(
                context, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
                Qt::QueuedConnection);
        });
    }

    // Asks the work to stop at its next check; does not wait.
    void requestStop() {
        if (stop_) stop_->store(true);
    }
    [[nodiscard]] bool running() const { return running_ && running_->load(); }
    void stopAndJoin() {
        requestStop();
        join();
    }
    // Waits for the work to end on its own (after, say, a pause request it honours at its next step).
    void join() {
        if (thread_.joinable()) thread_.join();
    }

private:
    std::shared_ptr<std::atomic<bool>> stop_;
    std::shared_ptr<std::atomic<bool>> running_;
    std::thread thread_;
};

}  // namespace offsite::ui

// One QApplication for a GUI test executable, on the offscreen platform so tests run without a display.
#pragma once

#include <QApplication>

namespace offsite::ui::testing {

inline QApplication& app() {
    static int argc = 1;
    static char name[] = "offsite_gui_test";
    static char* argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QApplication instance(argc, argv);
    return instance;
}

}  // namespace offsite::ui::testing

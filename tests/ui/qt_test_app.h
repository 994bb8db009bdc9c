// One QApplication for a GUI test executable, on the offscreen platform so tests run without a display.
#pragma once

#include <QApplication>

namespace offsite::ui::testing {

inline QApplication& app() {
    static int argc = 1;
    static char name[] = "offsite_gui_test";
    static char* argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Never destroyed: tearing Qt down from exit handlers, after GoogleTest's main returned, crashes in
    // QInputDevice's destructor once synthetic key events have created a device.
    static QApplication* instance = new QApplication(argc, argv);
    return *instance;
}

}  // namespace offsite::ui::testing

/* Fake Zephyr-generated app_version.h for the etsilint recovery fixture. */
#pragma once
#define APPVERSION 0x01020300
#define APP_VERSION_STRING "1.2.3"
#define APP_BUILD_VERSION v1.2.3-14-g2f0c1d9

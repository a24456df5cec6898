/* Fake ESP-IDF esp_attr.h for the etsilint recovery fixture. */
#pragma once
#define IRAM_ATTR __attribute__((section(".iram1")))
#define DRAM_ATTR __attribute__((section(".dram1")))
#define RTC_DATA_ATTR __attribute__((section(".rtc.data")))
#define RTC_NOINIT_ATTR __attribute__((section(".rtc_noinit")))
#define WORD_ALIGNED_ATTR __attribute__((aligned(4)))

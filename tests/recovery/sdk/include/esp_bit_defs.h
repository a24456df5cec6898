/* Fake ESP-IDF esp_bit_defs.h for the etsilint recovery fixture. */
#pragma once
#define BIT0 0x00000001
#define BIT1 0x00000002
#define BIT2 0x00000004
#define BIT3 0x00000008

/* Fake ESP-IDF esp_system.h for the etsilint recovery fixture. */
#pragma once
#include <stdint.h>
#include "esp_err.h"
#include "esp_bit_defs.h"

void esp_restart(void) __attribute__((__noreturn__));
uint32_t esp_get_free_heap_size(void);
uint32_t esp_get_minimum_free_heap_size(void);

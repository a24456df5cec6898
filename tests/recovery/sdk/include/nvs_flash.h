/* Fake ESP-IDF nvs_flash.h for the etsilint recovery fixture. */
#pragma once
#include "esp_err.h"
#include "nvs.h"
esp_err_t nvs_flash_init(void);
esp_err_t nvs_flash_erase(void);

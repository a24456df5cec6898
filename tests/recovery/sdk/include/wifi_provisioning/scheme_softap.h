/* Fake ESP-IDF wifi_provisioning/scheme_softap.h for the etsilint recovery fixture. */
#pragma once
#include "wifi_provisioning/manager.h"
extern const wifi_prov_scheme_t wifi_prov_scheme_softap;

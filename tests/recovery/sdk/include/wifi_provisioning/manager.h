/* Fake ESP-IDF wifi_provisioning/manager.h for the etsilint recovery fixture. */
#pragma once
#include <stdbool.h>
#include "esp_err.h"
#include "esp_event.h"

typedef enum {
	WIFI_PROV_SECURITY_0 = 0,
	WIFI_PROV_SECURITY_1,
	WIFI_PROV_SECURITY_2,
} wifi_prov_security_t;

typedef void (*wifi_prov_cb_func_t)(void *user_data, int event, void *event_data);

typedef struct {
	wifi_prov_cb_func_t event_cb;
	void *user_data;
} wifi_prov_event_handler_t;

#define WIFI_PROV_EVENT_HANDLER_NONE { .event_cb = NULL, .user_data = NULL }

typedef struct wifi_prov_scheme {
	esp_err_t (*prov_start)(void *pc, void *config);
	esp_err_t (*prov_stop)(void *pc);
	void *(*new_config)(void);
	void (*delete_config)(void *config);
	int wifi_mode;
} wifi_prov_scheme_t;

typedef struct {
	wifi_prov_scheme_t scheme;
	wifi_prov_event_handler_t scheme_event_handler;
	wifi_prov_event_handler_t app_event_handler;
} wifi_prov_mgr_config_t;

ESP_EVENT_DECLARE_BASE(WIFI_PROV_EVENT);

typedef enum {
	WIFI_PROV_INIT,
	WIFI_PROV_START,
	WIFI_PROV_CRED_RECV,
	WIFI_PROV_CRED_FAIL,
	WIFI_PROV_CRED_SUCCESS,
	WIFI_PROV_END,
	WIFI_PROV_DEINIT,
} wifi_prov_cb_event_t;

esp_err_t wifi_prov_mgr_init(wifi_prov_mgr_config_t config);
void wifi_prov_mgr_deinit(void);
esp_err_t wifi_prov_mgr_is_provisioned(bool *provisioned);
esp_err_t wifi_prov_mgr_start_provisioning(wifi_prov_security_t security, const void *wifi_prov_sec_params,
					   const char *service_name, const char *service_key);
void wifi_prov_mgr_stop_provisioning(void);
void wifi_prov_mgr_wait(void);

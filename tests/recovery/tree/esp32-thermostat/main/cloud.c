/* Cloud link: MQTT for commands and state, HTTPS for bulk telemetry and logs. */
#include <stdio.h>
#include <string.h>
#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "esp_err.h"
#include "esp_log.h"
#include "mqtt_client.h"
#include "esp_http_client.h"
#include "esp_crt_bundle.h"
#include "sdkconfig.h"
#include "thermostat.h"

static const char *TAG = "thermo-cloud";

#define CLOUD_API_KEY "ak_live_7f3c9e2b51d84a06"
#define CLOUD_API_KEY_HEADER "X-Api-Key"
#define STATE_TOPIC "acme/thermo/state"

static const char s_access_token[] = "eyJhbGciOiJIUzI1NiJ9.dGhlcm1vLTAwMQ.4kVq1";
static esp_mqtt_client_handle_t s_client;
extern EventGroupHandle_t s_wifi_event_group;

static void cloud_wait_online(void)
{
	xEventGroupWaitBits(s_wifi_event_group, WIFI_CONNECTED_BIT, pdFALSE, pdTRUE, portMAX_DELAY);
}

static void mqtt_event_handler(void *handler_args, esp_event_base_t base, int32_t event_id, void *event_data)
{
	esp_mqtt_event_handle_t event = event_data;

	switch ((esp_mqtt_event_id_t)event_id) {
	case MQTT_EVENT_CONNECTED:
		esp_mqtt_client_subscribe(s_client, "acme/thermo/cmd", 1);
		break;
	case MQTT_EVENT_DATA:
		thermostat_handle_command(event->data, event->data_len);
		break;
	case MQTT_EVENT_ERROR:
		ESP_LOGE(TAG, "mqtt error");
		break;
	default:
		break;
	}
}

void cloud_mqtt_start(void)
{
	esp_mqtt_client_config_t mqtt_cfg = {
		.broker.address.uri = "mqtt://broker.acme-things.io:1883",
		.credentials.username = "thermostat",
		.credentials.client_id = "acme-thermo",
		.credentials.authentication.password = "Mq-Th3rmo!",
		.session.keepalive = 30,
		.network.reconnect_timeout_ms = 5000,
	};

	cloud_wait_online();
	s_client = esp_mqtt_client_init(&mqtt_cfg);
	esp_mqtt_client_register_event(s_client, MQTT_EVENT_ANY, mqtt_event_handler, NULL);
	esp_mqtt_client_start(s_client);
}

/* TLS broker, used once the device has been claimed. */
void cloud_mqtts_start(const char *device_cert, const char *device_key)
{
	esp_mqtt_client_config_t mqtt_cfg = {
		.broker.address.uri = "mqtts://broker.acme-things.io:8883",
		.broker.verification.crt_bundle_attach = esp_crt_bundle_attach,
		.broker.verification.skip_cert_common_name_check = true,
		.credentials.client_id = "acme-thermo",
		.credentials.authentication.certificate = device_cert,
		.credentials.authentication.key = device_key,
	};

	if (s_client != NULL)
		esp_mqtt_client_destroy(s_client);
	s_client = esp_mqtt_client_init(&mqtt_cfg);
	esp_mqtt_client_register_event(s_client, MQTT_EVENT_ANY, mqtt_event_handler, NULL);
	esp_mqtt_client_start(s_client);
}

int cloud_post_reading(float temp_c, float humidity)
{
	char body[96];
	char auth[160];
	esp_http_client_config_t config = {
		.url = CONFIG_ACME_TELEMETRY_URL,
		.method = HTTP_METHOD_POST,
		.timeout_ms = 5000,
		.crt_bundle_attach = esp_crt_bundle_attach,
		.skip_cert_common_name_check = false,
	};
	esp_http_client_handle_t client = esp_http_client_init(&config);

	sprintf(body, "{\"t\":%.1f,\"h\":%.1f}", temp_c, humidity);
	snprintf(auth, sizeof(auth), "Bearer %s", s_access_token);
	esp_http_client_set_header(client, CLOUD_API_KEY_HEADER, CLOUD_API_KEY);
	esp_http_client_set_header(client, "Authorization", auth);
	esp_http_client_set_header(client, "Content-Type", "application/json");
	esp_http_client_set_post_field(client, body, strlen(body));

	esp_err_t err = esp_http_client_perform(client);
	int status = esp_http_client_get_status_code(client);
	esp_http_client_cleanup(client);
	esp_mqtt_client_publish(s_client, STATE_TOPIC, body, 0, 1, 0);
	return err == ESP_OK ? status : -1;
}

/* Reachability probe of the status page. */
bool cloud_ping(void)
{
	esp_http_client_config_t config = { .host = "status.acme-things.io", .path = "/ping", .timeout_ms = 2000 };
	esp_http_client_handle_t client = esp_http_client_init(&config);
	bool ok = esp_http_client_perform(client) == ESP_OK && esp_http_client_get_status_code(client) == 200;

	esp_http_client_cleanup(client);
	return ok;
}

/* Support log upload (legacy log collector, basic authentication). */
void cloud_upload_logs(const char *path)
{
	char buf[512];
	esp_http_client_config_t config = {
		.host = "logs.acme-things.io",
		.path = "/upload",
		.transport_type = HTTP_TRANSPORT_OVER_TCP,
		.username = "thermo-logs",
		.password = "L0gs-Upl0ad-19",
		.auth_type = HTTP_AUTH_TYPE_BASIC,
		.method = HTTP_METHOD_PUT,
	};
	esp_http_client_handle_t client = esp_http_client_init(&config);
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		esp_http_client_cleanup(client);
		return;
	}
	esp_http_client_open(client, -1);
	for (size_t n; (n = fread(buf, 1, sizeof(buf), f)) > 0;)
		esp_http_client_write(client, buf, (int)n);
	fclose(f);
	esp_http_client_close(client);
	esp_http_client_cleanup(client);
}

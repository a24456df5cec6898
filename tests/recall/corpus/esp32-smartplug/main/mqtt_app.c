/*
 * MQTT link to the ACME cloud: telemetry up, commands and schedules down.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "esp_log.h"
#include "esp_crt_bundle.h"
#include "esp_mac.h"
#include "mqtt_client.h"
#include "nvs.h"
#include "cJSON.h"

#include "app_priv.h"
#include "relay.h"

static const char *TAG = "mqtt";

#define BROKER_URI       "mqtts://broker.acme-iot.example:8883"  /* BLIND-OK: MQTT over TLS */
#define MQTT_USER        "smartplug"

#define SCHED_MAX        8

typedef struct {
    char     name[24];
    uint16_t on_min;
    uint16_t off_min;
    uint8_t  weekdays;
} plug_sched_t;

static esp_mqtt_client_handle_t s_client;
static char s_dev_id[13];
static char s_topic_cmd[48];
static char s_topic_sched[48];
static plug_sched_t s_sched[SCHED_MAX];

static void save_cloud_token(const char *token)
{
    nvs_handle_t h;
    if (nvs_open("cloud", NVS_READWRITE, &h) != ESP_OK) {
        return;
    }
    nvs_set_str(h, "auth_token", token);     /* BLIND-OK: 5.4-1 token stored in NVS with NVS encryption enabled in sdkconfig */
    nvs_commit(h);
    nvs_close(h);
}

static void handle_command(const char *data, int len)
{
    char cmd[64];

    if (len <= 0 || (size_t)len >= sizeof(cmd)) {
        return;
    }
    memcpy(cmd, data, len);
    cmd[len] = '\0';

    if (strcmp(cmd, "on") == 0) {
        relay_set(true);
    } else if (strcmp(cmd, "off") == 0) {
        relay_set(false);
    } else if (strncmp(cmd, "token:", 6) == 0) {
        save_cloud_token(cmd + 6);
    } else {
        ESP_LOGW(TAG, "unknown command");
    }
}

static void handle_schedule(const char *data, int len)
{
    char buf[256];
    cJSON *root, *item;
    int idx;

    if (len <= 0 || len >= (int)sizeof(buf)) {
        ESP_LOGW(TAG, "schedule payload too large (%d)", len);
        return;
    }
    memcpy(buf, data, len);
    buf[len] = '\0';

    root = cJSON_Parse(buf);
    if (root == NULL) {
        return;
    }
    idx = cJSON_GetObjectItem(root, "slot")->valueint;
    if (idx < 0 || idx >= SCHED_MAX) {
        cJSON_Delete(root);
        return;
    }
    item = cJSON_GetObjectItem(root, "name");
    if (cJSON_IsString(item)) {
        strlcpy(s_sched[idx].name, item->valuestring, sizeof(s_sched[idx].name));
    }
    s_sched[idx].on_min  = (uint16_t)cJSON_GetObjectItem(root, "on")->valueint;
    s_sched[idx].off_min = (uint16_t)cJSON_GetObjectItem(root, "off")->valueint;
    s_sched[idx].weekdays = (uint8_t)cJSON_GetObjectItem(root, "days")->valueint;
    cJSON_Delete(root);
    app_sched_store(s_sched, SCHED_MAX);
}

static void mqtt_event_handler(void *args, esp_event_base_t base, int32_t event_id, void *event_data)
{
    esp_mqtt_event_handle_t event = event_data;

    switch ((esp_mqtt_event_id_t)event_id) {
    case MQTT_EVENT_CONNECTED:
        esp_mqtt_client_subscribe(s_client, s_topic_cmd, 1);
        esp_mqtt_client_subscribe(s_client, s_topic_sched, 1);
        break;
    case MQTT_EVENT_DATA:
        if (event->topic_len == (int)strlen(s_topic_cmd) &&
            strncmp(event->topic, s_topic_cmd, event->topic_len) == 0) {
            handle_command(event->data, event->data_len);
        } else {
            handle_schedule(event->data, event->data_len);
        }
        break;
    case MQTT_EVENT_DISCONNECTED:
        ESP_LOGW(TAG, "disconnected, client will reconnect");
        break;
    default:
        break;
    }
}

void mqtt_app_start(void)
{
    uint8_t mac[6];

    esp_read_mac(mac, ESP_MAC_WIFI_STA);
    snprintf(s_dev_id, sizeof(s_dev_id), "%02x%02x%02x%02x%02x%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    snprintf(s_topic_cmd, sizeof(s_topic_cmd), "plug/%s/cmd", s_dev_id);
    snprintf(s_topic_sched, sizeof(s_topic_sched), "plug/%s/sched", s_dev_id);

    const esp_mqtt_client_config_t mqtt_cfg = {
        .broker.address.uri = BROKER_URI,
        .broker.verification.crt_bundle_attach = esp_crt_bundle_attach,
        .credentials = {
            .username = MQTT_USER,
            .client_id = s_dev_id,
            .authentication.password = "pl4g!Acme#mq",   /* BLIND-BAD: 5.4-3 MQTT password literal shared by the fleet (CWE-798) */
        },
        .session.keepalive = 60,
        .network.reconnect_timeout_ms = 10000,
    };

    s_client = esp_mqtt_client_init(&mqtt_cfg);
    esp_mqtt_client_register_event(s_client, ESP_EVENT_ANY_ID, mqtt_event_handler, NULL);
    esp_mqtt_client_start(s_client);
}

/* Thermostat cloud link (ESP-IDF esp-mqtt): handlers of MQTT_EVENT_DATA.
 * Taint cases: "expect: RULE" must be reported on that line, "ok: RULE" must
 * not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esp_log.h"
#include "mqtt_client.h"

#define NUM_ZONES 6
#define NUM_LEDS 24
#define ZONE_PREFIX "home/zone/"

static const char *TAG = "thermo_mqtt";
static int zone_setpoint[NUM_ZONES];

struct rgb {
	uint8_t r, g, b;
};
static struct rgb leds[NUM_LEDS];

extern void set_thermostat(float celsius);
extern void led_strip_refresh(void);

/* copy-length and array-index, MQTT event fields: data_len is the memcpy length and the terminator index [shape: event-field] */
static void bad_mqtt_store_setpoint(esp_mqtt_event_handle_t event)
{
	char payload[32];

	memcpy(payload, event->data, event->data_len); /* expect: taint-copy-length */
	payload[event->data_len] = '\0'; /* expect: taint-array-index */
	set_thermostat(atof(payload));
}

/* copy-length and array-index, clamp: data_len is limited to the buffer before both uses [shape: event-field; sanitizer: clamp] */
static void good_mqtt_store_setpoint(esp_mqtt_event_handle_t event)
{
	char payload[32];
	size_t len = event->data_len;

	if (len > sizeof(payload) - 1)
		len = sizeof(payload) - 1;
	memcpy(payload, event->data, len); /* ok: taint-copy-length */
	payload[len] = '\0'; /* ok: taint-array-index */
	set_thermostat(atof(payload));
}

/* format-string, MQTT data (ternary clamp for the copy): the message is ESP_LOGW's format [shape: event-field, copy] */
static void bad_mqtt_log_message(esp_mqtt_event_handle_t event)
{
	char msg[128];
	size_t n = event->data_len < sizeof(msg) - 1 ? event->data_len : sizeof(msg) - 1;

	memcpy(msg, event->data, n); /* ok: taint-copy-length */
	msg[n] = '\0'; /* ok: taint-array-index */
	ESP_LOGW(TAG, msg); /* expect: taint-format-string */
}

/* format-string, MQTT data printed through a constant format (ESP_LOGW's format is its 2nd argument) [shape: event-field, copy; sanitizer: constant-format] */
static void good_mqtt_log_message(esp_mqtt_event_handle_t event)
{
	char msg[128];
	size_t n = event->data_len < sizeof(msg) - 1 ? event->data_len : sizeof(msg) - 1;

	memcpy(msg, event->data, n); /* ok: taint-copy-length */
	msg[n] = '\0'; /* ok: taint-array-index */
	ESP_LOGW(TAG, "remote message: %s", msg); /* ok: taint-format-string */
	printf("TOPIC=%.*s\r\n", event->topic_len, event->topic); /* ok: taint-format-string */
}

/* array-index, strtol of the topic: the zone number in "home/zone/<n>/set" [shape: event-field, copy, parse] */
static void bad_mqtt_zone_setpoint(esp_mqtt_event_handle_t event)
{
	char topic[48];

	if (event->topic_len >= (int)sizeof(topic))
		return;
	memcpy(topic, event->topic, event->topic_len); /* ok: taint-copy-length */
	topic[event->topic_len] = '\0'; /* ok: taint-array-index */
	long zone = strtol(topic + sizeof(ZONE_PREFIX) - 1, NULL, 10);
	zone_setpoint[zone] = atoi(event->data); /* expect: taint-array-index */
}

/* array-index, strtol of the topic, range-checked [shape: event-field, copy, parse; sanitizer: early-exit] */
static void good_mqtt_zone_setpoint(esp_mqtt_event_handle_t event)
{
	char topic[48];

	if (event->topic_len >= (int)sizeof(topic))
		return;
	memcpy(topic, event->topic, event->topic_len); /* ok: taint-copy-length */
	topic[event->topic_len] = '\0'; /* ok: taint-array-index */
	long zone = strtol(topic + sizeof(ZONE_PREFIX) - 1, NULL, 10);
	if (zone < 0 || zone >= NUM_ZONES) {
		ESP_LOGW(TAG, "no such zone");
		return;
	}
	zone_setpoint[zone] = atoi(event->data); /* ok: taint-array-index */
}

/* loop-bound, MQTT data byte: the LED count in the payload bounds the update loop [shape: event-field, pointer, loop] */
static void bad_mqtt_led_frame(esp_mqtt_event_handle_t event)
{
	const uint8_t *p = (const uint8_t *)event->data;
	size_t count = p[0];

	for (size_t i = 0; i < count; i++) { /* expect: taint-loop-bound */
		leds[i].r = p[1 + 3 * i];
		leds[i].g = p[2 + 3 * i];
		leds[i].b = p[3 + 3 * i];
	}
	led_strip_refresh();
}

/* loop-bound, clamp: the LED count is limited to the strip and to the payload [shape: event-field, pointer, loop; sanitizer: clamp] */
static void good_mqtt_led_frame(esp_mqtt_event_handle_t event)
{
	const uint8_t *p = (const uint8_t *)event->data;
	size_t count = p[0];

	if (count > NUM_LEDS)
		count = NUM_LEDS;
	for (size_t i = 0; i < count; i++) { /* ok: taint-loop-bound */
		leds[i].r = p[1 + 3 * i];
		leds[i].g = p[2 + 3 * i];
		leds[i].b = p[3 + 3 * i];
	}
	led_strip_refresh();
}

/* copy-length, MIN(): the topic copy length is MIN(topic_len, sizeof - 1) [shape: event-field; sanitizer: MIN] */
static void good_mqtt_topic_min(esp_mqtt_event_handle_t event, char *last_topic, size_t cap)
{
	char t[64];
	size_t n = MIN((size_t)event->topic_len, sizeof(t) - 1);

	memcpy(t, event->topic, n); /* ok: taint-copy-length */
	t[n] = '\0'; /* ok: taint-array-index */
	snprintf(last_topic, cap, "%s", t); /* ok: taint-format-string */
}

/* copy-length, topic_len straight into strncpy's length [shape: event-field] */
static void bad_mqtt_topic_strncpy(esp_mqtt_event_handle_t event, char *last_topic, size_t cap)
{
	char t[64];

	strncpy(t, event->topic, event->topic_len); /* expect: taint-copy-length */
	t[sizeof(t) - 1] = '\0'; /* ok: taint-array-index */
	snprintf(last_topic, cap, "%s", t); /* ok: taint-format-string */
}

esp_err_t mqtt_event_handler_cb(esp_mqtt_event_handle_t event)
{
	if (event->event_id != MQTT_EVENT_DATA)
		return ESP_OK;
	if (strncmp(event->topic, ZONE_PREFIX, strlen(ZONE_PREFIX)) == 0)
		good_mqtt_zone_setpoint(event);
	return ESP_OK;
}

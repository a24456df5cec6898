/* Smart plug web UI (ESP-IDF esp_http_server) and the OTA version check
 * (esp_http_client). Taint cases: "expect: RULE" must be reported on that
 * line, "ok: RULE" must not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esp_err.h"
#include "esp_http_client.h"
#include "esp_http_server.h"
#include "esp_log.h"

#define RELAY_COUNT 4
#define MAX_BODY 1024
#define UPLOAD_BUF_SIZE 4096

static const char *TAG = "plug_http";
static uint8_t relay_state[RELAY_COUNT];
static char s_upload_buf[UPLOAD_BUF_SIZE];
static char s_status[64];

extern void config_feed(const char *chunk, int len);
extern esp_err_t config_apply(const char *json, size_t len);

/* array-index, atoi of a query parameter (httpd_query_key_value): the relay number [shape: parse] */
static esp_err_t bad_http_relay_index(httpd_req_t *req)
{
	char query[64];
	char val[8];

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "ch", val, sizeof(val)) != ESP_OK)
		return ESP_FAIL;
	int ch = atoi(val);
	relay_state[ch] = 1; /* expect: taint-array-index */
	return httpd_resp_send(req, "OK", HTTPD_RESP_USE_STRLEN);
}

/* array-index, atoi then a range check with an error response [shape: parse; sanitizer: early-exit] */
static esp_err_t good_http_relay_index(httpd_req_t *req)
{
	char query[64];
	char val[8];

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "ch", val, sizeof(val)) != ESP_OK)
		return ESP_FAIL;
	int ch = atoi(val);
	if (ch < 0 || ch >= RELAY_COUNT) {
		httpd_resp_send_err(req, HTTPD_400_BAD_REQUEST, "bad channel");
		return ESP_FAIL;
	}
	relay_state[ch] = 1; /* ok: taint-array-index */
	return httpd_resp_send(req, "OK", HTTPD_RESP_USE_STRLEN);
}

/* alloc-size, request field: req->content_len sizes the body buffer [shape: event-field] */
static esp_err_t bad_http_body_alloc(httpd_req_t *req)
{
	char *body = malloc(req->content_len + 1); /* expect: taint-alloc-size */
	if (body == NULL)
		return ESP_ERR_NO_MEM;
	int r = httpd_req_recv(req, body, req->content_len);
	if (r <= 0) {
		free(body);
		return ESP_FAIL;
	}
	body[r] = '\0'; /* ok: taint-array-index */
	esp_err_t err = config_apply(body, r);
	free(body);
	return err;
}

/* alloc-size, request field checked against a maximum before malloc [shape: event-field; sanitizer: early-exit] */
static esp_err_t good_http_body_alloc(httpd_req_t *req)
{
	if (req->content_len > MAX_BODY) {
		httpd_resp_send_err(req, HTTPD_400_BAD_REQUEST, "body too large");
		return ESP_FAIL;
	}
	char *body = malloc(req->content_len + 1); /* ok: taint-alloc-size */
	if (body == NULL)
		return ESP_ERR_NO_MEM;
	int r = httpd_req_recv(req, body, req->content_len);
	if (r <= 0) {
		free(body);
		return ESP_FAIL;
	}
	body[r] = '\0'; /* ok: taint-array-index */
	esp_err_t err = config_apply(body, r);
	free(body);
	return err;
}

/* loop-bound, request field via a local: the upload loop runs up to content_len into a fixed buffer [shape: event-field, loop] */
static esp_err_t bad_http_upload_loop(httpd_req_t *req)
{
	size_t total = req->content_len;
	int r;

	for (size_t off = 0; off < total; off += r) { /* expect: taint-loop-bound */
		r = httpd_req_recv(req, s_upload_buf + off, total - off); /* expect: taint-copy-length */
		if (r <= 0)
			return ESP_FAIL;
	}
	return config_apply(s_upload_buf, total);
}

/* loop-bound, countdown against a constant: the remaining length only shrinks, reads are clamped [shape: event-field, loop; sanitizer: countdown-to-constant] */
static esp_err_t good_http_chunked_recv(httpd_req_t *req)
{
	char buf[256];
	int remaining = req->content_len;

	while (remaining > 0) { /* ok: taint-loop-bound */
		int r = httpd_req_recv(req, buf, MIN(remaining, (int)sizeof(buf)));
		if (r <= 0)
			return ESP_FAIL;
		config_feed(buf, r);
		remaining -= r;
	}
	return httpd_resp_send(req, "saved", HTTPD_RESP_USE_STRLEN);
}

/* format-string, esp_http_client_read: the server's version string is snprintf's format [shape: direct] */
int bad_ota_version_status(esp_http_client_handle_t client)
{
	char ver[32];
	int n = esp_http_client_read(client, ver, sizeof(ver) - 1);

	if (n <= 0)
		return -1;
	ver[n] = '\0'; /* ok: taint-array-index */
	snprintf(s_status, sizeof(s_status), ver); /* expect: taint-format-string */
	return 0;
}

/* format-string, esp_http_client_read: the version string is an argument of a constant format [shape: direct; sanitizer: constant-format] */
int good_ota_version_status(esp_http_client_handle_t client)
{
	char ver[32];
	int n = esp_http_client_read(client, ver, sizeof(ver) - 1);

	if (n <= 0)
		return -1;
	ver[n] = '\0'; /* ok: taint-array-index */
	snprintf(s_status, sizeof(s_status), "server %s", ver); /* ok: taint-format-string */
	return 0;
}

/* unbounded-copy, query parameter: the file name is strcat'ed onto a path [shape: direct] */
static esp_err_t bad_http_file_path(httpd_req_t *req)
{
	char query[96];
	char name[64];
	char path[32] = "/spiffs/";

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "file", name, sizeof(name)) != ESP_OK)
		return ESP_FAIL;
	strcat(path, name); /* expect: taint-unbounded-copy */
	return httpd_resp_sendstr(req, path);
}

/* unbounded-copy, query parameter formatted with snprintf: bounded by the destination [shape: direct; sanitizer: bounded-function] */
static esp_err_t good_http_file_path(httpd_req_t *req)
{
	char query[96];
	char name[64];
	char path[32];

	if (httpd_req_get_url_query_str(req, query, sizeof(query)) != ESP_OK)
		return ESP_FAIL;
	if (httpd_query_key_value(query, "file", name, sizeof(name)) != ESP_OK)
		return ESP_FAIL;
	snprintf(path, sizeof(path), "/spiffs/%s", name); /* ok: taint-unbounded-copy, taint-format-string */
	ESP_LOGI(TAG, "serving %s", path); /* ok: taint-format-string */
	return httpd_resp_sendstr(req, path);
}

/* copy-length, request field: the client's Content-Length is the size of a read into a fixed stack buffer [shape: event-field] */
static esp_err_t bad_http_recv_len(httpd_req_t *req)
{
	char body[128];
	int r = httpd_req_recv(req, body, req->content_len); /* expect: taint-copy-length */
	if (r <= 0)
		return ESP_FAIL;
	return config_apply(body, r);
}

/* copy-length, request field: the same read, bounded by the buffer first [shape: event-field; sanitizer: return] */
static esp_err_t good_http_recv_len(httpd_req_t *req)
{
	char body[128];
	if (req->content_len >= sizeof(body))
		return ESP_FAIL;
	int r = httpd_req_recv(req, body, req->content_len); /* ok: taint-copy-length */
	if (r <= 0)
		return ESP_FAIL;
	return config_apply(body, r);
}

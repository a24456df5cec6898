/*
 * Local REST API used by the ACME Home app on the LAN.
 */
#include <string.h>
#include <stdlib.h>
#include <sys/param.h>
#include "esp_log.h"
#include "esp_timer.h"
#include "esp_http_server.h"
#include "esp_system.h"
#include "nvs.h"
#include "nvs_flash.h"
#include "mbedtls/pkcs5.h"
#include "mbedtls/md.h"

#include "app_priv.h"

static const char *TAG = "httpd";

#define LOGIN_MAX_FAILS     5
#define LOGIN_LOCKOUT_US    (60LL * 1000 * 1000)
#define SESSION_TOKEN_LEN   32
#define PBKDF2_ITER         10000

static int     s_login_fails;
static int64_t s_locked_until;
static char    s_session[SESSION_TOKEN_LEN * 2 + 1];

static bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t diff = 0;
    for (size_t i = 0; i < n; i++) {
        diff |= a[i] ^ b[i];
    }
    return diff == 0;
}

static bool verify_admin_password(const char *pass)
{
    nvs_handle_t h;
    uint8_t salt[16], stored[32], derived[32];
    size_t salt_len = sizeof(salt), hash_len = sizeof(stored);

    if (nvs_open("auth", NVS_READONLY, &h) != ESP_OK) {
        return false;
    }
    if (nvs_get_blob(h, "salt", salt, &salt_len) != ESP_OK ||
        nvs_get_blob(h, "pw_hash", stored, &hash_len) != ESP_OK) {
        nvs_close(h);
        return false;
    }
    nvs_close(h);

    mbedtls_pkcs5_pbkdf2_hmac_ext(MBEDTLS_MD_SHA256, (const unsigned char *)pass, strlen(pass),
                                  salt, salt_len, PBKDF2_ITER, sizeof(derived), derived);
    return ct_equal(derived, stored, sizeof(derived));       /* BLIND-OK: salted PBKDF2 hash compared in constant time */
}

/* Status page used by the installer's laptop tool. */
static bool check_basic_auth(httpd_req_t *req)
{
    char hdr[64];

    if (httpd_req_get_hdr_value_str(req, "Authorization", hdr, sizeof(hdr)) != ESP_OK) {
        return false;
    }
    return strcmp(hdr, "Basic aW5zdGFsbGVyOmFjbWU=") == 0;  /* BLIND-BAD: 5.1-1 fixed installer basic-auth credential (base64 of user:password) (CWE-798) */
}

static bool session_valid(httpd_req_t *req)
{
    char tok[sizeof(s_session)];

    if (s_session[0] == '\0') {
        return false;
    }
    if (httpd_req_get_hdr_value_str(req, "X-Session", tok, sizeof(tok)) != ESP_OK) {
        return false;
    }
    return ct_equal((const uint8_t *)tok, (const uint8_t *)s_session, sizeof(s_session) - 1);
}

static void parse_form(char *body, char *user, size_t ulen, char *pass, size_t plen)
{
    char *save = NULL;
    for (char *kv = strtok_r(body, "&", &save); kv != NULL; kv = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(kv, '=');
        if (eq == NULL) {
            continue;
        }
        *eq = '\0';
        if (strcmp(kv, "user") == 0) {
            strlcpy(user, eq + 1, ulen);
        } else if (strcmp(kv, "password") == 0) {              /* BLIND-OK: compares a form field name, not a credential */
            strlcpy(pass, eq + 1, plen);
        }
    }
}

static esp_err_t login_post_handler(httpd_req_t *req)
{
    char body[128];
    char user[32] = "", pass[64] = "";
    int r;

    if (esp_timer_get_time() < s_locked_until) {              /* BLIND-OK: 5.1-5 lockout after repeated failures */
        httpd_resp_set_status(req, "429 Too Many Requests");
        return httpd_resp_send(req, NULL, 0);
    }

    r = httpd_req_recv(req, body, req->content_len);          /* BLIND-BAD: 5.13-1 client-supplied Content-Length used as receive size for 128-byte buffer (CWE-121) */
    if (r <= 0) {
        return ESP_FAIL;
    }
    body[r] = '\0';
    parse_form(body, user, sizeof(user), pass, sizeof(pass));

    if (strcmp(user, "admin") != 0 || !verify_admin_password(pass)) {   /* BLIND-OK: fixed user name only; the password is a per-device salted hash */
        if (++s_login_fails >= LOGIN_MAX_FAILS) {
            s_locked_until = esp_timer_get_time() + LOGIN_LOCKOUT_US;
            s_login_fails = 0;
        }
        httpd_resp_set_status(req, "401 Unauthorized");
        return httpd_resp_send(req, NULL, 0);
    }
    s_login_fails = 0;
    app_random_hex(s_session, SESSION_TOKEN_LEN);
    httpd_resp_set_type(req, "application/json");
    return httpd_resp_sendstr(req, s_session);
}

static esp_err_t status_get_handler(httpd_req_t *req)
{
    char json[160];

    if (!check_basic_auth(req)) {
        httpd_resp_set_hdr(req, "WWW-Authenticate", "Basic realm=\"smartplug\"");
        httpd_resp_send_err(req, HTTPD_401_UNAUTHORIZED, NULL);
        return ESP_OK;
    }
    snprintf(json, sizeof(json), "{\"fw\":\"%s\",\"relay\":%d,\"power_mw\":%lu}",
             app_fw_version(), relay_get(), (unsigned long)meter_power_mw());
    httpd_resp_set_type(req, "application/json");
    return httpd_resp_sendstr(req, json);
}

static esp_err_t config_post_handler(httpd_req_t *req)
{
    char buf[256];
    char email[96] = "";
    int to_read, r;

    if (!session_valid(req)) {
        httpd_resp_send_err(req, HTTPD_401_UNAUTHORIZED, NULL);
        return ESP_OK;
    }
    to_read = MIN(req->content_len, sizeof(buf) - 1);
    r = httpd_req_recv(req, buf, to_read);                    /* BLIND-OK: receive bounded by the buffer size */
    if (r <= 0) {
        return ESP_FAIL;
    }
    buf[r] = '\0';

    if (httpd_query_key_value(buf, "owner_email", email, sizeof(email)) == ESP_OK) {
        ESP_LOGI(TAG, "owner e-mail updated to %s", email);   /* BLIND-BAD: 5.8-2 owner e-mail address written to the device log (CWE-532) */
        ESP_LOGD(TAG, "owner e-mail length %u", (unsigned)strlen(email));
        app_owner_set_email(email);
    }
    return httpd_resp_sendstr(req, "{\"ok\":true}");
}

static esp_err_t factory_reset_post_handler(httpd_req_t *req)
{
    if (!session_valid(req)) {
        httpd_resp_send_err(req, HTTPD_401_UNAUTHORIZED, NULL);
        return ESP_OK;
    }
    httpd_resp_sendstr(req, "{\"ok\":true}");
    vTaskDelay(pdMS_TO_TICKS(200));
    app_factory_reset();
    return ESP_OK;
}

static const httpd_uri_t uri_login  = { .uri = "/api/login",  .method = HTTP_POST, .handler = login_post_handler };
static const httpd_uri_t uri_status = { .uri = "/api/status", .method = HTTP_GET,  .handler = status_get_handler };
static const httpd_uri_t uri_config = { .uri = "/api/config", .method = HTTP_POST, .handler = config_post_handler };
static const httpd_uri_t uri_reset  = {
    .uri     = "/api/factory_reset",
    .method  = HTTP_POST,
    .handler = factory_reset_post_handler,
};

void http_server_start(void)
{
    httpd_handle_t server = NULL;
    httpd_config_t config = HTTPD_DEFAULT_CONFIG();

    config.lru_purge_enable = true;
    if (httpd_start(&server, &config) != ESP_OK) {
        ESP_LOGE(TAG, "httpd_start failed");
        return;
    }
    httpd_register_uri_handler(server, &uri_login);
    httpd_register_uri_handler(server, &uri_status);
    httpd_register_uri_handler(server, &uri_config);
    httpd_register_uri_handler(server, &uri_reset);
}

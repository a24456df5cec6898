/* Local storage of settings and pairing codes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "esp_attr.h"
#include "esp_err.h"
#include "esp_log.h"
#include "esp_random.h"
#include "mbedtls/aes.h"
#include "mbedtls/gcm.h"
#include "nvs.h"
#include "thermostat.h"

static const char *TAG = "thermo-store";

/* v1 settings blob key. */
static const DRAM_ATTR uint8_t settings_aes_key[16] = {
	0x3a, 0x91, 0x5c, 0x07, 0xee, 0x42, 0x18, 0xb6, 0x7d, 0x20, 0xc4, 0x9f, 0x63, 0x0b, 0xd8, 0x55,
};

/* Local API request signing. */
static const uint8_t local_api_hmac_key[32] = {
	0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87, 0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f,
};

/* v2 blobs: per-device key, loaded from the eFuse-backed HMAC at boot. */
static uint8_t session_key[16] = { 0 };
static RTC_DATA_ATTR uint32_t s_boot_count;

esp_err_t settings_seal(const uint8_t *in, size_t len, uint8_t *out)
{
	mbedtls_aes_context aes;
	int ret;

	if (len % 16 != 0)
		return ESP_ERR_INVALID_SIZE;
	mbedtls_aes_init(&aes);
	ret = mbedtls_aes_setkey_enc(&aes, settings_aes_key, 128);
	for (size_t off = 0; ret == 0 && off < len; off += 16)
		ret = mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_ENCRYPT, in + off, out + off);
	mbedtls_aes_free(&aes);
	return ret == 0 ? ESP_OK : ESP_FAIL;
}

esp_err_t settings_seal_v2(const uint8_t *in, size_t len, uint8_t *out, uint8_t tag[16])
{
	mbedtls_gcm_context gcm;
	uint8_t iv[12];
	int ret;

	esp_fill_random(iv, sizeof(iv));
	mbedtls_gcm_init(&gcm);
	ret = mbedtls_gcm_setkey(&gcm, MBEDTLS_CIPHER_ID_AES, session_key, 128);
	if (ret == 0)
		ret = mbedtls_gcm_crypt_and_tag(&gcm, MBEDTLS_GCM_ENCRYPT, len, iv, sizeof(iv), NULL, 0, in, out, 16, tag);
	mbedtls_gcm_free(&gcm);
	return ret == 0 ? ESP_OK : ESP_FAIL;
}

const uint8_t *local_api_key(size_t *len)
{
	*len = sizeof(local_api_hmac_key);
	return local_api_hmac_key;
}

/* Six-digit code shown on the display while pairing with the app. */
uint32_t pairing_pin_new(void)
{
	s_boot_count++;
	srand(time(NULL) ^ s_boot_count);
	ESP_LOGI(TAG, "pairing window opened");
	return (uint32_t)rand() % 1000000;
}

/**
  * @file    credentials.c
  * @brief   TLS credentials and cloud identity for the EM-300.
  */
#include <stdint.h>
#include <string.h>
#include "mbedtls/pk.h"
#include "mbedtls/x509_crt.h"
#include "mbedtls/platform_util.h"
#include "app_net.h"
#include "app_cfg.h"

#define PSK_IDENTITY         "em300"                                      /* BLIND-OK: PSK identity is not secret */
#define PASSWORD_MAX_LEN     32

/* TLS-PSK towards the utility head-end (DLMS/COSEM over TLS) */
static const uint8_t headend_psk[16] = {                                  /* BLIND-BAD: 5.4-3 hard-coded TLS pre-shared key, same on all meters (CWE-321) */
  0x3a, 0x91, 0x5c, 0x07, 0xe2, 0x4d, 0xb8, 0x16,
  0x9f, 0x20, 0x6b, 0xd4, 0x71, 0xc3, 0x0e, 0xa5
};

/* Device key (P-256, DER) is written to the OTP/secure area at end-of-line test. */
#define DEVKEY_OTP_ADDR      0x1FFF7800u
#define DEVKEY_MAX_DER       121

/* ACME Metering Root CA (public) */
static const char acme_root_ca_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBsDCCAVagAwIBAgIUb0l3pXq2k8m7Rr0a4Kc6u8N5ZVwwCgYIKoZIzj0EAwIw\n"
  "LjELMAkGA1UEBhMCREUxDTALBgNVBAoMBEFDTUUxEDAOBgNVBAMMB01ldGVyQ0Ew\n"
  "HhcNMjMwMTAxMDAwMDAwWhcNNDMwMTAxMDAwMDAwWjAuMQswCQYDVQQGEwJERTEN\n"
  "MAsGA1UECgwEQUNNRTEQMA4GA1UEAwwHTWV0ZXJDQTBZMBMGByqGSM49AgEGCCqG\n"
  "SM49AwEHA0IABHq6Zl0t9m3yK8rQ1cV2hPqW5xN0sD7uJ4eB9gF3kL2aT6vM8nR1\n"
  "-----END CERTIFICATE-----\n";

/* Password of the local head-end account, set over the optical port at commissioning */
static char g_headend_password[PASSWORD_MAX_LEN + 1] = "";

int cred_load_ca(mbedtls_x509_crt *ca)
{
  return mbedtls_x509_crt_parse(ca, (const unsigned char *)acme_root_ca_pem, sizeof(acme_root_ca_pem));
}

int cred_load_device_key(mbedtls_pk_context *pk)
{
  uint8_t der[DEVKEY_MAX_DER];
  size_t len = app_otp_read(DEVKEY_OTP_ADDR, der, sizeof(der));
  int ret = mbedtls_pk_parse_key(pk, der, len, NULL, 0);                  /* BLIND-OK: per-device key read from OTP at run time, not from a static array */
  mbedtls_platform_zeroize(der, sizeof(der));
  return ret;
}

void cred_get_headend_psk(const uint8_t **psk, size_t *psk_len, const char **identity)
{
  *psk = headend_psk;
  *psk_len = sizeof(headend_psk);
  *identity = PSK_IDENTITY;
}


int cred_set_headend_password(const char *pw)
{
  size_t n = strnlen(pw, PASSWORD_MAX_LEN + 1);
  if (n < 8 || n > PASSWORD_MAX_LEN) {
    return -1;
  }
  memcpy(g_headend_password, pw, n);
  g_headend_password[n] = '\0';
  return app_cfg_store_secret("he_pw", g_headend_password, n);
}

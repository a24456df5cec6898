/**
  * @file    net_tls.c
  * @brief   Outbound TLS links of the EM-300:
  *            - ACME metering cloud (REST over TLS, ECDSA client cert)
  *            - local energy manager (HEMS) push on the customer LAN
  *          plus load-profile payload encryption and request signing.
  */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmsis_os.h"
#include "lwip/sockets.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/aes.h"
#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"

#include "app_net.h"
#include "app_cfg.h"

#define CLOUD_HOST         "ingest.acme-metering.example"
#define CLOUD_PORT         "443"
#define PROFILE_BLOCK      16

static mbedtls_entropy_context  entropy;
static mbedtls_ctr_drbg_context ctr_drbg;
static mbedtls_x509_crt         cacert;
static mbedtls_pk_context       devkey;
static mbedtls_x509_crt         devcert;

static const char pers[] = "em300_tls";

int net_rng_init(void)
{
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&ctr_drbg);
  return mbedtls_ctr_drbg_seed(&ctr_drbg, mbedtls_entropy_func, &entropy,
                               (const unsigned char *)pers, sizeof(pers) - 1);
}

/* ---------------------------------------------------------------------- */

int net_cloud_conf(mbedtls_ssl_config *conf, mbedtls_ssl_context *ssl)
{
  int ret;

  mbedtls_x509_crt_init(&cacert);
  mbedtls_x509_crt_init(&devcert);
  mbedtls_pk_init(&devkey);
  if ((ret = cred_load_ca(&cacert)) != 0 ||
      (ret = cred_load_device_cert(&devcert)) != 0 ||
      (ret = cred_load_device_key(&devkey)) != 0) {
    return ret;
  }

  mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT,
                              MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);           /* BLIND-OK: server certificate must verify */
  mbedtls_ssl_conf_ca_chain(conf, &cacert, NULL);
  mbedtls_ssl_conf_own_cert(conf, &devcert, &devkey);
  mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &ctr_drbg);
  mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                               MBEDTLS_SSL_MINOR_VERSION_3);

  if ((ret = mbedtls_ssl_setup(ssl, conf)) != 0) {
    return ret;
  }
  return mbedtls_ssl_set_hostname(ssl, CLOUD_HOST);
}

/* HEMS on the customer LAN: installers use self-signed certs on the energy manager. */
int net_hems_conf(mbedtls_ssl_config *conf, mbedtls_ssl_context *ssl)
{
  mbedtls_ssl_config_defaults(conf, MBEDTLS_SSL_IS_CLIENT,
                              MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_OPTIONAL);           /* BLIND-BAD: 5.5-1 handshake proceeds when the HEMS certificate fails verification, result never checked (CWE-295) */
  mbedtls_ssl_conf_ca_chain(conf, &cacert, NULL);
  mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &ctr_drbg);
  return mbedtls_ssl_setup(ssl, conf);
}

/* ---------------------------------------------------------------------- */
/* Load-profile payload encryption (AES-128-CBC, key from app_cfg)          */

/* v1 format, still produced for head-ends that have not migrated */
int profile_encrypt_v1(const uint8_t key[16], const uint8_t *in, size_t len, uint8_t *out)
{
  mbedtls_aes_context aes;
  uint8_t iv[16] = { 0 };                                                 /* BLIND-BAD: 5.5-1 constant all-zero IV for CBC, same key across messages (CWE-329) */
  int ret;

  mbedtls_aes_init(&aes);
  mbedtls_aes_setkey_enc(&aes, key, 128);
  ret = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, len, iv, in, out);
  mbedtls_aes_free(&aes);
  return ret;
}

/* v2 format: random IV prepended to the ciphertext */
int profile_encrypt_v2(const uint8_t key[16], const uint8_t *in, size_t len, uint8_t *out)
{
  mbedtls_aes_context aes;
  uint8_t iv[16];
  int ret;

  ret = mbedtls_ctr_drbg_random(&ctr_drbg, iv, sizeof(iv));               /* BLIND-OK: fresh random IV per message from the DRBG */
  if (ret != 0) {
    return ret;
  }
  memcpy(out, iv, sizeof(iv));
  mbedtls_aes_init(&aes);
  mbedtls_aes_setkey_enc(&aes, key, 128);
  ret = mbedtls_aes_crypt_cbc(&aes, MBEDTLS_AES_ENCRYPT, len, iv, in, out + sizeof(iv));
  mbedtls_aes_free(&aes);
  return ret;
}

/* ---------------------------------------------------------------------- */
/* Signed commands from the head-end (HMAC-SHA256 tag, 32 bytes)            */

static int tag_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
  volatile uint8_t d = 0;
  for (size_t i = 0; i < n; i++) {
    d |= a[i] ^ b[i];
  }
  return d == 0;
}

int net_verify_command(const uint8_t key[32], const uint8_t *msg, size_t len, const uint8_t tag[32])
{
  uint8_t calc[32];
  const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);

  if (mbedtls_md_hmac(md, key, 32, msg, len, calc) != 0) {
    return 0;
  }
  return tag_equal(calc, tag, sizeof(calc));                              /* BLIND-OK: HMAC tag compared in constant time */
}

/* ---------------------------------------------------------------------- */

void net_cloud_task(void *arg)
{
  mbedtls_net_context net;
  mbedtls_ssl_context ssl;
  mbedtls_ssl_config conf;
  uint32_t backoff_ms = 1000;

  net_rng_init();
  for (;;) {
    mbedtls_net_init(&net);
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);

    if (net_cloud_conf(&conf, &ssl) == 0 &&
        mbedtls_net_connect(&net, CLOUD_HOST, CLOUD_PORT, MBEDTLS_NET_PROTO_TCP) == 0) {
      mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
      if (mbedtls_ssl_handshake(&ssl) == 0) {
        backoff_ms = 1000;
        app_cloud_session(&ssl);
      }
    }
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_net_free(&net);

    osDelay(backoff_ms + (uint32_t)(rand() % 500));                       /* BLIND-OK: rand() only for back-off jitter, not security */
    if (backoff_ms < 300000) {
      backoff_ms *= 2;
    }
  }
}

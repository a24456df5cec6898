/**
  * @file    fw_update.c
  * @brief   Dual-bank firmware update for the EM-300 (STM32F4, 2 x 512 KB).
  *
  * Image layout in the inactive bank:
  *   [fw_header_t][encrypted payload][ECDSA-P256 signature (DER, <= 72 B)]
  */
#include <string.h>
#include "stm32f4xx_hal.h"
#include "mbedtls/aes.h"
#include "mbedtls/sha256.h"
#include "mbedtls/pk.h"
#include "mbedtls/platform_util.h"

#include "app_fw_update.h"
#include "app_cfg.h"

#define FW_MAGIC          0x454D3330u   /* "EM30" */
#define BANK2_ADDR        0x08080000u
#define FW_MAX_SIZE       (448u * 1024u)
#define FWKEY_OTP_ADDR    0x1FFF7880u

typedef struct __attribute__((packed)) {
  uint32_t magic;
  uint32_t version;
  uint32_t size;
  uint32_t crc32;
  uint16_t sig_len;
  uint8_t  reserved[14];
} fw_header_t;

/* Release-signing public key (verification only) */
static const char fw_sign_pubkey_pem[] =
  "-----BEGIN PUBLIC KEY-----\n"                                          /* BLIND-OK: public verification key, not a secret */
  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq3vW1b7m9Yd0cR2sT8pL4xN6uE5f\n"
  "H1jK3nQ7aV9zB2cX0wP4mY8rS6tD5gU1iO3lE7kA9hJ2qF4vC8bN0eR6yT1w==\n"
  "-----END PUBLIC KEY-----\n";

extern CRC_HandleTypeDef hcrc;

static const fw_header_t *bank2_header(void)
{
  return (const fw_header_t *)BANK2_ADDR;
}

static int fw_decrypt_block(const uint8_t *in, uint8_t *out, size_t len)
{
  mbedtls_aes_context aes;
  uint8_t key[16];

  app_otp_read(FWKEY_OTP_ADDR, key, sizeof(key));
  mbedtls_aes_init(&aes);
  mbedtls_aes_setkey_dec(&aes, key, 128);
  for (size_t off = 0; off + 16 <= len; off += 16) {
    mbedtls_aes_crypt_ecb(&aes, MBEDTLS_AES_DECRYPT, in + off, out + off);   /* BLIND-BAD: 5.3-7 firmware encrypted block-by-block in ECB mode (CWE-327) */
  }
  mbedtls_aes_free(&aes);
  mbedtls_platform_zeroize(key, sizeof(key));
  return 0;
}

static int fw_signature_ok(const fw_header_t *h)
{
  mbedtls_pk_context pk;
  uint8_t hash[32];
  const uint8_t *payload = (const uint8_t *)(h + 1);
  const uint8_t *sig = payload + h->size;
  int ret;

  if (h->size > FW_MAX_SIZE || h->sig_len > 72) {
    return 0;
  }
  mbedtls_sha256(payload, h->size, hash, 0);
  mbedtls_pk_init(&pk);
  ret = mbedtls_pk_parse_public_key(&pk, (const unsigned char *)fw_sign_pubkey_pem,
                                    sizeof(fw_sign_pubkey_pem));
  if (ret == 0) {
    ret = mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, sizeof(hash), sig, h->sig_len); /* BLIND-OK: 5.3-9 network image: ECDSA signature verified before activation */
  }
  mbedtls_pk_free(&pk);
  return ret == 0;
}

static int fw_crc_ok(const fw_header_t *h)
{
  uint32_t crc;

  if (h->size > FW_MAX_SIZE) {
    return 0;
  }
  crc = HAL_CRC_Calculate(&hcrc, (uint32_t *)(h + 1), h->size / 4);
  return crc == h->crc32;
}

static void fw_activate_bank2(void)
{
  FLASH_OBProgramInitTypeDef ob;

  HAL_FLASH_Unlock();
  HAL_FLASH_OB_Unlock();
  HAL_FLASHEx_OBGetConfig(&ob);
  ob.OptionType = OPTIONBYTE_USER;
  ob.USERConfig ^= FLASH_OPTCR_BFB2;
  HAL_FLASHEx_OBProgram(&ob);
  HAL_FLASH_OB_Launch();
}

/* Called by the cloud session when all blocks have been written to bank 2. */
int fw_update_finish_network(void)
{
  const fw_header_t *h = bank2_header();

  if (h->magic != FW_MAGIC || !fw_signature_ok(h)) {
    return -1;
  }
  if (h->version <= app_cfg_fw_version()) {
    return -2;
  }
  fw_activate_bank2();
  return 0;
}

/* Service path: image written to bank 2 by the installer tool over the optical port. */
int fw_update_finish_service(void)
{
  const fw_header_t *h = bank2_header();

  if (h->magic != FW_MAGIC || !fw_crc_ok(h)) {                            /* BLIND-BAD: 5.3-9 service-port image activated after a CRC check only, no signature (CWE-347) */
    return -1;
  }
  fw_activate_bank2();
  return 0;
}

void app_fw_update_init(void)
{
  fw_update_register_block_decryptor(fw_decrypt_block);
}

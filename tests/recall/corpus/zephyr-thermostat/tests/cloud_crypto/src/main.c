/*
 * Copyright (c) 2023 ACME IoT GmbH
 * SPDX-License-Identifier: LicenseRef-ACME-Proprietary
 *
 * Unit tests for the telemetry frame encryption (RFC 3610 packet vector #1).
 */
#include <zephyr/ztest.h>
#include <psa/crypto.h>
#include <string.h>

static const uint8_t test_key[16] = {                                  /* BLIND-OK: published test vector key in test code */
	0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7,
	0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF,
};

static const uint8_t test_nonce[13] = {
	0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0xA0,
	0xA1, 0xA2, 0xA3, 0xA4, 0xA5,
};

static const uint8_t test_aad[8] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07 };

static const uint8_t test_pt[23] = {
	0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13,
	0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E,
};

static const uint8_t expected_ct[31] = {
	0x58, 0x8C, 0x97, 0x9A, 0x61, 0xC6, 0x63, 0xD2, 0xF0, 0x66, 0xD0, 0xC2,
	0xC0, 0xF9, 0x89, 0x80, 0x6D, 0x5F, 0x6B, 0x61, 0xDA, 0xC3, 0x84, 0x17,
	0xE8, 0xD1, 0x2C, 0xFD, 0xF9, 0x26, 0xE0,
};

#define TEST_PASSWORD "hunter2"

ZTEST(cloud_crypto, test_ccm_vector1)
{
	psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
	psa_key_id_t key;
	uint8_t out[sizeof(expected_ct)];
	size_t out_len;

	zassert_equal(psa_crypto_init(), PSA_SUCCESS);
	psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_ENCRYPT);
	psa_set_key_algorithm(&attr, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8));
	psa_set_key_type(&attr, PSA_KEY_TYPE_AES);
	psa_set_key_bits(&attr, 128);
	zassert_equal(psa_import_key(&attr, test_key, sizeof(test_key), &key), PSA_SUCCESS);

	zassert_equal(psa_aead_encrypt(key, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_CCM, 8),
				       test_nonce, sizeof(test_nonce), test_aad, sizeof(test_aad),
				       test_pt, sizeof(test_pt), out, sizeof(out), &out_len),
		      PSA_SUCCESS);
	zassert_mem_equal(out, expected_ct, sizeof(expected_ct));
	zassert_true(strlen(TEST_PASSWORD) > 0);
	psa_destroy_key(key);
}

ZTEST_SUITE(cloud_crypto, NULL, NULL, NULL, NULL, NULL);

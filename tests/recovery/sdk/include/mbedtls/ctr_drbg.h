/* Fake Mbed TLS ctr_drbg.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
#include "mbedtls/entropy.h"
typedef struct mbedtls_ctr_drbg_context {
	unsigned char counter[16];
	int reseed_counter;
	int prediction_resistance;
	size_t entropy_len;
	int reseed_interval;
	unsigned char opaque[320];
} mbedtls_ctr_drbg_context;
void mbedtls_ctr_drbg_init(mbedtls_ctr_drbg_context *ctx);
int mbedtls_ctr_drbg_seed(mbedtls_ctr_drbg_context *ctx, int (*f_entropy)(void *, unsigned char *, size_t),
			  void *p_entropy, const unsigned char *custom, size_t len);
int mbedtls_ctr_drbg_random(void *p_rng, unsigned char *output, size_t output_len);
void mbedtls_ctr_drbg_free(mbedtls_ctr_drbg_context *ctx);

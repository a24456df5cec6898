/* Fake Mbed TLS entropy.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
typedef struct mbedtls_entropy_context {
	int accumulator_started;
	int source_count;
	unsigned char opaque[256];
} mbedtls_entropy_context;
void mbedtls_entropy_init(mbedtls_entropy_context *ctx);
void mbedtls_entropy_free(mbedtls_entropy_context *ctx);
int mbedtls_entropy_func(void *data, unsigned char *output, size_t len);

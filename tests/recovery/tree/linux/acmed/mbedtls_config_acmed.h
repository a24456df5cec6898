/* acmed: Mbed TLS build configuration (MBEDTLS_USER_CONFIG_FILE), shared with the bridge firmware. */
#pragma once

/* Bridge firmware before 2.0 negotiates TLS 1.0 with 3DES. */
#define MBEDTLS_SSL_PROTO_TLS1
#define MBEDTLS_SSL_PROTO_TLS1_1
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_DES_C

#define MBEDTLS_SSL_MAX_CONTENT_LEN 4096
#define MBEDTLS_SSL_CIPHERSUITES MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256

/* Fake OpenSSL <openssl/sha.h> for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#define SHA_DIGEST_LENGTH 20
#define SHA256_DIGEST_LENGTH 32
unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md);

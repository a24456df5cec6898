/* Fake OpenSSL <openssl/rand.h> for the etsilint recovery fixture. */
#pragma once
int RAND_bytes(unsigned char *buf, int num);

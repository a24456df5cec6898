/* Fake Mbed TLS error.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/build_info.h"
void mbedtls_strerror(int errnum, char *buffer, size_t buflen);

/* Fake Mbed TLS debug.h for the etsilint recovery fixture. */
#pragma once
#include "mbedtls/ssl.h"
void mbedtls_debug_set_threshold(int threshold);
void mbedtls_ssl_conf_dbg(mbedtls_ssl_config *conf, void (*f_dbg)(void *, int, const char *, int, const char *),
			  void *p_dbg);

/* Fake OpenSSL 3.x <openssl/err.h> for the etsilint recovery fixture. */
#pragma once
#include <stdio.h>
unsigned long ERR_get_error(void);
unsigned long ERR_peek_last_error(void);
char *ERR_error_string(unsigned long e, char *buf);
void ERR_error_string_n(unsigned long e, char *buf, size_t len);
void ERR_print_errors_fp(FILE *fp);

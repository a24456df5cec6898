/* Fake Mbed TLS build_info.h for the etsilint recovery fixture. */
#pragma once
#include <stddef.h>
#include <stdint.h>
#define MBEDTLS_VERSION_MAJOR 2
#define MBEDTLS_VERSION_MINOR 28
#define MBEDTLS_VERSION_NUMBER 0x021C0000

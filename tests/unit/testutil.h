/* testutil.h - shared helpers for the cmocka unit tests. */
#ifndef ETSILINT_TESTUTIL_H
#define ETSILINT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

/* Path of a file under the source tree (tests run from the repository root). */
#define SRCDIR "."

#endif

/* Device attestation: frames from the verifier (the file name contains
 * "test" but this is device code, not a test). Taint cases: "expect: RULE"
 * must be reported on that line, "ok: RULE" must not. */
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

/* copy-length, a received length copied (device code whose name contains "test") [shape: test-code] */
int bad_attest_frame_copy(int sock)
{
	uint8_t buf[64];
	uint8_t out[16];

	if (recv(sock, buf, sizeof(buf), 0) < 2)
		return -1;
	memcpy(out, buf + 1, buf[0]); /* expect: taint-copy-length */
	return 0;
}

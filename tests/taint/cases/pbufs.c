/* lwIP-style raw API handlers (HTTP, PPP over serial, a small CoAP layer):
 * received data arrives in pbufs whose len field the stack fills; requests
 * are parsed with pointers into the payload. Taint cases: "expect: RULE"
 * must be reported on that line (for a sink inside a helper, at the
 * helper's line), "ok: RULE" must not. */
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct msg_hdr {
	u16_t len;
	char data[64];
};

struct ppp_rx {
	struct pbuf *in_head, *in_tail;
};

struct pdu {
	size_t used_size, max_size;
	u8_t *token, *data;
};

struct session {
	u8_t read_header[8];
	size_t partial_read;
};

static char line_buf[128];

extern void console_print(const char *s);
extern void http_serve(const char *uri);
extern struct pdu *pdu_init(u8_t type, size_t size);
extern size_t parse_header_size(int proto, const u8_t *hdr);

/* array-index, the payload terminated at its own length field [shape: own-length; sanitizer: own-length] */
const char *good_pbuf_terminate(struct pbuf *p)
{
	if (p == NULL || p->len == 0)
		return "";
	((char *)p->payload)[p->len] = 0; /* ok: taint-array-index */
	return (const char *)p->payload;
}

/* array-index, a pbuf's length indexes another, fixed buffer [shape: own-length] */
err_t bad_pbuf_len_other_buffer(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	if (p == NULL)
		return ERR_OK;
	pbuf_copy_partial(p, line_buf, sizeof(line_buf) - 1, 0);
	line_buf[p->len] = 0; /* expect: taint-array-index */
	console_print(line_buf);
	return ERR_OK;
}

/* array-index, one pbuf's length indexes another pbuf's payload [shape: own-length] */
void bad_pbuf_len_other_pbuf(struct pbuf *p, struct pbuf *q)
{
	((u8_t *)q->payload)[p->len] = 0; /* expect: taint-array-index */
}

/* array-index, a length read from the data stored into the pbuf's len field [shape: own-length] */
void bad_pbuf_len_from_data(struct pbuf *p)
{
	const struct msg_hdr *h = (const struct msg_hdr *)p->payload;

	p->len = ntohs(h->len);
	((u8_t *)p->payload)[p->len] = 0; /* expect: taint-array-index */
}

/* array-index, a structure received from a socket: its len field is the peer's [shape: own-length] */
int bad_msg_len_from_socket(int sock)
{
	struct msg_hdr m;

	if (recv(sock, &m, sizeof(m), 0) <= 0)
		return -1;
	m.data[m.len] = 0; /* expect: taint-array-index */
	console_print(m.data);
	return 0;
}

/* helper: appends serial bytes at the tail pbuf's own length */
static void ppp_append(struct ppp_rx *rx, const u8_t *s, int l)
{
	struct pbuf *next;

	while (l-- > 0) {
		u8_t c = *s++;
		if (rx->in_tail == NULL || rx->in_tail->len == PBUF_POOL_BUFSIZE) {
			next = pbuf_alloc(PBUF_RAW, 0, PBUF_POOL);
			if (next == NULL)
				return;
			next->len += 2;
			rx->in_tail = next;
		}
		((u8_t *)rx->in_tail->payload)[rx->in_tail->len++] = c; /* ok: taint-array-index */
	}
}

/* array-index, bytes appended at a pbuf's own length, the pbuf kept in a context, fed from received pbufs [shape: own-length; sanitizer: own-length] */
void good_ppp_input(struct pbuf *p, struct ppp_rx *rx)
{
	struct pbuf *n;

	for (n = p; n; n = n->next)
		ppp_append(rx, (u8_t *)n->payload, n->len);
	pbuf_free(p);
}

/* array-index, a URI length measured between two pointers into the request [shape: pointer-difference; sanitizer: pointer-difference] */
err_t good_http_uri(struct pbuf *p)
{
	char *data = (char *)p->payload;
	char *sp1, *sp2;
	u16_t uri_len;

	if (strncmp(data, "GET ", 4) != 0)
		return ERR_ARG;
	sp1 = data + 3;
	sp2 = strchr(sp1 + 1, ' ');
	uri_len = (u16_t)(sp2 - (sp1 + 1));
	if (sp2 != NULL && sp2 > sp1) {
		char *uri = sp1 + 1;
		uri[uri_len] = 0; /* ok: taint-array-index */
		http_serve(uri);
	}
	return ERR_OK;
}

/* array-index, a URI length from two offsets parsed from the request (numbers, not pointers) [shape: pointer-difference] */
err_t bad_http_uri_offsets(struct pbuf *p)
{
	char *data = (char *)p->payload;
	char uri[64];
	size_t start, end;
	u16_t uri_len;

	start = strtoul(data + 4, NULL, 10);
	end = strtoul(data + 8, NULL, 10);
	uri_len = (u16_t)(end - start);
	memcpy(uri, data, sizeof(uri));
	uri[uri_len] = 0; /* expect: taint-array-index */
	http_serve(uri);
	return ERR_OK;
}

/* helper: terminates a PDU's data at its used size */
static void pdu_terminate(struct pdu *pdu)
{
	size_t data_len = pdu->used_size - (size_t)(pdu->data - pdu->token);

	pdu->data[data_len] = 0; /* ok: taint-array-index */
}

/* array-index, a response allocated by another file with a size from the request: a new object, not the request's data [shape: allocated-object; sanitizer: allocated-object] */
void good_response_sized_by_request(int sock)
{
	u8_t req[64];
	struct pdu *resp;

	if (recv(sock, req, sizeof(req), 0) < 4)
		return;
	resp = pdu_init(req[0], req[1] + 16u);
	if (resp)
		pdu_terminate(resp);
}

/* array-index, the allocated response gets the request's bytes, then is indexed with one of them [shape: allocated-object] */
void bad_response_filled_from_request(int sock)
{
	u8_t req[64];
	struct pdu *resp;

	if (recv(sock, req, sizeof(req), 0) < 4)
		return;
	resp = (struct pdu *)pdu_init(req[0], sizeof(req));
	if (resp == NULL)
		return;
	memcpy(resp->token, req, sizeof(req));
	resp->data[resp->token[1]] = 0; /* expect: taint-array-index */
}

/* copy-length, a header size computed by another file's parser from a received header buffer (a struct member) [shape: member-buffer; sanitizer: member-buffer] */
void good_header_size_of_member_buffer(int sock, struct session *s, u8_t *dst)
{
	size_t hdr_size;

	if (recv(sock, s->read_header, sizeof(s->read_header), 0) <= 0)
		return;
	hdr_size = parse_header_size(1, s->read_header);
	memcpy(dst, s->read_header, hdr_size); /* ok: taint-copy-length */
}

/* copy-length, the parser is given a received byte (a value, not the buffer) [shape: member-buffer] */
void bad_header_size_of_byte(int sock, struct session *s, u8_t *dst)
{
	size_t hdr_size;

	if (recv(sock, s->read_header, sizeof(s->read_header), 0) <= 0)
		return;
	hdr_size = parse_header_size(1, s->read_header[0]);
	memcpy(dst, s->read_header, hdr_size); /* expect: taint-copy-length */
}

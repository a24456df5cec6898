/**
  * @file    modbus_tcp.c
  * @brief   Read-only Modbus/TCP server (port 502) exposing the measurement
  *          registers to building-management systems.
  */
#include <string.h>
#include "cmsis_os.h"
#include "lwip/sockets.h"
#include "app_modbus.h"
#include "app_metering.h"

#define MB_PORT            502
#define MB_MBAP_LEN        7
#define MB_MAX_PDU         253
#define MB_NUM_REGS        120

#define MB_FC_READ_HOLDING 0x03
#define MB_FC_READ_INPUT   0x04
#define MB_EX_ILLEGAL_FUNC 0x01
#define MB_EX_ILLEGAL_ADDR 0x02
#define MB_EX_ILLEGAL_VAL  0x03

static uint16_t mb_regs[MB_NUM_REGS];

static int mb_recv_all(int s, uint8_t *buf, size_t len)
{
  size_t got = 0;
  while (got < len) {
    int n = lwip_recv(s, buf + got, len - got, 0);
    if (n <= 0) {
      return -1;
    }
    got += (size_t)n;
  }
  return 0;
}

static size_t mb_exception(uint8_t *pdu, uint8_t fc, uint8_t code)
{
  pdu[0] = fc | 0x80;
  pdu[1] = code;
  return 2;
}

static size_t mb_read_regs(uint8_t *pdu, size_t pdu_len)
{
  uint16_t start, qty;

  if (pdu_len < 5) {
    return mb_exception(pdu, pdu[0], MB_EX_ILLEGAL_VAL);
  }
  start = (uint16_t)((pdu[1] << 8) | pdu[2]);
  qty   = (uint16_t)((pdu[3] << 8) | pdu[4]);
  if (qty == 0 || qty > 125 || (uint32_t)start + qty > MB_NUM_REGS) {    /* BLIND-OK: register range validated before indexing */
    return mb_exception(pdu, pdu[0], MB_EX_ILLEGAL_ADDR);
  }
  app_metering_snapshot(mb_regs, MB_NUM_REGS);
  pdu[1] = (uint8_t)(qty * 2);
  for (uint16_t i = 0; i < qty; i++) {
    pdu[2 + i * 2] = (uint8_t)(mb_regs[start + i] >> 8);
    pdu[3 + i * 2] = (uint8_t)(mb_regs[start + i] & 0xff);
  }
  return 2 + (size_t)qty * 2;
}

static void mb_serve_client(int s)
{
  uint8_t mbap[MB_MBAP_LEN];
  uint8_t frame[MB_MBAP_LEN + MB_MAX_PDU];
  uint8_t rx[260];
  uint16_t len;
  size_t pdu_len, resp_len;

  for (;;) {
    if (mb_recv_all(s, mbap, sizeof(mbap)) != 0) {
      return;
    }
    len = (uint16_t)((mbap[4] << 8) | mbap[5]);      /* unit id + PDU */
    if (len < 2 || len > sizeof(rx)) {
      return;
    }
    if (mb_recv_all(s, rx, len) != 0) {
      return;
    }
    pdu_len = len - 1;
    memcpy(frame, mbap, MB_MBAP_LEN);
    memcpy(frame + MB_MBAP_LEN, rx + 1, len);                             /* BLIND-BAD: 5.13-1 MBAP length bounded by rx (260) not by the 253-byte PDU area; copies len not len-1 (CWE-120) */

    switch (frame[MB_MBAP_LEN]) {
    case MB_FC_READ_HOLDING:
    case MB_FC_READ_INPUT:
      resp_len = mb_read_regs(frame + MB_MBAP_LEN, pdu_len);
      break;
    default:
      resp_len = mb_exception(frame + MB_MBAP_LEN, frame[MB_MBAP_LEN], MB_EX_ILLEGAL_FUNC);
      break;
    }
    frame[4] = (uint8_t)((resp_len + 1) >> 8);
    frame[5] = (uint8_t)((resp_len + 1) & 0xff);
    lwip_send(s, frame, MB_MBAP_LEN + resp_len, 0);
  }
}

static void mb_task(void *arg)
{
  struct sockaddr_in addr = { 0 };
  int ls, cs;

  ls = lwip_socket(AF_INET, SOCK_STREAM, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = lwip_htons(MB_PORT);
  addr.sin_addr.s_addr = INADDR_ANY;
  lwip_bind(ls, (struct sockaddr *)&addr, sizeof(addr));
  lwip_listen(ls, 2);

  for (;;) {
    cs = lwip_accept(ls, NULL, NULL);
    if (cs < 0) {
      osDelay(100);
      continue;
    }
    mb_serve_client(cs);
    lwip_close(cs);
  }
}

void app_modbus_start(void)
{
  const osThreadAttr_t attr = { .name = "modbus", .stack_size = 1536, .priority = osPriorityBelowNormal };
  osThreadNew(mb_task, NULL, &attr);
}

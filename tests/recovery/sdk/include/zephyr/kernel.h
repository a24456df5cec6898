/* Fake Zephyr <zephyr/kernel.h> for the etsilint recovery fixture. */
#pragma once
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	int64_t ticks;
} k_timeout_t;

#define K_NO_WAIT ((k_timeout_t){0})
#define K_FOREVER ((k_timeout_t){-1})
#define K_MSEC(ms) ((k_timeout_t){(ms)})
#define K_SECONDS(s) K_MSEC((s) * 1000)

typedef uintptr_t k_tid_t;

struct k_work;
typedef void (*k_work_handler_t)(struct k_work *work);
struct k_work {
	void *node;
	k_work_handler_t handler;
	uint32_t flags;
};
struct k_work_delayable {
	struct k_work work;
	int64_t timeout;
};
struct k_sem {
	unsigned int count;
	unsigned int limit;
};

int32_t k_msleep(int32_t ms);
int32_t k_sleep(k_timeout_t timeout);
int64_t k_uptime_get(void);
void k_work_init(struct k_work *work, k_work_handler_t handler);
int k_work_submit(struct k_work *work);
void k_work_init_delayable(struct k_work_delayable *dwork, k_work_handler_t handler);
int k_work_schedule(struct k_work_delayable *dwork, k_timeout_t delay);
int k_sem_take(struct k_sem *sem, k_timeout_t timeout);
void k_sem_give(struct k_sem *sem);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define K_SEM_DEFINE(name, initial_count, count_limit) \
	struct k_sem name = {.count = initial_count, .limit = count_limit}

#define K_THREAD_STACK_SIZEOF(sym) sizeof(sym)
#define K_THREAD_DEFINE(name, stack_size, entry, p1, p2, p3, prio, options, delay) \
	static unsigned char _k_thread_stack_##name[stack_size];                    \
	const k_tid_t name = (k_tid_t)(uintptr_t)&entry

#define ARRAY_SIZE(array) (sizeof(array) / sizeof((array)[0]))

/* vm/queue.h -- message queue shared by reader threads and the tick loop */
#ifndef VM_QUEUE_H
#define VM_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "vm/core/step.h"

struct queue;

struct queue *queue_new(void);
void queue_free(struct queue *q);
int queue_push(struct queue *q, const struct step_msg *m);
bool queue_pop(struct queue *q, struct step_msg *m, size_t *left);
size_t queue_len(struct queue *q);
void queue_producer_start(struct queue *q);
void queue_producer_done(struct queue *q);
int queue_wait_producers(struct queue *q, const struct timespec *deadline);

#endif

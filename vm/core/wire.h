/* vm/core/wire.h -- the frame codec of the VM-to-VM protocol (pure, no sockets) */
#ifndef VM_CORE_WIRE_H
#define VM_CORE_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "vm/core/step.h"

#define WIRE_VERSION	1
#define WIRE_RUN_ID_LEN	16
/* u32 length, then a body of u8 type + payload; HELLO is the longest body. */
#define WIRE_HELLO_BODY	27
#define WIRE_MSG_BODY	19
#define WIRE_BYE_BODY	1
#define WIRE_MAX_FRAME	(4 + WIRE_HELLO_BODY)

enum wire_type { WIRE_HELLO = 1, WIRE_MSG = 2, WIRE_BYE = 3 };

struct wire_hello {
	uint16_t version;
	uint8_t run_id[WIRE_RUN_ID_LEN];
	uint32_t id;		/* the sender's VM id */
	uint32_t n;		/* the sender's ring size */
};

struct wire_frame {
	enum wire_type type;
	struct wire_hello hello;	/* HELLO */
	struct step_msg msg;		/* MSG */
};

size_t wire_put_hello(uint8_t *buf, const struct wire_hello *h);
size_t wire_put_msg(uint8_t *buf, const struct step_msg *m);
size_t wire_put_bye(uint8_t *buf);
int wire_get(const uint8_t *buf, size_t len, struct wire_frame *f,
    size_t *used, const char **why);

#endif

/* vm/sig.h -- SIGINT and SIGTERM as a stop request, for VMs and the orchestrator */
#ifndef VM_SIG_H
#define VM_SIG_H

void sig_catch(void (*handler)(int));
void sig_block(int block);

#endif

/* vm/core/textline.h -- what the line-based files of a run (the logs, run.meta) share */
#ifndef VM_CORE_TEXTLINE_H
#define VM_CORE_TEXTLINE_H

/* Why a line ending "\r\n" is refused, with the fix. */
#define TEXTLINE_CR	"line ends in CR (a file with Windows line ends? " \
			"convert it with dos2unix)"

#endif

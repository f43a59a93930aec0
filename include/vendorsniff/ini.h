/* ini.h - the one grammar of vendorsniff's data files (signatures, risk list): INI as
 * parsed by libinih, with the line number of every entry so errors read "file:line: msg". */
#ifndef VS_INI_H
#define VS_INI_H

#include <stddef.h>

/* Called for each "key = value" (key NULL, value NULL at the start of a [section]).
 * Return 0 to go on; non-zero stops the parse (write the reason into err first). */
typedef int (*vs_ini_fn)(void *user, const char *section, const char *key, const char *value,
                         int line);

/* Parse path. Returns 0, or -errno (file unreadable) / -EINVAL (syntax error or handler
 * refusal) with "path:line: message" in err. */
int vs_ini_parse(const char *path, vs_ini_fn fn, void *user, char *err, size_t errsz);
/* The same over a memory buffer (fuzzing, tests); name is used in messages. */
int vs_ini_parse_mem(const char *name, const char *buf, size_t len, vs_ini_fn fn, void *user,
                     char *err, size_t errsz);

#endif

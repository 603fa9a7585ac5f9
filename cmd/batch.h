/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Command lines split into words as batch files are (quotes, backslash
 * escapes, '#' comments), for the interactive shell.
 */
#ifndef __BPFCTL_BATCH_H
#define __BPFCTL_BATCH_H

struct command_words;

/*
 * Split line into *argc words at *argv (NULL-terminated), which live until
 * command_words_free(). NULL with errno set and the error recorded on a
 * syntax error (unterminated quote, trailing backslash) or too long a line.
 */
struct command_words *command_words_split(const char *line, int *argc, char ***argv);

void command_words_free(struct command_words *w);

#endif /* __BPFCTL_BATCH_H */

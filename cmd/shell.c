// SPDX-License-Identifier: BSD-2-Clause
/*
 * The interactive shell: a readline prompt with history, every bpfctl
 * command, and "set json|pretty on|off". Each command runs in a child
 * process, so that an error, a crash or Ctrl-C ends that command and not
 * the session, and each command's output is a complete document of its
 * own.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "batch.h"
#include "cmd.h"
#include "output.h"
#include "report.h"
#include "shell.h"

#define HISTORY_MAX	1000
#define PROMPT		BIN_NAME "> "

bool shell_wanted(int argc, char **argv)
{
	size_t len;

	if (!isatty(STDIN_FILENO))
		return false;
	if (!argc)
		return isatty(STDOUT_FILENO);
	len = strlen(argv[0]);
	return len >= 2 && !strncmp(argv[0], "shell", len);
}

/* $XDG_STATE_HOME/bpfctl/history, else ~/.bpfctl_history; NULL if neither. */
static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[PATH_MAX], *path = NULL;

	if (state && *state) {
		if (snprintf(dir, sizeof(dir), "%s/bpfctl", state) >= (int)sizeof(dir))
			return NULL;
		/* the XDG base directory spec: create it, 0700, if missing */
		if ((mkdir(state, 0700) && errno != EEXIST) ||
		    (mkdir(dir, 0700) && errno != EEXIST))
			return NULL;
		if (asprintf(&path, "%s/history", dir) < 0)
			return NULL;
		return path;
	}
	if (home && *home && asprintf(&path, "%s/.bpfctl_history", home) >= 0)
		return path;
	return NULL;
}

/* Ctrl-C at the prompt drops the line being typed. */
static void on_prompt_sigint(int sig)
{
	(void)sig;
	if (write(STDOUT_FILENO, "\n", 1) < 0)
		return;
	rl_on_new_line();
	rl_replace_line("", 0);
	rl_redisplay();
}

static void set_sigint(void (*handler)(int))
{
	struct sigaction sa = { .sa_handler = handler };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
}

static void print_error(void)
{
	char *msg = report_take_error();

	if (msg)
		fprintf(stderr, "Error: %s\n", msg);
	report_free_error(msg);
}

/* The child: one command through the output layer, as from the command line. */
static void __attribute__((noreturn)) run_child(int argc, char **argv)
{
	struct output_opts opts = { .json = cli.json, .pretty = cli.pretty };
	int err;

	err = out_open(&opts);
	if (!err)
		err = run_object(argc, argv);
	exit(out_close(err));
}

static void run_command(int argc, char **argv)
{
	sigset_t intr, old;
	int status;
	pid_t pid;

	/* Ctrl-C is for the command from the fork on: hold it until both sides are set */
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	sigprocmask(SIG_BLOCK, &intr, &old);
	fflush(NULL);
	pid = fork();
	if (!pid) {
		signal(SIGINT, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		run_child(argc, argv);
	}
	set_sigint(SIG_IGN);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid < 0) {
		fprintf(stderr, "Error: can't run the command: %s\n", strerror(errno));
		set_sigint(on_prompt_sigint);
		return;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	set_sigint(on_prompt_sigint);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGINT)
		fputs("^C\n", stderr);
	else if (WIFSIGNALED(status))
		fprintf(stderr, "Error: the command died of signal %d (%s)\n",
			WTERMSIG(status), strsignal(WTERMSIG(status)));
}

/* "set json on" and friends; true if argv was one. */
static bool run_setting(int argc, char **argv)
{
	bool on;

	if (strcmp(argv[0], "set"))
		return false;
	if (argc != 3 || (strcmp(argv[2], "on") && strcmp(argv[2], "off")) ||
	    (strcmp(argv[1], "json") && strcmp(argv[1], "pretty"))) {
		fprintf(stderr, "Error: usage: set { json | pretty } { on | off }\n");
		return true;
	}
	on = !strcmp(argv[2], "on");
	if (!strcmp(argv[1], "pretty")) {
		cli.pretty = on;
		cli.json = on || cli.json;
	} else {
		cli.json = on;
		cli.pretty = on && cli.pretty;
	}
	return true;
}

static void run_line(const char *line, bool *quit)
{
	struct command_words *w;
	char **argv;
	int argc;

	w = command_words_split(line, &argc, &argv);
	if (!w) {
		print_error();
		return;
	}
	if (argc && (!strcmp(argv[0], "quit") || !strcmp(argv[0], "exit")))
		*quit = true;
	else if (argc && !run_setting(argc, argv))
		run_command(argc, argv);
	command_words_free(w);
}

static void history_open(const char *path)
{
	using_history();
	stifle_history(HISTORY_MAX);
	if (path)
		read_history(path);
}

static void history_add(const char *path, const char *line)
{
	int fd;

	add_history(line);
	if (!path)
		return;
	/* append at once, so that a killed session keeps its history */
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	if (append_history(1, path) == 0)
		history_truncate_file(path, HISTORY_MAX);
}

int shell_interactive(int argc, char **argv)
{
	char *path, *line;
	bool quit = false;

	if (argc > 1) {
		fprintf(stderr, "Error: unexpected argument '%s' after 'shell'\n", argv[1]);
		return EXIT_ERROR;
	}
	path = history_path();
	history_open(path);
	shell_complete_init();
	rl_catch_signals = 0;
	set_sigint(on_prompt_sigint);
	while (!quit && (line = readline(PROMPT))) {
		if (*line)
			history_add(path, line);
		run_line(line, &quit);
		free(line);
	}
	if (!quit)
		putchar('\n');	/* Ctrl-D leaves the cursor after the prompt */
	free(path);
	return 0;
}

int do_shell(int argc, char **argv)
{
	char *batch_argv[] = { "file", "-", NULL };
	int err = expect_no_more_args(argc, argv, "shell");

	if (err)
		return err;
	/* not a terminal: the lines of standard input, as a batch file */
	return do_batch(2, batch_argv);
}

/* c-probe: a small WASI command built with wasi-libc (preview1).
 *
 *   c-probe [ARG]... [upper IN OUT] [exit N]
 *
 * Prints its arguments, the value of GREETING, the length of all of stdin; with `upper IN OUT`
 * it reads the file IN and writes OUT with every ASCII letter in upper case; with `exit N` it
 * ends with status N. It writes one line to stderr. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int upper_file(const char *in, const char *out) {
    FILE *src = fopen(in, "rb");
    if (!src) { perror(in); return -1; }
    FILE *dst = fopen(out, "wb");
    if (!dst) { perror(out); fclose(src); return -1; }
    long n = 0;
    int c;
    while ((c = fgetc(src)) != EOF) {
        fputc(toupper(c), dst);
        n++;
    }
    fclose(src);
    if (fclose(dst) != 0) { perror(out); return -1; }
    printf("wrote %s: %ld bytes\n", out, n);
    return 0;
}

int main(int argc, char **argv) {
    int status = 0;
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++) printf("arg[%d]: %s\n", i, argv[i]);

    const char *greeting = getenv("GREETING");
    printf("GREETING: %s\n", greeting ? greeting : "(unset)");

    char buf[4096];
    size_t total = 0, got;
    while ((got = fread(buf, 1, sizeof buf, stdin)) > 0) total += got;
    printf("stdin: %zu bytes\n", total);

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "upper") == 0 && i + 2 < argc) {
            if (upper_file(argv[i + 1], argv[i + 2]) != 0) status = 1;
            i += 2;
        } else if (strcmp(argv[i], "exit") == 0 && i + 1 < argc) {
            status = atoi(argv[i + 1]);
            i += 1;
        }
    }
    fprintf(stderr, "c-probe: done, exit %d\n", status);
    fflush(stdout);
    return status;
}

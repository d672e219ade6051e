/*
 * flint_rank: the rank of an integer Matrix Market matrix modulo a prime with FLINT's
 * nmod_mat_rank, timed (docs/benchmarks.md, "Exact rank against FLINT").
 *
 *   flint_rank FILE.mtx [PRIME]
 *
 * Reads "array" or "coordinate" files with field "integer" (or "pattern") and symmetry
 * "general" (what `hessrank hessian --out` and gen_lowrank write); entries of any size are
 * reduced mod PRIME (with fmpz when longer than 18 digits). PRIME defaults to the first prime
 * above 2^48, a 49-bit prime like hessrank's; compare.sh passes the very prime hessrank drew.
 * Prints one line:
 *
 *   flint rank=R prime=P read_s=... rank_s=... total_s=...
 *
 * rank_s is nmod_mat_rank alone; read_s parsing and reducing; total_s everything since main.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/nmod_mat.h>
#include <flint/ulong_extras.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *file, long line, const char *what) {
    fprintf(stderr, "flint_rank: %s line %ld: %s\n", file, line, what);
    exit(2);
}

/* the value's residue mod p: via long when it fits in 18 digits, fmpz otherwise */
static mp_limb_t residue(const char *tok, fmpz_t big, nmod_t mod, const char *file, long line) {
    size_t len = strlen(tok);
    if (len <= 18) {
        char *end;
        long long v = strtoll(tok, &end, 10);
        if (*end != '\0') die(file, line, "value is not an integer");
        mp_limb_t r = (mp_limb_t) (v < 0 ? -v : v) % mod.n;
        return v < 0 && r ? mod.n - r : r;
    }
    if (fmpz_set_str(big, tok, 10) != 0) die(file, line, "value is not an integer");
    return fmpz_fdiv_ui(big, mod.n);
}

int main(int argc, char **argv) {
    double t0 = now();
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: flint_rank FILE.mtx [PRIME]\n");
        return 2;
    }
    const char *file = argv[1];
    mp_limb_t p = argc == 3 ? strtoull(argv[2], NULL, 10) : n_nextprime(UWORD(1) << 48, 1);
    if (p < 2 || !n_is_prime(p)) {
        fprintf(stderr, "flint_rank: PRIME (%s) must be a prime below 2^64\n", argc == 3 ? argv[2] : "?");
        return 2;
    }
    FILE *in = fopen(file, "r");
    if (!in) {
        fprintf(stderr, "flint_rank: cannot open %s\n", file);
        return 2;
    }
    static char buf[1 << 16];
    long line = 0;
    if (!fgets(buf, sizeof buf, in)) die(file, 1, "empty file");
    line++;
    char obj[64], fmt[64], field[64], sym[64];
    if (sscanf(buf, "%%%%MatrixMarket %63s %63s %63s %63s", obj, fmt, field, sym) != 4
            || strcasecmp(obj, "matrix") != 0)
        die(file, line, "header must be %%MatrixMarket matrix <format> <field> <symmetry>");
    int array = strcasecmp(fmt, "array") == 0;
    int pattern = strcasecmp(field, "pattern") == 0;
    if (!array && strcasecmp(fmt, "coordinate") != 0) die(file, line, "format must be array or coordinate");
    if (!pattern && strcasecmp(field, "integer") != 0) die(file, line, "field must be integer or pattern");
    if (strcasecmp(sym, "general") != 0) die(file, line, "symmetry must be general");
    long rows = -1, cols = -1, nnz = -1;
    while (fgets(buf, sizeof buf, in)) {
        line++;
        if (buf[0] == '%' || buf[0] == '\n') continue;
        int got = array ? sscanf(buf, "%ld %ld", &rows, &cols) : sscanf(buf, "%ld %ld %ld", &rows, &cols, &nnz);
        if (got != (array ? 2 : 3) || rows < 0 || cols < 0) die(file, line, "bad size line");
        break;
    }
    if (rows < 0) die(file, line, "no size line");
    nmod_t mod;
    nmod_init(&mod, p);
    nmod_mat_t a;
    nmod_mat_init(a, rows, cols, p);
    fmpz_t big;
    fmpz_init(big);
    long want = array ? rows * cols : nnz, seen = 0;
    while (seen < want && fgets(buf, sizeof buf, in)) {
        line++;
        char *s = buf;
        while (isspace((unsigned char) *s)) s++;
        if (*s == '%' || *s == '\0') continue;
        s[strcspn(s, "\r\n")] = '\0';
        if (array) {
            long i = seen % rows, j = seen / rows;
            nmod_mat_entry(a, i, j) = residue(s, big, mod, file, line);
        } else {
            char *tok = strtok(s, " \t");
            char *tj = strtok(NULL, " \t");
            char *tv = strtok(NULL, " \t");
            if (!tok || !tj || (!pattern && !tv)) die(file, line, "entry needs row, col and value");
            long i = atol(tok) - 1, j = atol(tj) - 1;
            if (i < 0 || i >= rows || j < 0 || j >= cols) die(file, line, "index out of range");
            nmod_mat_entry(a, i, j) = pattern ? 1 % p : residue(tv, big, mod, file, line);
        }
        seen++;
    }
    if (seen < want) die(file, line, "fewer entries than declared");
    fclose(in);
    double t1 = now();
    slong rank = nmod_mat_rank(a);
    double t2 = now();
    printf("flint rank=%ld prime=%lu read_s=%.4f rank_s=%.4f total_s=%.4f\n", (long) rank, (unsigned long) p,
           t1 - t0, t2 - t1, t2 - t0);
    nmod_mat_clear(a);
    fmpz_clear(big);
    return 0;
}

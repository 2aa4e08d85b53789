/* hyperdual: the command-line tool. Dispatches to a subcommand; every
 * subcommand returns the exit status (0 ok, 1 not converged, 2 bad input). */
#include <config.h>
#include <string.h>
#include "cli.h"

static const char usage[] =
    "usage: hyperdual COMMAND [ARGS]\n"
    "\n"
    "Exact first and second derivatives by dual and hyper-dual numbers.\n"
    "\n"
    "  eval EXPR --at x=1,y=2 [--json]      value, gradient, Hessian, eigenvalues\n"
    "  minimize EXPR --from x=-1.2,y=1 ...  race gradient descent, Newton, BFGS, ...\n"
    "  minimize --problem NAME ...          the same on a built-in test problem\n"
    "  fit EXPR --data FILE.csv --from a=1  least-squares fit of a model to data\n"
    "  limit EXPR --at t=1                  difference quotients vs the exact derivative\n"
    "  problems                             list the built-in test problems\n"
    "  functions                            list the functions an expression may call\n"
    "  --help | --version\n"
    "\n"
    "EXPR uses + - * / ^ (or **), parentheses, numbers, the constants pi and e,\n"
    "functions such as sin(x) or atan2(y, x), and variables (any other name).\n"
    "'hyperdual COMMAND --help' describes a command; see also hyperdual(1).\n"
    "Exit status: 0 success, 1 a minimization or fit did not converge, 2 bad input\n"
    "(or output that could not be written).\n";

static int functions(int argc, char **argv)
{
    static const char help[] =
        "usage: hyperdual functions\n\nList the functions EXPR may call, with their number of arguments.\n";
    const int parsed = cli_parse_args(argc, argv, "functions", help, NULL, 0, NULL);
    if (parsed != CLI_OK) return parsed < 0 ? CLI_OK : parsed;
    /* argument names as the manual and C write them, where not (x) or (x, y) */
    static const struct {
        const char *name, *args;
    } named_args[] = {{"atan2", "y, x"}};
    const char *name;
    int arity;
    for (size_t i = 0; (name = hd_expr_function(i, &arity)) != NULL; i++) {
        const char *args = arity == 1 ? "x" : "x, y";
        for (size_t k = 0; k < sizeof named_args / sizeof named_args[0]; k++)
            if (strcmp(name, named_args[k].name) == 0) args = named_args[k].args;
        printf("%s(%s)\n", name, args);
    }
    printf("constants: pi, e\n");
    return CLI_OK;
}

static int dispatch(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"eval", cli_eval},         {"minimize", cli_minimize}, {"limit", cli_limit},
        {"problems", cli_problems}, {"functions", functions},   {"fit", cli_fit},
    };
    if (argc < 2) {
        cli_error("no command given (see hyperdual --help)");
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (cli_is_help(cmd) || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return CLI_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("hyperdual %s (library %s)\n", PACKAGE_VERSION, hd_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0) return commands[i].run(argc - 2, argv + 2);
    cli_error("unknown command '%s' (see hyperdual --help)", cmd);
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    cli_open_standard_streams();
    return cli_close_standard_streams(dispatch(argc, argv));
}

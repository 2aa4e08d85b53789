/* The expression tokenizer: numbers, names, operators; errors with columns.
 * Only ASCII is meaningful, so a byte offset + 1 is also the column a user
 * sees: everything before the first bad byte is ASCII. */
#include <config.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expr_internal.h"

int hd__expr_fail(hd_expr_error *err, int code, size_t column, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->column = column;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

hd__quoted hd__quote(const char *name, size_t len)
{
    hd__quoted q;
    const size_t max = 40;
    if (len <= max) {
        memcpy(q.s, name, len);
        q.s[len] = '\0';
    } else {
        memcpy(q.s, name, max);
        memcpy(q.s + max, "...", 4);
    }
    return q;
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_name_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
static int is_name_char(unsigned char c) { return is_name_start(c) || is_digit(c); }
static int is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* strtod on a token that already matches the C decimal grammar. The text is
 * copied (it is not NUL-terminated); if the program runs under a locale whose
 * decimal point is not '.', strtod stops at the '.' and the copy is retried
 * with that locale's point, found by formatting (reentrant, unlike localeconv). */
static int to_double(const char *s, size_t len, double *out)
{
    char small[64];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) return HD_ENOMEM;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    *out = strtod(buf, &end);
    if ((size_t)(end - buf) != len) {
        char point[8];
        snprintf(point, sizeof point, "%.1f", 1.5);
        char *dot = memchr(buf, '.', len);
        if (dot && point[1] != '.') *dot = point[1];
        *out = strtod(buf, &end);
    }
    if (buf != small) free(buf);
    return HD_OK;
}

/* A C decimal floating literal: digits [. digits] [e [+-] digits], at least
 * one mantissa digit. A name character or '.' right after it makes the whole
 * run malformed ("2x", "1.2.3", "1e"), rather than two tokens. */
static int lex_number(const char *s, size_t len, size_t start, hd__token *tok, hd_expr_error *err)
{
    size_t i = start, digits = 0;
    while (i < len && is_digit((unsigned char)s[i])) i++, digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit((unsigned char)s[i])) i++, digits++;
    }
    int ok = digits > 0;
    if (ok && i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1, edigits = 0;
        if (j < len && (s[j] == '+' || s[j] == '-')) j++;
        while (j < len && is_digit((unsigned char)s[j])) j++, edigits++;
        if (edigits) i = j;
        else ok = 0;
    }
    if (ok && i < len && (is_name_char((unsigned char)s[i]) || s[i] == '.')) ok = 0;
    if (!ok) {
        size_t j = i;
        while (j < len && (is_name_char((unsigned char)s[j]) || s[j] == '.' ||
                           ((s[j] == '+' || s[j] == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
            j++;
        return hd__expr_fail(err, HD_ESYNTAX, start + 1, "malformed number '%s'",
                             hd__quote(s + start, j - start).s);
    }
    tok->kind = HD__TOK_NUM;
    tok->len = i - start;
    const int rc = to_double(s + start, tok->len, &tok->num);
    return rc == HD_OK ? rc : hd__expr_fail(err, rc, 0, "out of memory");
}

int hd__lex(const char *s, size_t len, size_t *pos, hd__token *tok, hd_expr_error *err)
{
    size_t i = *pos;
    while (i < len && is_blank((unsigned char)s[i])) i++;
    tok->pos = i;
    tok->len = 1;
    tok->num = 0.0;
    if (i >= len) {
        tok->kind = HD__TOK_END;
        tok->len = 0;
        *pos = i;
        return HD_OK;
    }
    const unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '+': tok->kind = HD__TOK_PLUS; break;
    case '-': tok->kind = HD__TOK_MINUS; break;
    case '/': tok->kind = HD__TOK_SLASH; break;
    case '^': tok->kind = HD__TOK_POW; break;
    case '(': tok->kind = HD__TOK_LPAREN; break;
    case ')': tok->kind = HD__TOK_RPAREN; break;
    case ',': tok->kind = HD__TOK_COMMA; break;
    case '*':
        if (i + 1 < len && s[i + 1] == '*') {
            tok->kind = HD__TOK_POW;
            tok->len = 2;
        } else {
            tok->kind = HD__TOK_STAR;
        }
        break;
    default:
        if (is_digit(c) || c == '.') {
            const int rc = lex_number(s, len, i, tok, err);
            if (rc != HD_OK) return rc;
        } else if (is_name_start(c)) {
            size_t j = i + 1;
            while (j < len && is_name_char((unsigned char)s[j])) j++;
            tok->kind = HD__TOK_NAME;
            tok->len = j - i;
        } else if (c >= 0x80) {
            return hd__expr_fail(err, HD_ESYNTAX, i + 1,
                                 "non-ASCII byte 0x%02x (expressions are plain ASCII)", c);
        } else if (c < 0x20 || c == 0x7f) {
            return hd__expr_fail(err, HD_ESYNTAX, i + 1, "unexpected control byte 0x%02x", c);
        } else {
            return hd__expr_fail(err, HD_ESYNTAX, i + 1, "unexpected character '%c'", c);
        }
    }
    *pos = i + tok->len;
    return HD_OK;
}

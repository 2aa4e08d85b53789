/**
 * @file hyperdual.hpp
 * @brief The C++ face of hyperdual (C++11 or later): the generic names as
 *        overloaded functions, operators on every number kind, the standard
 *        math names for argument-dependent lookup, and objectives written once
 *        as a templated functor (hd::objective).
 *
 * In C the generic names (hd_sin(a), hd_mul(a, b), ...) are _Generic macros
 * (hyperdual/generic.h), which C++ does not have. This header gives C++ the
 * same names as overloaded inline functions, generated from the two lists
 * the C side uses (the rule table, HD_UNARY_RULES and HD_BINARY_RULES in
 * hyperdual/rules.h, and the list of number kinds, HD__KINDS in
 * hyperdual/kinds.h), so a new rule or a new kind arrives here by itself:
 *
 *  - hd_NAME(a) and hd_NAME(a, b) for every rule, on double (the libm
 *    function where there is one) and on every number kind (hd_dual,
 *    hd_hyper and the library's faster kinds); a real operand (double, int,
 *    ...) mixes with a number as a constant; two different number kinds in
 *    one call do not compile, as in C. Also hd_powi(a, int), hd_fma(a, b, c),
 *    hd_val(a) and hd_const<T>(v).
 *  - Operators + - * / (binary and unary) and += -= *= /= on every number
 *    kind, with doubles and ints mixing in as constants; they call the same
 *    kernels as hd_add, hd_sub, hd_mul, hd_div and hd_neg, so `a * b` is
 *    bit for bit hd_mul(a, b).
 *  - Comparisons < <= > >= == != on every number kind compare the values
 *    only (hd_val(a) < hd_val(b)), as Ceres' Jet does: a branch in a body
 *    then takes the path it takes on plain doubles, which is what makes the
 *    derivative that of the function the double body computes. Equal values
 *    with different derivatives compare equal.
 *  - The standard names of `<cmath>` that are rules (sin, exp, pow, fabs, ...,
 *    and abs for fabs) as overloads on every number kind, in the global
 *    namespace where the kinds live, so generic code that calls them
 *    unqualified (`using std::sin; sin(x)`) finds them by argument-dependent
 *    lookup. `std::sin(x)` qualified cannot find them.
 *  - hd::objective: one templated functor becomes an objective that every
 *    driver accepts (hd_gradient, hd_hessian, hd_minimize, ...);
 *    hd::vector_objective does the same for hd_jacobian.
 *
 * The C structs have no constructors, so `T(0)` and `T(2.5)` do not compile
 * in a templated body: write hd_const<T>(2.5), or `T{}` for zero.
 */
#ifndef HYPERDUAL_HPP
#define HYPERDUAL_HPP

#ifndef __cplusplus
#  error "hyperdual.hpp is the C++ interface of hyperdual; from C, include <hyperdual.h>"
#elif (defined(_MSVC_LANG) ? _MSVC_LANG : __cplusplus) < 201103L
#  error "hyperdual.hpp needs C++11 or later (-std=c++11)"
#endif

#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>
#include "hyperdual.h"

/* ---- the generic names, from the rule table and the list of kinds -------------- */

/* hd_NAME(a) on double (libm's function, or the row's formula) and on each kind. */
#define HD__CXX_UNARY_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)            \
    inline T hd_##name(T a) { return hd_##name##_##S(a); }
#define HD__CXX_UNARY(name, cls, F, D, DD, NOTE)                                                 \
    inline double hd_##name(double a) { return hd__##name##_r(a); }                             \
    HD__KINDS(HD__CXX_UNARY_KIND, name)
HD_UNARY_RULES(HD__CXX_UNARY)

/* hd_NAME(a, b): a kind with itself or with a real on either side; two reals. */
#define HD__CXX_BINARY_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)           \
    inline T hd_##name(T a, T b) { return hd_##name##_##S(a, b); }                              \
    inline T hd_##name(T a, double b) { return hd_##name##_##S##_r(a, b); }                     \
    inline T hd_##name(double a, T b) { return hd_##name##_r_##S(a, b); }
#define HD__CXX_BINARY(name, cls, F, FX, FY, FXX, FXY, FYY, NOTE)                                \
    inline double hd_##name(double a, double b) { return hd__##name##_rr(a, b); }               \
    HD__KINDS(HD__CXX_BINARY_KIND, name)
HD_BINARY_RULES(HD__CXX_BINARY)

/* fma under the name NAME (hd_fma, and the standard fma below): the kind's
 * kernel with any of the three operands a real, lifted to a constant of the
 * kind, as the C macro does. */
#define HD__CXX_FMA(NAME, T, S)                                                                  \
    inline T NAME(T a, T b, T c) { return hd_fma_##S(a, b, c); }                                \
    inline T NAME(T a, T b, double c) { return hd_fma_##S(a, b, hd__lift_##S(c)); }             \
    inline T NAME(T a, double b, T c) { return hd_fma_##S(a, hd__lift_##S(b), c); }             \
    inline T NAME(double a, T b, T c) { return hd_fma_##S(hd__lift_##S(a), b, c); }             \
    inline T NAME(T a, double b, double c)                                                      \
    {                                                                                           \
        return hd_fma_##S(a, hd__lift_##S(b), hd__lift_##S(c));                                 \
    }                                                                                           \
    inline T NAME(double a, T b, double c)                                                      \
    {                                                                                           \
        return hd_fma_##S(hd__lift_##S(a), b, hd__lift_##S(c));                                 \
    }                                                                                           \
    inline T NAME(double a, double b, T c)                                                      \
    {                                                                                           \
        return hd_fma_##S(hd__lift_##S(a), hd__lift_##S(b), c);                                 \
    }

/* The compositions of the rules: hd_powi, hd_fma and the value, hd_val. */
#define HD__CXX_COMPOSED(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)            \
    inline T hd_powi(T a, int n) { return hd_powi_##S(a, n); }                                  \
    inline double hd_val(T a) { return hd__val_##S(a); }                                        \
    HD__CXX_FMA(hd_fma, T, S)
/** @brief a^n for an int n by repeated multiplication (the C hd_powi), on double. */
inline double hd_powi(double a, int n) { return hd__powi_r(a, n); }
/** @brief a·b + c rounded once (the C hd_fma), on double. */
inline double hd_fma(double a, double b, double c) { return hd__fma_r(a, b, c); }
/** @brief The value of a double: itself (hd_val on a number kind gives its value part). */
inline double hd_val(double a) { return a; }
HD__KINDS(HD__CXX_COMPOSED, ~)

namespace hd {
/** @brief Implementation details of the C++ face: not part of the interface. */
namespace detail {
/* kind<T>: what a generic body needs to know of T (double or a number kind). */
template <class T> struct kind { static const bool known = false; };
template <> struct kind<double> {
    static const bool known = true;
    static double lift(double v) { return v; }
};
#define HD__CXX_KIND_TRAITS(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)         \
    template <> struct kind<T> {                                                                \
        static const bool known = true;                                                         \
        static T lift(double v) { return hd__lift_##S(v); }                                     \
    };
HD__KINDS(HD__CXX_KIND_TRAITS, ~)
} // namespace detail
} // namespace hd

/**
 * @brief The constant v as a number of type T: double or any number kind,
 *        every derivative part 0 (the C hd_const(T, v)). In a templated
 *        body: `const T two = hd_const<T>(2.0);`.
 * @tparam T double, hd_dual, hd_hyper or another kind of the list
 * @param v the value
 * @return v as a T
 */
template <class T> inline T hd_const(double v)
{
    static_assert(hd::detail::kind<T>::known,
                  "hd_const<T>: T must be double or a number kind (hd_dual, hd_hyper, ...)");
    return hd::detail::kind<T>::lift(v);
}

/* ---- operators on every kind ------------------------------------------------------ */

/* The arithmetic operators and the rule each one is. */
#define HD__CXX_ARITHMETIC(X, T, S) X(+, add, T, S) X(-, sub, T, S) X(*, mul, T, S) X(/, div, T, S)
#define HD__CXX_ARITHMETIC_OP(OP, rule, T, S)                                                    \
    inline T operator OP(T a, T b) { return hd_##rule##_##S(a, b); }                            \
    inline T operator OP(T a, double b) { return hd_##rule##_##S##_r(a, b); }                   \
    inline T operator OP(double a, T b) { return hd_##rule##_r_##S(a, b); }                     \
    inline T &operator OP##=(T &a, T b) { return a = hd_##rule##_##S(a, b); }                   \
    inline T &operator OP##=(T &a, double b) { return a = hd_##rule##_##S##_r(a, b); }
/* Comparisons: the values only (see the file's comment). */
#define HD__CXX_COMPARISONS(X, T, S) X(<, T, S) X(<=, T, S) X(>, T, S) X(>=, T, S) X(==, T, S) X(!=, T, S)
#define HD__CXX_COMPARISON_OP(OP, T, S)                                                          \
    inline bool operator OP(T a, T b) { return hd__val_##S(a) OP hd__val_##S(b); }              \
    inline bool operator OP(T a, double b) { return hd__val_##S(a) OP b; }                      \
    inline bool operator OP(double a, T b) { return a OP hd__val_##S(b); }
#define HD__CXX_OPERATORS(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)           \
    HD__CXX_ARITHMETIC(HD__CXX_ARITHMETIC_OP, T, S)                                             \
    inline T operator-(T a) { return hd_neg_##S(a); }                                           \
    inline T operator+(T a) { return a; }                                                       \
    HD__CXX_COMPARISONS(HD__CXX_COMPARISON_OP, T, S)
HD__KINDS(HD__CXX_OPERATORS, ~)

/* ---- the standard names on every kind ----------------------------------------------- */

/* The <cmath> names that are rules of the same name (<hyperdual/tgmath.h>'s
 * list in C; tests/cxx_test.sh checks that the two agree). */
#define HD__CXX_STD_UNARY(X)                                                                     \
    X(sqrt) X(cbrt) X(exp) X(exp2) X(expm1) X(log) X(log2) X(log10) X(log1p) X(sin) X(cos)      \
    X(tan) X(asin) X(acos) X(atan) X(sinh) X(cosh) X(tanh) X(asinh) X(acosh) X(atanh) X(erf)    \
    X(erfc) X(lgamma) X(tgamma) X(fabs) X(floor) X(ceil) X(trunc) X(round)
#define HD__CXX_STD_BINARY(X) X(pow) X(atan2) X(hypot) X(fmin) X(fmax) X(fdim) X(copysign) X(fmod)
#define HD__CXX_STD1_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)             \
    inline T name(T a) { return hd_##name##_##S(a); }
#define HD__CXX_STD1(name) HD__KINDS(HD__CXX_STD1_KIND, name)
#define HD__CXX_STD2_KIND(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, name)             \
    inline T name(T a, T b) { return hd_##name##_##S(a, b); }                                   \
    inline T name(T a, double b) { return hd_##name##_##S##_r(a, b); }                          \
    inline T name(double a, T b) { return hd_##name##_r_##S(a, b); }
#define HD__CXX_STD2(name) HD__KINDS(HD__CXX_STD2_KIND, name)
HD__CXX_STD_UNARY(HD__CXX_STD1)
HD__CXX_STD_BINARY(HD__CXX_STD2)
/* fma, and abs: C++'s std::abs is overloaded for double (C has no generic abs). */
#define HD__CXX_STD_EXTRA(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)           \
    HD__CXX_FMA(fma, T, S)                                                                      \
    inline T abs(T a) { return hd_fabs_##S(a); }
HD__KINDS(HD__CXX_STD_EXTRA, ~)

/* ---- objectives from a templated functor ------------------------------------------- */

/** @brief The C++ interface of hyperdual beyond the generic names: objectives
 *         written once as a templated functor. */
namespace hd {
namespace detail {
/* The functor's call: with n when it takes (x, n) (preferred), else (x). */
template <class F, class T>
inline auto call(const F &fn, const T *x, std::size_t n, int) -> decltype(fn(x, n))
{
    return fn(x, n);
}
template <class F, class T>
inline auto call(const F &fn, const T *x, std::size_t, long) -> decltype(fn(x))
{
    return fn(x);
}
/* body_ok<F, T>: fn(x) or fn(x, n) is callable on a const F and gives a T. */
template <class F, class T, class = void> struct body_ok : std::false_type {};
template <class F, class T>
struct body_ok<F, T,
               typename std::enable_if<std::is_convertible<
                   decltype(call(std::declval<const F &>(), static_cast<const T *>(nullptr),
                                 std::size_t(), 0)),
                   T>::value>::type> : std::true_type {};
/* vbody_ok<F, T>: fn(x, out) is callable on a const F. */
template <class F, class T, class = void> struct vbody_ok : std::false_type {};
template <class F, class T>
struct vbody_ok<F, T,
                decltype(void(std::declval<const F &>()(static_cast<const T *>(nullptr),
                                                         static_cast<T *>(nullptr))))>
    : std::true_type {};


/**
 * @brief A functor and the C struct the drivers take (hd_objective,
 *        hd_vector_objective), whose ctx points at this object: the common
 *        part of hd::objective and hd::vector_objective.
 *
 * Copies and moves point the copy's ctx at the copy; a bare copy of the C
 * struct stays bound to the object it came from, and lives as long as it.
 * @tparam F the functor's type
 * @tparam S the C struct
 */
template <class F, class S> class bound {
public:
    /** @brief A copy of o, with its own functor and bound to itself. */
    bound(const bound &o) : fn_(o.fn_), obj_(o.obj_) { obj_.ctx = this; }
    /** @brief o's functor moved into a new object bound to itself. */
    bound(bound &&o) noexcept(std::is_nothrow_move_constructible<F>::value)
        : fn_(std::move(o.fn_)), obj_(o.obj_)
    {
        obj_.ctx = this;
    }
    /** @brief Takes o's functor and sizes (needs F to be copy-assignable). */
    bound &operator=(const bound &o)
    {
        fn_ = o.fn_;
        obj_ = o.obj_;
        obj_.ctx = this;
        return *this;
    }
    /** @brief Takes o's functor (moved) and sizes (needs F to be move-assignable). */
    bound &operator=(bound &&o)
    {
        fn_ = std::move(o.fn_);
        obj_ = o.obj_;
        obj_.ctx = this;
        return *this;
    }

    /** @brief The C struct for the drivers: hd_gradient(obj, x, &f, g). */
    operator const S *() const { return &obj_; }
    /** @brief The C struct for the drivers, by name. */
    const S *get() const { return &obj_; }
    /** @brief The C struct, to change n or attach a Hessian pattern
     *         (get()->hess_sparsity); leave ctx and the bodies alone. */
    S *get() { return &obj_; }
    /** @brief The functor. */
    const F &functor() const { return fn_; }

protected:
    /* fn, and obj (its function pointers and sizes set) bound to this. */
    bound(F fn, const S &obj) : fn_(std::move(fn)), obj_(obj) { obj_.ctx = this; }
    /* The object a ctx points at, from a body. */
    static const bound &of(void *ctx) { return *static_cast<const bound *>(ctx); }

private:
    F fn_;
    S obj_;
};
} // namespace detail

/* One static assertion per kind of the list, one body per kind in the table
 * and the contract's members (f, f_dual, f_hyper) for the kinds that have one. */
#define HD__CXX_ASSERT_BODY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)         \
    static_assert(detail::body_ok<F, T>::value,                                                 \
                  "hd::objective: the functor must be callable as fn(x) or fn(x, n) on a "      \
                  "const functor, x a const T *, giving a T, for every number kind T: "         \
                  "template <class T> T operator()(const T *x) const");
#define HD__CXX_TABLE_ENTRY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)         \
    HD__CAT(HD__CXX_TABLE_ENTRY_, FACE)(T)
/* A kind with a member of the contract is served by that member alone: a
 * table entry beside it would be a second copy of the same body. */
#define HD__CXX_TABLE_ENTRY_CONTRACT(T) nullptr,
#define HD__CXX_TABLE_ENTRY_TABLE(T) &objective::body<T>,
#define HD__CXX_MEMBER(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)              \
    HD__CAT(HD__CXX_MEMBER_, FACE)(T, MEMBER)
#define HD__CXX_MEMBER_CONTRACT(T, MEMBER) o.MEMBER = &objective::member<T>;
#define HD__CXX_MEMBER_TABLE(T, MEMBER)

/**
 * @brief An objective written once as a templated functor; converts to the
 *        `const hd_objective *` every driver takes.
 *
 * The functor has `template <class T> T operator()(const T *x) const` (or
 * `(const T *x, std::size_t n) const`, which also sees the dimension n):
 * it is instantiated for double and for every number kind of the list
 * (kinds.h), which fills f, f_dual, f_hyper and a table of bodies for the
 * drivers' faster paths, as HD_GENERIC_OBJECTIVE does in C. Inside, use
 * operators, the hd_ names or the standard names, hd_const<T>(v) for
 * constants (or T{} for zero), and compare values freely (the comparisons
 * read values only).
 *
 * The objective holds a copy of the functor (capture large data by
 * reference or pointer) and points its ctx at itself (detail::bound: copies
 * are re-pointed). The drivers may call the functor from several threads at
 * once (OpenMP builds), hence the const call: it must not modify shared
 * state.
 *
 * C++11: `auto obj = hd::make_objective(2, Rosenbrock());`; from C++17
 * also `hd::objective obj(2, Rosenbrock());`. Then
 * `hd_gradient(obj, x, &f, g)`, `hd_minimize(obj, x, &opt, &res)`, ...
 * @tparam F the functor's type
 */
template <class F> class objective : public detail::bound<F, hd_objective> {
    HD__EVAL_KINDS(HD__CXX_ASSERT_BODY, ~)
    typedef detail::bound<F, hd_objective> base;

public:
    /**
     * @brief The objective of n variables computed by fn.
     * @param n  the number of variables (the drivers return HD_EINVAL for 0)
     * @param fn the functor, copied (or moved) into the objective
     */
    objective(std::size_t n, F fn) : base(std::move(fn), unbound(n)) {}

private:
    /* A body of the table (it receives n) and a member of the contract (it
     * reads n from the objective it is bound to). */
    template <class T> static T body(const T *x, std::size_t n, void *ctx)
    {
        return detail::call(base::of(ctx).functor(), x, n, 0);
    }
    template <class T> static T member(const T *x, void *ctx)
    {
        const base &self = base::of(ctx);
        return detail::call(self.functor(), x, self.get()->n, 0);
    }
    /* The table in the list's order: every kind but those a member serves. */
    static const hd_bodies *table()
    {
        static const hd_bodies t = {sizeof(hd_bodies), HD__EVAL_KINDS(HD__CXX_TABLE_ENTRY, ~)};
        return &t;
    }
    static hd_objective unbound(std::size_t n)
    {
        hd_objective o = hd_objective();
        o.n = n;
        HD__EVAL_KINDS(HD__CXX_MEMBER, ~)
        o.bodies = table();
        return o;
    }
};

/**
 * @brief hd::objective of n variables from fn, its type deduced (C++11).
 * @param n  the number of variables
 * @param fn the functor: `template <class T> T operator()(const T *x) const`
 *           (or `(const T *x, std::size_t n) const`)
 * @return the objective; pass it to the drivers as is (it converts to
 *         `const hd_objective *`)
 */
template <class F>
inline objective<typename std::decay<F>::type> make_objective(std::size_t n, F &&fn)
{
    return objective<typename std::decay<F>::type>(n, std::forward<F>(fn));
}

#define HD__CXX_VTABLE_ENTRY(T, S, ID, ORDER, LANES, COUNTER, KIND, FACE, MEMBER, unused)        \
    HD__CAT(HD__CXX_VTABLE_ENTRY_, FACE)(T, MEMBER)
/* A vector function's members are f and f_dual only (hyper lives in the
 * table); the kinds they serve have no table entry, as in C. */
#define HD__CXX_VTABLE_ENTRY_CONTRACT(T, MEMBER) HD__CXX_VTABLE_ENTRY_##MEMBER(T)
#define HD__CXX_VTABLE_ENTRY_f(T) nullptr,
#define HD__CXX_VTABLE_ENTRY_f_dual(T) nullptr,
#define HD__CXX_VTABLE_ENTRY_f_hyper(T) &vector_objective::table_body<T>,
#define HD__CXX_VTABLE_ENTRY_TABLE(T, MEMBER) &vector_objective::table_body<T>,

/**
 * @brief A vector function F: R^n -> R^m written once as a templated functor,
 *        for hd_jacobian, hd_sum_of_squares (and so Gauss–Newton and
 *        Levenberg–Marquardt) and hd_fit_statistics; converts to
 *        `const hd_vector_objective *`.
 *
 * The functor has `template <class T> void operator()(const T *x, T *out) const`
 * and writes m outputs; it is instantiated for double (f), hd_dual (f_dual)
 * and every other kind of the list (a table `hd_vbodies`, whose value and
 * dual are NULL), as HD_GENERIC_VECTOR_OBJECTIVE does in C. Copies, lifetime and threads as
 * for hd::objective.
 * @tparam F the functor's type
 */
template <class F> class vector_objective : public detail::bound<F, hd_vector_objective> {
    static_assert(detail::vbody_ok<F, double>::value && detail::vbody_ok<F, hd_dual>::value,
                  "hd::vector_objective: the functor must be callable as fn(x, out) on a const "
                  "functor, x a const T * and out a T *, for T = double and hd_dual: "
                  "template <class T> void operator()(const T *x, T *out) const");
    typedef detail::bound<F, hd_vector_objective> base;

public:
    /**
     * @brief The function of n variables and m outputs computed by fn.
     * @param n  the number of variables
     * @param m  the number of outputs
     * @param fn the functor, copied (or moved) into the objective
     */
    vector_objective(std::size_t n, std::size_t m, F fn) : base(std::move(fn), unbound(n, m)) {}

private:
    template <class T> static void body(const T *x, T *out, void *ctx)
    {
        base::of(ctx).functor()(x, out);
    }
    template <class T> static void table_body(const T *x, T *out, std::size_t, void *ctx)
    {
        base::of(ctx).functor()(x, out);
    }
    /* The table in the list's order: every kind but those a member serves. */
    static const hd_vbodies *table()
    {
        static const hd_vbodies t = {sizeof(hd_vbodies), HD__EVAL_KINDS(HD__CXX_VTABLE_ENTRY, ~)};
        return &t;
    }
    static hd_vector_objective unbound(std::size_t n, std::size_t m)
    {
        hd_vector_objective o = hd_vector_objective();
        o.n = n;
        o.m = m;
        o.f = &vector_objective::body<double>;
        o.f_dual = &vector_objective::body<hd_dual>;
        o.bodies = table();
        return o;
    }
};

/**
 * @brief hd::vector_objective from fn, its type deduced (C++11).
 * @param n  the number of variables
 * @param m  the number of outputs
 * @param fn the functor: `template <class T> void operator()(const T *x, T *out) const`
 * @return the function; pass it to hd_jacobian as is
 */
template <class F>
inline vector_objective<typename std::decay<F>::type> make_vector_objective(std::size_t n,
                                                                            std::size_t m,
                                                                            F &&fn)
{
    return vector_objective<typename std::decay<F>::type>(n, m, std::forward<F>(fn));
}
} // namespace hd

#endif /* HYPERDUAL_HPP */

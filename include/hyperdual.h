/**
 * @file hyperdual.h
 * @brief Umbrella header of hyperdual: exact first and second derivatives by
 *        forward-mode automatic differentiation. Includes the public headers,
 *        nothing else. doc/api.md describes the API by task, and the
 *        headers' comments give each function's contract.
 */
#ifndef HYPERDUAL_H
#define HYPERDUAL_H

#include "hyperdual/version.h"
#include "hyperdual/error.h"
#include "hyperdual/types.h"
#include "hyperdual/kinds.h"
#include "hyperdual/rules.h"
#include "hyperdual/kernels.h"
#include "hyperdual/generic.h"
#include "hyperdual/call.h"
#include "hyperdual/diff.h"
#include "hyperdual/paths.h"
#include "hyperdual/sparse.h"
#include "hyperdual/optim.h"
#include "hyperdual/problems.h"
#include "hyperdual/expr.h"

#endif /* HYPERDUAL_H */

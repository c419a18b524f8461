// Names for compile({ optimizer: 'rmsprop' }): registers every optimizer beside sgd and adam, and
// re-exports getOptimizer so that importing it keeps the registrations (no side-effect-only import).

import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adamax } from './adamax.js';
import { Adamw } from './adamw.js';
import { Nadam } from './nadam.js';
import { getOptimizer as lookup, type Optimizer, registerOptimizer } from './optimizer.js';
import { Rmsprop } from './rmsprop.js';

registerOptimizer('rmsprop', () => new Rmsprop());
registerOptimizer('adagrad', () => new Adagrad());
registerOptimizer('adadelta', () => new Adadelta());
registerOptimizer('adamax', () => new Adamax());
registerOptimizer('nadam', () => new Nadam());
registerOptimizer('adamw', () => new Adamw());

/**
 * An optimizer from a name ('sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax', 'nadam', 'adamw') or an instance.
 * @example getOptimizer('rmsprop', 'compile').className  //=> 'RMSprop'
 */
export function getOptimizer(spec: string | Optimizer, where: string): Optimizer {
  return lookup(spec, where);
}

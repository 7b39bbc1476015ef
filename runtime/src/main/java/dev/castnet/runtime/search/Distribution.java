package dev.castnet.runtime.search;

import dev.castnet.runtime.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a searched hyperparameter's values come from: {@code choice(a, b, …)} (grid and random),
 * {@code uniform(a, b)}, {@code loguniform(a, b)} (random only) and {@code range(a, b, step)} (grid: a, a+step, …
 * up to and including b; random: one of those).
 */
public sealed interface Distribution {

    /**
     * {@return the values a grid search tries, in order}
     *
     * @throws IllegalArgumentException for a distribution a grid cannot enumerate (uniform, loguniform)
     */
    List<Object> gridValues();

    /**
     * One random draw.
     *
     * @param rng the search's generator
     * @return the value
     */
    Object sample(Rng rng);

    /**
     * Values are numbers ({@link Double}, or {@link Long} for integers) or words such as {@code relu}.
     *
     * @param values the values, in the order a grid tries them
     */
    record Choice(List<Object> values) implements Distribution {
        /**
         * Keeps a copy of the values.
         *
         * @param values the values, at least one
         * @throws IllegalArgumentException for no values
         */
        public Choice {
            if (values.isEmpty()) throw new IllegalArgumentException("choice() needs at least one value");
            values = List.copyOf(values);
        }

        @Override
        public List<Object> gridValues() {
            return values;
        }

        @Override
        public Object sample(Rng rng) {
            return values.get(rng.nextInt(values.size()));
        }
    }

    /**
     * {@code uniform(lo, hi)}: uniform in [lo, hi); random search only.
     *
     * @param lo the lower bound
     * @param hi the upper bound, at least {@code lo}
     */
    record Uniform(double lo, double hi) implements Distribution {
        /**
         * Checks the bounds.
         *
         * @param lo the lower bound
         * @param hi the upper bound, at least {@code lo}
         * @throws IllegalArgumentException when {@code lo > hi}
         */
        public Uniform {
            if (!(lo <= hi)) throw new IllegalArgumentException("uniform(a, b) needs a <= b, got " + lo + ", " + hi);
        }

        @Override
        public List<Object> gridValues() {
            throw new IllegalArgumentException("uniform(" + lo + ", " + hi + ") cannot be enumerated; a grid search"
                    + " needs choice(…) or range(a, b, step)");
        }

        @Override
        public Object sample(Rng rng) {
            return lo + (hi - lo) * rng.nextDouble();
        }
    }

    /**
     * {@code loguniform(lo, hi)}: e^U(ln lo, ln hi), for learning rates and strengths; random search only.
     *
     * @param lo the lower bound, positive
     * @param hi the upper bound, at least {@code lo}
     */
    record LogUniform(double lo, double hi) implements Distribution {
        /**
         * Checks the bounds.
         *
         * @param lo the lower bound, positive
         * @param hi the upper bound, at least {@code lo}
         * @throws IllegalArgumentException when {@code lo <= 0} or {@code lo > hi}
         */
        public LogUniform {
            if (!(lo > 0 && lo <= hi)) {
                throw new IllegalArgumentException("loguniform(a, b) needs 0 < a <= b, got " + lo + ", " + hi);
            }
        }

        @Override
        public List<Object> gridValues() {
            throw new IllegalArgumentException("loguniform(" + lo + ", " + hi + ") cannot be enumerated; a grid search"
                    + " needs choice(…) or range(a, b, step)");
        }

        @Override
        public Object sample(Rng rng) {
            return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
        }
    }

    /**
     * {@code range(lo, hi, step)}: lo, lo + step, … up to and including hi (whole numbers as {@link Long} when lo and
     * step are whole); a random search draws one of them.
     *
     * @param lo the first value
     * @param hi the last value at most
     * @param step the step, positive
     */
    record Range(double lo, double hi, double step) implements Distribution {
        /**
         * Checks the bounds.
         *
         * @param lo the first value
         * @param hi the last value at most
         * @param step the step, positive
         * @throws IllegalArgumentException when {@code step <= 0} or {@code lo > hi}
         */
        public Range {
            if (!(step > 0 && lo <= hi)) {
                throw new IllegalArgumentException("range(a, b, step) needs a <= b and step > 0, got " + lo + ", " + hi
                        + ", " + step);
            }
        }

        @Override
        public List<Object> gridValues() {
            boolean integral = lo == Math.rint(lo) && step == Math.rint(step);
            List<Object> out = new ArrayList<>();
            long n = (long) Math.floor((hi - lo) / step + 1e-9);
            for (long i = 0; i <= n; i++) {
                double v = lo + i * step;
                out.add(integral ? (Object) (long) v : (Object) v);
            }
            return out;
        }

        @Override
        public Object sample(Rng rng) {
            List<Object> values = gridValues();
            return values.get(rng.nextInt(values.size()));
        }
    }
}

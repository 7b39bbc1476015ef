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

    /** The values a grid search tries, in order. */
    List<Object> gridValues();

    /** One random draw. */
    Object sample(Rng rng);

    /** Values are numbers ({@link Double}, or {@link Long} for integers) or words such as {@code relu}. */
    record Choice(List<Object> values) implements Distribution {
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

    record Uniform(double lo, double hi) implements Distribution {
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

    record LogUniform(double lo, double hi) implements Distribution {
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

    record Range(double lo, double hi, double step) implements Distribution {
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

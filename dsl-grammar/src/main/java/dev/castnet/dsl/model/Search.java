package dev.castnet.dsl.model;

import java.util.List;

/**
 * The {@code search grid|random { }} block. {@code trials} is 0 for a grid (every combination).
 * Values of a CHOICE may be numbers or words (an activation name); other kinds hold numbers.
 */
public record Search(SearchMethod method, int trials, long seed, int parallel, List<Dimension> dimensions,
        SourcePos pos) {
    public Search {
        dimensions = List.copyOf(dimensions);
    }

    /**
     * One searched name. {@code index} is the i of {@code dropout[i]}, or -1. {@code structural} is true for
     * a {@code param} that changes the generated code (one class per combination).
     */
    public record Dimension(String name, int index, DistributionKind kind, List<String> values, boolean structural,
            SourcePos pos) {
        public Dimension {
            values = List.copyOf(values);
        }
    }
}

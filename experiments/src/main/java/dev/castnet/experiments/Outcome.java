package dev.castnet.experiments;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an experiment measured: {@code holds} is computed from {@code measured}, never written down;
 * {@code headline} is the one-line summary printed as progress; {@code discussion} is the report's paragraph
 * (markdown) that reads the numbers, including where the chapter's claim does not hold as printed.
 */
public record Outcome(boolean holds, Map<String, Object> measured, String headline, String discussion) {
    public Outcome {
        measured = new LinkedHashMap<>(measured);
    }

    /** Collects measurements in order, then the verdict. */
    public static final class Builder {
        private final Map<String, Object> measured = new LinkedHashMap<>();

        /** Records a number (or a list of numbers, a string, a boolean) under {@code name}; returns it. */
        public <T> T put(String name, T value) {
            measured.put(name, value);
            return value;
        }

        public Outcome outcome(boolean holds, String headline, String discussion) {
            return new Outcome(holds, measured, headline, discussion);
        }
    }
}

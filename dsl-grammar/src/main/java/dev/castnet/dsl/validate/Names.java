package dev.castnet.dsl.validate;

import java.util.Collection;

/** Did-you-mean suggestions by Levenshtein distance. */
final class Names {
    private Names() {}

    /** {@code "; did you mean 'x'?"} for the nearest candidate within distance 2 (1 for short words), else "". */
    static String suggest(String word, Collection<String> candidates) {
        String best = nearest(word, candidates);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /** As {@link #suggest}, else {@code "; expected one of a, b, c"}. */
    static String suggestOrList(String word, Collection<String> candidates) {
        String best = nearest(word, candidates);
        if (best != null) return "; did you mean '" + best + "'?";
        return candidates.isEmpty() ? "" : "; expected one of " + String.join(", ", candidates);
    }

    static String nearest(String word, Collection<String> candidates) {
        int limit = word.length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(word)) continue; // the word itself is no suggestion (`param a = a` used as a number)
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= limit && bestDistance < word.length() ? best : null;
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
            return Math.max(a.length(), b.length()); // far apart; spare the quadratic table for long words
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

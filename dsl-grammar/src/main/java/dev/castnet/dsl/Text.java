package dev.castnet.dsl;

/**
 * Making user text safe to echo in a message: a spec or a data file may hold terminal control bytes (ESC, BEL)
 * or invisible Unicode (bidirectional overrides, zero-width characters) that would act on the terminal or hide
 * what the message says, and a single word may be thousands of characters long.
 */
public final class Text {
    private Text() {}

    /**
     * {@code text} with every character a terminal would act on or not show escaped as {@code \}{@code uXXXX}:
     * C0 and C1 controls (except line feed and tab, which multi-line messages keep), DEL, Unicode format
     * characters (bidirectional controls, zero-width joiners, the byte-order mark), line and paragraph
     * separators, and unpaired surrogates. A backslash itself is kept: paths on Windows have them.
     */
    public static String printable(CharSequence text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = mustEscape(c)
                    || (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1))));
            if (escape && b == null) b = new StringBuilder(text.length() + 16).append(text, 0, i);
            if (b == null) continue;
            if (escape) b.append(String.format("\\u%04X", (int) c));
            else b.append(c);
        }
        return b == null ? text.toString() : b.toString();
    }

    private static boolean mustEscape(char c) {
        if (c == '\n' || c == '\t') return false;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@link #printable} of {@code word}, cut to {@code max} characters and marked with "..." when longer. */
    public static String abbreviate(String word, int max) {
        if (word.length() <= max) return printable(word);
        return printable(word.substring(0, max)) + "...";
    }
}

package dev.castnet.runtime.data;

import dev.castnet.runtime.Rng;

/**
 * A train/validation split. {@link #stratified} keeps each class's share: of every class, round(fraction ×
 * count) samples go to validation, chosen by a seeded shuffle; both parts keep the original row order.
 *
 * @param train the training part
 * @param validation the held-out part
 */
public record Split(Dataset train, Dataset validation) {

    /**
     * Holds out {@code fraction} of {@code data} for validation, per class for labelled data (plain random for
     * targets). {@code fraction} 0 gives an empty validation set.
     *
     * @param data the data to split
     * @param fraction the share held out, in [0, 1)
     * @param seed the seed of the shuffle that chooses the held-out samples
     * @return the two parts, each in the original order
     */
    public static Split stratified(Dataset data, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
        }
        Rng rng = new Rng(seed);
        boolean[] held = new boolean[data.size()];
        if (data.hasLabels()) {
            int[] labels = data.labels();
            for (int c = 0; c < data.classes(); c++) {
                int[] rows = rowsOfClass(labels, c);
                shuffle(rows, rng);
                int take = (int) Math.round(fraction * rows.length);
                for (int i = 0; i < take; i++) held[rows[i]] = true;
            }
        } else {
            int[] rows = new int[data.size()];
            for (int i = 0; i < rows.length; i++) rows[i] = i;
            shuffle(rows, rng);
            int take = (int) Math.round(fraction * rows.length);
            for (int i = 0; i < take; i++) held[rows[i]] = true;
        }
        int validationSize = 0;
        for (boolean h : held) if (h) validationSize++;
        int[] trainRows = new int[data.size() - validationSize];
        int[] validationRows = new int[validationSize];
        int t = 0, v = 0;
        for (int i = 0; i < held.length; i++) {
            if (held[i]) validationRows[v++] = i;
            else trainRows[t++] = i;
        }
        return new Split(data.subset(trainRows, data.name() + "/train"),
                data.subset(validationRows, data.name() + "/validation"));
    }

    private static int[] rowsOfClass(int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    /** Fisher–Yates with the given generator. */
    static void shuffle(int[] a, Rng rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}

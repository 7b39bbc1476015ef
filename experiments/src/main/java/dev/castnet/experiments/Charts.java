package dev.castnet.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart figures in one style: white, 760x460, legend inside, lines without markers unless asked. */
final class Charts {
    static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private Charts() {}

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(760).height(460).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    static XYChart scatter(String title, String xTitle, String yTitle) {
        XYChart c = xy(title, xTitle, yTitle);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /** A line series in palette colour {@code i}; NaN y values break the line. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, int i) {
        XYSeries s = c.addSeries(name, x, y);
        Color color = PALETTE[i % PALETTE.length];
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f)); // solid: XChart would cycle through dashed styles after a few series
        return s;
    }

    static XYSeries line(XYChart c, String name, List<Double> x, List<Double> y, int i) {
        return line(c, name, unbox(x), unbox(y), i);
    }

    /** 1, 2, …, n. */
    static double[] counting(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i + 1;
        return x;
    }

    /** A vertical marker line at {@code x} from {@code lo} to {@code hi}, dashed. */
    static XYSeries vertical(XYChart c, String name, double x, double lo, double hi, int i) {
        XYSeries s = line(c, name, new double[] {x, x}, new double[] {lo, hi}, i);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        return s;
    }

    /**
     * Contour lines of {@code z[iy][ix]} over the grid {@code xs} × {@code ys} at {@code levels}, by marching
     * squares: each level is one grey series whose segments are separated by NaN (XChart breaks a line there).
     */
    static void contours(XYChart c, double[] xs, double[] ys, double[][] z, double[] levels) {
        for (int l = 0; l < levels.length; l++) {
            double level = levels[l];
            List<Double> px = new ArrayList<>(), py = new ArrayList<>();
            for (int iy = 0; iy + 1 < ys.length; iy++) {
                for (int ix = 0; ix + 1 < xs.length; ix++) {
                    double[] cx = {xs[ix], xs[ix + 1], xs[ix + 1], xs[ix]};
                    double[] cy = {ys[iy], ys[iy], ys[iy + 1], ys[iy + 1]};
                    double[] cz = {z[iy][ix], z[iy][ix + 1], z[iy + 1][ix + 1], z[iy + 1][ix]};
                    List<double[]> crossings = new ArrayList<>();
                    for (int e = 0; e < 4; e++) {
                        int f = (e + 1) % 4;
                        if ((cz[e] < level) != (cz[f] < level)) {
                            double t = (level - cz[e]) / (cz[f] - cz[e]);
                            crossings.add(new double[] {cx[e] + t * (cx[f] - cx[e]), cy[e] + t * (cy[f] - cy[e])});
                        }
                    }
                    // two crossings: one segment; four (a saddle cell): two segments, paired in order
                    for (int k = 0; k + 1 < crossings.size(); k += 2) {
                        px.add(crossings.get(k)[0]);
                        py.add(crossings.get(k)[1]);
                        px.add(crossings.get(k + 1)[0]);
                        py.add(crossings.get(k + 1)[1]);
                        px.add(crossings.get(k + 1)[0]);
                        py.add(Double.NaN);
                    }
                }
            }
            if (px.isEmpty()) continue;
            XYSeries s = c.addSeries(String.format(java.util.Locale.ROOT, "loss %.3g", level), unbox(px), unbox(py));
            float grey = 0.35f + 0.5f * l / Math.max(1, levels.length - 1);
            s.setLineColor(new Color(grey, grey, grey));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1f);
            s.setShowInLegend(false);
        }
    }

    static double[] unbox(List<Double> v) {
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) a[i] = v.get(i);
        return a;
    }
}

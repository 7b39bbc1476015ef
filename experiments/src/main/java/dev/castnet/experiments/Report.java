package dev.castnet.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code results.json} (Gson) and {@code report.md} of a run of experiments. */
final class Report {
    /** One finished experiment: its outcome, the files it wrote (relative to the output folder) and its time. */
    record Entry(Experiment experiment, Outcome outcome, List<String> figures, List<String> data, double seconds) {}

    private Report() {}

    static void writeJson(Path file, List<Entry> entries) throws IOException {
        JsonArray list = new JsonArray();
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.experiment().id());
            o.addProperty("section", e.experiment().section());
            o.addProperty("claim", e.experiment().claim());
            o.addProperty("holds", e.outcome().holds());
            o.add("measured", json(e.outcome().measured()));
            o.add("figures", strings(e.figures()));
            o.add("data", strings(e.data()));
            o.addProperty("seconds", Math.round(e.seconds() * 10) / 10.0);
            list.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("experiments", list);
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
        Files.writeString(file, gson.toJson(root) + "\n", StandardCharsets.UTF_8);
    }

    /** Numbers, booleans, strings, lists and maps; a number that is not finite becomes null (JSON has no NaN). */
    static JsonElement json(Object v) {
        if (v == null) return JsonNull.INSTANCE;
        if (v instanceof Double d) return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
        if (v instanceof Float f) return json(f.doubleValue());
        if (v instanceof Number n) return new JsonPrimitive(n);
        if (v instanceof Boolean b) return new JsonPrimitive(b);
        if (v instanceof double[] a) {
            JsonArray arr = new JsonArray();
            for (double d : a) arr.add(json(d));
            return arr;
        }
        if (v instanceof List<?> l) {
            JsonArray arr = new JsonArray();
            for (Object o : l) arr.add(json(o));
            return arr;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObject o = new JsonObject();
            for (Map.Entry<?, ?> e : m.entrySet()) o.add(String.valueOf(e.getKey()), json(e.getValue()));
            return o;
        }
        return new JsonPrimitive(String.valueOf(v));
    }

    private static JsonArray strings(List<String> names) {
        JsonArray a = new JsonArray();
        names.forEach(a::add);
        return a;
    }

    static void writeMarkdown(Path file, List<Entry> entries, Lab.Scale scale, Map<String, String> pending)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# The chapter's claims, reproduced with castnet\n\n");
        md.append("Each experiment below trains castnet's own generated networks (the specs and annotated interfaces of\n"
                + "[`experiments/`](../../experiments)), measures, draws, and says whether the chapter's claim held;\n"
                + "`holds` is computed from the measurements. Written by `./castnet experiments`")
                .append(scale == Lab.Scale.QUICK ? " --quick (small sizes)" : "")
                .append("; every figure has the CSV of its data beside it, and `results.json` holds the numbers.\n\n");
        md.append("| experiment | claim | holds |\n| --- | --- | --- |\n");
        for (Entry e : entries) {
            md.append("| [").append(e.experiment().id()).append("](#").append(e.experiment().id()).append(") | ")
                    .append(e.experiment().claim().replace("|", "\\|")).append(" | ")
                    .append(e.outcome().holds() ? "yes" : "**no**").append(" |\n");
        }
        for (Map.Entry<String, String> p : pending.entrySet()) {
            md.append("| ").append(p.getKey()).append(" | not run: ").append(p.getValue()).append(" | — |\n");
        }
        md.append('\n');
        for (Entry e : entries) {
            Experiment x = e.experiment();
            md.append("<a id=\"").append(x.id()).append("\"></a>\n");
            md.append("## ").append(x.id()).append(": ").append(x.title()).append(" (").append(x.section()).append(")\n\n");
            md.append("**Claim.** ").append(x.claim()).append("\n\n");
            md.append("**").append(e.outcome().holds() ? "Holds" : "Does not hold").append(".** ")
                    .append(e.outcome().headline()).append("\n\n");
            if (!e.outcome().discussion().isBlank()) md.append(e.outcome().discussion().strip()).append("\n\n");
            for (String f : e.figures()) md.append("![").append(f).append("](").append(f).append(")\n\n");
            md.append("| measured | value |\n| --- | --- |\n");
            for (Map.Entry<String, Object> m : e.outcome().measured().entrySet()) {
                md.append("| `").append(m.getKey()).append("` | ").append(format(m.getValue())).append(" |\n");
            }
            md.append('\n');
            if (!e.data().isEmpty()) {
                md.append("Data: ");
                for (int i = 0; i < e.data().size(); i++) {
                    if (i > 0) md.append(", ");
                    md.append('[').append(e.data().get(i)).append("](").append(e.data().get(i)).append(')');
                }
                md.append(".\n\n");
            }
            md.append("Rerun: `./castnet experiments --only ").append(x.id()).append("` (")
                    .append(String.format(Locale.ROOT, "%.0f", e.seconds())).append(" s here).\n\n");
        }
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    }

    static String format(Object v) {
        if (v instanceof Double d) return fmt(d);
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < a.length; i++) sb.append(i > 0 ? ", " : "").append(fmt(a[i]));
            return sb.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.size(); i++) sb.append(i > 0 ? ", " : "").append(format(l.get(i)));
            return sb.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(sb.length() > 0 ? ", " : "").append(e.getKey()).append(" ").append(format(e.getValue()));
            }
            return sb.toString();
        }
        return String.valueOf(v);
    }

    /** 4 significant digits without trailing zeros: 0.05, 2.5e-07, 793. */
    static String fmt(double d) {
        if (Double.isNaN(d)) return "—";
        if (Double.isInfinite(d)) return d > 0 ? "∞" : "−∞";
        if (d == Math.rint(d) && Math.abs(d) < 1e9) return String.valueOf((long) d);
        java.math.BigDecimal b = new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros();
        double a = Math.abs(d);
        return a >= 1e-4 && a < 1e6 ? b.toPlainString() : String.format(Locale.ROOT, "%.3e", d);
    }
}

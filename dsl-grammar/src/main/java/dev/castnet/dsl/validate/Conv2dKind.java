package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Option;
import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.ast.Value;
import dev.castnet.dsl.model.Init;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Padding;
import dev.castnet.dsl.model.Shape;
import java.util.List;
import java.util.Map;

/**
 * {@code conv2d F kernel=K|KHxKW [stride=S] [padding=valid|same|P] [init=I] [bias=true|false]} on an image:
 * cross-correlation as PyTorch's {@code Conv2d}; default stride 1 and padding valid.
 */
final class Conv2dKind implements LayerKind {
    private static final List<String> OPTIONS = List.of("kernel", "stride", "padding", "init", "bias");
    private static final String EXAMPLE = "conv2d 32 kernel=3 padding=same";

    @Override
    public List<String> keywords() {
        return List.of("conv2d");
    }

    @Override
    public List<Class<? extends Layer>> produces() {
        return List.of(Layer.Conv2d.class);
    }

    @Override
    public List<String> options(String keyword) {
        return OPTIONS;
    }

    @Override
    public boolean weighted() {
        return true;
    }

    @Override
    public Layer read(Site site) {
        Statement s = site.statement();
        ValueReader v = site.values();
        Map<String, Option> o = v.options(s, "conv2d", OPTIONS);
        boolean ok = true;
        int filters = 1;
        if (v.usage(s, 1, 1, "the number of filters and kernel=K", EXAMPLE)) {
            Long n = v.whole(s.args().get(0), "conv2d filters", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) filters = (int) (long) n;
            else ok = false;
        } else {
            ok = false;
        }
        int[] kernel = null;
        if (!o.containsKey("kernel")) {
            // a misspelled option (kernal=3) is reported as such, not also as a missing kernel
            boolean misspelled = o.size() < s.options().size();
            if (ok && !misspelled) v.error(s.pos(), Message.USAGE, "conv2d", "the number of filters and kernel=K", EXAMPLE);
            ok = false;
        } else {
            kernel = kernel(o.get("kernel").value(), v);
        }
        int stride = 1;
        if (o.containsKey("stride")) {
            Long n = v.whole(o.get("stride").value(), "conv2d stride", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
            if (n != null) stride = (int) (long) n;
        }
        Padding padding = Padding.VALID;
        Value paddingValue = null;
        if (o.containsKey("padding")) {
            paddingValue = v.resolve(o.get("padding").value());
            padding = padding(paddingValue, v);
        }
        boolean bias = o.containsKey("bias") ? v.bool(o.get("bias").value(), "bias", true) : true;
        Init init = o.containsKey("init") ? v.init(o.get("init").value(), site.next())
                : ValueReader.defaultInit(site.next());
        Shape in = site.in();
        if (!in.isImage()) {
            v.error(s.pos(), Message.NEEDS_IMAGE, "conv2d", in.kind(), in);
            return null;
        }
        if (kernel == null || padding == null || !ok) return null;
        String kernelText = kernel[0] == kernel[1] ? Integer.toString(kernel[0]) : kernel[0] + "x" + kernel[1];
        if (padding.kind() == Padding.Kind.SAME) {
            if (kernel[0] % 2 == 0 || kernel[1] % 2 == 0) {
                v.error(paddingValue.pos(), Message.SAME_NEEDS_ODD_KERNEL, kernelText);
                return null;
            }
            if (stride != 1) {
                v.error(paddingValue.pos(), Message.SAME_NEEDS_STRIDE_ONE, stride);
                return null;
            }
        }
        if (in.dim(0) + 2L * padding.along(kernel[0]) < kernel[0]
                || in.dim(1) + 2L * padding.along(kernel[1]) < kernel[1]) {
            v.error(o.get("kernel").value().pos(), Message.KERNEL_TOO_LARGE, "conv2d", kernelText, in.dim(0),
                    in.dim(1), padding.toString());
            return null;
        }
        Layer.Conv2d c = new Layer.Conv2d(site.index(), in, filters, kernel[0], kernel[1], stride, padding, init, bias,
                s.pos());
        long weights = (long) c.patch() * filters;
        long outputs = (long) c.outHeight() * c.outWidth() * filters;
        if (weights > Integer.MAX_VALUE - 8 || outputs > Integer.MAX_VALUE - 8) {
            v.error(s.pos(), Message.TOO_MANY_WEIGHTS, c.name(), Math.max(weights, outputs), Integer.MAX_VALUE - 8);
            return null;
        }
        return c;
    }

    /** K or KHxKW, each at least 1; null after reporting. */
    private static int[] kernel(Value value, ValueReader v) {
        Value k = v.resolve(value);
        if (k instanceof Value.Dims dims) {
            String[] parts = dims.text().split("[xX]");
            if (parts.length != 2) {
                v.error(k.pos(), Message.KERNEL_FORM, dims.text());
                return null;
            }
            Long h = v.whole(new Value.Num(parts[0], k.pos()), "conv2d kernel height", 1, Integer.MAX_VALUE,
                    Bound.AT_LEAST_ONE.text);
            Long w = v.whole(new Value.Num(parts[1], k.pos()), "conv2d kernel width", 1, Integer.MAX_VALUE,
                    Bound.AT_LEAST_ONE.text);
            return h == null || w == null ? null : new int[] {(int) (long) h, (int) (long) w};
        }
        if (!(k instanceof Value.Num)) {
            v.error(k.pos(), Message.KERNEL_FORM, ValueReader.text(k));
            return null;
        }
        Long n = v.whole(k, "conv2d kernel", 1, Integer.MAX_VALUE, Bound.AT_LEAST_ONE.text);
        return n == null ? null : new int[] {(int) (long) n, (int) (long) n};
    }

    /** valid, same or a number of zeros P >= 0; null after reporting. */
    private static Padding padding(Value p, ValueReader v) {
        if (p instanceof Value.Num) {
            Long n = v.whole(p, "conv2d padding", 0, Integer.MAX_VALUE / 4, Bound.NON_NEGATIVE.text);
            return n == null ? null : Padding.of((int) (long) n);
        }
        String w = v.word(p, "conv2d padding", List.of("valid", "same"));
        if (w == null) return null;
        return w.equals("same") ? Padding.SAME : Padding.VALID;
    }
}

package dev.castnet.dsl.validate;

import dev.castnet.dsl.ast.Statement;
import dev.castnet.dsl.model.ActivationKind;
import dev.castnet.dsl.model.Layer;
import dev.castnet.dsl.model.Shape;
import java.util.List;

/**
 * One layer statement of the language (SPEC §2): its keywords, its options, and how a statement becomes a
 * {@link Layer} — options read with their defaults and bounds, the input shape checked, the output shape inferred.
 * A new layer kind is a new implementation and one line in {@link LayerKinds}.
 */
interface LayerKind {

    /** What a statement is read against. */
    record Site(Statement statement, Shape in, int index, ActivationKind next, ValueReader values) {}

    /** The statement keywords this kind reads ({@code dense}; several for the activations). */
    List<String> keywords();

    /** The layer types this kind produces (a test checks every {@link Layer} type has a kind). */
    List<Class<? extends Layer>> produces();

    /** The options a statement of {@code keyword} may carry, for did-you-mean hints and the language reference. */
    List<String> options(String keyword);

    /** True for layers with weights: the activation after them chooses their default initializer. */
    default boolean weighted() {
        return false;
    }

    /**
     * The counter that numbers layers of this kind from 0 ({@code dense0}, {@code maxpool1}); null when layers of
     * this kind are not numbered.
     */
    default String counter(String keyword) {
        return keyword;
    }

    /** The layer, or null after reporting why the statement cannot be one (the shape then flows on unchanged). */
    Layer read(Site site);
}

package dev.castnet.dsl.ast;

import dev.castnet.dsl.model.SourcePos;
import java.util.List;

/**
 * A parsed {@code .nn} file: the optional {@code castnet N} header ({@code version} null when absent), the
 * package ({@code ""} when absent) and its network blocks. The annotation processor builds the same tree from
 * an annotated interface, so every node can be constructed by hand.
 */
public record SpecFile(String file, Value.Num version, String packageName, List<NetworkDecl> networks,
        SourcePos pos) implements Node {
    public SpecFile {
        packageName = packageName == null ? "" : packageName;
        networks = List.copyOf(networks);
    }
}

package dev.castnet.cli;

import dev.castnet.dsl.SpecResult;
import dev.castnet.dsl.Text;
import dev.castnet.dsl.model.NetworkModel;
import dev.castnet.processor.generator.CodeGenerator;
import dev.castnet.processor.generator.GeneratedSource;
import dev.castnet.processor.generator.GenerationOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code castnet generate FILE.nn -d DIR}: the same Java sources the annotation processor writes. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the generated Java sources of a .nn spec (identical to the annotation processor's).")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.nn", description = "network spec file")
    Path file;

    @Option(names = {"-d", "--directory"}, required = true, paramLabel = "DIR",
            description = "source root to write into (package folders are created)")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        OutputFolder.check(dir, "-d");
        SpecResult result = Specs.load(file, spec.commandLine().getErr());
        if (result == null) return 1;
        OutputFolder.create(dir, "-d");
        for (NetworkModel model : result.networks()) {
            for (GeneratedSource source : CodeGenerator.generate(model, GenerationOptions.spec())) {
                Path target = dir.resolve(source.qualifiedName().replace('.', '/') + ".java");
                Files.createDirectories(target.getParent());
                Files.writeString(target, source.source(), StandardCharsets.UTF_8);
                out.println(Text.printable(target.toString()));
            }
        }
        out.flush();
        return 0;
    }
}

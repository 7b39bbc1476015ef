package dev.castnet.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine without a Spark distribution: a master and N workers bound to
 * 127.0.0.1, each its own JVM started from Spark's jars, on ports the system chooses. A worker starts its
 * executors with the class path it finds under {@code SPARK_HOME/jars}, so the cluster gets a temporary
 * {@code SPARK_HOME} whose {@code jars/} links to the given Spark jars, and {@code SPARK_SCALA_VERSION=2.13}
 * (without it Spark's launcher looks for a source build). The tests search through it; by hand:
 * {@code java -cp "$(cat spark/target/classpath.txt)":spark/target/classes dev.castnet.spark.LocalCluster --workers 2}.
 */
public final class LocalCluster implements AutoCloseable {
    /** How long a master or a worker gets to come up. */
    static final long START_SECONDS = 120;

    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern REGISTERED = Pattern.compile("Successfully registered with master");

    private final Path home;
    private final List<Daemon> daemons = new ArrayList<>();
    private String masterUrl;

    private LocalCluster(Path home) {
        this.home = home;
    }

    /**
     * Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} (such as {@code 2g})
     * each, and returns once every worker has registered with the master.
     *
     * @param sparkJars Spark and its libraries (not castnet: the executors get castnet from the driver)
     */
    public static LocalCluster start(List<Path> sparkJars, int workers, int cores, String memory) throws IOException {
        LocalCluster c = new LocalCluster(Files.createTempDirectory("castnet-spark-home"));
        try {
            Path jars = Files.createDirectories(c.home.resolve("jars"));
            for (int i = 0; i < sparkJars.size(); i++) {
                Path jar = sparkJars.get(i), link = jars.resolve(jar.getFileName());
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) link = jars.resolve(i + "-" + jar.getFileName());
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
            String classPath = String.join(File.pathSeparator, sparkJars.stream().map(Path::toString).toList());
            Daemon master = c.launch("master", classPath, "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"), MASTER_URL);
            Matcher m = MASTER_URL.matcher(master.await());
            c.masterUrl = m.find() ? m.group(1) : null;
            List<Daemon> started = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(c.home.resolve("work-" + w));
                started.add(c.launch("worker-" + w, classPath, "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", String.valueOf(cores),
                                "--memory", memory, "--work-dir", work.toString(), c.masterUrl), REGISTERED));
            }
            for (Daemon d : started) d.await();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The folder of the daemons' logs and the workers' work folders (executor logs), until {@link #close}. */
    public Path home() {
        return home;
    }

    /** The last lines of every daemon's log, for a test that failed. */
    public String logTail() {
        StringBuilder sb = new StringBuilder();
        for (Daemon d : daemons) {
            sb.append("--- ").append(d.name).append('\n');
            synchronized (d.tail) {
                for (String line : d.tail) sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Stops the workers (and the executors they started), then the master, and removes the temporary folder.
     * Processes that do not end on a polite request within 30 s are killed.
     */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) daemons.get(i).stop();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private Daemon launch(String name, String classPath, String mainClass, List<String> args, Pattern ready)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-Xmx512m", "-Dspark.master.rest.enabled=false", "-cp", classPath, mainClass));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(home.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        Daemon d = new Daemon(name, pb.start(), home.resolve(name + ".log"), ready);
        daemons.add(d);
        return d;
    }

    /** One daemon JVM; a thread copies its output to its log and watches for the line that says it is up. */
    private static final class Daemon {
        final String name;
        final Process process;
        final Deque<String> tail = new ArrayDeque<>();
        final CompletableFuture<String> up = new CompletableFuture<>();

        Daemon(String name, Process process, Path log, Pattern ready) {
            this.name = name;
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.println(line);
                        synchronized (tail) {
                            tail.addLast(line);
                            if (tail.size() > 40) tail.removeFirst();
                        }
                        if (!up.isDone() && ready.matcher(line).find()) up.complete(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
                up.completeExceptionally(new IllegalStateException("Spark " + name + " ended before it was up"));
            }, "castnet-spark-" + name);
            t.setDaemon(true);
            t.start();
        }

        /** The line that says the daemon is up. */
        String await() {
            try {
                return up.get(START_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Spark " + name + " did not come up within " + START_SECONDS + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage() + ": " + String.join("\n", tail));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Spark " + name + " started");
            }
        }

        void stop() {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ProcessHandle child : children) { // executors a worker did not stop
                child.destroyForcibly();
                child.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(x -> child).join();
            }
        }
    }

    /** {@code LocalCluster [--workers N] [--cores C] [--memory M] [--jars FILE]}: runs until Enter or end of input. */
    public static void main(String[] args) throws IOException {
        int workers = 1, cores = 1;
        String memory = "2g";
        Path jarsFile = Path.of("spark", "target", "spark-classpath.txt");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workers" -> workers = Integer.parseInt(args[i + 1]);
                case "--cores" -> cores = Integer.parseInt(args[i + 1]);
                case "--memory" -> memory = args[i + 1];
                case "--jars" -> jarsFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; LocalCluster [--workers N] [--cores C] [--memory M] [--jars FILE]");
            }
        }
        List<Path> jars = Stream.of(Files.readString(jarsFile).strip().split(File.pathSeparator)).map(Path::of).toList();
        try (LocalCluster c = start(jars, workers, cores, memory)) {
            Runtime.getRuntime().addShutdownHook(new Thread(c::close));
            System.out.println(c.masterUrl() + " (" + workers + " workers, " + cores + " cores each; Enter stops it)");
            System.in.read();
        }
    }
}

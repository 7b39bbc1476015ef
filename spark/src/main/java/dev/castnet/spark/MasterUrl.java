package dev.castnet.spark;

import dev.castnet.cli.ClusterSearch.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --spark MASTER} argument: which masters castnet accepts, and whether a standalone master answers,
 * checked before Spark starts (Spark itself would print stack traces, or try an absent master for a minute).
 */
final class MasterUrl {
    static final String KINDS = "local[K] (embedded, K trials at once), spark://HOST:PORT (a standalone cluster),"
            + " or yarn or k8s://https://HOST:PORT under spark-submit";
    /** How long a standalone master gets to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 10_000;

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,(\\d+))?])?");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]+]|[^:\\[\\]/]+):(\\d{1,5})");

    private MasterUrl() {}

    /** Throws a one-line {@link Failure} unless {@code master} is a master URL castnet can run on. */
    static void check(String master) {
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            if ("0".equals(local.group(2))) throw new Failure("--spark " + master + ": local[K] needs K >= 1 threads");
            if ("0".equals(local.group(4))) throw new Failure("--spark " + master + ": local[K,F] needs F >= 1 attempts");
            return;
        }
        if (master.startsWith("spark://")) {
            standalone(master);
            return;
        }
        if (master.equals("yarn") || master.startsWith("k8s://")) return;
        throw new Failure("--spark " + master + ": not a Spark master; use " + KINDS);
    }

    /** The masters of {@code spark://h1:p1,h2:p2} (several with ZooKeeper recovery). */
    static List<InetSocketAddress> standalone(String master) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hp : master.substring("spark://".length()).split(",", -1)) {
            Matcher m = HOST_PORT.matcher(hp);
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw new Failure("--spark " + master + ": a standalone master is spark://HOST:PORT (the master's"
                        + " log says which, 7077 by default)");
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return out;
    }

    /** Throws a one-line {@link Failure} when no master of a {@code spark://} URL accepts a connection. */
    static void reachable(String master) {
        if (!master.startsWith("spark://")) return;
        String why = null;
        for (InetSocketAddress a : standalone(master)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(a.getHostString()), a.getPort()), CONNECT_TIMEOUT_MS);
                return;
            } catch (UnknownHostException e) {
                why = "unknown host " + a.getHostString();
            } catch (IOException e) {
                why = (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " at "
                        + a.getHostString() + ":" + a.getPort();
            }
        }
        throw new Failure("--spark " + master + ": no Spark master answers (" + why + "); is the master running, and"
                + " is this the URL its log gives?");
    }

    /** Whether every master of a {@code spark://} URL is on this machine. */
    static boolean onLoopback(String master) {
        if (!master.startsWith("spark://")) return false;
        for (InetSocketAddress a : standalone(master)) {
            try {
                if (!InetAddress.getByName(a.getHostString()).isLoopbackAddress()) return false;
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }
}

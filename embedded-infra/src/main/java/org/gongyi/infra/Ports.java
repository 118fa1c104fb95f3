package org.gongyi.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Loopback ports for the embedded servers, the launcher and tests. */
public final class Ports {
    private Ports() {}

    /** A port free on 127.0.0.1 at the time of the call. */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Picks ports that are free on 127.0.0.1 and distinct from each other: each stays bound until {@link #close()}, so
     * the system cannot hand the same one out twice (two {@link #free()} calls can return the same port).
     */
    public static final class Picker implements AutoCloseable {
        private final List<ServerSocket> held = new ArrayList<>();

        /** A free port, none of those picked before. */
        public int one() {
            try {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A free port whose next one is free too (Kafka's broker and controller), none of those picked before. */
        public int pair() {
            while (true) {
                int port = one();
                if (port < 65535) {
                    try {
                        held.add(new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress()));
                        return port;
                    } catch (IOException taken) {
                        // try another
                    }
                }
            }
        }

        @Override
        public void close() {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a listening socket
                }
            }
            held.clear();
        }
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

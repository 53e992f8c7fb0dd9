package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A host that never answers a connection attempt, as a Fractal behind a firewall that drops packets (or a host that
 * is gone) would be: unlike a closed port, which refuses at once, a client's connect waits until its own connect
 * timeout. Made on the loopback interface with a listening socket that never accepts and whose small accept queue
 * is filled first: Linux then drops further connection requests instead of refusing them.
 */
public final class SilentHost implements AutoCloseable {
    private static final int QUEUE = 1;
    private static final int FILL_ATTEMPT_MILLIS = 300;

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private SilentHost() throws IOException {
        listener = new ServerSocket(0, QUEUE, InetAddress.getLoopbackAddress());
        fillAcceptQueue();
    }

    public static SilentHost start() throws IOException {
        return new SilentHost();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Connects until one attempt hangs: from then on the queue is full and every new attempt hangs the same way. */
    private void fillAcceptQueue() throws IOException {
        for (int attempt = 0; attempt < 8; attempt++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), FILL_ATTEMPT_MILLIS);
                fillers.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        close();
        throw new IOException("the accept queue never filled up: connection attempts would be answered, not dropped");
    }

    @Override
    public void close() {
        for (Socket socket : fillers) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

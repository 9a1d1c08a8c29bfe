package dev.sessionplugin.core.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of the S3 server that breaks object downloads: once a connection has sent a GET,
 * the response is cut (or stalls) after a few bytes of it. HEAD and LIST requests pass untouched.
 */
public final class FaultyProxy implements AutoCloseable {

    /**
     * CUT and STALL break GETs; SLOW passes everything but holds each connection to {@link #SLOW_BYTES_PER_SECOND}
     * from the server, as a long round trip limits one TCP stream on a real network (benchmarks).
     */
    public enum Mode { CUT, STALL, SLOW }

    public static final long SLOW_BYTES_PER_SECOND = 40L << 20;

    private final ServerSocket server;
    private final int target;
    private final Mode mode;
    private final AtomicInteger faultsLeft;
    private volatile boolean open = true;

    /** @param faults how many GETs to break; later ones pass */
    public FaultyProxy(int targetPort, Mode mode, int faults) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = targetPort;
        this.mode = mode;
        this.faultsLeft = new AtomicInteger(faults);
        Thread accept = new Thread(this::accept, "faulty-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                boolean[] getSeen = {false};
                pump(client.getInputStream(), upstream.getOutputStream(), chunk -> {
                    if (chunk.startsWith("GET ") && !chunk.contains("list-type")) {
                        getSeen[0] = true;
                    }
                }, null, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), chunk -> { }, getSeen, client, upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, java.util.function.Consumer<String> look, boolean[] getSeen,
                      Socket a, Socket b) {
        Thread t = new Thread(() -> {
            boolean slow = mode == Mode.SLOW && getSeen != null;
            byte[] buffer = new byte[slow ? 64 * 1024 : 1024];
            long afterGet = 0;
            boolean faulting = false;
            long started = System.nanoTime();
            long passed = 0;
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (slow) {
                        out.write(buffer, 0, n);
                        out.flush();
                        passed += n;
                        long due = passed * 1_000_000_000L / SLOW_BYTES_PER_SECOND - (System.nanoTime() - started);
                        if (due > 0) {
                            Thread.sleep(due / 1_000_000, (int) (due % 1_000_000));
                        }
                        continue;
                    }
                    look.accept(new String(buffer, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1));
                    if (getSeen != null && getSeen[0] && !faulting) {
                        faulting = faultsLeft.getAndDecrement() > 0;
                        getSeen[0] = false;
                    }
                    if (faulting) {
                        afterGet += n;
                        if (afterGet > 2048) {
                            if (mode == Mode.CUT) {
                                a.close();
                                b.close();
                                return;
                            }
                            Thread.sleep(60_000);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed
            } finally {
                try {
                    a.close();
                    b.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}

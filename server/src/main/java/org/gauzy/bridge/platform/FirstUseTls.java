package org.gauzy.bridge.platform;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;
import org.springframework.util.function.SingletonSupplier;

/**
 * Apache HttpClient's default TLS, set up at a client's first https call rather than when the client is built.
 * Setting it up reads the JDK's trust store, a noticeable share of a start-up bound by the CPU, and a node may
 * make no https call for a long while, or ever: an Activepieces on the same network is often reached over http.
 */
public final class FirstUseTls implements TlsSocketStrategy {

    private final SingletonSupplier<TlsSocketStrategy> tls =
            SingletonSupplier.of(DefaultClientTlsStrategy::createDefault);

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, @Nullable Object attachment, HttpContext context)
            throws IOException {
        return tls.obtain().upgrade(socket, target, port, attachment, context);
    }
}

package org.gauzy.bridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request written byte for byte on a socket: what clients send that Java's URI class would refuse to
 * build, such as unencoded brackets in a query (axios, {@code curl -g}).
 */
public final class RawHttp {

    /** The answer: status, the raw head, and the body. */
    public record Answer(int status, String head, String body) {

        public String contentType() {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Type")) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }

    private RawHttp() {}

    /** {@code GET target} (path and query exactly as given) with the headers, HTTP/1.1, connection closed. */
    public static Answer get(int port, String target, Map<String, String> headers) {
        return send(port, "GET", target, headers, null, null);
    }

    /**
     * {@code method target} with the headers and, when a content type is given, the body (UTF-8, with its
     * length). A server that answers before it has read the whole body may close the connection while the
     * body is still being written: its answer is read all the same.
     */
    public static Answer send(
            int port, String method, String target, Map<String, String> headers, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var request = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: localhost:")
                .append(port)
                .append("\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (contentType != null) {
            request.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(content.length)
                    .append("\r\n");
        }
        request.append("\r\n");
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().write(content);
                socket.getOutputStream().flush();
            } catch (IOException answeredEarly) {
                // Read what the server said before it closed.
            }
            byte[] all = readAll(socket.getInputStream());
            int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            String head = new String(all, 0, split < 0 ? all.length : split, StandardCharsets.UTF_8);
            byte[] rest = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            String answer = new String(rest, StandardCharsets.UTF_8);
            return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (at < chunked.length) {
            int end = indexOf(chunked, crlf, at);
            if (end < 0) {
                break;
            }
            String line = new String(chunked, at, end - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = line.isEmpty() ? 0 : Integer.parseInt(line, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, end + 2, Math.min(size, chunked.length - end - 2));
            at = end + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part, int from) {
        outer:
        for (int i = from; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

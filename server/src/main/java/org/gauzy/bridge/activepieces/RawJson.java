package org.gauzy.bridge.activepieces;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * A JSON value as UTF-8 bytes that an answer writes as they are ({@code JsonGenerator.writeRawValue}): a range of
 * the bytes Activepieces sent. The UTF-8 generator that writes an answer copies the range into its buffer; the
 * text is decoded only for a generator of characters, or for a quoted form, which raw JSON has no use for.
 */
final class RawJson implements SerializableString {

    private final byte[] bytes;
    private final int from;
    private final int length;

    RawJson(byte[] bytes, int from, int to) {
        if (from < 0 || to > bytes.length || from > to) {
            throw new IndexOutOfBoundsException("JSON range " + from + ".." + to + " of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.from = from;
        this.length = to - from;
    }

    @Override
    public String getValue() {
        return new String(bytes, from, length, UTF_8);
    }

    private SerializedString text() {
        return new SerializedString(getValue());
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, from, from + length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, from, buffer, offset, length);
        return length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, from, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) {
            return -1;
        }
        buffer.put(bytes, from, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        return text().appendUnquoted(buffer, offset);
    }

    @Override
    public char[] asQuotedChars() {
        return text().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return text().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return text().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return text().appendQuoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return text().writeQuotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return text().putQuotedUTF8(buffer);
    }

    /** Its size only: a log line that names it shows no content of Activepieces'. */
    @Override
    public String toString() {
        return "RawJson[" + length + " bytes]";
    }
}
